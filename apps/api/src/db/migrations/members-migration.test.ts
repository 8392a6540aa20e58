/**
 * The members migration seals phones that were stored in clear before it: on a database migrated up to the one
 * before, a member with a phone; after it, no clear column, and the sealed value and lookup hash open to the same
 * number.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '@tongxin/launcher';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../orm.js';
import { installDataKey } from '../../app/data-key.js';
import { lookupHash, unseal } from '../../modules/privacy/index.js';

const name = `members_migration_${process.pid}`;
let orm: MikroORM;

beforeAll(async () => {
  installDataKey({});
  const url = await createDatabase(inject('serverUrl'), name, { replace: true });
  orm = await openOrm(url, 2);
});
afterAll(async () => {
  await orm?.close();
  await dropDatabase(inject('serverUrl'), name).catch(() => {});
});

describe('Migration20261203000007_members', () => {
  it('moves clear phones into sealed bytes with a lookup hash and drops the clear column', async () => {
    const migrator = orm.getMigrator();
    await migrator.up({ to: 'Migration20261203000006_demands' });
    const conn = orm.em.getConnection();
    const [node] = await conn.execute<{ id: number }[]>(`insert into org_node (level, name, path, depth) values ('STREET', '测试街道', '/x/', 0) returning id`);
    await conn.execute(`insert into party_member (org_node_id, name, gender, status, phone) values (?, '老党员', 'MALE', 'FULL', '13912345678'), (?, '无电话', 'FEMALE', 'FULL', null)`, [node.id, node.id]);

    await migrator.up();

    const columns = await conn.execute<{ column_name: string }[]>(`select column_name from information_schema.columns where table_name = 'party_member'`);
    expect(columns.map((c) => c.column_name)).not.toContain('phone');
    const rows = await conn.execute<{ name: string; sealed: string | null; hash: string | null; dump: string }[]>(
      `select name, encode(phone_sealed, 'hex') as sealed, encode(phone_hash, 'hex') as hash, row_to_json(m)::text as dump from party_member m order by id`);
    expect(rows[0].dump).not.toContain('13912345678');
    expect(unseal(Buffer.from(rows[0].sealed!, 'hex'))).toBe('13912345678');
    expect(rows[0].hash).toBe(lookupHash('phone', '13912345678').toString('hex'));
    expect(rows[1]).toMatchObject({ sealed: null, hash: null });
  });
});
