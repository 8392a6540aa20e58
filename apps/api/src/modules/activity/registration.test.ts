import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { BY_CODE, CANCEL, communityId, makeActivity, phone, SIGN_UP } from './activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const signUp = (activityId: string, p: string, extra: Record<string, unknown> = {}) =>
  api.gql(SIGN_UP, { input: { activityId, name: '张建华', phone: p, ...extra } }).then((r) => r.data.registrationCreate);

describe('sign-up under heavy concurrency', () => {
  it('300 parallel sign-ups at 20 seats: exactly 20 confirmed, 280 waiting in order 1..280, codes unique', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '并发报名测试', capacity: 20 });
    const phones = Array.from({ length: 300 }, () => phone());
    const results = await Promise.all(phones.map((p) => signUp(activity.id, p, { joinWaitlist: true })));

    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    const regs = results.map((r) => r.registration);
    expect(regs.filter((r) => r.status === 'CONFIRMED')).toHaveLength(20);
    const waiting = regs.filter((r) => r.status === 'WAITLISTED');
    expect(waiting).toHaveLength(280);
    expect(waiting.map((r) => r.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 280 }, (_, i) => i + 1));
    expect(new Set(regs.map((r) => r.code)).size).toBe(300);
    expect(regs.every((r) => /^[A-HJ-NP-Z2-9]{8}$/.test(r.code))).toBe(true);

    // the database agrees: nobody lost, nobody twice
    const rows = await api.sql<{ status: string; count: string }>(
      `select status, count(*) from registration where activity_id = (select id from activity where title = '并发报名测试') group by status order by status`);
    expect(rows.map((r) => [r.status, Number(r.count)])).toEqual([['CONFIRMED', 20], ['WAITLISTED', 280]]);
    const list = await api.gql(`query($id: ID!) { activity(id: $id) { confirmedCount waitlistCount seatsLeft } }`, { id: activity.id });
    expect(list.data.activity).toEqual({ confirmedCount: 20, waitlistCount: 280, seatsLeft: 0 });
  });

  it('the same phone twice is refused, also when 20 arrive at once', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '重复报名测试', capacity: 50 });
    const p = phone();
    const first = await signUp(activity.id, p);
    expect(first.registration.status).toBe('CONFIRMED');
    const again = await signUp(activity.id, `${p.slice(0, 3)} ${p.slice(3, 7)}-${p.slice(7)}`);
    expect(again.registration).toBeNull();
    expect(again.userErrors).toEqual([{ code: 'ALREADY_REGISTERED', field: ['input', 'phone'], message: expect.stringContaining('已报名') }]);

    const other = await makeActivity(api, admin, { organizerId: hongkang, title: '并发同号测试', capacity: 50 });
    const same = phone();
    const burst = await Promise.all(Array.from({ length: 20 }, () => signUp(other.id, same, { joinWaitlist: true })));
    expect(burst.filter((r) => r.registration)).toHaveLength(1);
    expect(burst.filter((r) => r.userErrors[0]?.code === 'ALREADY_REGISTERED')).toHaveLength(19);
    const rows = await api.sql<{ count: string }>(`select count(*) from registration where phone = ?`, [same]);
    expect(Number(rows[0].count)).toBe(1);
  });
});

