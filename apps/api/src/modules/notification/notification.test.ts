import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { CANCEL, communityId, makeActivity, phone, SIGN_UP } from '../activity/activity.fixtures.js';
import { deliverPending, MAX_ATTEMPTS, pageOnlyProvider, webhookProvider, type NotificationProvider, type OutgoingMessage } from './index.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const CODE_PAGE = `query($code: String!) { registrationByCode(code: $code) { status notifications { kind body createdAt } activity { status sequence } } }`;
const ADMIN_MESSAGES = `query($id: ID!) { node(id: $id) { ... on Activity { sequence notifications(first: 20) { totalCount edges { node {
  kind body delivery { status provider attempts } registration { code phone } } } } } } }`;
const UPDATE = `mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { sequence } userErrors { code message } } }`;
const CANCEL_ACTIVITY = `mutation($input: ActivityCancelInput!) { activityCancel(input: $input) { activity { status sequence } userErrors { code message } } }`;

/** Drain whatever earlier tests left pending, so each test counts only its own messages. */
async function drain(): Promise<void> {
  await api.sql(`update notification set status = 'PAGE_ONLY' where status = 'PENDING'`);
}

async function signUp(activityId: string, joinWaitlist = false) {
  const p = phone();
  const res = (await api.gql(SIGN_UP, { input: { activityId, name: '测试居民', phone: p, joinWaitlist } })).data.registrationCreate;
  expect(res.userErrors).toEqual([]);
  return { ...res.registration, phoneNumber: p };
}

