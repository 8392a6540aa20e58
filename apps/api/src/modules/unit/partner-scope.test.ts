/**
 * A partner token is issued by one community and sees the unit's relationship with that community only:
 * a committee admin who links a unit to their community cannot reach what the unit does with others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { DEMO_PARTNER_TOKEN } from '../../db/seed/unit.seed.js';
import { hashPassword } from '../access/access.service.js';
import { makeActivity } from '../activity/activity.fixtures.js';
import { PARTNER_SCOPE_DOWN, PARTNER_SCOPE_UP } from '../../db/migrations/Migration20261123000005_partner_scope.js';

let api: TestApi;
let hongkangAdmin: string;
let zhenxingAdmin: string;
let hospital: string;
let hospitalId: number;
let hongkang: string;
let zhenxing: string;

const UNIT = `id name contactName contactPhone
  agreements(first: 10) { totalCount edges { node { id title community { name } } } }
  committeeSeats(first: 10) { totalCount edges { node { id community { name } } } }
  crossAppointments(first: 10) { totalCount edges { node { id community { name } } } }
  evaluations(first: 10) { totalCount }
  doubleReportMembers(first: 10) { totalCount edges { node { id community { name } } } }
  doubleReportSummary { memberCount communityCount serviceHours }`;
const CREATE = `mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) {
  secret partnerToken { id name community { name } } userErrors { field code message } } }`;
const ROTATE = `mutation($input: PartnerTokenRotateInput!) { partnerTokenRotate(input: $input) { secret partnerToken { id } userErrors { code } } }`;
const REVOKE = `mutation($input: PartnerTokenRevokeInput!) { partnerTokenRevoke(input: $input) { partnerToken { id status } userErrors { code } } }`;
const LIST = `query($id: ID!) { coBuildingUnit(id: $id) { partnerTokens(first: 100) { totalCount edges { node { id name community { name } } } } } }`;
const UPDATE = `mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { id title } userErrors { code } } }`;

async function communityGid(name: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'COMMUNITY'`, [name]);
  return globalId('PartyCommittee', row.id);
}

/** A staff account that is committee admin of the named communities. */
async function adminOf(username: string, ...communities: string[]): Promise<string> {
  const [account] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values (?, ?, ?) returning id`,
    [username, await hashPassword('tongxin-demo'), username]);
  for (const name of communities) {
    await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, id, 'COMMITTEE_ADMIN' from org_node where name = ? and level = 'COMMUNITY'`, [account.id, name]);
  }
  return api.login(username);
}

async function newToken(admin: string, scopes: string[], communityId?: string) {
  const res = await api.gql(CREATE, { input: { unitId: hospital, name: '预约系统', scopes, communityId } }, admin);
  expect(res.errors).toBeUndefined();
  expect(res.data.partnerTokenCreate.userErrors).toEqual([]);
  return res.data.partnerTokenCreate as { secret: string; partnerToken: { id: string; name: string; community: { name: string } } };
}

let zhenxingToken: { secret: string; partnerToken: { id: string; name: string; community: { name: string } } };
let zhenxingAgreement: string;

beforeAll(async () => {
  api = await startTestApi();
  hongkangAdmin = await api.login('hongkang-admin');
  zhenxingAdmin = await api.login('zhenxing-admin');
  const [row] = await api.sql<{ id: number }>(`select id from co_building_unit where name = '昆明市口腔医院'`);
  hospitalId = row.id;
  hospital = globalId('CoBuildingUnit', row.id);
  hongkang = await communityGid('红康社区');
  zhenxing = await communityGid('振兴社区');

  // 振兴社区 starts working with the hospital (which already works with 红康社区) and signs an agreement
  const link = await api.gql(`mutation($input: CoBuildingUnitLinkInput!) { coBuildingUnitLink(input: $input) { unit { communities { name } } userErrors { code } } }`,
    { input: { unitId: hospital, communityId: zhenxing } }, zhenxingAdmin);
  expect(link.data.coBuildingUnitLink.unit.communities.map((c: any) => c.name).sort()).toEqual(['振兴社区', '红康社区'].sort());
  const agreement = await api.gql(`mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } userErrors { code } } }`,
    { input: { unitId: hospital, communityId: zhenxing, signedOn: '2026-06-01', termMonths: 12, commitments: ['义诊'] } }, zhenxingAdmin);
  zhenxingAgreement = agreement.data.agreementCreate.agreement.id;
  zhenxingToken = await newToken(zhenxingAdmin, ['unit:read', 'activities:write']);
});
afterAll(() => api?.close());