describe('cancellations racing sign-ups', () => {
  it('moves the first five waiting up when five cancel while ten more sign up, losing nobody', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '取消与报名并发', capacity: 10 });
    const people: { phone: string; code: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const p = phone();
      people.push({ phone: p, code: (await signUp(activity.id, p, { joinWaitlist: true })).registration.code });
    }
    const [seated, waiting] = [people.slice(0, 10), people.slice(10)];
    const cancels = seated.slice(0, 5).map((s) => api.gql(CANCEL, { input: { code: s.code, phone: s.phone } }));
    const newcomers = Array.from({ length: 10 }, () => signUp(activity.id, phone(), { joinWaitlist: true }));
    const [cancelled, joined] = await Promise.all([Promise.all(cancels), Promise.all(newcomers)]);
    expect(cancelled.every((c) => c.data.registrationCancel.userErrors.length === 0)).toBe(true);
    expect(joined.every((j) => j.userErrors.length === 0)).toBe(true);

    const rows = await api.sql<{ code: string; status: string }>(
      `select code, status from registration where activity_id = (select id from activity where title = '取消与报名并发') order by id`);
    const status = new Map(rows.map((r) => [r.code, r.status]));
    expect(rows.filter((r) => r.status === 'CONFIRMED')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'CANCELLED')).toHaveLength(5);
    expect(rows.filter((r) => r.status === 'WAITLISTED')).toHaveLength(25);
    // the seats went to those who had waited longest, whatever the newcomers did meanwhile
    expect(waiting.slice(0, 5).map((w) => status.get(w.code))).toEqual(Array(5).fill('CONFIRMED'));
    expect(waiting.slice(5).map((w) => status.get(w.code))).toEqual(Array(15).fill('WAITLISTED'));
    const positions = await Promise.all(rows.filter((r) => r.status === 'WAITLISTED').map((r) => api.gql(BY_CODE, { code: r.code }).then((x) => x.data.registrationByCode.waitlistPosition)));
    expect(positions).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('the waiting list', () => {
  it('refuses a full activity unless asked to wait, and moves the first waiting resident up on cancellation', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '候补测试', capacity: 2 });
    const [a, b, c, d] = [phone(), phone(), phone(), phone()];
    const seatA = (await signUp(activity.id, a)).registration;
    await signUp(activity.id, b);
    const full = await signUp(activity.id, c);
    expect(full.userErrors[0]).toMatchObject({ code: 'ACTIVITY_FULL' });
    const waitC = (await signUp(activity.id, c, { joinWaitlist: true })).registration;
    const waitD = (await signUp(activity.id, d, { joinWaitlist: true })).registration;
    expect([waitC.waitlistPosition, waitD.waitlistPosition]).toEqual([1, 2]);

    // a leaked code alone cannot cancel
    const wrongPhone = (await api.gql(CANCEL, { input: { code: seatA.code, phone: d } })).data.registrationCancel;
    expect(wrongPhone.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const cancelled = (await api.gql(CANCEL, { input: { code: seatA.code.toLowerCase(), phone: a } })).data.registrationCancel;
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.registration.status).toBe('CANCELLED');
    // cancelling twice is harmless and moves nobody else up
    expect((await api.gql(CANCEL, { input: { code: seatA.code, phone: a } })).data.registrationCancel.registration.status).toBe('CANCELLED');

    const c2 = (await api.gql(BY_CODE, { code: waitC.code })).data.registrationByCode;
    const d2 = (await api.gql(BY_CODE, { code: waitD.code })).data.registrationByCode;
    expect(c2).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
    expect(d2).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });

    // the same phone may sign up again after cancelling, at the back of the queue
    const back = (await signUp(activity.id, a, { joinWaitlist: true })).registration;
    expect(back).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
  });

  it('more seats move waiting residents up', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '扩容测试', capacity: 1 });
    await signUp(activity.id, phone());
    const waiting = [];
    for (const p of [phone(), phone(), phone()]) waiting.push(await signUp(activity.id, p, { joinWaitlist: true }));
    const lower = await api.gql(`mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { capacity } userErrors { code field } } }`,
      { input: { id: activity.id, capacity: 3 } }, admin);
    expect(lower.data.activityUpdate.userErrors).toEqual([]);
    const statuses = await Promise.all(waiting.map((w) => api.gql(BY_CODE, { code: w.registration.code }).then((r) => r.data.registrationByCode.status)));
    expect(statuses).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    const below = await api.gql(`mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { capacity } userErrors { code field message } } }`,
      { input: { id: activity.id, capacity: 2 } }, admin);
    expect(below.data.activityUpdate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'capacity'] });
    expect(below.data.activityUpdate.userErrors[0].message).toContain('3');
  });
});

