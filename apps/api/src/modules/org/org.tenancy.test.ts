import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import '../index.js';
import { rekeyTenantRows, tenantTables } from './org.tenancy.js';

/** Tables whose community_id no module declares: the chain itself, which the move statement re-keys. */
const NOT_DECLARED = new Set(['org_node']);

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function tablesWithCommunityId(): Promise<string[]> {
  const rows = await api.sql<{ table_name: string }>(`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.column_name = 'community_id' and c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name`);
  return rows.map((r) => r.table_name);
}

/** Tables carrying the tenant key that no module declared (and that are not the chain itself). */
function undeclared(tables: string[]): string[] {
  const declared = new Set(tenantTables().map((t) => t.table));
  return tables.filter((t) => !declared.has(t) && !NOT_DECLARED.has(t));
}

describe('tables carrying the tenant key', () => {
  it('are each declared by their module, with how they follow the chain', async () => {
    const tables = await tablesWithCommunityId();
    expect(tables.length).toBeGreaterThan(15);
    expect(undeclared(tables)).toEqual([]);
    // and every declaration names a real table with the tenant key and, for chain-linked ones, the link column
    for (const entry of tenantTables()) {
      expect(tables, entry.table).toContain(entry.table);
      if ('via' in entry && typeof entry.via === 'string') {
        const [column] = await api.sql(`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ? and column_name = ?`, [entry.table, entry.via]);
        expect(column, `${entry.table}.${entry.via}`).toBeDefined();
      }
    }
    // every re-keying statement is valid SQL (an empty subtree changes nothing)
    await api.orm.em.fork().transactional((em) => rekeyTenantRows(em, { from: '/none/', to: '/none/~' }, 1));
  });

  it('catches a new table with community_id that no module declared', async () => {
    await api.sql(`create table scratch_tenant_rows (id serial primary key, community_id integer)`);
    try {
      expect(undeclared(await tablesWithCommunityId())).toEqual(['scratch_tenant_rows']);
    } finally {
      await api.sql(`drop table scratch_tenant_rows`);
    }
  });
});

describe('moving a branch to another community', () => {
  it("re-keys every chain-linked table's rows (positions, sign-ups through their activity, series) and leaves community-owned rows", async () => {
    // a street-level grant covers 中南社区 and 七贤社区 (both under 潭城街道)
    await api.sql(`insert into access_grant (account_id, org_node_id, role)
      select a.id, n.parent_id, 'COMMITTEE_ADMIN' from account a, org_node n where a.username = 'zhongnan-admin' and n.name = '中南社区'
      on conflict do nothing`);
    const streetAdmin = await api.login('zhongnan-admin');
    const [branch] = await api.sql<{ id: number; path: string; target: number }>(`
      select n.id, n.path, (select id from org_node where name = '七贤社区') as target from org_node n
      where n.level = 'BRANCH' and n.community_id = (select id from org_node where name = '中南社区')
        and exists (select 1 from activity a where a.organizer_id = n.id and a.series_id is not null)
        and exists (select 1 from registration r join activity a on a.id = r.activity_id where a.organizer_id = n.id)
        and exists (select 1 from member_position p where p.org_node_id = n.id)
      order by n.id limit 1`);
    expect(branch).toBeDefined();
    const fixed = tenantTables().filter((t) => 'fixed' in t).map((t) => t.table);
    const snapshot = () => Promise.all(fixed.map((table) => api.sql(`select count(*) as rows, string_agg(community_id::text, ',' order by community_id) as keys from ${table}`)));
    const before = await snapshot();

    const moved = await api.gql(`mutation($input: OrgNodeMoveInput!) { orgNodeMove(input: $input) { node { id } userErrors { code message } } }`,
      { input: { id: globalId('Branch', branch.id), parentId: globalId('PartyCommittee', branch.target) } }, streetAdmin);
    expect(moved.data.orgNodeMove.userErrors).toEqual([]);

    const [{ path }] = await api.sql<{ path: string }>(`select path from org_node where id = ?`, [branch.id]);
    const subtree = `(select id from org_node where path >= '${path}' and path < '${path}~')`;
    const counts = await api.sql<{ what: string; rows: string; stale: string }>(`
      select 'position' as what, count(*) as rows, count(*) filter (where community_id <> ?) as stale from member_position where org_node_id in ${subtree}
      union all select 'member', count(*), count(*) filter (where community_id <> ?) from party_member where org_node_id in ${subtree}
      union all select 'activity', count(*), count(*) filter (where community_id <> ?) from activity where organizer_id in ${subtree}
      union all select 'registration', count(*), count(*) filter (where r.community_id <> ?) from registration r join activity a on a.id = r.activity_id where a.organizer_id in ${subtree}
      union all select 'series', count(distinct s.id), count(distinct s.id) filter (where s.community_id <> ?) from activity_series s join activity a on a.series_id = s.id where a.organizer_id in ${subtree}`,
      [branch.target, branch.target, branch.target, branch.target, branch.target]);
    for (const row of counts) {
      expect(Number(row.rows), row.what).toBeGreaterThan(0);
      expect(Number(row.stale), row.what).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
  });
});
