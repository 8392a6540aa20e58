import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, firstBranchId, partnerToken, testUnit } from '../activity/activity.fixtures.js';
import { lastCompletePeriods, todayIn } from './meeting.service.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const ERR = 'userErrors { field message code }';
const MEETING = `id kind title startsAt status minutes scheduleDate place host { id name } units { name }
  attendees { kind name attendance } agenda { id position title decision demand { id title } }`;
const SCHEDULE = `mutation($input: CreateMeetingScheduleInput!) { createMeetingSchedule(input: $input) { schedule { id rule monthDays upcoming(from: "2028-01-24", count: 4) { date originalDate moved } } ${ERR} } }`;
const CHANGE = `mutation($input: ChangeScheduleDateInput!) { changeScheduleDate(input: $input) { schedule { id } ${ERR} } }`;
const FROM_SCHEDULE = `mutation($input: CreateMeetingFromScheduleInput!) { createMeetingFromSchedule(input: $input) { meeting { ${MEETING} } ${ERR} } }`;
const CREATE = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { ${MEETING} } ${ERR} } }`;
const UPDATE = `mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { meeting { ${MEETING} } ${ERR} } }`;
const AGENDA = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { ${MEETING} } ${ERR} } }`;
const DECIDE = `mutation($input: DecideAgendaItemInput!) { decideAgendaItem(input: $input) { meeting { ${MEETING} } ${ERR} } }`;

async function ok<T = any>(query: string, input: Record<string, unknown>, token = admin): Promise<T> {
  const res = await api.gql(query, { input }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const out = Object.values(res.data as Record<string, any>)[0];
  expect(out.userErrors).toEqual([]);
  return out;
}

describe('recurring schedules (逢三说事)', () => {
  let scheduleId: string;

  it('yields the 3rd, 13th and 23rd across month ends and a leap February', async () => {
    const out = await ok(SCHEDULE, { orgNodeId: hongkang, kind: 'DELIBERATION', title: '逢三说事', rule: 'MONTH_DAYS', monthDays: [23, 3, 13], startDate: '2027-12-01', startTime: '15:00', place: '党群服务中心' });
    scheduleId = out.schedule.id;
    expect(out.schedule.monthDays).toEqual([3, 13, 23]);
    expect(out.schedule.upcoming.map((o: any) => o.date)).toEqual(['2028-02-03', '2028-02-13', '2028-02-23', '2028-03-03']);
  });

  it('a moved date keeps the series; the meeting made for it moves with it, and making it twice gives one meeting', async () => {
    const first = await ok(FROM_SCHEDULE, { scheduleId, originalDate: '2028-02-13' });
    expect(first.meeting.scheduleDate).toBe('2028-02-13');
    expect(first.meeting.startsAt).toBe('2028-02-13T07:00:00.000Z'); // 15:00 in Asia/Shanghai
    await ok(CHANGE, { scheduleId, originalDate: '2028-02-13', movedTo: '2028-02-15' });
    await ok(CHANGE, { scheduleId, originalDate: '2028-02-23', movedTo: null });
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on MeetingSchedule { upcoming(from: "2028-02-01", count: 4) { date originalDate moved } } } }`, { id: scheduleId }, admin);
    expect(res.data.node.upcoming).toEqual([
      { date: '2028-02-03', originalDate: '2028-02-03', moved: false },
      { date: '2028-02-15', originalDate: '2028-02-13', moved: true },
      { date: '2028-03-03', originalDate: '2028-03-03', moved: false },
      { date: '2028-03-13', originalDate: '2028-03-13', moved: false },
    ]);
    const again = await Promise.all([ok(FROM_SCHEDULE, { scheduleId, originalDate: '2028-02-13' }), ok(FROM_SCHEDULE, { scheduleId, originalDate: '2028-02-13' })]);
    expect(again.map((x) => x.meeting.id)).toEqual([first.meeting.id, first.meeting.id]);
    expect(again[0].meeting.startsAt).toBe('2028-02-15T07:00:00.000Z');
    const skipped = await api.gql(FROM_SCHEDULE, { input: { scheduleId, originalDate: '2028-02-23' } }, admin);
    expect(skipped.data.createMeetingFromSchedule.userErrors[0].code).toBe('INVALID_STATE');
    const notADate = await api.gql(FROM_SCHEDULE, { input: { scheduleId, originalDate: '2028-02-14' } }, admin);
    expect(notADate.data.createMeetingFromSchedule.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'originalDate'] });
  });
});

describe('agenda items and decisions', () => {
  it('a decision on an item that links a demand shows in the demand’s timeline; an item can create a demand', async () => {
    const m = await ok(CREATE, { orgNodeId: hongkang, kind: 'RESIDENT_TALK', title: '板凳议事会', startsAt: '2026-12-20T07:00:00Z' });
    const [demand] = await api.sql<{ id: number; title: string }>(`select d.id, d.title from demand d join org_node c on c.id = d.community_id where c.name = '红康社区' order by d.id limit 1`);
    const linked = await ok(AGENDA, { meetingId: m.meeting.id, demandId: globalId('Demand', demand.id) });
    expect(linked.meeting.agenda[0]).toMatchObject({ position: 1, title: demand.title, demand: { id: globalId('Demand', demand.id) } });
    const decided = await ok(DECIDE, { itemId: linked.meeting.agenda[0].id, decision: '由物业两周内修复路灯' });
    expect(decided.meeting.agenda[0].decision).toBe('由物业两周内修复路灯');
    const timeline = await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { timeline { kind body public } } } }`, { id: globalId('Demand', demand.id) }, admin);
    expect(timeline.data.node.timeline).toContainEqual({ kind: 'NOTE', body: '板凳议事会「板凳议事会」决议：由物业两周内修复路灯', public: true });

    const created = await ok(AGENDA, { meetingId: m.meeting.id, title: '小区停车难', createDemand: { category: 'PROPERTY', description: '晚上车位不够' } });
    const item = created.meeting.agenda[1];
    expect(item.demand.title).toBe('小区停车难');
    const [row] = await api.sql<{ channel: string }>(`select channel from demand where id = ?`, [Number(Buffer.from(item.demand.id, 'base64url').toString().split(':').pop())]);
    expect(row.channel).toBe('MEETING');
  });
});