describe('a partner token issued by a community', () => {
  it('belongs to that community: the demo token to 红康社区, a new one to the community of its issuer', async () => {
    expect(zhenxingToken.partnerToken.community.name).toBe('振兴社区');
    const rows = await api.sql<{ community: string }>(`select c.name as community from partner_token t join org_node c on c.id = t.community_id where t.token_hint like 'txp_demo%'`);
    expect(rows).toEqual([{ community: '红康社区' }]);
    const budget = await api.gql(`{ partnerBudget { community { name } } }`, {}, zhenxingToken.secret);
    expect(budget.data.partnerBudget.community.name).toBe('振兴社区');
    // the database refuses a token for a community the unit does not work with
    const [tongzishan] = await api.sql<{ id: number }>(`select id from org_node where name = '童子山社区'`);
    await expect(api.sql(`insert into partner_token (unit_id, community_id, name, token_hash, token_hint, scopes, expires_at)
      values (?, ?, 'x', 'not-a-hash', 'x', '{public:read}', now() + interval '1 day')`, [hospitalId, tongzishan.id])).rejects.toThrow();
  });

  it("sees that community's relationship with the unit only, never another community's", async () => {
    const mine = (await api.gql(`{ partnerUnit { ${UNIT} } }`, {}, zhenxingToken.secret)).data.partnerUnit;
    expect(mine.agreements.totalCount).toBe(1);
    expect(mine.agreements.edges[0].node).toMatchObject({ id: zhenxingAgreement, community: { name: '振兴社区' } });
    // 红康社区's seat, double-report members (names!) and the like stay out of reach
    expect([mine.committeeSeats.totalCount, mine.crossAppointments.totalCount, mine.evaluations.totalCount, mine.doubleReportMembers.totalCount]).toEqual([0, 0, 0, 0]);
    expect(mine.doubleReportSummary).toEqual({ memberCount: 0, communityCount: 0, serviceHours: 0 });

    // the demo token of 红康社区 sees 红康社区's, and not 振兴社区's agreement
    const demo = (await api.gql(`{ partnerUnit { ${UNIT} } }`, {}, DEMO_PARTNER_TOKEN)).data.partnerUnit;
    expect(demo.agreements.edges.map((e: any) => e.node.community.name)).toEqual(['红康社区']);
    expect(demo.committeeSeats.totalCount).toBe(1);
    expect(demo.doubleReportMembers.totalCount).toBe(6);
    expect(demo.doubleReportSummary.communityCount).toBe(1);

    // nor through node(id)
    const hongkangIds = [demo.agreements.edges[0].node.id, demo.committeeSeats.edges[0].node.id, demo.doubleReportMembers.edges[0].node.id];
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    expect((await api.gql(NODES, { ids: hongkangIds }, zhenxingToken.secret)).data.nodes).toEqual([null, null, null]);
    expect((await api.gql(NODES, { ids: [zhenxingAgreement] }, DEMO_PARTNER_TOKEN)).data.nodes).toEqual([null]);
    expect((await api.gql(NODES, { ids: [zhenxingAgreement] }, zhenxingToken.secret)).data.nodes).toEqual([{ id: zhenxingAgreement }]);
  });

  it("shows the unit's contact details as the issuing community sees them", async () => {
    const Q = `query($id: ID!) { coBuildingUnit(id: $id) { contactName contactPhone } }`;
    const staff = (await api.gql(Q, { id: hospital }, zhenxingAdmin)).data.coBuildingUnit;
    const partner = (await api.gql(`{ partnerUnit { contactName contactPhone } }`, {}, zhenxingToken.secret)).data.partnerUnit;
    expect(partner).toEqual(staff);
    expect(partner.contactPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
  });

  it("cannot see or change another community's co-hosted activities, but can its own", async () => {
    const hkOrganizer = hongkang;
    const published = await makeActivity(api, hongkangAdmin, { organizerId: hkOrganizer, title: '红康共建活动', coHostIds: [hospital] });
    const draft = await makeActivity(api, hongkangAdmin, { organizerId: hkOrganizer, title: '红康共建草稿', coHostIds: [hospital], publish: false });
    const ours = await makeActivity(api, zhenxingAdmin, { organizerId: zhenxing, title: '振兴共建草稿', coHostIds: [hospital], publish: false });

    // the public activity of 红康社区 is visible to anyone, but not changeable by 振兴社区's token
    const refused = await api.gql(UPDATE, { input: { id: published.id, title: '越权修改' } }, zhenxingToken.secret);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const Q = `query($a: ID!, $d: ID!, $o: ID!) { a: activity(id: $a) { title viewerCanUpdate } d: activity(id: $d) { title } o: activity(id: $o) { title viewerCanUpdate } }`;
    const seen = (await api.gql(Q, { a: published.id, d: draft.id, o: ours.id }, zhenxingToken.secret)).data;
    expect(seen).toEqual({ a: { title: '红康共建活动', viewerCanUpdate: false }, d: null, o: { title: '振兴共建草稿', viewerCanUpdate: true } });
    const changed = await api.gql(UPDATE, { input: { id: ours.id, title: '振兴共建草稿（单位修改）' } }, zhenxingToken.secret);
    expect(changed.data.activityUpdate.userErrors).toEqual([]);

    // and the other way round
    const demo = (await api.gql(Q, { a: published.id, d: draft.id, o: ours.id }, DEMO_PARTNER_TOKEN)).data;
    expect(demo).toEqual({ a: { title: '红康共建活动', viewerCanUpdate: true }, d: { title: '红康共建草稿' }, o: null });
    // a draft of another community does not exist for the token
    expect((await api.gql(UPDATE, { input: { id: ours.id, title: '越权修改' } }, DEMO_PARTNER_TOKEN)).data.activityUpdate.userErrors[0].code).toBe('NOT_FOUND');
    const LIST_HOSTED = `query($u: ID!) { activities(filter: { coHostId: $u }, first: 100) { edges { node { title } } } }`;
    const titles = async (token: string) => (await api.gql(LIST_HOSTED, { u: hospital }, token)).data.activities.edges.map((e: any) => e.node.title);
    expect(await titles(zhenxingToken.secret)).not.toContain('红康共建草稿');
    expect(await titles(DEMO_PARTNER_TOKEN)).not.toContain('振兴共建草稿（单位修改）');
  });

  it("sees the unit's volunteers of that community only", async () => {
    const [hk] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区'`);
    const [zx] = await api.sql<{ id: number }>(`select id from org_node where name = '振兴社区'`);
    await api.sql(`insert into volunteer (community_id, name, phone, unit_id) values (?, '红康志愿者', '13911112222', ?), (?, '振兴志愿者', '13911113333', ?)`, [hk.id, hospitalId, zx.id, hospitalId]);
    const Q = `query($c: ID!, $u: ID!) { volunteers(communityId: $c, unitId: $u, first: 50) { totalCount } }`;
    const count = async (community: string, token: string) => (await api.gql(Q, { c: community, u: hospital }, token)).data.volunteers.totalCount;
    expect(await count(zhenxing, zhenxingToken.secret)).toBe(1);
    expect(await count(hongkang, zhenxingToken.secret)).toBe(0);
    expect(await count(hongkang, DEMO_PARTNER_TOKEN)).toBeGreaterThanOrEqual(1);
    expect(await count(zhenxing, DEMO_PARTNER_TOKEN)).toBe(0);
  });
});

describe('managing partner tokens', () => {
  it("is for committee admins of the token's community: others can neither list, rotate nor revoke it", async () => {
    const hongkangList = (await api.gql(LIST, { id: hospital }, hongkangAdmin)).data.coBuildingUnit.partnerTokens;
    const demo = hongkangList.edges.find((e: any) => e.node.name === '演示令牌').node;
    expect(hongkangList.edges.every((e: any) => e.node.community.name === '红康社区')).toBe(true);

    const zhenxingList = (await api.gql(LIST, { id: hospital }, zhenxingAdmin)).data.coBuildingUnit.partnerTokens;
    expect(zhenxingList.edges.map((e: any) => e.node.id)).toContain(zhenxingToken.partnerToken.id);
    expect(zhenxingList.edges.every((e: any) => e.node.community.name === '振兴社区')).toBe(true);
    expect(zhenxingList.totalCount).toBe(zhenxingList.edges.length);

    for (const [token, id] of [[zhenxingAdmin, demo.id], [hongkangAdmin, zhenxingToken.partnerToken.id]]) {
      expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, token)).data.node).toBeNull();
      expect((await api.gql(ROTATE, { input: { id } }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(REVOKE, { input: { id } }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // both tokens still work
    expect((await api.gql(`{ partnerUnit { name } }`, {}, DEMO_PARTNER_TOKEN)).data.partnerUnit.name).toBe('昆明市口腔医院');
    expect((await api.gql(`{ partnerUnit { name } }`, {}, zhenxingToken.secret)).data.partnerUnit.name).toBe('昆明市口腔医院');
  });

  it('issues a token for a community the caller administers and the unit works with; asks which when there are several', async () => {
    // 振兴社区's admin cannot issue a token of 红康社区
    const other = await api.gql(CREATE, { input: { unitId: hospital, communityId: hongkang, name: '越权', scopes: ['unit:read'] } }, zhenxingAdmin);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // a community the caller administers but the unit does not work with
    const tongzishanAdmin = await api.login('tongzishan-admin');
    const notLinked = await api.gql(CREATE, { input: { unitId: hospital, communityId: await communityGid('童子山社区'), name: '未共建', scopes: [] } }, tongzishanAdmin);
    expect(notLinked.data.partnerTokenCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'communityId'] });
    expect(notLinked.data.partnerTokenCreate.userErrors[0].message).toContain('未与');

    const both = await adminOf('both-admin', '红康社区', '振兴社区');
    const ambiguous = await api.gql(CREATE, { input: { unitId: hospital, name: '两个社区', scopes: [] } }, both);
    expect(ambiguous.data.partnerTokenCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'communityId'] });
    const chosen = await newToken(both, ['unit:read'], zhenxing);
    expect(chosen.partnerToken.community.name).toBe('振兴社区');
    // an admin of both communities lists the tokens of both
    const listed = (await api.gql(LIST, { id: hospital }, both)).data.coBuildingUnit.partnerTokens.edges.map((e: any) => e.node.community.name);
    expect(new Set(listed)).toEqual(new Set(['红康社区', '振兴社区']));
  });
});

describe('the migration', () => {
  it("backfills each token's community from its creator's grant, else the unit's first community", async () => {
    // undo and redo the migration on this database: the tokens made above get their communities back
    // (all but the one whose creator administers both communities: that choice is not on record)
    const TOKENS = `select t.id, c.name from partner_token t join org_node c on c.id = t.community_id
      where t.created_by is distinct from (select id from account where username = 'both-admin') order by t.id`;
    const before = await api.sql<{ id: number; name: string }>(TOKENS);
    expect(before.map((t) => t.name)).toEqual(['红康社区', '振兴社区']);
    for (const statement of [...PARTNER_SCOPE_DOWN, ...PARTNER_SCOPE_UP]) await api.sql(statement);
    expect(await api.sql(TOKENS)).toEqual(before);
  });
});
