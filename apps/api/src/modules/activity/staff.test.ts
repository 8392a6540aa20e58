import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, makeActivity, phone, SIGN_UP } from './activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const LIST = `query($id: ID!) { node(id: $id) { ... on Activity { capacity confirmedCount waitlistCount
  registrations(first: 20) { edges { node { id code status phone } } } } } }`;
const PROMOTE = `mutation($input: RegistrationPromoteInput!) { registrationPromote(input: $input) { registration { status promotedAt notifications { kind } } userErrors { field code message } } }`;
const STAFF_CANCEL = `mutation($input: RegistrationStaffCancelInput!) { registrationStaffCancel(input: $input) { registration { status } userErrors { field code message } } }`;
const CHECK_IN = `mutation($input: RegistrationCheckInInput!) { registrationCheckIn(input: $input) { registration { status } userErrors { code message } } }`;
const CHECK_OUT = `mutation($input: RegistrationCheckOutInput!) { registrationCheckOut(input: $input) { registration { status } userErrors { code message } } }`;
const DOOR_STAFF = `mutation($input: ActivityDoorStaffSetInput!) { activityDoorStaffSet(input: $input) { activity { doorStaff { username displayName } } userErrors { field code message } } }`;
const CAN = `query($id: ID!) { activity(id: $id) { viewerCanCheckIn } }`;

async function signUp(activityId: string, joinWaitlist = false) {
  const res = (await api.gql(SIGN_UP, { input: { activityId, name: '测试居民', phone: phone(), joinWaitlist } })).data.registrationCreate;
  expect(res.userErrors).toEqual([]);
  return res.registration;
}

async function registrations(activityId: string) {
  const node = (await api.gql(LIST, { id: activityId }, admin)).data.node;
  return { ...node, list: node.registrations.edges.map((e: any) => e.node) };
}

describe('staff on the registration lists', () => {
  it('promotes a waiting resident only into a free seat, or with an extra seat, and tells them', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '转正测试', capacity: 1 });
    await signUp(activity.id);
    await signUp(activity.id, true);
    const second = await signUp(activity.id, true);
    const waiting = (await registrations(activity.id)).list.find((r: any) => r.code === second.code);
    expect(waiting.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const full = (await api.gql(PROMOTE, { input: { id: waiting.id } }, admin)).data.registrationPromote;
    expect(full.userErrors[0]).toMatchObject({ code: 'ACTIVITY_FULL', field: ['input', 'addSeat'] });
    const outsider = await api.login('zhenxing-admin');
    expect((await api.gql(PROMOTE, { input: { id: waiting.id, addSeat: true } }, outsider)).data.registrationPromote.userErrors[0].code).toBe('NOT_FOUND');

    const done = (await api.gql(PROMOTE, { input: { id: waiting.id, addSeat: true } }, admin)).data.registrationPromote;
    expect(done.userErrors).toEqual([]);
    expect(done.registration).toMatchObject({ status: 'CONFIRMED', notifications: [{ kind: 'WAITLIST_PROMOTED' }] });
    expect(done.registration.promotedAt).not.toBeNull();
    const after = await registrations(activity.id);
    expect(after).toMatchObject({ capacity: 2, confirmedCount: 2, waitlistCount: 1 });
    expect((await api.gql(PROMOTE, { input: { id: waiting.id } }, admin)).data.registrationPromote.userErrors[0].code).toBe('INVALID_STATE');
  });

  it('cancels for a resident and gives the seat to the first waiting, once', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '代取消测试', capacity: 1 });
    const seated = await signUp(activity.id);
    const waiting = await signUp(activity.id, true);
    const list = (await registrations(activity.id)).list;
    const id = list.find((r: any) => r.code === seated.code).id;
    const results = await Promise.all([1, 2, 3].map(() => api.gql(STAFF_CANCEL, { input: { id } }, admin)));
    for (const r of results) expect(r.data.registrationStaffCancel).toMatchObject({ userErrors: [], registration: { status: 'CANCELLED' } });
    const after = await registrations(activity.id);
    expect(after).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
    expect(after.list.find((r: any) => r.code === waiting.code).status).toBe('CONFIRMED');
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from notification n join registration r on r.id = n.registration_id where r.code = ?`, [waiting.code]);
    expect(Number(count)).toBe(1);
  });
});

describe('who may work the door', () => {
  it("lets a branch secretary check residents in and out at the community's own events, and named door staff from elsewhere", async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '门口签到规则测试', startsInHours: 0.5 });
    const a = await signUp(activity.id);
    const b = await signUp(activity.id);
    const secretary = await api.login('hongkang-branch1');
    const outsider = await api.login('zhenxing-admin');

    expect((await api.gql(CAN, { id: activity.id }, secretary)).data.activity.viewerCanCheckIn).toBe(true);
    expect((await api.gql(CAN, { id: activity.id }, outsider)).data.activity.viewerCanCheckIn).toBe(false);
    expect((await api.gql(CAN, { id: activity.id })).data.activity.viewerCanCheckIn).toBe(false);

    expect((await api.gql(CHECK_IN, { input: { code: a.code } }, secretary)).data.registrationCheckIn).toMatchObject({ userErrors: [], registration: { status: 'CHECKED_IN' } });
    expect((await api.gql(CHECK_OUT, { input: { code: a.code } }, secretary)).data.registrationCheckOut).toMatchObject({ userErrors: [], registration: { status: 'CHECKED_OUT' } });
    const refused = (await api.gql(CHECK_IN, { input: { code: b.code } }, outsider)).data.registrationCheckIn;
    expect(refused.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', message: '找不到该确认码' });

    // named door staff from another community may work this door (and see nothing else of it)
    const bad = (await api.gql(DOOR_STAFF, { input: { id: activity.id, usernames: ['zhenxing-admin', 'no-such-user'] } }, admin)).data.activityDoorStaffSet;
    expect(bad.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'usernames'] });
    // working the door is not managing the activity
    expect((await api.gql(DOOR_STAFF, { input: { id: activity.id, usernames: ['zhenxing-admin'] } }, secretary)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const named = (await api.gql(DOOR_STAFF, { input: { id: activity.id, usernames: ['Zhenxing-Admin'] } }, admin)).data.activityDoorStaffSet;
    expect(named).toMatchObject({ userErrors: [], activity: { doorStaff: [{ username: 'zhenxing-admin' }] } });
    expect((await api.gql(CAN, { id: activity.id }, outsider)).data.activity.viewerCanCheckIn).toBe(true);
    expect((await api.gql(CHECK_IN, { input: { code: b.code } }, outsider)).data.registrationCheckIn).toMatchObject({ userErrors: [], registration: { status: 'CHECKED_IN' } });

  });
});