describe('the notification outbox', () => {
  it('tells a resident who moved up from the waiting list, on the code page and through the webhook provider', async () => {
    await drain();
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '候补通知测试', capacity: 1 });
    const first = await signUp(activity.id);
    const waiting = await signUp(activity.id, true);
    expect(waiting.status).toBe('WAITLISTED');
    expect((await api.gql(CODE_PAGE, { code: waiting.code })).data.registrationByCode.notifications).toEqual([]);

    expect((await api.gql(CANCEL, { input: { code: first.code, phone: first.phoneNumber } })).data.registrationCancel.userErrors).toEqual([]);
    const page = (await api.gql(CODE_PAGE, { code: waiting.code })).data.registrationByCode;
    expect(page.status).toBe('CONFIRMED');
    expect(page.notifications).toHaveLength(1);
    expect(page.notifications[0].kind).toBe('WAITLIST_PROMOTED');
    expect(page.notifications[0].body).toContain('候补通知测试');
    expect(page.notifications[0].body).toContain(waiting.code);
    // the resident who cancelled is told nothing
    expect((await api.gql(CODE_PAGE, { code: first.code })).data.registrationByCode.notifications).toEqual([]);

    // staff see it with its delivery, the phone masked; the public sees no outbox
    const staffView = (await api.gql(ADMIN_MESSAGES, { id: activity.id }, admin)).data.node.notifications;
    expect(staffView.totalCount).toBe(1);
    expect(staffView.edges[0].node).toMatchObject({ kind: 'WAITLIST_PROMOTED', delivery: { status: 'PENDING', attempts: 0 }, registration: { code: waiting.code } });
    expect(staffView.edges[0].node.registration.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await api.gql(ADMIN_MESSAGES, { id: activity.id })).data.node.notifications).toBeNull();

    // a gateway receives it once, with the phone in clear
    const received: OutgoingMessage[] = [];
    const gateway = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { received.push(JSON.parse(body)); res.writeHead(204).end(); });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      expect(await deliverPending(api.orm, webhookProvider(url))).toMatchObject({ sent: 1, failed: 0 });
      expect(await deliverPending(api.orm, webhookProvider(url))).toMatchObject({ sent: 0 });
    } finally {
      gateway.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'WAITLIST_PROMOTED', phone: waiting.phoneNumber, code: waiting.code });
    const after = (await api.gql(ADMIN_MESSAGES, { id: activity.id }, admin)).data.node.notifications.edges[0].node;
    expect(after.delivery).toMatchObject({ status: 'SENT', provider: 'webhook', attempts: 1 });
  });

  it('tells everyone expecting to come when the time changes and when it is cancelled, raising the calendar sequence each time', async () => {
    await drain();
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '变更通知测试', capacity: 1 });
    const seated = await signUp(activity.id);
    const waiting = await signUp(activity.id, true);
    const left = await signUp(activity.id, true);
    await api.gql(CANCEL, { input: { code: left.code, phone: left.phoneNumber } });
    expect((await api.gql(ADMIN_MESSAGES, { id: activity.id }, admin)).data.node.sequence).toBe(0);

    // a new description only: a new calendar version, no message
    expect((await api.gql(UPDATE, { input: { id: activity.id, description: '带上水杯' } }, admin)).data.activityUpdate.activity.sequence).toBe(1);
    expect((await api.gql(CODE_PAGE, { code: seated.code })).data.registrationByCode.notifications).toEqual([]);

    const later = new Date(Date.now() + 72 * 3_600_000);
    const moved = (await api.gql(UPDATE, { input: { id: activity.id, startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 7_200_000).toISOString() } }, admin)).data.activityUpdate;
    expect(moved).toMatchObject({ userErrors: [], activity: { sequence: 2 } });
    for (const r of [seated, waiting]) {
      const kinds = (await api.gql(CODE_PAGE, { code: r.code })).data.registrationByCode.notifications.map((n: any) => n.kind);
      expect(kinds).toEqual(['ACTIVITY_CHANGED']);
    }
    expect((await api.gql(CODE_PAGE, { code: left.code })).data.registrationByCode.notifications).toEqual([]);

    const cancelled = (await api.gql(CANCEL_ACTIVITY, { input: { id: activity.id } }, admin)).data.activityCancel;
    expect(cancelled).toMatchObject({ userErrors: [], activity: { status: 'CANCELLED', sequence: 3 } });
    const page = (await api.gql(CODE_PAGE, { code: seated.code })).data.registrationByCode;
    expect(page.notifications.map((n: any) => n.kind)).toEqual(['ACTIVITY_CANCELLED', 'ACTIVITY_CHANGED']);
    expect(page.notifications[0].body).toContain('已取消');
    expect(page.activity).toMatchObject({ status: 'CANCELLED', sequence: 3 });

    // calendar feeds keep the cancelled event (asked for explicitly); plain public lists drop it
    const LISTED = `query($f: ActivityFilter) { activities(filter: $f, first: 50) { edges { node { id status sequence } } } }`;
    const withCancelled = (await api.gql(LISTED, { f: { search: '变更通知测试', includeCancelled: true } })).data.activities.edges.map((e: any) => e.node);
    expect(withCancelled).toEqual([{ id: activity.id, status: 'CANCELLED', sequence: 3 }]);
    expect((await api.gql(LISTED, { f: { search: '变更通知测试' } })).data.activities.edges).toEqual([]);

    // with no provider configured the worker marks them shown on the page only
    expect(await deliverPending(api.orm, pageOnlyProvider)).toMatchObject({ pageOnly: 4, sent: 0 });
    const statuses = (await api.gql(ADMIN_MESSAGES, { id: activity.id }, admin)).data.node.notifications.edges.map((e: any) => e.node.delivery.status);
    expect(statuses).toEqual(['PAGE_ONLY', 'PAGE_ONLY', 'PAGE_ONLY', 'PAGE_ONLY']);
  });

  it('two workers at once hand every message over exactly once (SKIP LOCKED)', async () => {
    await drain();
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '并发发送测试' });
    for (let i = 0; i < 12; i++) await signUp(activity.id);
    await api.gql(CANCEL_ACTIVITY, { input: { id: activity.id } }, admin);
    const handed: number[] = [];
    const slow: NotificationProvider = {
      name: 'slow',
      async deliver(m) { handed.push(m.id); await new Promise((r) => setTimeout(r, 20)); return 'SENT'; },
    };
    const passes = await Promise.all([deliverPending(api.orm, slow), deliverPending(api.orm, slow), deliverPending(api.orm, slow)]);
    expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(12);
    expect(handed).toHaveLength(12);
    expect(new Set(handed).size).toBe(12);
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from notification where activity_id = (select id from activity where title = '并发发送测试') and status = 'SENT'`);
    expect(Number(count)).toBe(12);
  });

  it('retries a provider that fails, later, and gives up after the last attempt', async () => {
    await drain();
    const activity = await makeActivity(api, admin, { organizerId: hongkang, title: '发送失败测试' });
    await signUp(activity.id);
    await api.gql(CANCEL_ACTIVITY, { input: { id: activity.id } }, admin);
    const broken: NotificationProvider = { name: 'broken', async deliver() { throw new Error('网关无响应'); } };
    expect(await deliverPending(api.orm, broken)).toMatchObject({ retrying: 1, failed: 0 });
    // not due again yet
    expect(await deliverPending(api.orm, broken)).toMatchObject({ retrying: 0, failed: 0 });
    let clock = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock += 60 * 60_000;
      await deliverPending(api.orm, broken, () => new Date(clock));
    }
    const [row] = await api.sql<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from notification where activity_id = (select id from activity where title = '发送失败测试')`);
    expect(row).toEqual({ status: 'FAILED', attempts: MAX_ATTEMPTS, last_error: '网关无响应' });
  });
});

describe('reading the outbox', () => {
  it('runs the same statements for 3 activities with their messages, door staff and door rights as for 12', async () => {
    for (let i = 0; i < 12; i++) {
      const a = await makeActivity(api, admin, { organizerId: hongkang, title: `批量通知 ${i}`, capacity: 1 });
      await signUp(a.id);
      await signUp(a.id, true);
      await api.gql(CANCEL_ACTIVITY, { input: { id: a.id } }, admin);
    }
    const PAGE = `query($n: Int) { activities(first: $n, filter: { search: "批量通知", status: CANCELLED }) { edges { node {
      title viewerCanCheckIn doorStaff { username } sequence
      notifications(first: 5) { totalCount edges { node { kind body delivery { status } registration { phone status } } } }
      registrations(first: 5) { edges { node { status notifications { kind } } } } } } } }`;
    const small = await api.countStatements(() => api.gql(PAGE, { n: 3 }, admin));
    const large = await api.countStatements(() => api.gql(PAGE, { n: 12 }, admin));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.activities.edges).toHaveLength(12);
    const first = large.result.data.activities.edges[0].node;
    expect(first.notifications.totalCount).toBe(2);
    expect(first.registrations.edges.every((e: any) => e.node.notifications[0]?.kind === 'ACTIVITY_CANCELLED')).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});
