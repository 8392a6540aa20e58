import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { hashPassword } from '../access/access.service.js';
import { DEMO_PARTNER_TOKEN } from '../../db/seed/unit.seed.js';
import { demoAnnouncements, seedDemoIfEmpty } from '../../db/seed/index.js';
import { unitScopedTypes } from './unit.scope.js';
import { contactNameOf, listUnits, loadRow, loadUnit, unitRowsPage } from './unit.service.js';
import { agreementList, agreementsExpiring } from './agreement.service.js';
import { tokensOf } from './partner.service.js';
import { AgreementEntity } from './unit.entity.js';

let api: TestApi;
let hongkangAdmin: string;
let zhenxingAdmin: string;

const UNIT = `id name kind contactName contactPhone communities { name }
  agreements(first: 10) { totalCount edges { node { id title status } } }
  committeeSeats(first: 10) { totalCount edges { node { id representativeName } } }
  crossAppointments(first: 10) { totalCount edges { node { id role personName } } }
  evaluations(first: 10) { totalCount edges { node { id period total flag } } }
  doubleReportMembers(first: 10) { totalCount edges { node { id personName } } }
  doubleReportSummary { memberCount communityCount serviceHours }`;

async function community(name: string, token = hongkangAdmin): Promise<string> {
  const res = await api.gql(`query($q: String!) { orgSearch(query: $q, first: 5) { edges { node { id name } } } }`, { q: name }, token);
  return res.data.orgSearch.edges.find((e: any) => e.node.name === name).node.id;
}

async function unitsOf(communityName: string, token: string | null = null) {
  const res = await api.gql(`query($id: ID!) { coBuildingUnits(communityId: $id, first: 10) { totalCount edges { node { ${UNIT} } } } }`, { id: await community(communityName) }, token);
  expect(res.errors).toBeUndefined();
  return res.data.coBuildingUnits.edges.map((e: any) => e.node);
}

async function unitNamed(communityName: string, name: string, token: string | null = null) {
  const unit = (await unitsOf(communityName, token)).find((u: any) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit;
}

async function createToken(unitId: string, scopes = ['unit:read'], admin = hongkangAdmin, expiresAt?: string) {
  const res = await api.gql(`mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret partnerToken { id status scopes hint } userErrors { field code message } } }`,
    { input: { unitId, name: '测试令牌', scopes, expiresAt } }, admin);
  expect(res.data.partnerTokenCreate.userErrors).toEqual([]);
  return res.data.partnerTokenCreate as { secret: string; partnerToken: { id: string; status: string; scopes: string[]; hint: string } };
}

/** Today in China plus `offset` days, YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A staff account that is committee admin of the named communities. */
async function adminOf(username: string, ...communities: string[]): Promise<string> {
  const [account] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values (?, ?, ?) returning id`,
    [username, await hashPassword('tongxin-demo'), username]);
  for (const name of communities) {
    await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, id, 'COMMITTEE_ADMIN' from org_node where name = ? and level = 'COMMUNITY'`, [account.id, name]);
  }
  return api.login(username);
}

beforeAll(async () => {
  api = await startTestApi();
  hongkangAdmin = await api.login('hongkang-admin');
  zhenxingAdmin = await api.login('zhenxing-admin');
});
afterAll(() => api?.close());

