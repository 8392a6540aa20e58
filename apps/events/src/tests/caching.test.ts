/**
 * The events site's shared caches, seen from outside: the built site runs against the real API through
 * a small proxy that counts the operations reaching the API. The time-to-live is set long (5 minutes),
 * so every fresh answer below is explained by the site dropping its copy, never by a copy running out.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@tongxin/launcher';
import { callApi, freshPhone, TestActivities } from './api';

let api: Platform | undefined;
let events: Platform | undefined;
let proxy: Server | undefined;
let eventsUrl: string;
let graphqlUrl: string;
/** Operations that reached the API through the proxy, by operation name. */
const upstream = new Map<string, number>();

function calls(operation: string): number {
  return upstream.get(operation) ?? 0;
}

/** Forward every request to the API, counting GraphQL operations by name. */
function countingProxy(target: URL): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const name = /(?:query|mutation)\s+(\w+)/.exec(body.toString('utf8'))?.[1];
      if (name) upstream.set(name, calls(name) + 1);
      const forward = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      forward.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

const saved = { ttl: process.env.CACHE_TTL_SECONDS, stale: process.env.CACHE_STALE_SECONDS };

beforeAll(async () => {
  api = await startPlatform({ apps: ['api'], seedDemo: true });
  graphqlUrl = api.graphqlUrl;
  const counting = await countingProxy(new URL(api.apiUrl));
  proxy = counting.server;
  process.env.CACHE_TTL_SECONDS = '300';
  process.env.CACHE_STALE_SECONDS = '0';
  try {
    // the events site asks the API through the proxy (the launcher points it at this port)
    events = await startPlatform({ apps: ['events'], ports: { api: counting.port } });
  } finally {
    process.env.CACHE_TTL_SECONDS = saved.ttl;
    process.env.CACHE_STALE_SECONDS = saved.stale;
    if (saved.ttl === undefined) delete process.env.CACHE_TTL_SECONDS;
    if (saved.stale === undefined) delete process.env.CACHE_STALE_SECONDS;
  }
  eventsUrl = events.eventsUrl;
});

afterAll(async () => {
  await events?.stop();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await api?.stop();
});

/** An open activity with a seat limit and seats to spare, on the list's first page, straight from the API. */
async function openActivity(skip: string[] = []) {
  const { activities } = await callApi(graphqlUrl, TestActivities, { filter: { window: 'UPCOMING' }, first: 20 });
  const found = activities.edges
    .map((e) => e.node)
    .find((a) => a.registrationOpen && a.capacity != null && a.seatsLeft != null && a.seatsLeft > 3 && !skip.includes(a.id));
  expect(found, 'an open activity with a seat limit in the demo data').toBeDefined();
  return found!;
}

/** A GET as a browser would send it; uncompressed unless the test asks for gzip (fetch then unzips the body). */
function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${eventsUrl}${path}`, { headers: { 'accept-encoding': 'identity', ...headers }, redirect: 'manual' });
}

function seatsLeft(html: string): number {
  const match = /剩余 (\d+) 个名额/.exec(html);
  expect(match, 'the page states the seats left').not.toBeNull();
  return Number(match![1]);
}

/** Sign up through the page's form as a browser without JavaScript would; returns the code and the device cookie. */
async function signUpByForm(activityId: string, cookie?: string): Promise<{ code: string; phone: string; cookie: string; response: Response }> {
  const phone = freshPhone();
  const response = await fetch(`${eventsUrl}/activities/${encodeURIComponent(activityId)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: eventsUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams({ name: '缓存测试', phone }).toString(),
  });
  expect(response.status).toBe(303);
  const code = /\/r\/([A-Z0-9]+)/.exec(response.headers.get('location') ?? '')?.[1];
  expect(code, 'redirected to the confirmation page').toBeTruthy();
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tx_regs='));
  expect(setCookie, 'the device cookie is set').toBeTruthy();
  return { code: code!, phone, cookie: setCookie!.split(';')[0], response };
}

