/**
 * Schema drift: do the hand-written migrations and the entities agree?
 *
 * The database schema is owned by hand-written SQL migrations; the entities only describe it. When the two
 * disagree (a column the entity maps that the table lacks, another type, another nullability, enum values the
 * table's check constraint does not allow) the ORM fails at run time, often only on the code path that touches
 * the column. `findSchemaDrift` compares the entities' metadata with the live schema and reports every
 * difference; `readDatabaseSchema` reads that schema from pg_catalog.
 */
import { ReferenceKind, type EntityMetadata, type EntityProperty, type MikroORM } from '@mikro-orm/core';

/** One column of the live database, as far as the ORM cares. */
export interface DbColumn {
  /** PostgreSQL's own spelling (`format_type`): integer, text[], timestamp with time zone, numeric(6,2) ... */
  type: string;
  nullable: boolean;
  /** A default, a serial sequence or an identity: an insert may leave the column out. */
  hasDefault: boolean;
  /** `generated always as (...) stored`: nobody may write it. */
  generated: boolean;
  /** Values a single-column check constraint `col in (...)` allows (how this schema stores enums). */
  allowedValues?: string[];
}

/** Tables by qualified name (`public.org_node`), columns by name. */
export type DbSchema = Record<string, Record<string, DbColumn>>;

export type DriftKind =
  | 'MISSING_TABLE'
  | 'MISSING_COLUMN'
  | 'TYPE'
  | 'NULLABILITY'
  | 'ENUM_VALUES'
  | 'NO_DEFAULT'
  | 'GENERATED'
  | 'UNMAPPED_REQUIRED';

export interface Drift {
  kind: DriftKind;
  table: string;
  column?: string;
  /** Entity and property, e.g. PartyMemberEntity.phone (absent for unmapped columns). */
  property?: string;
  /** What the entity expects and what the database has. */
  entity?: string;
  database?: string;
  message: string;
}

export interface DriftOptions {
  /** The schema of entities that name none (MikroORM's default on PostgreSQL: public). */
  defaultSchema?: string;
}

// ---------------------------------------------------------------------------------------------- column types

/** A column type reduced to a canonical name and its parameters: `numeric(6,2)` -> { base: numeric, params: [6, 2] }. */
export interface ColumnType { base: string; params: number[]; arrayDims: number }

const BASE_ALIASES: Record<string, string> = {
  int: 'int4', integer: 'int4', int4: 'int4', serial: 'int4', serial4: 'int4', mediumint: 'int4',
  bigint: 'int8', int8: 'int8', bigserial: 'int8', serial8: 'int8',
  smallint: 'int2', int2: 'int2', smallserial: 'int2', serial2: 'int2', tinyint: 'int2',
  boolean: 'bool', bool: 'bool',
  'double precision': 'float8', double: 'float8', float8: 'float8', float: 'float8',
  real: 'float4', float4: 'float4',
  numeric: 'numeric', decimal: 'numeric',
  text: 'text', 'character varying': 'varchar', varchar: 'varchar', character: 'bpchar', char: 'bpchar', bpchar: 'bpchar',
  // MikroORM's datetime is timestamptz on PostgreSQL
  'timestamp with time zone': 'timestamptz', timestamptz: 'timestamptz', datetime: 'timestamptz',
  'timestamp without time zone': 'timestamp', timestamp: 'timestamp',
  'time with time zone': 'timetz', timetz: 'timetz', 'time without time zone': 'time', time: 'time',
  json: 'json', jsonb: 'jsonb',
};

/** Parse a type as MikroORM (`int`, `serial`, `text[]`, `timestamptz`) or PostgreSQL (`timestamp(3) with time zone`, `_int4`) spells it. */
export function parseColumnType(raw: string): ColumnType {
  let text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let arrayDims = 0;
  while (text.endsWith('[]')) { arrayDims++; text = text.slice(0, -2).trim(); }
  if (text.startsWith('_')) { arrayDims++; text = text.slice(1); } // pg_type's name of an array type
  const params: number[] = [];
  text = text.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    for (const p of inner.split(',')) if (p.trim() !== '') params.push(Number(p.trim()));
    return '';
  }).replace(/\s+/g, ' ').trim();
  // a named type (enum, domain) may come schema-qualified and quoted
  text = text.replace(/"/g, '').replace(/^public\./, '');
  return { base: BASE_ALIASES[text] ?? text, params, arrayDims };
}

export function formatColumnType(t: ColumnType): string {
  return `${t.base}${t.params.length ? `(${t.params.join(',')})` : ''}${'[]'.repeat(t.arrayDims)}`;
}

const STRING_TYPES = new Set(['text', 'varchar', 'bpchar']);
const JSON_TYPES = new Set(['json', 'jsonb']);
const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'timetz', 'time']);

