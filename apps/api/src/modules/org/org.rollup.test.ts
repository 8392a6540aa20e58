import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../access/index.js';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { ORG_TYPE_NAME, type OrgLevel } from './org.entity.js';
import { orgRollupDdl, orgStats, recountSql, statsSql } from './org.stats.js';

// OrgNode.stats from the counter table (org_rollup, kept by triggers) against the definitions (a full recount by
// each count's own subquery), after a burst of concurrent writes through the API and through plain SQL.

let api: TestApi;
let admin: string; // hongkang-admin: COMMITTEE_ADMIN of 红康社区
let auditor: string; // COMMITTEE_ADMIN of every street: sees every node

const STATS = `stats { memberCount householdCount childCount descendantCount activitiesThisMonth openHazardCount fixedHazardCount
  meetingsHeldThisYear openDecisionCount partyProjectCount openDemandCount overdueDemandCount demandsReceivedThisYear
  demandsResolvedThisYear demandsRatedThisYear demandSatisfactionRateThisYear }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on OrgNode { id ${STATS} } } }`;

interface Node { id: number; level: OrgLevel; name: string; parent_id: number | null; community_id: number | null }
const gid = (n: Node) => globalId(ORG_TYPE_NAME[n.level], n.id);
const allNodes = () => api.sql<Node>(`select id, level, name, parent_id, community_id from org_node order by id`);
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await api.sql<T>(text, params))[0]!;

/** Every node's values by the definitions: each registered count's subquery, as the stats were read before the counters. */
async function recount(ids: number[]): Promise<Map<number, Record<string, number>>> {
  const rows = await api.sql<Record<string, unknown> & { id: number }>(recountSql(orgStats()), [`{${ids.join(',')}}`]);
  return new Map(rows.map((r) => [r.id, Object.fromEntries(orgStats().map((s) => [s.field, Number(r[s.field])]))]));
}

async function check(list: unknown[], what: string) {
  expect(list.filter((e: any) => e?.userErrors?.length || e?.errors), what).toEqual([]);
}

beforeAll(async () => {
  api = await startTestApi({ STAFF_COST_MAX_PER_REQUEST: '1000000000' });
  const [account] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values ('rollup-auditor', ?, '统计核对') returning id`,
    [await hashPassword('tongxin-demo')]);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, id, 'COMMITTEE_ADMIN' from org_node where parent_id is null`, [account.id]);
  [admin, auditor] = await Promise.all([api.login('hongkang-admin'), api.login('rollup-auditor')]);
});
afterAll(() => api?.close());