describe('missed meetings', () => {
  it('the demo shows a few branches that missed a required meeting, not every branch', async () => {
    const res = await api.gql(`query($c: ID!) { missedMeetings(communityId: $c) { kind message branch { id name } } }`, { c: hongkang }, admin);
    const missed = res.data.missedMeetings;
    const [{ n }] = await api.sql<{ n: number }>(`select count(*)::int as n from org_node b join org_node c on c.id = b.parent_id where c.name = '红康社区' and b.level = 'BRANCH'`);
    expect(missed.length).toBeGreaterThan(0);
    expect(new Set(missed.map((m: any) => m.branch.id)).size).toBeLessThan(n);
    expect(missed.map((m: any) => m.kind)).toContain('BRANCH_COMMITTEE');
  });

  it('a branch that held no 支委会 last month is warned; a held meeting clears the warning', async () => {
    const [{ id: branchRowId }] = await api.sql<{ id: number }>(`select nextval('org_node_id_seq')::int as id`);
    await api.sql(
      `insert into org_node (id, parent_id, community_id, level, branch_kind, name, path, depth, created_at)
       select ?, c.id, c.id, 'BRANCH', 'GRID', '测试网格党支部', c.path || ? || '/', c.depth + 1, now() - interval '1 year' from org_node c where c.name = '红康社区' and c.level = 'COMMUNITY'`,
      [branchRowId, String(branchRowId)]);
    const branch = globalId('Branch', branchRowId);
    const q = `query($id: ID!, $c: ID!) { node(id: $id) { ... on Branch { missedMeetings { kind message periodStart } } } missedMeetings(communityId: $c) { kind branch { id } } }`;
    const before = await api.gql(q, { id: branch, c: hongkang }, admin);
    const kinds = before.data.node.missedMeetings.map((x: any) => x.kind).sort();
    expect(kinds).toEqual(['BRANCH_ASSEMBLY', 'BRANCH_COMMITTEE', 'GROUP_MEETING', 'PARTY_LECTURE']);
    expect(before.data.missedMeetings.filter((x: any) => x.branch.id === branch)).toHaveLength(4);
    const month = lastCompletePeriods(todayIn()).MONTH;
    expect(before.data.node.missedMeetings.find((x: any) => x.kind === 'BRANCH_COMMITTEE')).toMatchObject({
      periodStart: month.start, message: `${month.start.slice(0, 4)}年${Number(month.start.slice(5, 7))}月未召开支委会`,
    });

    const m = await ok(CREATE, { orgNodeId: branch, kind: 'BRANCH_COMMITTEE', title: '支委会', startsAt: `${month.start}T02:00:00Z` });
    const planned = await api.gql(q, { id: branch, c: hongkang }, admin);
    expect(planned.data.node.missedMeetings.map((x: any) => x.kind)).toContain('BRANCH_COMMITTEE'); // planned is not held
    await ok(UPDATE, { meetingId: m.meeting.id, status: 'HELD', minutes: '研究本月工作' });
    const after = await api.gql(q, { id: branch, c: hongkang }, admin);
    expect(after.data.node.missedMeetings.map((x: any) => x.kind).sort()).toEqual(['BRANCH_ASSEMBLY', 'GROUP_MEETING', 'PARTY_LECTURE']);

    // a community that does not require group meetings: that warning goes
    await ok(`mutation($input: SetMeetingRequirementInput!) { setMeetingRequirement(input: $input) { requirement { kind period custom } ${ERR} } }`, { communityId: hongkang, kind: 'GROUP_MEETING', period: 'NONE' });
    const relaxed = await api.gql(q, { id: branch, c: hongkang }, admin);
    expect(relaxed.data.node.missedMeetings.map((x: any) => x.kind).sort()).toEqual(['BRANCH_ASSEMBLY', 'PARTY_LECTURE']);
  });
});