describe('when sign-up is closed', () => {
  it('refuses drafts, closed windows, windows not yet open and cancelled activities with REGISTRATION_CLOSED', async () => {
    const draft = await makeActivity(api, admin, { organizerId: hongkang, title: '草稿活动', publish: false });
    // a draft is invisible to residents: NOT_FOUND; staff see it but it is not open
    expect((await signUp(draft.id, phone())).userErrors[0].code).toBe('NOT_FOUND');
    const staffTry = (await api.gql(SIGN_UP, { input: { activityId: draft.id, name: '李四', phone: phone() } }, admin)).data.registrationCreate;
    expect(staffTry.userErrors[0]).toMatchObject({ code: 'REGISTRATION_CLOSED', field: ['input', 'activityId'] });

    const closed = await makeActivity(api, admin, { organizerId: hongkang, title: '截止活动', registrationClosesAt: new Date(Date.now() - 60_000).toISOString() });
    const closedRes = await signUp(closed.id, phone());
    expect(closedRes.userErrors[0]).toMatchObject({ code: 'REGISTRATION_CLOSED' });
    expect(closedRes.userErrors[0].message).toContain('截止');

    const later = await makeActivity(api, admin, { organizerId: hongkang, title: '未开放活动', registrationOpensAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await signUp(later.id, phone())).userErrors[0]).toMatchObject({ code: 'REGISTRATION_CLOSED', message: '报名尚未开始' });
    const detail = await api.gql(`query($id: ID!) { activity(id: $id) { registrationOpen } }`, { id: later.id });
    expect(detail.data.activity.registrationOpen).toBe(false);

    const started = await makeActivity(api, admin, { organizerId: hongkang, title: '进行中活动', startsInHours: -1 });
    expect((await signUp(started.id, phone())).userErrors[0].code).toBe('REGISTRATION_CLOSED');

    const toCancel = await makeActivity(api, admin, { organizerId: hongkang, title: '将取消活动' });
    const p = phone();
    const kept = (await signUp(toCancel.id, p)).registration;
    const cancel = await api.gql(`mutation($input: ActivityCancelInput!) { activityCancel(input: $input) { activity { status } userErrors { code } } }`, { input: { id: toCancel.id } }, admin);
    expect(cancel.data.activityCancel.activity.status).toBe('CANCELLED');
    expect((await signUp(toCancel.id, phone())).userErrors[0].code).toBe('REGISTRATION_CLOSED');
    // registrations of a cancelled activity stay readable, and the activity can still be opened
    const view = (await api.gql(BY_CODE, { code: kept.code })).data.registrationByCode;
    expect(view).toMatchObject({ status: 'CONFIRMED', activity: { id: toCancel.id } });
    expect((await api.gql(`query($id: ID!) { activity(id: $id) { status } }`, { id: toCancel.id })).data.activity.status).toBe('CANCELLED');
  });

  it('names each invalid field in Chinese', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '校验活动' });
    const res = await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '  ', phone: '12345678901' } });
    const errors = res.data.registrationCreate.userErrors;
    expect(errors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_INPUT', ['input', 'name']], ['INVALID_INPUT', ['input', 'phone']]]);
    expect(errors[1].message).toContain('手机号');
    const tooLong = await signUp(activity.id, phone(), { name: '很'.repeat(21) });
    expect(tooLong.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'name'] });
    const unknown = await signUp('not-an-id', phone());
    expect(unknown.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'activityId'] });
  });
});

describe('registrants stay private', () => {
  it('shows residents masked name and phone by code, and full values only to staff who need them', async () => {
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '隐私测试' });
    const p = phone();
    const created = (await api.gql(SIGN_UP, { input: { activityId: activity.id, name: '欧阳娜娜', phone: p } })).data.registrationCreate.registration;
    expect(created).toMatchObject({ name: '欧**娜', phone: `${p.slice(0, 3)}****${p.slice(-4)}` });
    const spaced = `${created.code.slice(0, 4).toLowerCase()} ${created.code.slice(4)}`;
    expect((await api.gql(BY_CODE, { code: spaced })).data.registrationByCode.name).toBe('欧**娜');
    expect((await api.gql(BY_CODE, { code: 'ZZZZZZZZ' })).data.registrationByCode).toBeNull();

    const reveal = `query($code: String!) { registrationByCode(code: $code) { name(reveal: true) phone(reveal: true) } }`;
    expect((await api.gql(reveal, { code: created.code })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await api.login('zhenxing-admin');
    expect((await api.gql(reveal, { code: created.code }, other)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(reveal, { code: created.code }, admin)).data.registrationByCode).toEqual({ name: '欧阳娜娜', phone: p });

    const list = `query($id: ID!) { activity(id: $id) { confirmedCount registrations(first: 10) { totalCount edges { node { code name } } } } }`;
    expect((await api.gql(list, { id: activity.id })).data.activity).toEqual({ confirmedCount: 1, registrations: null });
    expect((await api.gql(list, { id: activity.id }, other)).data.activity.registrations).toBeNull();
    const staff = (await api.gql(list, { id: activity.id }, admin)).data.activity.registrations;
    expect(staff.totalCount).toBe(1);
    expect(staff.edges[0].node).toEqual({ code: created.code, name: '欧**娜' });
  });
});