describe('the demo units', () => {
  it('gives each community its real partners', async () => {
    const hongkang = await unitsOf('红康社区', hongkangAdmin);
    expect(hongkang.map((u: any) => u.name).sort()).toEqual(['五华区第二幼儿园', '云南言之文化传媒有限公司', '昆明市口腔医院', '昆明有色冶金设计研究院股份公司'].sort());
    // 兼职委员制: all four hold a seat and an agreement in force
    for (const u of hongkang) {
      expect(u.committeeSeats.totalCount, u.name).toBe(1);
      expect(u.agreements.edges[0].node.status).toBe('ACTIVE');
      expect(u.doubleReportSummary.memberCount).toBeGreaterThan(0);
    }
    const tongzishan = await unitsOf('童子山社区', await api.login('tongzishan-admin'));
    expect(tongzishan.map((u: any) => u.name).sort()).toEqual(['建阳区发科局', '建阳区科协', '建阳区融媒体中心'].sort());
    expect(tongzishan.every((u: any) => u.kind === 'GOVERNMENT_OFFICE')).toBe(true);
    const zhenxing = await unitsOf('振兴社区', zhenxingAdmin);
    const firms = zhenxing.filter((u: any) => u.kind === 'PROPERTY_MANAGEMENT');
    expect(firms).toHaveLength(4);
    const flags = firms.flatMap((f: any) => f.evaluations.edges.map((e: any) => e.node.flag));
    expect(flags).toContain('RED');
    expect(flags).toContain('YELLOW');
    // 交叉任职: the community secretary is 党建指导员 in every firm
    for (const f of firms) expect(f.crossAppointments.edges.some((e: any) => e.node.role === 'PARTY_BUILDING_INSTRUCTOR' && e.node.personName === '王淑静')).toBe(true);
  });

  it('announces the demo partner token on every start, not only the first', async () => {
    expect(await seedDemoIfEmpty(api.orm)).toBeNull();
    expect(await demoAnnouncements(api.orm)).toEqual([`DEMO_PARTNER_TOKEN ${DEMO_PARTNER_TOKEN} 昆明市口腔医院`]);
    expect((await api.gql(`{ partnerUnit { name } }`, {}, DEMO_PARTNER_TOKEN)).data.partnerUnit.name).toBe('昆明市口腔医院');
  });

  it('shows outsiders the public profile only: no contact phone, a masked contact, no agreements', async () => {
    const seen = await unitNamed('红康社区', '昆明市口腔医院', null);
    const staff = await unitNamed('红康社区', '昆明市口腔医院', hongkangAdmin);
    expect(staff.contactName).toMatch(/^[^*]+$/);
    expect(staff.contactPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(seen.contactName).toContain('*');
    expect(seen.contactPhone).toBeNull();
    expect(seen.agreements.totalCount).toBe(0);
    expect(seen.committeeSeats.totalCount).toBe(0);
    expect(seen.doubleReportSummary).toEqual({ memberCount: 0, communityCount: 0, serviceHours: 0 });
    // staff of another community: the same as anyone
    const other = await unitNamed('红康社区', '昆明市口腔医院', zhenxingAdmin);
    expect(other.contactPhone).toBeNull();
    expect(other.contactName).toBe(seen.contactName);
    expect(other.agreements.totalCount).toBe(0);
    // the full number only on request, for a role that needs it
    const full = await api.gql(`query($id: ID!) { node(id: $id) { ... on CoBuildingUnit { contactPhone(reveal: true) } } }`, { id: staff.id }, hongkangAdmin);
    expect(full.data.node.contactPhone).toMatch(/^1\d{10}$/);
    const refused = await api.gql(`query($id: ID!) { node(id: $id) { ... on CoBuildingUnit { contactPhone(reveal: true) } } }`, { id: staff.id }, zhenxingAdmin);
    expect(refused.data.node.contactPhone).toBeNull();
  });
});

describe('a partner token', () => {
  it('reaches only types that declare how they relate to a unit', () => {
    expect(unitScopedTypes()).toEqual(expect.arrayContaining(['Activity', 'Agreement', 'CoBuildingUnit', 'CommitteeSeat', 'CrossAppointment', 'DoubleReportMember', 'PropertyEvaluation']));
    expect(unitScopedTypes()).not.toContain('PartyMember');
    expect(unitScopedTypes()).not.toContain('Household');
    expect(unitScopedTypes()).not.toContain('PartnerToken');
  });

  it("sees its own unit's agreements, seats and members, and not another unit's, even through node(id)", async () => {
    const mine = await api.gql(`{ partnerUnit { ${UNIT} } }`, {}, DEMO_PARTNER_TOKEN);
    expect(mine.errors).toBeUndefined();
    const own = mine.data.partnerUnit;
    expect(own.name).toBe('昆明市口腔医院');
    expect(own.contactPhone).toMatch(/\*{4}/);
    expect(own.agreements.totalCount).toBe(1);
    expect(own.committeeSeats.totalCount).toBe(1);
    expect(own.doubleReportMembers.totalCount).toBe(6);

    const neighbour = await unitNamed('红康社区', '昆明有色冶金设计研究院股份公司', hongkangAdmin);
    const seenByPartner = await api.gql(`query($id: ID!) { coBuildingUnit(id: $id) { ${UNIT} } }`, { id: neighbour.id }, DEMO_PARTNER_TOKEN);
    const n = seenByPartner.data.coBuildingUnit;
    expect(n.name).toBe('昆明有色冶金设计研究院股份公司');
    expect(n.contactPhone).toBeNull();
    expect([n.agreements.totalCount, n.committeeSeats.totalCount, n.doubleReportMembers.totalCount, n.evaluations.totalCount]).toEqual([0, 0, 0, 0]);

    const ownIds = [own.agreements.edges[0].node.id, own.committeeSeats.edges[0].node.id, own.doubleReportMembers.edges[0].node.id];
    const otherIds = [neighbour.agreements.edges[0].node.id, neighbour.committeeSeats.edges[0].node.id, neighbour.doubleReportMembers.edges[0].node.id];
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`;
    const res = await api.gql(NODES, { ids: [...ownIds, ...otherIds] }, DEMO_PARTNER_TOKEN);
    expect(res.data.nodes.map((x: any) => x?.__typename ?? null)).toEqual(['Agreement', 'CommitteeSeat', 'DoubleReportMember', null, null, null]);
    for (const id of otherIds) expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, DEMO_PARTNER_TOKEN)).data.node).toBeNull();
    // anonymous callers see none of them
    expect((await api.gql(NODES, { ids: ownIds })).data.nodes).toEqual([null, null, null]);
  });

  it("needs the unit:read scope for its unit's own data", async () => {
    const unit = await unitNamed('红康社区', '五华区第二幼儿园', hongkangAdmin);
    const publicOnly = await createToken(unit.id, ['public:read']);
    expect(publicOnly.partnerToken.scopes).toEqual(['public:read']);
    const res = await api.gql(`{ partnerUnit { name contactPhone agreements { totalCount } } }`, {}, publicOnly.secret);
    expect(res.data.partnerUnit).toEqual({ name: '五华区第二幼儿园', contactPhone: null, agreements: { totalCount: 0 } });
  });

  it("sees its own evaluations and its own place in the ranking, never another firm's", async () => {
    const firms = (await unitsOf('振兴社区', zhenxingAdmin)).filter((u: any) => u.kind === 'PROPERTY_MANAGEMENT');
    const [firm, other] = firms;
    const { secret } = await createToken(firm.id, ['unit:read'], zhenxingAdmin);
    const mine = await api.gql(`{ partnerUnit { evaluations { totalCount edges { node { id period } } } } }`, {}, secret);
    expect(mine.data.partnerUnit.evaluations.totalCount).toBe(4);
    const theirs = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: other.evaluations.edges[0].node.id }, secret);
    expect(theirs.data.node).toBeNull();
    const ranking = await api.gql(`query($c: ID!) { propertyEvaluationRanking(communityId: $c, period: "2026-Q3") { totalCount edges { node { rank evaluation { unit { name } } } } } }`,
      { c: await community('振兴社区') }, secret);
    expect(ranking.data.propertyEvaluationRanking.totalCount).toBe(1);
    expect(ranking.data.propertyEvaluationRanking.edges[0].node.evaluation.unit.name).toBe(firm.name);
    const staffView = await api.gql(`query($c: ID!) { propertyEvaluationRanking(communityId: $c, period: "2026-Q3") { edges { node { rank evaluation { unit { name } } } } } }`,
      { c: await community('振兴社区') }, zhenxingAdmin);
    const place = staffView.data.propertyEvaluationRanking.edges.find((e: any) => e.node.evaluation.unit.name === firm.name).node.rank;
    expect(ranking.data.propertyEvaluationRanking.edges[0].node.rank).toBe(place);
  });

  it("cannot read residents' or members' personal data", async () => {
    const hongkangId = await community('红康社区');
    const staff = await api.gql(`query($id: ID!) { orgNode(id: $id) { children(first: 1) { edges { node { id ... on Branch { members(first: 1) { edges { node { id } } } } children(first: 1) { edges { node { children(first: 1) { edges { node { ... on MemberHousehold { households(first: 1) { edges { node { id } } } } } } } } } } } } } } }`,
      { id: hongkangId }, hongkangAdmin);
    const branch = staff.data.orgNode.children.edges[0].node;
    const memberId = branch.members.edges[0].node.id;
    const householdId = branch.children.edges[0].node.children.edges[0].node.households.edges[0].node.id;
    const probe = await api.gql(`query($ids: [ID!]!, $c: ID!) {
        nodes(ids: $ids) { id }
        viewer { id }
        orgNode(id: $c) { name children { totalCount } leader { name } }
      }`, { ids: [memberId, householdId, branch.id], c: hongkangId }, DEMO_PARTNER_TOKEN);
    expect(probe.errors).toBeUndefined();
    expect(probe.data.nodes).toEqual([null, null, null]);
    expect(probe.data.viewer).toBeNull();
    expect(probe.data.orgNode).toEqual({ name: '红康社区', children: { totalCount: 0 }, leader: null });
    // double-report members of its own unit carry no link to the community roll for the partner
    const own = await api.gql(`{ partnerUnit { doubleReportMembers(first: 100) { edges { node { member { id } } } } } }`, {}, DEMO_PARTNER_TOKEN);
    expect(own.data.partnerUnit.doubleReportMembers.edges.every((e: any) => e.node.member === null)).toBe(true);
  });

  it('cannot change units, agreements or tokens (FORBIDDEN), and anonymous callers are UNAUTHENTICATED', async () => {
    const unit = await unitNamed('红康社区', '昆明市口腔医院', hongkangAdmin);
    const input = { unitId: unit.id, communityId: await community('红康社区'), signedOn: '2026-01-01', termMonths: 12, commitments: ['义诊'] };
    const M = `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } userErrors { code } } }`;
    expect((await api.gql(M, { input }, DEMO_PARTNER_TOKEN)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(M, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const T = `mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret userErrors { code } } }`;
    expect((await api.gql(T, { input: { unitId: unit.id, name: 'x', scopes: ['unit:read'] } }, DEMO_PARTNER_TOKEN)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('staff', () => {
  it("outside a unit's communities cannot create its tokens or list them (FORBIDDEN)", async () => {
    const unit = await unitNamed('红康社区', '昆明市口腔医院', hongkangAdmin);
    const T = `mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret userErrors { code } } }`;
    const input = { unitId: unit.id, name: '越权令牌', scopes: ['unit:read'] };
    const outsider = await api.gql(T, { input }, zhenxingAdmin);
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(outsider.data?.partnerTokenCreate ?? null).toBeNull();
    // a branch secretary of the same community is not a committee admin
    const secretary = await api.gql(T, { input }, await api.login('hongkang-branch1'));
    expect(secretary.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const LIST = `query($id: ID!) { coBuildingUnit(id: $id) { partnerTokens { totalCount edges { node { name hint status } } } } }`;
    expect((await api.gql(LIST, { id: unit.id }, zhenxingAdmin)).data.coBuildingUnit.partnerTokens).toBeNull();
    const listed = (await api.gql(LIST, { id: unit.id }, hongkangAdmin)).data.coBuildingUnit.partnerTokens;
    expect(listed.edges.some((e: any) => e.node.name === '演示令牌' && e.node.status === 'ACTIVE' && e.node.hint.startsWith('txp_'))).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(DEMO_PARTNER_TOKEN);
  });

  it('records agreements with renewal reminders, and terminates them once', async () => {
    const unit = await unitNamed('红康社区', '云南言之文化传媒有限公司', hongkangAdmin);
    const communityId = await community('红康社区');
    const M = `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id status endsOn daysUntilExpiry renewalDue commitments } userErrors { field code message } } }`;
    const bad = await api.gql(M, { input: { unitId: unit.id, communityId, signedOn: '2025-02-30', termMonths: 0, commitments: [] } }, hongkangAdmin);
    expect(bad.data.agreementCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'signedOn'] });
    // signed so that it expires in 30 days: due for renewal
    const today = new Date(Date.now() + 8 * 3600_000);
    const signed = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 30));
    const signedOn = signed.toISOString().slice(0, 10);
    const ok = await api.gql(M, { input: { unitId: unit.id, communityId, signedOn, termMonths: 12, commitments: [' 摄影摄像 ', '宣传设计'] } }, hongkangAdmin);
    const agreement = ok.data.agreementCreate.agreement;
    expect(ok.data.agreementCreate.userErrors).toEqual([]);
    expect(agreement).toMatchObject({ status: 'ACTIVE', renewalDue: true, commitments: ['摄影摄像', '宣传设计'] });
    expect(agreement.daysUntilExpiry).toBeGreaterThanOrEqual(28);
    expect(agreement.daysUntilExpiry).toBeLessThanOrEqual(31);
    const dup = await api.gql(M, { input: { unitId: unit.id, communityId, signedOn, termMonths: 12, commitments: ['重复'] } }, hongkangAdmin);
    expect(dup.data.agreementCreate.userErrors[0].code).toBe('DUPLICATE');
    const expiring = await api.gql(`{ agreementsExpiring(withinDays: 60) { totalCount edges { node { id unit { name } } } } }`, {}, hongkangAdmin);
    expect(expiring.data.agreementsExpiring.edges.map((e: any) => e.node.id)).toContain(agreement.id);
    const notMine = await api.gql(`{ agreementsExpiring(withinDays: 366) { edges { node { id } } } }`, {}, zhenxingAdmin);
    expect(notMine.data.agreementsExpiring.edges.map((e: any) => e.node.id)).not.toContain(agreement.id);

    const T = `mutation($input: AgreementTerminateInput!) { agreementTerminate(input: $input) { agreement { status daysUntilExpiry renewalDue terminationReason } userErrors { code } } }`;
    const done = await api.gql(T, { input: { id: agreement.id, reason: '合作调整' } }, hongkangAdmin);
    expect(done.data.agreementTerminate.agreement).toEqual({ status: 'TERMINATED', daysUntilExpiry: null, renewalDue: false, terminationReason: '合作调整' });
    expect((await api.gql(T, { input: { id: agreement.id, reason: '再次' } }, hongkangAdmin)).data.agreementTerminate.userErrors[0].code).toBe('INVALID_STATE');
    expect((await api.gql(T, { input: { id: agreement.id, reason: '越权' } }, zhenxingAdmin)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('never gives a unit two overlapping seats, even when asked at once', async () => {
    const unit = await unitNamed('红康社区', '五华区第二幼儿园', hongkangAdmin);
    const communityId = await community('红康社区');
    const M = `mutation($input: CommitteeSeatCreateInput!) { committeeSeatCreate(input: $input) { seat { id current } userErrors { code field } } }`;
    const overlapping = await api.gql(M, { input: { unitId: unit.id, communityId, representativeName: '李园长', since: '2026-01-01' } }, hongkangAdmin);
    expect(overlapping.data.committeeSeatCreate.userErrors[0].code).toBe('DUPLICATE');
    const seatId = unit.committeeSeats.edges[0].node.id;
    const ended = await api.gql(`mutation($input: CommitteeSeatEndInput!) { committeeSeatEnd(input: $input) { seat { until current } userErrors { code } } }`, { input: { id: seatId, until: '2026-06-30' } }, hongkangAdmin);
    expect(ended.data.committeeSeatEnd.seat).toEqual({ until: '2026-06-30', current: false });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => api.gql(M, { input: { unitId: unit.id, communityId, representativeName: `代表${i}`, since: '2026-07-01' } }, hongkangAdmin)));
    expect(results.filter((r) => r.data.committeeSeatCreate.seat).length).toBe(1);
    expect(results.filter((r) => r.data.committeeSeatCreate.userErrors[0]?.code === 'DUPLICATE').length).toBe(7);
    const rows = await api.sql<{ count: string }>(`select count(*) from committee_seat s join co_building_unit u on u.id = s.unit_id where u.name = '五华区第二幼儿园' and s.until is null`);
    expect(Number(rows[0].count)).toBe(1);
  });

  it('keeps one double report per person at a time, refuses future end dates, and takes members from the community roll only', async () => {
    const unit = await unitNamed('红康社区', '五华区第二幼儿园', hongkangAdmin);
    const communityId = await community('红康社区');
    const M = `mutation($input: DoubleReportMemberCreateInput!) { doubleReportMemberCreate(input: $input) { doubleReportMember { id personName current } userErrors { field code message } } }`;
    const END = `mutation($input: DoubleReportMemberEndInput!) { doubleReportMemberEnd(input: $input) { doubleReportMember { until current } userErrors { field code message } } }`;
    const create = async (input: Record<string, unknown>, token = hongkangAdmin) => (await api.gql(M, { input: { unitId: unit.id, communityId, ...input } }, token)).data.doubleReportMemberCreate;
    const end = async (id: string, until: string) => (await api.gql(END, { input: { id, until } }, hongkangAdmin)).data.doubleReportMemberEnd;
    const reporting = async () => {
      const Q = `query($id: ID!) { node(id: $id) { ... on CoBuildingUnit { doubleReportMembers(reporting: true, first: 100) { edges { node { personName } } } doubleReportSummary { memberCount } } } }`;
      const node = (await api.gql(Q, { id: unit.id }, hongkangAdmin)).data.node;
      return { names: node.doubleReportMembers.edges.map((e: any) => e.node.personName), count: node.doubleReportSummary.memberCount };
    };
    const before = await reporting();

    const first = await create({ personName: '周报到', since: day(-100) });
    expect(first.userErrors).toEqual([]);
    // ending in the future would leave the person reporting, free to be registered again: refused
    expect((await end(first.doubleReportMember.id, day(1))).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'until'] });
    expect((await end(first.doubleReportMember.id, day(-30))).doubleReportMember).toEqual({ until: day(-30), current: false });
    const overlapping = await create({ personName: '周报到', since: day(-40) });
    expect(overlapping.userErrors[0]).toMatchObject({ code: 'DUPLICATE', field: ['input', 'since'] });
    expect(overlapping.userErrors[0].message).toContain(day(-30));
    expect((await create({ personName: '周报到', since: day(-29) })).userErrors).toEqual([]);
    const after = await reporting();
    expect(after.names.filter((n: string) => n === '周报到')).toHaveLength(1);
    expect(after.count).toBe(before.count + 1);

    // the same member registered at once by name and by roll entry: once
    const [member] = await api.sql<{ id: number; name: string }>(
      `select m.id, m.name from party_member m join org_node c on c.id = m.community_id where c.name = '红康社区' and m.archived_at is null
       and not exists (select 1 from double_report d where d.person_name = m.name or d.member_id = m.id) order by m.id limit 1`);
    const memberId = globalId('PartyMember', member.id);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(i % 2 ? { memberId } : { personName: member.name })));
    expect(results.filter((r) => r.doubleReportMember).length).toBe(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'DUPLICATE').length).toBe(7);

    // a member of another community's roll cannot report here, even for an admin of both
    const both = await adminOf('report-admin', '红康社区', '振兴社区');
    const [stranger] = await api.sql<{ id: number }>(`select m.id from party_member m join org_node c on c.id = m.community_id where c.name = '振兴社区' order by m.id limit 1`);
    const elsewhere = await create({ memberId: globalId('PartyMember', stranger.id) }, both);
    expect(elsewhere.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'memberId'] });
  });

  it('keeps one cross-appointment per person and role at a time, and refuses future end dates', async () => {
    const unit = await unitNamed('红康社区', '五华区第二幼儿园', hongkangAdmin);
    const communityId = await community('红康社区');
    const M = `mutation($input: CrossAppointmentCreateInput!) { crossAppointmentCreate(input: $input) { crossAppointment { id current } userErrors { field code message } } }`;
    const END = `mutation($input: CrossAppointmentEndInput!) { crossAppointmentEnd(input: $input) { crossAppointment { until current } userErrors { field code message } } }`;
    const create = async (input: Record<string, unknown>) => (await api.gql(M, { input: { unitId: unit.id, communityId, role: 'OPINION_LIAISON', ...input } }, hongkangAdmin)).data.crossAppointmentCreate;
    const end = async (id: string, until: string) => (await api.gql(END, { input: { id, until } }, hongkangAdmin)).data.crossAppointmentEnd;

    const first = await create({ personName: '吴联络', since: day(-100) });
    expect(first.userErrors).toEqual([]);
    expect((await end(first.crossAppointment.id, day(1))).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'until'] });
    expect((await end(first.crossAppointment.id, day(-30))).crossAppointment).toEqual({ until: day(-30), current: false });
    const overlapping = await create({ personName: '吴联络', since: day(-40) });
    expect(overlapping.userErrors[0]).toMatchObject({ code: 'DUPLICATE', field: ['input', 'since'] });
    expect(overlapping.userErrors[0].message).toContain(day(-30));
    // another role of the same person is another appointment
    expect((await create({ personName: '吴联络', since: day(-40), role: 'SOCIAL_SUPERVISOR' })).userErrors).toEqual([]);
    expect((await create({ personName: '吴联络', since: day(-29) })).userErrors).toEqual([]);
    const Q = `query($id: ID!) { node(id: $id) { ... on CoBuildingUnit { crossAppointments(current: true, first: 100) { edges { node { personName role } } } } } }`;
    const current = (await api.gql(Q, { id: unit.id }, hongkangAdmin)).data.node.crossAppointments.edges.map((e: any) => e.node);
    expect(current.filter((a: any) => a.personName === '吴联络').map((a: any) => a.role).sort()).toEqual(['OPINION_LIAISON', 'SOCIAL_SUPERVISOR']);
    const results = await Promise.all(Array.from({ length: 6 }, () => create({ personName: '郑联络', since: day(-10) })));
    expect(results.filter((r) => r.crossAppointment).length).toBe(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'DUPLICATE').length).toBe(5);
  });

  it('ranks property firms by total, ties sharing a place', async () => {
    const communityId = await community('振兴社区');
    const firms = (await unitsOf('振兴社区', zhenxingAdmin)).filter((u: any) => u.kind === 'PROPERTY_MANAGEMENT');
    const M = `mutation($input: PropertyEvaluationRecordInput!) { propertyEvaluationRecord(input: $input) { evaluation { total flag } userErrors { code field } } }`;
    // totals 90, 85.5, 90, 70: two firms tie for first, the next is third
    const scores = [[90, 90, 90, 90, 'RED'], [86, 85, 86, 85, 'RED'], [100, 80, 95, 85, 'RED'], [70, 70, 70, 70, 'YELLOW']] as const;
    for (const [i, [s, e, f, r, flag]] of scores.entries()) {
      const res = await api.gql(M, { input: { unitId: firms[i].id, communityId, period: '2026-10', serviceScore: s, environmentScore: e, safetyScore: f, responseScore: r, flag } }, zhenxingAdmin);
      expect(res.data.propertyEvaluationRecord.userErrors).toEqual([]);
    }
    // recording again corrects, never duplicates
    await api.gql(M, { input: { unitId: firms[3].id, communityId, period: '2026-10', serviceScore: 70, environmentScore: 70, safetyScore: 70, responseScore: 70, flag: 'YELLOW' } }, zhenxingAdmin);
    const Q = `query($c: ID!) { propertyEvaluationRanking(communityId: $c, period: "2026-10") { totalCount edges { node { rank evaluation { total flag unit { name } } } } } }`;
    const ranking = (await api.gql(Q, { c: communityId }, zhenxingAdmin)).data.propertyEvaluationRanking;
    expect(ranking.totalCount).toBe(4);
    expect(ranking.edges.map((e: any) => [e.node.rank, e.node.evaluation.total])).toEqual([[1, 90], [1, 90], [3, 85.5], [4, 70]]);
    expect(ranking.edges.map((e: any) => e.node.evaluation.unit.name).slice(2)).toEqual([firms[1].name, firms[3].name]);
    expect(ranking.edges.at(-1).node.evaluation.flag).toBe('YELLOW');
    // others see nothing; a non-property unit cannot be evaluated; scores stay in range
    expect((await api.gql(Q, { c: communityId })).data.propertyEvaluationRanking.totalCount).toBe(0);
    expect((await api.gql(Q, { c: communityId }, hongkangAdmin)).data.propertyEvaluationRanking.totalCount).toBe(0);
    const owners = (await unitsOf('振兴社区', zhenxingAdmin)).find((u: any) => u.kind === 'OWNERS_COMMITTEE');
    const notFirm = await api.gql(M, { input: { unitId: owners.id, communityId, period: '2026-10', serviceScore: 1, environmentScore: 1, safetyScore: 1, responseScore: 1, flag: 'RED' } }, zhenxingAdmin);
    expect(notFirm.data.propertyEvaluationRecord.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'unitId'] });
    const outOfRange = await api.gql(M, { input: { unitId: firms[0].id, communityId, period: '2026-Q5', serviceScore: 101, environmentScore: 1, safetyScore: 1, responseScore: 1, flag: 'RED' } }, zhenxingAdmin);
    expect(outOfRange.data.propertyEvaluationRecord.userErrors[0].field).toEqual(['input', 'period']);
  });

  it("sums double-report members' service hours from the community's service records", async () => {
    const unit = await unitNamed('红康社区', '昆明有色冶金设计研究院股份公司', hongkangAdmin);
    const member = unit.doubleReportMembers.edges[0].node;
    const HOURS = `query($id: ID!) { node(id: $id) { ... on DoubleReportMember { personName serviceHours community { name } } } }`;
    const before = (await api.gql(HOURS, { id: member.id }, hongkangAdmin)).data.node.serviceHours;
    const [{ unit_id, community_id }] = await api.sql<{ unit_id: number; community_id: number }>(`select unit_id, community_id from double_report where person_name = ? limit 1`, [member.personName]);
    const [{ id: volunteerId }] = await api.sql<{ id: number }>(
      `insert into volunteer (community_id, name, phone, unit_id) values (?, ?, '13900001111', ?) returning id`, [community_id, member.personName, unit_id]);
    await api.sql(`insert into service_record (community_id, volunteer_id, hours, served_on, source) values (?, ?, 2.5, '2026-10-01', 'MANUAL'), (?, ?, 3, '2026-10-08', 'MANUAL')`,
      [community_id, volunteerId, community_id, volunteerId]);
    const after = await unitNamed('红康社区', '昆明有色冶金设计研究院股份公司', hongkangAdmin);
    expect(after.doubleReportSummary.serviceHours).toBeCloseTo(unit.doubleReportSummary.serviceHours + 5.5, 2);
    const hours = await api.gql(HOURS, { id: member.id }, hongkangAdmin);
    expect(hours.data.node).toEqual({ personName: member.personName, serviceHours: before + 5.5, community: { name: '红康社区' } });
    // the unit sees its own members' hours; outsiders see no members at all
    const outsider = await api.gql(HOURS, { id: member.id }, zhenxingAdmin);
    expect(outsider.data.node).toBeNull();
  });

  it('loads units with all their lists in a number of statements independent of how many there are', async () => {
    const NESTED = `query($id: ID!) { coBuildingUnits(communityId: $id, first: 20) { edges { node { name contactName contactPhone communities { name }
      agreements { totalCount edges { node { title status unit { name } community { name } } } }
      committeeSeats { edges { node { representativeName community { name } } } }
      crossAppointments { edges { node { role personName } } }
      evaluations { edges { node { period total } } }
      doubleReportMembers(first: 50) { totalCount edges { node { personName serviceHours community { name } } } }
      doubleReportSummary { memberCount serviceHours } } } } }`;
    const hk = await community('红康社区');
    const token = await api.login('hongkang-admin');
    await api.gql('{ viewer { id } }', {}, token);
    // the same kinds of rows under one unit or under four: the same statements
    const one = await api.countStatements(() => api.gql(NESTED.replace('first: 20', 'first: 1'), { id: hk }, token));
    const a = await api.countStatements(() => api.gql(NESTED, { id: hk }, token));
    expect(a.result.errors).toBeUndefined();
    expect(one.result.data.coBuildingUnits.edges.length).toBe(1);
    expect(a.result.data.coBuildingUnits.edges.length).toBe(4);
    expect(a.statements).toBe(one.statements);
    expect(a.statements).toBeLessThanOrEqual(20);
  });
  it("lists a unit's agreements with their nested fields in the same statements, however many there are", async () => {
    const AGREEMENTS = `query($id: ID!, $first: Int) { coBuildingUnit(id: $id) { name agreements(first: $first) { totalCount
      edges { node { id title signedOn status daysUntilExpiry renewalDue unit { name contactName } community { name } } } } } }`;
    const [{ unit_id, community_id }] = await api.sql<{ unit_id: number; community_id: number }>(
      `select a.unit_id, a.community_id from agreement a join org_node c on c.id = a.community_id where c.name = '红康社区' order by a.id limit 1`);
    const extra = await api.sql<{ id: number }>(
      `insert into agreement (unit_id, community_id, title, signed_on, term_months, ends_on, commitments)
       select ?, ?, '统计测试协议 ' || n, date '2001-01-01' + n, 12, date '2002-01-01' + n, array['义诊'] from generate_series(1, 6) n returning id`, [unit_id, community_id]);
    try {
      const token = await api.login('hongkang-admin');
      const id = globalId('CoBuildingUnit', unit_id);
      await api.gql('{ viewer { id } }', {}, token);
      const one = await api.countStatements(() => api.gql(AGREEMENTS, { id, first: 1 }, token));
      const all = await api.countStatements(() => api.gql(AGREEMENTS, { id, first: 50 }, token));
      expect(all.result.errors).toBeUndefined();
      expect(one.result.data.coBuildingUnit.agreements.edges).toHaveLength(1);
      expect(all.result.data.coBuildingUnit.agreements.edges.length).toBeGreaterThanOrEqual(7);
      expect(all.result.data.coBuildingUnit.agreements.totalCount).toBe(all.result.data.coBuildingUnit.agreements.edges.length);
      expect(all.statements).toBe(one.statements);
      expect(all.statements).toBeLessThanOrEqual(6);
    } finally {
      await api.sql(`delete from agreement where id = any(?::int[])`, [`{${extra.map((r) => r.id).join(',')}}`]);
    }
  });
  it('reads units, their rows and tokens without putting them in the unit of work of the request', async () => {
    const ctx = await api.staffContext('hongkang-admin');
    const page = { offset: 0, limit: 50 };
    const { rows } = await listUnits(ctx, {}, page);
    expect(rows.length).toBeGreaterThan(0);
    const unit = (await loadUnit(ctx, rows[0].id))!;
    expect(unit.globalId).toBe(globalId('CoBuildingUnit', rows[0].id));
    expect(await contactNameOf(ctx, unit)).toBe(unit.contactName);
    const agreements = (await Promise.all(rows.map((u) => unitRowsPage(ctx, agreementList(null), u.id, page)))).flat();
    expect(agreements.length).toBeGreaterThan(0);
    expect(agreements[0].constructor).toBe(AgreementEntity);
    expect((await loadRow(ctx, AgreementEntity, agreements[0].id))?.signedOn).toBe(agreements[0].signedOn);
    await agreementsExpiring(ctx, 366, page);
    await Promise.all(rows.map((u) => tokensOf(ctx, u.id, page)));
    // (org nodes are the org module's to read)
    const managed = ctx.em.getUnitOfWork().getIdentityMap().values().map((e) => e.constructor.name);
    expect(managed.filter((name) => ['CoBuildingUnitEntity', 'AgreementEntity', 'PartnerTokenEntity'].includes(name))).toEqual([]);
  });
});
