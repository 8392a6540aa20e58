import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, makeActivity, phone, SIGN_UP, testUnit } from '../activity/activity.fixtures.js';
import { findVisibleVolunteer, listRecognitions, listTeams, listVolunteers, membersOfTeam, recognitionsOfVolunteer, recordsOfVolunteer, teamsOfVolunteer } from './volunteer.service.js';

let api: TestApi;
let admin: string;
let hongkang: string;
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const CHECK_IN = `mutation($input: RegistrationCheckInInput!) { registrationCheckIn(input: $input) { registration { status checkedInAt volunteer { name } } userErrors { field message code } } }`;
const CHECK_OUT = `mutation($input: RegistrationCheckOutInput!) { registrationCheckOut(input: $input) {
  registration { status checkedOutAt } serviceRecord { hours source servedOn activity { title } } userErrors { field message code } } }`;
const VOLUNTEER_CREATE = `mutation($input: VolunteerCreateInput!) { volunteerCreate(input: $input) { volunteer { id name phone teams { name } unit { name } } userErrors { field message code } } }`;
const RECORD = `mutation($input: ServiceRecordCreateInput!) { serviceRecordCreate(input: $input) { serviceRecord { id hours source note } userErrors { field message code } } }`;

async function team(name: string): Promise<{ id: string; serviceHours: number }> {
  const res = await api.gql(`query($c: ID!) { volunteerTeams(communityId: $c, first: 50) { edges { node { id name serviceHours } } } }`, { c: hongkang });
  return res.data.volunteerTeams.edges.map((e: any) => e.node).find((t: any) => t.name === name);
}

const communityHours = async () => (await api.gql(`query($c: ID!, $y: Int) { volunteerHours(communityId: $c, year: $y) { totalHours recordCount community { name } } }`, { c: hongkang, y: year })).data.volunteerHours;
const unitHours = async (id: string) => (await api.gql(`query($id: ID!) { node(id: $id) { ... on CoBuildingUnit { volunteerServiceHours } } }`, { id })).data.node.volunteerServiceHours;

