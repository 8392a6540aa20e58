/**
 * 社区公示 as a browser without JavaScript uses it: the list shows the demo's published decision with its public
 * steps only; the opinion form posts, answers 303 to the page with a thank-you, refuses an empty opinion beside its
 * field and an opinion outside the window with a clear message; a draft is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@tongxin/launcher';

let platform: Platform;
let eventsUrl: string;

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(platform.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function decisionIn(state: string): Promise<{ id: string; title: string }> {
  const data = await gql(`query($s: [DecisionState!]) { decisions(first: 5, filter: { states: $s }) { edges { node { id title } } } }`, { s: [state] });
  const node = data.decisions.edges[0]?.node;
  expect(node, `the demo has a decision in ${state}`).toBeTruthy();
  return node;
}

function post(path: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${eventsUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: eventsUrl },
    body: new URLSearchParams(form).toString(),
  });
}

describe('社区公示 on the events site (no JavaScript)', () => {
  beforeAll(async () => {
    platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true });
    eventsUrl = platform.eventsUrl;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('lists the published decisions with their public steps, linked from every page', async () => {
    const home = await (await fetch(`${eventsUrl}/`)).text();
    expect(home).toContain('href="/gongshi"');
    const html = await (await fetch(`${eventsUrl}/gongshi`)).text();
    expect(html).toContain('"福乐"精准帮扶项目四部曲');
    expect(html).toContain('三议·会议决议');
    expect(html).toContain('赞成 41 票，反对 0 票，弃权 2 票');
    expect(html).toContain('2590');
    // the deliberation still under way shows its solicitation only
    const deliberating = await decisionIn('DELIBERATED');
    const page = await (await fetch(`${eventsUrl}/gongshi/${encodeURIComponent(deliberating.id)}`)).text();
    expect(page).toContain('一征·征求意见');
    expect(page).not.toContain('一议·党组织提议');
    expect(page).toContain('意见征集已经结束');
  });

  it('takes an opinion through the form: 303 to a thank-you, errors beside the field, refused outside the window', async () => {
    const open = await decisionIn('SOLICITING');
    const path = `/gongshi/${encodeURIComponent(open.id)}`;
    const form = await (await fetch(`${eventsUrl}${path}`)).text();
    expect(form).toContain('name="body"');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)?.[1];
    expect(key).toBeTruthy();

    const empty = await post(path, { body: '', idempotencyKey: key! });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('请写下您的意见建议');

    const badPhone = await post(path, { body: '凉亭加装照明', phone: '123', idempotencyKey: key! });
    expect(badPhone.status).toBe(400);
    expect(await badPhone.text()).toContain('11 位中国大陆手机号');

    const before = (await gql(`query($id: ID!) { node(id: $id) { ... on Decision { opinionCount } } }`, { id: open.id })).node.opinionCount;
    const sent = await post(path, { body: '凉亭加装照明，晚上也能用', phone: '13712345678', idempotencyKey: key! });
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toContain('sent=1');
    const thanks = await (await fetch(new URL(location, eventsUrl))).text();
    expect(thanks).toContain('意见已收到');
    expect(thanks).not.toContain('13712345678');
    // the same form sent again records one opinion
    expect((await post(path, { body: '凉亭加装照明，晚上也能用', idempotencyKey: key! })).status).toBe(303);
    const after = (await gql(`query($id: ID!) { node(id: $id) { ... on Decision { opinionCount } } }`, { id: open.id })).node.opinionCount;
    expect(after).toBe(before + 1);

    // a decision whose window closed: no form, and a post is refused with the reason; an unknown one is not found
    const closed = await decisionIn('RESULT_PUBLISHED');
    const closedPath = `/gongshi/${encodeURIComponent(closed.id)}`;
    expect(await (await fetch(`${eventsUrl}${closedPath}`)).text()).not.toContain('name="body"');
    const late = await post(closedPath, { body: '迟到的意见' });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('已于');

    const missing = Buffer.from('tx1:Decision:999999', 'utf8').toString('base64url');
    expect((await fetch(`${eventsUrl}/gongshi/${missing}`)).status).toBe(404);
  });
});
