import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { installDataKey } from '../../app/data-key.js';
import { unseal } from '../../modules/privacy/index.js';
import { schemaDriftOf } from '../schema-drift.js';
import { generateDataset, PER_COMMUNITY, type DatasetSummary } from './generate.js';
import { COMMITTEE_STATS_QUERY, COMMUNITY_ACTIVITIES_QUERY, COVERAGE_QUERY, DEMANDS_BY_STATE_QUERY, MEMBER_CHAIN_QUERY } from '../../../bench/dataset-shapes.js';
import { globalId } from '../../test/harness.js';

// Two generated communities on top of the demo data of the test database, then read back through the API.
let api: TestApi;
let summary: DatasetSummary;
const P = PER_COMMUNITY;
const HOUSEHOLDS = P.branches * P.buildingGroupsPerBranch * P.memberHouseholdsPerGroup * P.householdsPerMemberHousehold;

beforeAll(async () => {
  api = await startTestApi();
  // the test servers seal under the development key: the generator must seal under the same one
  installDataKey({});
  summary = await generateDataset(api.config.DATABASE_URL, { communities: 2, seed: 7 });
}, 300_000);
afterAll(() => api?.close());

const count = async (text: string, params: unknown[] = []) => Number((await api.sql<{ n: string }>(text, params))[0]!.n);
const ids = () => `{${summary.communityIds.join(',')}}`;

describe('gen:dataset with 2 communities', () => {
  it('writes the promised rows per community', async () => {
    expect(summary.communityIds).toHaveLength(2);
    expect(await count(`select count(*) as n from org_node where community_id = any(?::int[]) and level = 'BRANCH'`, [ids()])).toBe(2 * P.branches);
    expect(await count(`select count(*) as n from party_member where community_id = any(?::int[])`, [ids()])).toBe(2 * P.branches * P.buildingGroupsPerBranch * P.memberHouseholdsPerGroup);
    expect(await count(`select count(*) as n from household where community_id = any(?::int[])`, [ids()])).toBe(2 * HOUSEHOLDS);
    expect(await count(`select count(*) as n from demand where community_id = any(?::int[])`, [ids()])).toBe(2 * P.demands);
    expect(await count(`select count(*) as n from activity where community_id = any(?::int[])`, [ids()])).toBe(2 * P.activities);
    expect(await count(`select count(*) as n from meeting where community_id = any(?::int[])`, [ids()])).toBe(2 * P.meetings);
    expect(await count(`select count(*) as n from visit where community_id = any(?::int[])`, [ids()])).toBe(2 * P.visits);
    // every household hangs on a member household of its own community, every demand has its CREATED event
    expect(await count(`select count(*) as n from household h join org_node n on n.id = h.org_node_id
      where h.community_id = any(?::int[]) and (n.level <> 'MEMBER_HOUSEHOLD' or n.community_id <> h.community_id)`, [ids()])).toBe(0);
    expect(await count(`select count(*) as n from demand d where d.community_id = any(?::int[])
      and not exists (select 1 from demand_event e where e.demand_id = d.id and e.kind = 'CREATED')`, [ids()])).toBe(0);
    expect(summary.rows.resident).toBeGreaterThan(2 * HOUSEHOLDS);
  });

  it('keeps every foreign key (they are checked here, since the load may turn their triggers off)', async () => {
    const fks = await api.sql<{ t: string; c: string; rt: string; rc: string }>(`
      select cl.relname as t, a.attname as c, rcl.relname as rt, ra.attname as rc
      from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class rcl on rcl.oid = k.confrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
      join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
      where k.contype = 'f' and cardinality(k.conkey) = 1 and k.connamespace = 'public'::regnamespace`);
    expect(fks.length).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const fk of fks) {
      const n = await count(`select count(*) as n from "${fk.t}" x where x."${fk.c}" is not null and not exists (select 1 from "${fk.rt}" r where r."${fk.rc}" = x."${fk.c}")`);
      if (n > 0) broken.push(`${fk.t}.${fk.c} -> ${fk.rt}: ${n}`);
    }
    expect(broken).toEqual([]);
  });

  it('leaves the schema as the entities expect it (no drift) and the sequences past the generated ids', async () => {
    expect((await schemaDriftOf(api.orm)).map((d) => d.message)).toEqual([]);
    const [row] = await api.sql<{ max: number; last: string }>(`select (select max(id) from household) as max, (select last_value from household_id_seq) as last`);
    expect(Number(row!.last)).toBeGreaterThanOrEqual(row!.max);
  });

  it('finds a generated resident by phone and by ID number through the API (keyed hashes match)', async () => {
    const [r] = await api.sql<{ id: number; household_id: number; name: string; phone: Buffer; id_number: Buffer }>(
      `select r.id, r.household_id, r.name, r.phone, r.id_number from resident r join household h on h.id = r.household_id
       where h.community_id = ? and r.relation <> 'HEAD' and r.phone is not null order by r.id limit 1 offset 321`, [summary.communityIds[1]]);
    const phone = unseal(r!.phone);
    const idNumber = unseal(r!.id_number);
    expect(phone).toMatch(/^1[3-9][0-9]{9}$/);
    const token = await api.login('ds7-c2-admin');
    const q = `query($f: HouseholdFilter) { households(filter: $f, first: 5) { totalCount edges { node { id headName residents { name phone(reveal: true) } } } } }`;
    for (const filter of [{ phone }, { idNumber }]) {
      const res = await api.gql(q, { f: filter }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data.households.totalCount).toBe(1);
      const residents = res.data.households.edges[0].node.residents as { name: string; phone: string | null }[];
      expect(residents.find((x) => x.name === r!.name)?.phone).toBe(phone);
    }
    // the other community's admin does not find it
    const other = await api.login('ds7-c1-admin');
    const res = await api.gql(q, { f: { phone } }, other);
    expect(res.data.households.totalCount).toBe(0);
  });

  it('finds a generated member by phone and walks up the chain to the street', async () => {
    const [m] = await api.sql<{ name: string; phone_sealed: Buffer; branch: string }>(
      `select m.name, m.phone_sealed, n.name as branch from party_member m join org_node n on n.id = m.org_node_id
       where m.community_id = ? order by m.id limit 1 offset 777`, [summary.communityIds[0]]);
    const phone = unseal(m!.phone_sealed);
    const token = await api.login('ds7-c1-admin');
    const res = await api.gql(`query($q: String) { members(filter: { query: $q }, first: 5) { totalCount edges { node { name
      branch { name level ancestors { name level } } } } } }`, { q: phone }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.members.totalCount).toBe(1);
    const node = res.data.members.edges[0].node;
    expect(node.name).toBe(m!.name);
    expect(node.branch.name).toBe(m!.branch);
    expect(node.branch.ancestors.map((a: { level: string }) => a.level)).toEqual(['STREET', 'COMMUNITY']);
  });

  it('serves the committee stats of a generated community with the generated figures', async () => {
    const token = await api.login('ds7-c1-admin');
    const res = await api.gql(`query($id: ID!) { orgNode(id: $id) { name stats { memberCount householdCount descendantCount } } }`,
      { id: globalId('PartyCommittee', summary.communityIds[0]!) }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.orgNode.stats.memberCount).toBe(P.branches * P.buildingGroupsPerBranch * P.memberHouseholdsPerGroup);
    expect(res.data.orgNode.stats.householdCount).toBe(HOUSEHOLDS);
  });
});