describe('the roll-up counters', () => {
  it('equal a full recount for every node after a burst of concurrent writes, moves and archivals', async () => {
    const hongkang = await one<Node>(`select id, level, name, parent_id, community_id from org_node where name = '红康社区'`);
    const zhenxing = await one<Node>(`select id, level, name, parent_id, community_id from org_node where name = '振兴社区'`);
    const branches = await api.sql<Node>(`select id, level, name, parent_id, community_id from org_node where parent_id = ? and level = 'BRANCH' and archived_at is null order by id`, [hongkang.id]);
    expect(branches.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = branches as [Node, Node, Node, Node];
    const groups = await api.sql<Node>(`select id, level, name, parent_id, community_id from org_node where level = 'BUILDING_GROUP' and community_id = ? and archived_at is null order by id`, [hongkang.id]);
    const memberHouseholds = await api.sql<Node>(`select id, level, name, parent_id, community_id from org_node where level = 'MEMBER_HOUSEHOLD' and community_id = ? and archived_at is null order by id limit 4`, [hongkang.id]);
    expect(groups.length).toBeGreaterThanOrEqual(2);
    expect(memberHouseholds.length).toBe(4);
    const inCommunity = `(select id from org_node where community_id = ${hongkang.id})`;
    const filled = await one<{ n: string }>(`select count(*) as n from org_rollup`);
    expect(Number(filled.n)).toBeGreaterThan(0); // filled by the migration's recount and kept while seeding
    const roots = (await api.sql<{ id: number }>(`select id from org_node where parent_id is null`)).map((r) => r.id);
    const cityTotals = async () => {
      const all = await recount(roots);
      const sum = (field: string) => [...all.values()].reduce((t, v) => t + v[field]!, 0);
      return { households: sum('householdCount'), open: sum('openHazardCount'), fixed: sum('fixedHazardCount'), received: sum('demandsReceivedThisYear') };
    };
    const before = await cityTotals();

    let serial = 0;
    const phone = () => `1990077${String(1000 + serial++).padStart(4, '0')}`;
    const gql = (query: string, input: Record<string, unknown>, token = admin) => api.gql(query, { input }, token);
    const MEMBER = `mutation($input: MemberCreateInput!) { memberCreate(input: $input) { member { id } userErrors { code message } } }`;
    const HOUSEHOLD = `mutation($input: HouseholdCreateInput!) { householdCreate(input: $input) { household { id } userErrors { code message } } }`;
    const DEMAND = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id version } userErrors { code message } } }`;
    const DEMAND_STEP = `mutation($input: TransitionDemandInput!) { transitionDemand(input: $input) { demand { id version state } userErrors { code message } } }`;
    const HAZARD = `mutation($input: ReportHazardInput!) { reportHazard(input: $input) { hazard { id version } userErrors { code message } } }`;
    const HAZARD_STEP = `mutation($input: TransitionHazardInput!) { transitionHazard(input: $input) { hazard { id state } userErrors { code message } } }`;
    const NODE_CREATE = `mutation($input: OrgNodeCreateInput!) { orgNodeCreate(input: $input) { node { id } userErrors { code message } } }`;
    const MOVE = `mutation($input: OrgNodeMoveInput!) { orgNodeMove(input: $input) { node { id } userErrors { code message } } }`;
    const ARCHIVE = `mutation($input: OrgNodeArchiveInput!) { orgNodeArchive(input: $input) { node { id archived } userErrors { code message } } }`;
    const PUBLISH = `mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { code message } } }`;
    const CANCEL = `mutation($input: ActivityCancelInput!) { activityCancel(input: $input) { userErrors { code message } } }`;

    const drafts = await api.sql<{ id: number }>(`select id from activity where status = 'DRAFT' and organizer_id in ${inCommunity} and starts_at > now() order by id limit 3`);
    const published = await api.sql<{ id: number }>(`select id from activity where status = 'PUBLISHED' and organizer_id in ${inCommunity} and starts_at > now() order by id limit 3`);

    const writers: Promise<unknown>[] = [
      // members added through the API on two branches
      ...Array.from({ length: 6 }, (_, i) => gql(MEMBER, {
        branchId: gid(i % 2 ? a : b), name: `统计党员${i}`, gender: 'FEMALE', status: 'FULL', joinedOn: '2001-07-01', fullOn: '2002-07-01',
        birthDate: '1978-03-02', ethnicity: '汉族', education: 'BACHELOR', workUnit: '红云街道', phone: phone(),
      }).then((r) => r.data?.memberCreate ?? r)),
      // members archived, moved between branches, and one back, in plain SQL on other connections
      api.sql(`update party_member set archived_at = now() where id in (select id from party_member where org_node_id = ? and archived_at is null order by id limit 5)`, [a.id]),
      (async () => {
        await api.sql(`update party_member set org_node_id = ? where id in (select id from party_member where org_node_id = ? and archived_at is null order by id limit 6)`, [c.id, b.id]);
        await api.sql(`update party_member set org_node_id = ? where id in (select id from party_member where org_node_id = ? order by id desc limit 2)`, [d.id, c.id]);
        await api.sql(`update party_member set archived_at = null where id in (select id from party_member where org_node_id = ? and archived_at is not null order by id limit 1)`, [a.id]);
      })(),
      // households added on member households
      ...memberHouseholds.map((m, i) => gql(HOUSEHOLD, {
        orgNodeId: gid(m), compound: '统计小区', building: '9幢', unit: '1单元', room: `10${i}`, headName: '测试户主', size: 1, phone: phone(), careCategories: [],
      }).then((r) => r.data?.householdCreate ?? r)),
      // demands created and moved through states; some of last year's and this year's closed and rated
      ...Array.from({ length: 4 }, async (_, i) => {
        const made = (await gql(DEMAND, {
          orgNodeId: gid(hongkang), channel: 'WALK_IN', category: 'ENVIRONMENT', title: `统计诉求${i}`, description: '楼道堆放杂物',
          place: { compound: '红康小区', building: '5 栋', text: '3 单元楼道' }, residentName: '王秀英', residentPhone: '13812341234',
        })).data.createDemand;
        if (made.userErrors.length || i % 2) return made;
        return (await gql(DEMAND_STEP, { demandId: made.demand.id, action: 'ACCEPT', expectedVersion: made.demand.version })).data.transitionDemand;
      }),
      api.sql(`update demand set state = 'CLOSED', rating = 5 - (id % 3) where id in (select id from demand where community_id = ? and state in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS') order by id limit 6)`, [hongkang.id]),
      api.sql(`update demand set created_at = created_at - interval '1 year' where id in (select id from demand where community_id = ? order by id desc limit 3)`, [hongkang.id]),
      // activities published, cancelled, and one moved into next month
      ...drafts.map((x) => gql(PUBLISH, { id: globalId('Activity', x.id) }).then((r) => r.data?.activityPublish ?? r)),
      ...published.slice(0, 2).map((x) => gql(CANCEL, { id: globalId('Activity', x.id) }).then((r) => r.data?.activityCancel ?? r)),
      api.sql(`update activity set starts_at = starts_at + interval '1 month', ends_at = ends_at + interval '1 month'
               where id = (select id from activity where status = 'PUBLISHED' and organizer_id in ${inCommunity} and starts_at > now() order by id desc limit 1)`),
      // hazards reported and fixed, meetings held, decisions published
      ...Array.from({ length: 3 }, async (_, i) => {
        const h = (await gql(HAZARD, { orgNodeId: gid(branches[i]!), kind: 'EBIKE_CHARGING', title: '楼道飞线充电', place: '红康小区 5 栋 1 单元' })).data.reportHazard;
        if (h.userErrors.length) return h;
        return (await gql(HAZARD_STEP, { hazardId: h.hazard.id, action: 'FIX', expectedVersion: h.hazard.version })).data.transitionHazard;
      }),
      api.sql(`update meeting set status = 'HELD' where id in (select id from meeting where community_id = ? and status <> 'HELD' order by id limit 2)`, [hongkang.id]),
      api.sql(`update decision set state = 'RESULT_PUBLISHED' where id in (select id from decision where community_id = ? and state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED') order by id limit 1)`, [hongkang.id]),
      // the chain itself: a building group moved under another branch, a branch moved to another community, a
      // new node given a hazard and archived
      gql(MOVE, { id: gid(groups[0]!), parentId: gid(groups[0]!.parent_id === d.id ? c : d) }).then((r) => r.data?.orgNodeMove ?? r),
      gql(MOVE, { id: gid(branches[branches.length - 1]!), parentId: gid(zhenxing) }, auditor).then((r) => r.data?.orgNodeMove ?? r),
      (async () => {
        const node = (await gql(NODE_CREATE, { parentId: gid(a), level: 'BUILDING_GROUP', name: '统计测试党小组' })).data.orgNodeCreate;
        if (node.userErrors.length) return node;
        const h = (await gql(HAZARD, { orgNodeId: node.node.id, kind: 'FIRE', title: '消防通道堵塞', place: '红康小区 1 栋' })).data.reportHazard;
        if (h.userErrors.length) return h;
        return (await gql(ARCHIVE, { id: node.node.id })).data.orgNodeArchive;
      })(),
    ];
    const results = await Promise.all(writers);
    await check(results.filter((r) => r && typeof r === 'object' && !Array.isArray(r)), 'every write through the API went through');

    // every node, by the counters (the API) and by the definitions (the recount)
    const nodes = await allNodes();
    const ids = nodes.map((n) => n.id);
    const expected = await recount(ids);
    const byApi = new Map<number, Record<string, number | null>>();
    for (let i = 0; i < nodes.length; i += 100) {
      const chunk = nodes.slice(i, i + 100);
      const res = await api.gql(NODES, { ids: chunk.map(gid) }, auditor);
      expect(res.errors).toBeUndefined();
      res.data.nodes.forEach((n: any, k: number) => byApi.set(chunk[k]!.id, n?.stats ?? null));
    }
    const differences: unknown[] = [];
    for (const n of nodes) {
      const want = expected.get(n.id)!;
      const got = byApi.get(n.id);
      const { demandsSatisfiedThisYear: satisfied, ...exposed } = want;
      const wantApi = { ...exposed, demandSatisfactionRateThisYear: want.demandsRatedThisYear ? satisfied! / want.demandsRatedThisYear : null };
      if (!got) differences.push({ node: n.name, missing: true });
      else {
        for (const [field, value] of Object.entries(wantApi)) {
          const g = got[field];
          const same = typeof value === 'number' && typeof g === 'number' ? Math.abs(value - g) < 1e-9 : value === g;
          if (!same) differences.push({ node: n.name, field, counters: g, recount: value });
        }
      }
    }
    expect(differences).toEqual([]);

    // the same, field by field in SQL (demandsSatisfiedThisYear reaches the API only as a rate)
    const kept = await api.sql<Record<string, unknown> & { id: number }>(statsSql(orgStats()), [`{${ids.join(',')}}`]);
    const keptById = new Map(kept.map((r) => [r.id, Object.fromEntries(orgStats().map((s) => [s.field, Number(r[s.field])]))]));
    expect(Object.fromEntries(ids.map((id) => [id, keptById.get(id)]))).toEqual(Object.fromEntries(ids.map((id) => [id, expected.get(id)])));

    // the burst did what it says: 4 households, 3 hazards fixed and 1 left open, 4 demands received (3 moved back a year)
    const after = await cityTotals();
    expect(after.households - before.households).toBe(4);
    expect([after.fixed - before.fixed, after.open - before.open]).toEqual([3, 1]);
    expect(after.received - before.received).toBeGreaterThanOrEqual(1);
    expect(nodes.find((n) => n.name === '统计测试党小组')).toBeDefined();

    // and each node's own counters are what a full rebuild makes of them
    const snapshot = () => api.sql(`select node_id, field, bucket, value::int as value from org_rollup where value <> 0 order by node_id, field, bucket`);
    const maintained = await snapshot();
    await api.sql(`select org_rollup_rebuild()`);
    expect(await snapshot()).toEqual(maintained);
  }, 120_000);

  it('reads the stats of any number of nodes in the same number of statements', async () => {
    const nodes = await allNodes();
    await api.gql(NODES, { ids: [gid(nodes[0]!)] }, auditor);
    const few = await api.countStatements(() => api.gql(NODES, { ids: nodes.slice(0, 3).map(gid) }, auditor));
    const many = await api.countStatements(() => api.gql(NODES, { ids: nodes.slice(0, 100).map(gid) }, auditor));
    expect(few.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data.nodes.filter((n: any) => n?.stats).length).toBe(Math.min(100, nodes.length));
    expect(many.statements).toBe(few.statements);
    expect(many.sql.filter((s) => s.includes('org_rollup'))).toHaveLength(1);
  });

  it('runs the triggers the registry generates (a changed count needs a migration with the new definitions)', async () => {
    const ddl = orgRollupDdl();
    const installed = await api.sql<{ name: string; body: string }>(`select proname as name, prosrc as body from pg_proc where proname like 'org\\_rollup\\_%'`);
    expect(Object.fromEntries(installed.map((f) => [f.name, f.body]))).toEqual(ddl.bodies);
    const triggers = await api.sql<{ t: string }>(`select distinct tgrelid::regclass::text as t from pg_trigger where tgname like 'org\\_rollup\\_%' order by 1`);
    expect(triggers.map((r) => r.t)).toEqual([...ddl.tables].sort());
    // every count is kept or says why it stays live
    expect(orgStats().filter((s) => s.live).map((s) => s.field).sort()).toEqual(['childCount', 'descendantCount', 'overdueDemandCount']);
  });
});