/**
 * Why an entity's column type and a database column type disagree, or null when the ORM reads and writes the
 * column without loss. Strings are one family (text, varchar(n), char(n)) as long as the entity allows no longer
 * values than the column holds; json and jsonb read and write the same; a timestamp's precision counts only when
 * both sides give one.
 */
export function columnTypeMismatch(entityType: string, databaseType: string): string | null {
  const e = parseColumnType(entityType);
  const d = parseColumnType(databaseType);
  if (e.arrayDims !== d.arrayDims) return e.arrayDims ? 'the entity maps an array, the column is not one' : 'the column is an array, the entity does not map one';
  if (STRING_TYPES.has(e.base) && STRING_TYPES.has(d.base)) {
    const limit = d.base === 'text' ? Infinity : d.params[0] ?? Infinity;
    const wants = e.base === 'text' ? Infinity : e.params[0] ?? Infinity;
    return wants > limit ? `the column holds at most ${limit} characters, the entity allows ${wants === Infinity ? 'any length' : wants}` : null;
  }
  if (JSON_TYPES.has(e.base) && JSON_TYPES.has(d.base)) return null;
  if (e.base !== d.base) return 'different types';
  if (TIME_TYPES.has(e.base) && (e.params.length === 0 || d.params.length === 0)) return null;
  if (e.base === 'numeric' && e.params.length === 0) return null; // the entity takes whatever precision the column has
  if (e.params.join(',') !== d.params.join(',')) return 'different precision or length';
  return null;
}

// ---------------------------------------------------------------------------------------------- comparison

/** The column(s) a property occupies in its own table, or none (collections, inverse sides, formulas, virtual). */
function ownColumns(prop: EntityProperty): { name: string; type: string | undefined }[] {
  if (prop.persist === false || prop.formula) return [];
  if (prop.kind === ReferenceKind.EMBEDDED && !prop.object) return []; // its inlined properties are listed themselves
  if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) return [];
  if (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner) return [];
  return (prop.fieldNames ?? []).map((name, i) => ({ name, type: prop.columnTypes?.[i] ?? prop.columnTypes?.[0] }));
}

function qualified(meta: EntityMetadata, defaultSchema: string): string {
  return `${meta.schema && meta.schema !== '*' ? meta.schema : defaultSchema}.${meta.tableName}`;
}

/**
 * Every difference between the entities and the database schema. Pure: give it entity metadata (e.g.
 * `Object.values(orm.getMetadata().getAll())`) and a schema (from `readDatabaseSchema`, or written by hand).
 *
 * Reported: a table or column an entity maps that the database lacks; a column type the ORM cannot read or
 * write without loss; nullability that differs either way; enum values the column's check constraint does not
 * match exactly; an auto-increment key without a default; a generated column the ORM would write; and, in
 * mapped tables, NOT NULL columns without a default that no entity maps (an insert through the ORM would fail).
 * Tables no entity maps (link tables written in SQL, the migrations table) are not the ORM's business.
 */