describe('statements per request as the city grows', () => {
  it('stay the same for the city-scale shapes when another community is added', async () => {
    const token = await api.login('ds7-c1-admin');
    const branchToken = await api.login('ds7-c1-b1');
    const [ids] = await api.sql<{ branch: number; member: number }>(`select g.org_node_id as branch,
      (select id from party_member m where m.org_node_id = g.org_node_id order by id limit 1) as member
      from access_grant g join account a on a.id = g.account_id where a.username = 'ds7-c1-b1'`);
    const community = globalId('PartyCommittee', summary.communityIds[0]!);
    const year = new Date().getUTCFullYear();
    const shapes: [string, string, Record<string, unknown>, string][] = [
      ['member chain', MEMBER_CHAIN_QUERY, { id: globalId('PartyMember', ids!.member) }, branchToken],
      ['demands by state', DEMANDS_BY_STATE_QUERY, { id: community }, token],
      ['committee stats', COMMITTEE_STATS_QUERY, { id: community, from: `${year}-01-01`, to: `${year}-12-31` }, token],
      ['community activities', COMMUNITY_ACTIVITIES_QUERY, { communityId: community }, ''],
      ['coverage', COVERAGE_QUERY, { id: globalId('Branch', ids!.branch) }, token],
    ];
    const measure = async () => {
      const out: Record<string, number> = {};
      for (const [name, query, variables, t] of shapes) {
        await api.gql(query, variables, t || null); // warm the caches
        const { result, statements } = await api.countStatements(() => api.gql(query, variables, t || null));
        expect(result.errors, name).toBeUndefined();
        out[name] = statements;
      }
      return out;
    };
    const before = await measure();
    await generateDataset(api.config.DATABASE_URL, { communities: 1, seed: 8 });
    const after = await measure();
    expect(after).toEqual(before);
  }, 300_000);
});