describe('service hours from the door', () => {
  it('turns check-in to check-out into hours that roll up to the volunteer, team, unit and community', async () => {
    const unit = await testUnit(api, '测试志愿单位');
    const friday = await team('周五志愿服务队');
    const p = phone();
    const created = (await api.gql(VOLUNTEER_CREATE, { input: { communityId: hongkang, name: '钱志愿', phone: p, unitId: unit.globalId, teamIds: [friday.id], skills: ['水电维修'] } }, admin)).data.volunteerCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.volunteer).toMatchObject({ name: '钱志愿', phone: `${p.slice(0, 3)}****${p.slice(-4)}`, teams: [{ name: '周五志愿服务队' }], unit: { name: '测试志愿单位' } });
    const before = { community: (await communityHours()).totalHours, team: friday.serviceHours };

    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '签到测试', startsInHours: 1 });
    const reg = (await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '钱志愿', phone: p } })).data.registrationCreate.registration;
    const resident = (await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '普通居民', phone: phone() } })).data.registrationCreate.registration;

    expect((await api.gql(CHECK_IN, { input: { code: reg.code } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const outsider = await api.login('zhenxing-admin');
    expect((await api.gql(CHECK_IN, { input: { code: reg.code } }, outsider)).data.registrationCheckIn.userErrors[0].code).toBe('NOT_FOUND');
    const early = (await api.gql(CHECK_OUT, { input: { code: reg.code } }, admin)).data.registrationCheckOut;
    expect(early.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', message: '尚未签到，不能签退' });

    const inRes = (await api.gql(CHECK_IN, { input: { code: reg.code.toLowerCase() } }, admin)).data.registrationCheckIn;
    expect(inRes.userErrors).toEqual([]);
    expect(inRes.registration).toMatchObject({ status: 'CHECKED_IN', volunteer: { name: '钱志愿' } });
    expect((await api.gql(CHECK_IN, { input: { code: reg.code } }, admin)).data.registrationCheckIn.userErrors[0].code).toBe('INVALID_STATE');

    // two hours and twenty minutes at the activity: 2.5 hours
    await api.sql(`update registration set checked_in_at = now() - interval '2 hours 20 minutes' where code = ?`, [reg.code]);
    await api.sql(`update activity set starts_at = starts_at - interval '2 hours 20 minutes', ends_at = ends_at - interval '2 hours 20 minutes' where id = (select activity_id from registration where code = ?)`, [reg.code]);
    const outs = await Promise.all(Array.from({ length: 5 }, () => api.gql(CHECK_OUT, { input: { code: reg.code } }, admin)));
    const done = outs.map((o) => o.data.registrationCheckOut).filter((o) => o.userErrors.length === 0);
    expect(done).toHaveLength(1);
    expect(done[0].serviceRecord).toMatchObject({ hours: 2.5, source: 'CHECK_IN', activity: { title: '签到测试' } });
    expect(done[0].registration.status).toBe('CHECKED_OUT');
    expect(outs.filter((o) => o.data.registrationCheckOut.userErrors[0]?.code === 'INVALID_STATE')).toHaveLength(4);

    // a resident who is not a volunteer checks in and out without hours
    await api.gql(CHECK_IN, { input: { code: resident.code } }, admin);
    const residentOut = (await api.gql(CHECK_OUT, { input: { code: resident.code } }, admin)).data.registrationCheckOut;
    expect(residentOut).toMatchObject({ registration: { status: 'CHECKED_OUT' }, serviceRecord: null, userErrors: [] });

    const volunteer = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Volunteer { serviceHours thisYear: serviceHours(year: ${year}) serviceRecords(first: 5) { totalCount } } } }`, { id: created.volunteer.id }, admin)).data.node;
    expect(volunteer).toEqual({ serviceHours: 2.5, thisYear: 2.5, serviceRecords: { totalCount: 1 } });
    expect((await team('周五志愿服务队')).serviceHours).toBeCloseTo(before.team + 2.5, 2);
    expect(await unitHours(unit.globalId)).toBe(2.5);
    const after = await communityHours();
    expect(after.totalHours).toBeCloseTo(before.community + 2.5, 2);
    expect(after.community.name).toBe('红康社区');
    const counts = await api.gql(`query($id: ID!) { activity(id: $id) { checkedInCount confirmedCount } }`, { id: activity.id });
    expect(counts.data.activity).toEqual({ checkedInCount: 2, confirmedCount: 2 });

    // hours entered by staff add up too; bad ones are refused with the field named
    const manual = (await api.gql(RECORD, { input: { volunteerId: created.volunteer.id, hours: 1.5, servedOn: '2026-01-10', note: '盘龙江河道巡查' } }, admin)).data.serviceRecordCreate;
    expect(manual.serviceRecord).toMatchObject({ hours: 1.5, source: 'MANUAL', note: '盘龙江河道巡查' });
    for (const [input, field] of [[{ hours: 25, servedOn: '2026-01-10' }, 'hours'], [{ hours: 1, servedOn: '2099-01-01' }, 'servedOn'], [{ hours: 1, servedOn: '2026-02-30' }, 'servedOn']] as const) {
      const bad = (await api.gql(RECORD, { input: { volunteerId: created.volunteer.id, ...input } }, admin)).data.serviceRecordCreate;
      expect(bad.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', field] });
    }
    expect((await api.gql(RECORD, { input: { volunteerId: created.volunteer.id, hours: 1, servedOn: '2026-01-10' } }, outsider)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await unitHours(unit.globalId)).toBe(4);
  });

  it('refuses to check in the waiting list, and counts a named volunteer', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '候补签到', capacity: 1 });
    await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '甲', phone: phone() } });
    const waiting = (await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '乙', phone: phone(), joinWaitlist: true } })).data.registrationCreate.registration;
    const res = (await api.gql(CHECK_IN, { input: { code: waiting.code } }, admin)).data.registrationCheckIn;
    expect(res.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('候补') });

    const [seeded] = await api.sql<{ id: number; name: string }>(`select v.id, v.name from volunteer v join org_node c on c.id = v.community_id where c.name = '红康社区' order by v.id limit 1`);
    const other = await makeActivity(api, admin, { organizerId: hongkang, title: '指定志愿者签到', startsInHours: 0.5 });
    const reg = (await api.gql(SIGN_UP, { input: { activityId: other.id, name: '代签', phone: phone() } })).data.registrationCreate.registration;
    const named = (await api.gql(CHECK_IN, { input: { code: reg.code, volunteerId: globalId('Volunteer', seeded.id) } }, admin)).data.registrationCheckIn;
    expect(named.registration.volunteer.name).toBe(seeded.name);
  });
});

describe('the door', () => {
  it('opens an hour before the start and closes at the end, and hours stay within the activity', async () => {
    const p = phone();
    await api.gql(VOLUNTEER_CREATE, { input: { communityId: hongkang, name: '孙守时', phone: p } }, admin);
    const later = await makeActivity(api, admin, { organizerId: hongkang, title: '明天的活动', startsInHours: 26 });
    const early = (await api.gql(SIGN_UP, { input: { activityId: later.id, name: '孙守时', phone: p } })).data.registrationCreate.registration;
    const refused = (await api.gql(CHECK_IN, { input: { code: early.code } }, admin)).data.registrationCheckIn;
    expect(refused.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', message: '活动开始前 1 小时内才能签到' });

    // checked in at the door, then nobody checked out until the next day: hours stop an hour after the end
    const now = await makeActivity(api, admin, { organizerId: hongkang, title: '忘记签退', startsInHours: 0.5, durationHours: 2 });
    const reg = (await api.gql(SIGN_UP, { input: { activityId: now.id, name: '孙守时', phone: p } })).data.registrationCreate.registration;
    expect((await api.gql(CHECK_IN, { input: { code: reg.code } }, admin)).data.registrationCheckIn.userErrors).toEqual([]);
    await api.sql(`update activity set starts_at = starts_at - interval '30 hours', ends_at = ends_at - interval '30 hours' where title = '忘记签退'`);
    await api.sql(`update registration set checked_in_at = checked_in_at - interval '30 hours' where code = ?`, [reg.code]);
    const out = (await api.gql(CHECK_OUT, { input: { code: reg.code } }, admin)).data.registrationCheckOut;
    expect(out.userErrors).toEqual([]);
    expect(out.serviceRecord.hours).toBeLessThanOrEqual(3.5); // 30 min before the start to an hour after a 2-hour activity
    const [{ starts }] = await api.sql<{ starts: string }>(`select to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as starts from activity where title = '忘记签退'`);
    expect(out.serviceRecord.servedOn).toBe(starts);


    const ended = await makeActivity(api, admin, { organizerId: hongkang, title: '已结束的活动', startsInHours: 0.5 });
    const late = (await api.gql(SIGN_UP, { input: { activityId: ended.id, name: '迟到者', phone: phone() } })).data.registrationCreate.registration;
    await api.sql(`update activity set starts_at = starts_at - interval '5 hours', ends_at = ends_at - interval '5 hours' where title = '已结束的活动'`);
    const afterEnd = (await api.gql(CHECK_IN, { input: { code: late.code } }, admin)).data.registrationCheckIn;
    expect(afterEnd.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('活动已结束') });
  });
});

describe('volunteers, teams and recognitions', () => {
  it('keeps the roll private and the totals public', async () => {
    expect((await api.gql(`query($c: ID!) { volunteers(communityId: $c) { totalCount } }`, { c: hongkang })).data.volunteers.totalCount).toBe(0);
    const staff = await api.gql(`query($c: ID!) { volunteers(communityId: $c, first: 3) { totalCount edges { node { id name phone full: phone(reveal: true) serviceHours teams { name } } } } }`, { c: hongkang }, admin);
    expect(staff.data.volunteers.totalCount).toBeGreaterThan(50);
    const v = staff.data.volunteers.edges[0].node;
    expect(v.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(v.full).toMatch(/^1[3-9]\d{9}$/);
    expect(v.serviceHours).toBeGreaterThan(0);
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: v.id })).data.node).toBeNull();
    const secretary = await api.login('hongkang-branch1');
    const masked = await api.gql(`query($id: ID!) { node(id: $id) { ... on Volunteer { name full: phone(reveal: true) } } }`, { id: v.id }, secretary);
    expect(masked.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const teams = await api.gql(`query($c: ID!) { volunteerTeams(communityId: $c) { totalCount edges { node { name memberCount serviceHours members(first: 1) { totalCount } } } } }`, { c: hongkang });
    const names = teams.data.volunteerTeams.edges.map((e: any) => e.node.name);
    expect(names).toEqual(expect.arrayContaining(['周五志愿服务队', '爱心义诊团', '非遗守艺人']));
    expect(teams.data.volunteerTeams.edges.every((e: any) => e.node.members === null && e.node.memberCount > 0 && e.node.serviceHours > 0)).toBe(true);

    const total = (await api.gql(`query($c: ID!) { volunteerHours(communityId: $c) { totalHours recordCount volunteerCount } }`, { c: hongkang })).data.volunteerHours;
    expect(total.totalHours).toBeGreaterThan(0);
    const [{ sum }] = await api.sql<{ sum: string }>(`select sum(hours) from service_record where community_id = (select id from org_node where name = '红康社区')`);
    expect(total.totalHours).toBeCloseTo(Number(sum), 2);
    const [hospital] = await api.sql<{ id: number }>(`select id from co_building_unit where name = '昆明市口腔医院'`);
    if (hospital) expect(await unitHours(globalId('CoBuildingUnit', hospital.id))).toBeGreaterThan(0);
  });

  it('manages teams, rosters and venues for the community only', async () => {
    const made = (await api.gql(`mutation($input: VolunteerTeamCreateInput!) { volunteerTeamCreate(input: $input) { team { id name skills memberCount } userErrors { code field } } }`,
      { input: { communityId: hongkang, name: '测试服务队', skills: ['理发', '理发', ' 磨刀 '] } }, admin)).data.volunteerTeamCreate;
    expect(made.team).toMatchObject({ name: '测试服务队', skills: ['理发', '磨刀'], memberCount: 0 });
    const dup = (await api.gql(`mutation($input: VolunteerTeamCreateInput!) { volunteerTeamCreate(input: $input) { userErrors { code field } } }`,
      { input: { communityId: hongkang, name: '测试服务队' } }, admin)).data.volunteerTeamCreate;
    expect(dup.userErrors[0]).toMatchObject({ code: 'DUPLICATE', field: ['input', 'name'] });

    const [v] = await api.sql<{ id: number }>(`select v.id from volunteer v join org_node c on c.id = v.community_id where c.name = '红康社区' order by v.id limit 1`);
    const roster = `mutation($input: VolunteerTeamMemberInput!) { add: volunteerTeamMemberAdd(input: $input) { team { memberCount members(first: 5) { totalCount } } userErrors { code } } }`;
    const input = { teamId: made.team.id, volunteerId: globalId('Volunteer', v.id) };
    expect((await api.gql(roster, { input }, admin)).data.add.team).toEqual({ memberCount: 1, members: { totalCount: 1 } });
    expect((await api.gql(roster, { input }, admin)).data.add.team.memberCount).toBe(1);
    const removed = await api.gql(`mutation($input: VolunteerTeamMemberInput!) { volunteerTeamMemberRemove(input: $input) { team { memberCount } } }`, { input }, admin);
    expect(removed.data.volunteerTeamMemberRemove.team.memberCount).toBe(0);
    expect((await api.gql(roster, { input }, await api.login('zhenxing-admin'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const venue = `mutation($input: VenueCreateInput!) { venueCreate(input: $input) { venue { id name capacity community { name } } userErrors { code field } } }`;
    const created = (await api.gql(venue, { input: { communityId: hongkang, name: '红色庭院（测试）', address: '茉莉苑3幢', capacity: 30 } }, admin)).data.venueCreate;
    expect(created.venue).toMatchObject({ name: '红色庭院（测试）', capacity: 30, community: { name: '红康社区' } });
    expect((await api.gql(venue, { input: { communityId: hongkang, name: '红色庭院（测试）' } }, admin)).data.venueCreate.userErrors[0].code).toBe('DUPLICATE');
    expect((await api.gql(venue, { input: { communityId: hongkang, name: '越权场地' } }, await api.login('hongkang-branch1'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const archived = await api.gql(`mutation($input: VenueUpdateInput!) { venueUpdate(input: $input) { venue { archived } } }`, { input: { id: created.venue.id, archived: true } }, admin);
    expect(archived.data.venueUpdate.venue.archived).toBe(true);
    const venues = await api.gql(`query($c: ID!) { venues(communityId: $c) { edges { node { name } } } }`, { c: hongkang });
    expect(venues.data.venues.edges.map((e: any) => e.node.name)).toEqual(expect.arrayContaining(['红康社区党群服务中心', '普法茶水铺']));
    expect(venues.data.venues.edges.map((e: any) => e.node.name)).not.toContain('红色庭院（测试）');
  });

  it('records recognitions once a year per title, for staff to see', async () => {
    const [seeded] = await api.sql<{ id: number }>(`select v.id from volunteer v join org_node c on c.id = v.community_id where c.name = '红康社区' order by v.id desc limit 1`);
    const input = { communityId: hongkang, year, title: '优秀志愿者', volunteerId: globalId('Volunteer', seeded.id), citation: '常年参加周五志愿服务' };
    const q = `mutation($input: RecognitionCreateInput!) { recognitionCreate(input: $input) { recognition { id year title volunteer { id } } userErrors { field code message } } }`;
    const made = (await api.gql(q, { input }, admin)).data.recognitionCreate;
    expect(made.userErrors).toEqual([]);
    expect(made.recognition).toMatchObject({ year, title: '优秀志愿者', volunteer: { id: input.volunteerId } });
    expect((await api.gql(q, { input }, admin)).data.recognitionCreate.userErrors[0].code).toBe('DUPLICATE');
    const both = (await api.gql(q, { input: { ...input, householdId: globalId('Household', 1) } }, admin)).data.recognitionCreate;
    expect(both.userErrors[0].code).toBe('INVALID_INPUT');

    const listQ = `query($c: ID!, $y: Int) { recognitions(communityId: $c, year: $y) { totalCount edges { node { title year } } } }`;
    expect((await api.gql(listQ, { c: hongkang, y: year }, admin)).data.recognitions.totalCount).toBe(1);
    expect((await api.gql(listQ, { c: hongkang, y: year - 1 }, admin)).data.recognitions.totalCount).toBeGreaterThan(0); // seeded last year
    expect((await api.gql(listQ, { c: hongkang, y: year })).data.recognitions.totalCount).toBe(0);
  });
});

describe('reading volunteers', () => {
  it('lists volunteers with their teams, records and recognitions in a fixed number of statements, however many there are', async () => {
    const LIST = `query($c: ID!, $first: Int) { volunteers(communityId: $c, first: $first) { totalCount edges { node {
      id name phone community { name } unit { name } member { name } teams { name memberCount serviceHours }
      serviceHours serviceRecords(first: 5) { totalCount edges { node { hours servedOn volunteer { id } } } }
      recognitions { title community { name } } } } } }`;
    await api.gql('{ viewer { id } }', {}, admin);
    const one = await api.countStatements(() => api.gql(LIST, { c: hongkang, first: 1 }, admin));
    const many = await api.countStatements(() => api.gql(LIST, { c: hongkang, first: 50 }, admin));
    expect(many.result.errors).toBeUndefined();
    expect(one.result.data.volunteers.edges).toHaveLength(1);
    const rows = many.result.data.volunteers.edges.map((e: any) => e.node);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((v: any) => v.member) && rows.some((v: any) => v.unit) && rows.some((v: any) => v.teams.length)).toBe(true);
    // one statement per kind of row (the list, its count, and each batched field), not per volunteer
    expect(many.statements).toBeLessThanOrEqual(one.statements + 2);
    expect(many.statements).toBeLessThanOrEqual(15);
  });

  it('reads volunteers, teams, records and recognitions without putting them in the unit of work of the request', async () => {
    const ctx = await api.staffContext('hongkang-admin');
    const page = { offset: 0, limit: 50 };
    const [{ id: communityRowId }] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区'`);
    const { rows } = await listVolunteers(ctx, communityRowId, {}, page);
    expect(rows.length).toBeGreaterThan(0);
    expect((await findVisibleVolunteer(ctx, rows[0].id))?.globalId).toBe(rows[0].globalId);
    await Promise.all(rows.map((v) => Promise.all([teamsOfVolunteer(ctx, v.id), recordsOfVolunteer(ctx, v.id, null, page), recognitionsOfVolunteer(ctx, v.id)])));
    const teams = await listTeams(ctx, communityRowId, page);
    await Promise.all(teams.rows.map((t) => membersOfTeam(ctx, t.id, page)));
    await listRecognitions(ctx, communityRowId, null, page);
    const managed = ctx.em.getUnitOfWork().getIdentityMap().values().map((e) => e.constructor.name);
    expect(managed.filter((name) => ['VolunteerEntity', 'VolunteerTeamEntity', 'ServiceRecordEntity', 'RecognitionEntity'].includes(name))).toEqual([]);
  });
});
