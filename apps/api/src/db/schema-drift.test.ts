import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM, type EntityMetadata } from '@mikro-orm/postgresql';
import { startTestApi, type TestApi } from '../test/harness.js';
import {
  columnTypeMismatch, findSchemaDrift, formatColumnType, parseColumnType, readDatabaseSchema, schemaDriftOf, valuesOfCheck,
  type DbSchema, type Drift,
} from './schema-drift.js';

let api: TestApi;
let live: DbSchema;
let entities: EntityMetadata[];

const brief = (drifts: Drift[]) => drifts.map((d) => `${d.kind} ${d.table}${d.column ? `.${d.column}` : ''}`).sort();

beforeAll(async () => {
  api = await startTestApi();
  live = await readDatabaseSchema((sql) => api.sql(sql));
  entities = Object.values(api.orm.getMetadata().getAll());
});
afterAll(() => api?.close());

/** Real MikroORM metadata for entity definitions, discovered the way the API discovers its own (no database needed). */
async function discover(...schemas: EntitySchema<any>[]): Promise<EntityMetadata[]> {
  const orm = await MikroORM.init({ clientUrl: 'postgresql://nobody@127.0.0.1:1/none', entities: schemas, connect: false, discovery: { warnWhenNoEntities: false } });
  try {
    return Object.values(orm.getMetadata().getAll());
  } finally {
    await orm.close();
  }
}

describe('the migrated database and the entities', () => {
  it('agree: no drift', async () => {
    const drifts = await schemaDriftOf(api.orm);
    expect(drifts.map((d) => d.message)).toEqual([]);
  });

  it('are compared table by table: every entity table is in the database, with its enum checks read', () => {
    const tables = entities.filter((m) => !m.embeddable && !m.virtual && m.tableName).map((m) => `public.${m.tableName}`);
    expect(tables.length).toBeGreaterThanOrEqual(20);
    for (const table of tables) expect(Object.keys(live), table).toContain(table);
    expect(live['public.org_node'].level.allowedValues?.sort()).toEqual(['BRANCH', 'BUILDING_GROUP', 'COMMUNITY', 'MEMBER_HOUSEHOLD', 'STREET']);
    expect(live['public.org_node'].buildings).toMatchObject({ type: 'text[]', nullable: false, hasDefault: true });
    expect(live['public.property_evaluation'].total).toMatchObject({ generated: true });
    expect(live['public.org_node'].id).toMatchObject({ type: 'integer', hasDefault: true });
  });
});

describe('an entity that claims what the table does not have', () => {
  it('reports a missing column, a wrong type, wrong nullability, enum values and a missing table', async () => {
    const BrokenMember = new EntitySchema<any>({
      name: 'BrokenMember',
      tableName: 'party_member',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        orgNodeId: { type: 'integer' },
        name: { type: 'text' },
        gender: { type: 'integer' }, // text in the table
        status: { enum: true, items: ['FULL', 'PROBATIONARY', 'EXPELLED'], type: 'string' }, // the table refuses EXPELLED
        workUnit: { type: 'text' }, // nullable in the table
        joinedOn: { type: 'date', nullable: true },
        createdAt: { type: 'datetime', nullable: true }, // NOT NULL in the table
        updatedAt: { type: 'datetime' },
        archivedAt: { type: 'datetime', nullable: true },
        communityId: { type: 'integer', nullable: true },
        nickname: { type: 'text', nullable: true }, // no such column
      },
    });
    const Ghost = new EntitySchema<any>({ name: 'Ghost', tableName: 'ghost', properties: { id: { type: 'integer', primary: true } } });
    const drifts = findSchemaDrift(await discover(BrokenMember, Ghost), live);
    expect(brief(drifts)).toEqual([
      'ENUM_VALUES public.party_member.status',
      'MISSING_COLUMN public.party_member.nickname',
      'MISSING_TABLE public.ghost',
      'NULLABILITY public.party_member.created_at',
      'NULLABILITY public.party_member.work_unit',
      'TYPE public.party_member.gender',
    ]);
    const byColumn = Object.fromEntries(drifts.map((d) => [d.column ?? d.table, d]));
    expect(byColumn.gender).toMatchObject({ property: 'BrokenMember.gender', entity: 'int', database: 'text' });
    expect(byColumn.work_unit.message).toContain('allows null');
    expect(byColumn.created_at.message).toContain('NOT NULL');
    expect(byColumn.status.message).toContain('the database refuses EXPELLED');
    expect(byColumn.nickname.message).toBe('BrokenMember.nickname maps column public.party_member.nickname, which the table lacks');
  });

  it('reports NOT NULL columns without a default that no entity maps, and a generated column mapped as plain', async () => {
    const PartialEvaluation = new EntitySchema<any>({
      name: 'PartialEvaluation',
      tableName: 'property_evaluation',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        unitId: { type: 'integer' },
        communityId: { type: 'integer' },
        period: { type: 'text' },
        serviceScore: { type: 'smallint' },
        environmentScore: { type: 'smallint' },
        safetyScore: { type: 'smallint' },
        // response_score and flag are left out
        total: { type: 'decimal', precision: 5, scale: 2, nullable: true },
      },
    });
    expect(brief(findSchemaDrift(await discover(PartialEvaluation), live))).toEqual([
      'GENERATED public.property_evaluation.total',
      'UNMAPPED_REQUIRED public.property_evaluation.flag',
      'UNMAPPED_REQUIRED public.property_evaluation.response_score',
    ]);
  });
});