describe('events site caches', () => {
  it('answers a second view within the time-to-live without asking the API again', async () => {
    const before = calls('ActivityList');
    const first = await get('/?when=month');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(first.headers.get('etag')).toBeTruthy();
    const body = await first.text();
    expect(calls('ActivityList')).toBe(before + 1);

    const second = await get('/?when=month');
    expect(await second.text()).toBe(body);
    const zipped = await get('/?when=month', { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/);
    expect(calls('ActivityList')).toBe(before + 1);

    // A visitor who must get a page rendered for them alone still shares the API's answer.
    const activity = await openActivity();
    const detailBefore = calls('ActivityDetail');
    expect((await get(`/activities/${encodeURIComponent(activity.id)}`)).status).toBe(200);
    const personal = await get(`/activities/${encodeURIComponent(activity.id)}`, {
      cookie: `tx_regs=${encodeURIComponent(JSON.stringify([{ code: 'ZZZZ2222', activityId: 'other' }]))}`,
    });
    expect(personal.status).toBe(200);
    expect(personal.headers.get('cache-control')).toBe('private, no-store');
    expect(calls('ActivityDetail')).toBe(detailBefore + 1);
  });

  it('answers 304 to a browser that already has the page', async () => {
    const activity = await openActivity();
    for (const path of ['/', `/activities/${encodeURIComponent(activity.id)}`]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      expect(etag, path).toBeTruthy();
      const again = await get(path, { 'if-none-match': etag });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toMatch(/^public/);

      // the gzip form carries the weak tag, and revalidates too
      const zipped = await get(path, { 'accept-encoding': 'gzip' });
      const weak = zipped.headers.get('etag')!;
      expect(weak).toBe(`W/${etag}`);
      expect(await zipped.text()).toBe(await first.text());
      expect((await get(path, { 'accept-encoding': 'gzip', 'if-none-match': weak })).status).toBe(304);

      expect((await get(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
    }
  });

  it("keeps a resident's own codes to that resident: private pages, never in another visitor's answer", async () => {
    const activity = await openActivity();
    const path = `/activities/${encodeURIComponent(activity.id)}`;
    // a visitor without the cookie first, so the shared page is stored before the resident signs up
    const anonymousBefore = await get(path);
    expect(anonymousBefore.headers.get('cache-control')).toMatch(/^public/);
    expect(anonymousBefore.headers.get('vary')).toMatch(/cookie/);

    const resident = await signUpByForm(activity.id);
    expect(resident.response.headers.get('cache-control')).toBe('private, no-store');

    const own = await get(path, { cookie: resident.cookie });
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(own.headers.get('etag') ?? '').not.toBe(anonymousBefore.headers.get('etag'));
    expect(await own.text()).toContain(resident.code);

    const confirmation = await get(`/r/${resident.code}`, { cookie: resident.cookie });
    expect(confirmation.status).toBe(200);
    expect(confirmation.headers.get('cache-control')).toBe('private, no-store');
    const lookup = await get('/r', { cookie: resident.cookie });
    expect(lookup.headers.get('cache-control')).toBe('private, no-store');
    expect(await lookup.text()).toContain(resident.code);

    // Another phone, with no cookie or with its own registrations, never sees this resident's code.
    const neighbour = await signUpByForm((await openActivity([activity.id])).id);
    for (const headers of [{}, { 'accept-encoding': 'gzip' }, { cookie: neighbour.cookie }] as Record<string, string>[]) {
      for (const other of ['/', path, '/r']) {
        const text = await (await get(other, headers)).text();
        expect(text, `${other} ${JSON.stringify(headers)}`).toContain('社区活动');
        expect(text, `${other} ${JSON.stringify(headers)}`).not.toContain(resident.code);
      }
    }
    // and the resident's own view is still theirs after the others stored the shared one
    expect(await (await get(path, { cookie: resident.cookie })).text()).toContain(resident.code);

    // a form answer with what the resident typed is never cacheable either
    const refused = await fetch(`${eventsUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: eventsUrl },
      body: new URLSearchParams({ name: '王秀英', phone: '12345' }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
  });

  it('shows the new count on the activity page and in the list right after a sign-up and a cancellation', async () => {
    const activity = await openActivity();
    const path = `/activities/${encodeURIComponent(activity.id)}`;
    const before = seatsLeft(await (await get(path)).text());
    expect(before).toBe(activity.seatsLeft);
    const listCard = async () => {
      const html = await (await get('/')).text();
      const start = html.indexOf(`href="${path}"`);
      expect(start, 'the activity is on the first page of the list').toBeGreaterThan(0);
      return seatsLeft(html.slice(start, html.indexOf('</article>', start)));
    };
    const listBefore = await listCard();
    expect(listBefore).toBe(before);

    // stored now: a second view does not reach the API
    const detailCalls = calls('ActivityDetail');
    expect(seatsLeft(await (await get(path)).text())).toBe(before);
    expect(calls('ActivityDetail')).toBe(detailCalls);

    const resident = await signUpByForm(activity.id);
    // an anonymous visitor, whose copy was stored before, sees the seat taken
    expect(seatsLeft(await (await get(path)).text())).toBe(before - 1);
    expect(seatsLeft(await (await get(path, { cookie: resident.cookie })).text())).toBe(before - 1);
    expect(await listCard()).toBe(listBefore - 1);

    // cancelling on the confirmation page frees the seat again, for everyone
    const cancel = (phone: string) =>
      fetch(`${eventsUrl}/r/${resident.code}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: eventsUrl, cookie: resident.cookie },
        body: new URLSearchParams({ phone }).toString(),
      });
    expect((await cancel('')).status).toBe(400);
    expect(seatsLeft(await (await get(path)).text())).toBe(before - 1);
    expect((await cancel(resident.phone)).status).toBe(303);
    expect(seatsLeft(await (await get(path)).text())).toBe(before);
    expect(await listCard()).toBe(listBefore);
  });
});