describe('access', () => {
  it('a partner sees only meetings its unit takes part in; other communities’ staff see none', async () => {
    const unit = await testUnit(api, '测试联建单位');
    const token = await partnerToken(api, unit.id, ['unit:read']);
    const withUnit = await ok(CREATE, {
      orgNodeId: hongkang, kind: 'JOINT_CONFERENCE', title: '党建联席会议', startsAt: '2026-11-20T02:00:00Z',
      attendees: [{ kind: 'UNIT', unitId: unit.globalId, name: '李主任', attendance: 'PRESENT' }, { kind: 'RESIDENT', name: '王秀英' }],
    });
    expect(withUnit.meeting.units).toEqual([{ name: '测试联建单位' }]);
    const without = await ok(CREATE, { orgNodeId: hongkang, kind: 'DELIBERATION', title: '议事协商会', startsAt: '2026-11-21T02:00:00Z' });
    const list = await api.gql(`{ meetings(first: 5) { totalCount edges { node { id attendees { name } } } } }`, {}, token);
    expect(list.errors).toBeUndefined();
    expect(list.data.meetings.edges.map((e: any) => e.node.id)).toEqual([withUnit.meeting.id]);
    expect(list.data.meetings.edges[0].node.attendees).toEqual([{ name: '李主任' }]); // no residents' names for partners
    const direct = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: without.meeting.id }, token);
    expect(direct.data.node).toBeNull();
    const other = await api.login('hongmian-admin');
    const seen = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: withUnit.meeting.id }, other);
    expect(seen.data.node).toBeNull();
    const refused = await api.gql(UPDATE, { input: { meetingId: withUnit.meeting.id, status: 'HELD' } }, other);
    expect(refused.data.updateMeeting.userErrors[0].code).toBe('NOT_FOUND');
    const partnerWrite = await api.gql(UPDATE, { input: { meetingId: withUnit.meeting.id, status: 'HELD' } }, token);
    expect(partnerWrite.errors?.[0]?.extensions?.code ?? partnerWrite.data?.updateMeeting?.userErrors?.[0]?.code).toBeTruthy();
  });

  it('the meetings list loads each relation once, in one batch, for 5 and for 50 meetings', async () => {
    const q = `query($n: Int) { meetings(first: $n) { edges { node { ${MEETING} presentCount schedule { id } } } } }`;
    const small = await api.countStatements(() => api.gql(q, { n: 5 }, admin));
    const large = await api.countStatements(() => api.gql(q, { n: 50 }, admin));
    const own = (r: { sql: string[] }) => r.sql.slice(r.sql.length - (r === small ? small.statements : large.statements));
    // no statement runs twice (a loader per meeting would repeat its statement)
    for (const r of [small, large]) expect(own(r).filter((s, i, all) => all.indexOf(s) !== i)).toEqual([]);
    // the 50 may reach relations the 5 do not (units, demands); each such relation is one batched load
    expect(own(large).filter((s) => !own(small).includes(s)).every((s) => /= any\(/.test(s))).toBe(true);
    expect(large.statements).toBeLessThanOrEqual(small.statements + 3);
  });
});