describe('a database that lost what the entities map', () => {
  it('reports each change against the real entities, and nothing else', () => {
    const broken: DbSchema = structuredClone(live);
    delete broken['public.household'].phone;
    broken['public.activity'].capacity.type = 'text';
    broken['public.venue'].address.nullable = true;
    broken['public.activity'].starts_at.type = 'timestamp without time zone';
    broken['public.org_node'].level.allowedValues = ['STREET', 'COMMUNITY', 'BRANCH', 'BUILDING_GROUP'];
    delete broken['public.registration'].status.allowedValues;
    broken['public.agreement'].commitments.type = 'text';
    broken['public.service_record'].hours.type = 'numeric(5,1)';
    broken['public.account'].id.hasDefault = false;
    broken['public.volunteer'].reviewer = { type: 'text', nullable: false, hasDefault: false, generated: false };
    delete broken['public.recognition'];
    const drifts = findSchemaDrift(entities, broken);
    expect(brief(drifts)).toEqual([
      'ENUM_VALUES public.org_node.level',
      'ENUM_VALUES public.registration.status',
      'MISSING_COLUMN public.household.phone',
      'MISSING_TABLE public.recognition',
      'NO_DEFAULT public.account.id',
      'NULLABILITY public.venue.address',
      'TYPE public.activity.capacity',
      'TYPE public.activity.starts_at',
      'TYPE public.agreement.commitments',
      'TYPE public.service_record.hours',
      'UNMAPPED_REQUIRED public.volunteer.reviewer',
    ]);
    expect(drifts.find((d) => d.column === 'level')?.message).toContain('the database refuses MEMBER_HOUSEHOLD');
    expect(drifts.find((d) => d.column === 'status')?.message).toContain('no check constraint');
  });

  it('finds drift made by a migration in the live database', async () => {
    await api.sql(`alter table venue alter column address drop not null`);
    await api.sql(`alter table household alter column size type bigint`);
    await api.sql(`alter table recognition add column reviewer text not null default '-'`);
    await api.sql(`alter table recognition alter column reviewer drop default`);
    await api.sql(`alter table activity_series drop constraint activity_series_frequency_check, add check (frequency in ('WEEKLY', 'MONTHLY', 'DAILY'))`);
    await api.sql(`alter table household add column note text`); // nullable and unmapped: fine
    const drifts = await schemaDriftOf(api.orm);
    expect(brief(drifts)).toEqual([
      'ENUM_VALUES public.activity_series.frequency',
      'NULLABILITY public.venue.address',
      'TYPE public.household.size',
      'UNMAPPED_REQUIRED public.recognition.reviewer',
    ]);
    expect(drifts.find((d) => d.column === 'frequency')?.message).toContain('the entity does not know DAILY');
  });
});

describe('column types', () => {
  it('reads MikroORM and PostgreSQL spellings alike', () => {
    const same = (...spellings: string[]) => expect(new Set(spellings.map((s) => formatColumnType(parseColumnType(s)))).size, spellings.join(' / ')).toBe(1);
    same('int', 'integer', 'int4', 'serial', 'INTEGER');
    same('bigint', 'int8', 'bigserial');
    same('smallint', 'int2');
    same('boolean', 'bool');
    same('double precision', 'float8', 'double');
    same('timestamptz', 'timestamp with time zone');
    same('timestamp', 'timestamp without time zone');
    same('text[]', '_text');
    same('numeric(6,2)', 'numeric(6, 2)', 'decimal(6,2)');
    same('character varying(20)', 'varchar(20)');
    expect(parseColumnType('timestamp(3) with time zone')).toEqual({ base: 'timestamptz', params: [3], arrayDims: 0 });
  });

  it('accepts what reads and writes without loss, refuses the rest', () => {
    for (const [entity, db] of [['int', 'integer'], ['serial', 'integer'], ['text', 'character varying'], ['varchar(255)', 'text'], ['varchar(20)', 'character varying(50)'],
      ['jsonb', 'json'], ['json', 'jsonb'], ['timestamptz', 'timestamp(3) with time zone'], ['text[]', 'text[]'], ['numeric', 'numeric(6,2)'], ['boolean', 'bool'], ['date', 'date'], ['datetime', 'timestamp with time zone']]) {
      expect(columnTypeMismatch(entity, db), `${entity} vs ${db}`).toBeNull();
    }
    for (const [entity, db] of [['int', 'bigint'], ['int', 'text'], ['text', 'character varying(20)'], ['varchar(255)', 'varchar(100)'], ['timestamptz', 'timestamp without time zone'],
      ['datetime', 'timestamp'], ['text[]', 'text'], ['text', 'text[]'], ['int[]', 'text[]'], ['numeric(6,2)', 'numeric(5,2)'], ['boolean', 'integer'], ['uuid', 'text'], ['jsonb', 'text']]) {
      expect(columnTypeMismatch(entity, db), `${entity} vs ${db}`).not.toBeNull();
    }
  });

  it('reads enum values from check constraints as PostgreSQL prints them', () => {
    expect(valuesOfCheck(`CHECK ((level = ANY (ARRAY['STREET'::text, 'COMMUNITY'::text])))`)).toEqual(['STREET', 'COMMUNITY']);
    expect(valuesOfCheck(`CHECK (((kind)::text = ANY ((ARRAY['A'::character varying, 'B''s'::character varying])::text[])))`)).toEqual(['A', "B's"]);
    expect(valuesOfCheck(`CHECK ((grade = ANY (ARRAY[1, 2, 3])))`)).toEqual(['1', '2', '3']);
    expect(valuesOfCheck(`CHECK (((length(name) >= 1) AND (length(name) <= 100)))`)).toBeNull();
    expect(valuesOfCheck(`CHECK ((phone ~ '^1[3-9][0-9]{9}$'::text))`)).toBeNull();
  });
});