export function findSchemaDrift(entities: Iterable<EntityMetadata>, db: DbSchema, options: DriftOptions = {}): Drift[] {
  const defaultSchema = options.defaultSchema ?? 'public';
  const drifts: Drift[] = [];
  const mappedColumns = new Map<string, Set<string>>();

  for (const meta of entities) {
    if (meta.embeddable || meta.virtual || meta.abstract || !meta.tableName || meta.expression) continue;
    const table = qualified(meta, defaultSchema);
    const columns = db[table];
    if (!columns) {
      drifts.push({ kind: 'MISSING_TABLE', table, entity: meta.className, message: `${meta.className} maps table ${table}, which the database lacks` });
      continue;
    }
    const mapped = mappedColumns.get(table) ?? new Set<string>();
    mappedColumns.set(table, mapped);

    for (const prop of meta.props) {
      const property = `${meta.className}.${prop.name}`;
      for (const { name, type } of ownColumns(prop)) {
        mapped.add(name);
        const col = columns[name];
        const at = { table, column: name, property };
        if (!col) {
          drifts.push({ kind: 'MISSING_COLUMN', ...at, entity: type, message: `${property} maps column ${table}.${name}, which the table lacks` });
          continue;
        }
        if (type) {
          const why = columnTypeMismatch(type, col.type);
          if (why) {
            drifts.push({ kind: 'TYPE', ...at, entity: type, database: col.type, message: `${property} is ${type} in the entity but ${col.type} in ${table}.${name}: ${why}` });
          }
        }
        const entityNullable = prop.nullable === true && !prop.primary;
        if (entityNullable !== col.nullable) {
          drifts.push({
            kind: 'NULLABILITY', ...at, entity: entityNullable ? 'null' : 'not null', database: col.nullable ? 'null' : 'not null',
            message: entityNullable
              ? `${property} may be null in the entity, but ${table}.${name} is NOT NULL: saving a null fails`
              : `${property} is never null in the entity, but ${table}.${name} allows null: a null read breaks the code that trusts it`,
          });
        }
        if (prop.enum && prop.items?.length && !prop.nativeEnumName) {
          const wanted = [...new Set(prop.items.map(String))].sort();
          const allowed = col.allowedValues ? [...new Set(col.allowedValues)].sort() : undefined;
          if (!allowed || wanted.join('\u0000') !== allowed.join('\u0000')) {
            const missing = allowed ? wanted.filter((v) => !allowed.includes(v)) : [];
            const extra = allowed ? allowed.filter((v) => !wanted.includes(v)) : [];
            drifts.push({
              kind: 'ENUM_VALUES', ...at, entity: wanted.join(', '), database: allowed?.join(', ') ?? '(no check constraint)',
              message: !allowed
                ? `${property} is an enum, but ${table}.${name} has no check constraint listing its values`
                : `${property} allows ${wanted.join(', ')} but ${table}.${name} allows ${allowed.join(', ')}`
                  + (missing.length ? `; the database refuses ${missing.join(', ')}` : '')
                  + (extra.length ? `; the entity does not know ${extra.join(', ')}` : ''),
            });
          }
        }
        if (prop.primary && prop.autoincrement && !col.hasDefault) {
          drifts.push({ kind: 'NO_DEFAULT', ...at, message: `${property} is generated by the database in the entity, but ${table}.${name} has no default, sequence or identity` });
        }
        if (col.generated && !prop.generated) {
          drifts.push({ kind: 'GENERATED', ...at, message: `${table}.${name} is a generated column, but ${property} maps it as a plain one: the ORM would write it` });
        }
      }
    }
  }

  for (const [table, mapped] of mappedColumns) {
    for (const [name, col] of Object.entries(db[table])) {
      if (mapped.has(name) || col.nullable || col.hasDefault || col.generated) continue;
      drifts.push({ kind: 'UNMAPPED_REQUIRED', table, column: name, database: col.type, message: `${table}.${name} is NOT NULL without a default, and no entity maps it: every insert through the ORM fails` });
    }
  }
  return drifts;
}

// ---------------------------------------------------------------------------------------------- reading the database

/** Values of a check constraint of the form `col = ANY (ARRAY['A'::text, 'B'::text])` (how PostgreSQL keeps `col in ('A', 'B')`). */
export function valuesOfCheck(definition: string): string[] | null {
  const match = /=\s*ANY\s*\(+\s*ARRAY\s*\[(.*)\]/is.exec(definition);
  if (!match) return null;
  const quoted = [...match[1].matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
  if (quoted.length) return quoted;
  const numbers = match[1].split(',').map((v) => v.trim()); // numeric enums: ARRAY[1, 2, 3]
  return numbers.every((v) => /^-?\d+(\.\d+)?$/.test(v)) ? numbers : null;
}

type Run = (sql: string) => Promise<Record<string, unknown>[]>;

/** The tables and columns of every user schema, from pg_catalog. */
export async function readDatabaseSchema(run: Run): Promise<DbSchema> {
  const userSchema = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;
  const columns = await run(`
    select n.nspname as schema, c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           not a.attnotnull as nullable, (a.atthasdef or a.attidentity <> '') as has_default, a.attgenerated <> '' as generated
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and ${userSchema}
    order by 1, 2, a.attnum`);
  const checks = await run(`
    select n.nspname as schema, c.relname as table, a.attname as column, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
    where k.contype = 'c' and cardinality(k.conkey) = 1 and ${userSchema}`);

  const schema: DbSchema = {};
  for (const r of columns) {
    const table = `${r.schema}.${r.table}`;
    (schema[table] ??= {})[String(r.column)] = {
      type: String(r.type), nullable: Boolean(r.nullable), hasDefault: Boolean(r.has_default), generated: Boolean(r.generated),
    };
  }
  for (const r of checks) {
    const col = schema[`${r.schema}.${r.table}`]?.[String(r.column)];
    const values = valuesOfCheck(String(r.definition));
    if (col && values) col.allowedValues = col.allowedValues ? col.allowedValues.filter((v) => values.includes(v)) : values;
  }
  return schema;
}

/** Compare an ORM's entities with the database it is connected to. */
export async function schemaDriftOf(orm: MikroORM): Promise<Drift[]> {
  const connection = orm.em.fork().getConnection();
  const db = await readDatabaseSchema((sql) => connection.execute(sql, [], 'all'));
  const defaultSchema = orm.config.get('schema') ?? orm.em.getPlatform().getDefaultSchemaName() ?? 'public';
  return findSchemaDrift(Object.values(orm.getMetadata().getAll()), db, { defaultSchema });
}
