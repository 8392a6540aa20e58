/** userErrors in the caller's language: Chinese by default, English with Accept-Language: en…, same code and field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';
import { communityId } from '../modules/activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const CREATE = `mutation($input: ActivityCreateInput!) { activityCreate(input: $input) { activity { id } userErrors { field message code } } }`;
const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { field message code } } }`;

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { data: any; errors?: unknown[] };
}

describe("userErrors in the caller's language", () => {
  it('answers a bad activityCreate in Chinese without Accept-Language and in English with en-US', async () => {
    const start = Date.now() + 3 * 86_400_000;
    const input = { organizerId: hongkang, title: '长'.repeat(150), category: 'OTHER', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
    const auth = { authorization: `Bearer ${admin}` };

    const zh = await post(CREATE, { input }, auth);
    expect(zh.errors).toBeUndefined();
    expect(zh.data.activityCreate.activity).toBeNull();
    const [chinese] = zh.data.activityCreate.userErrors;
    expect(chinese).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'title'] });
    expect(chinese.message).toMatch(/^活动标题应为 1 到 \d+ 个字$/);

    const en = await post(CREATE, { input }, { ...auth, 'accept-language': 'en-US,en;q=0.9' });
    const [english] = en.data.activityCreate.userErrors;
    expect(english.code).toBe(chinese.code);
    expect(english.field).toEqual(chinese.field);
    expect(english.message).toMatch(/^Activity title should be 1 to \d+ characters$/);
    expect(english.message.match(/\d+/)![0]).toBe(chinese.message.match(/\d+/)![0]);

    // a Chinese-first header stays Chinese
    const zhCn = await post(CREATE, { input }, { ...auth, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(zhCn.data.activityCreate.userErrors[0].message).toBe(chinese.message);
    // nothing was created
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from activity where title = ?`, [input.title]);
    expect(Number(count)).toBe(0);
  });

  it('translates a sign-in refusal too (anonymous callers)', async () => {
    const input = { username: 'hongkang-admin', password: 'not-the-password' };
    const zh = (await post(SIGN_IN, { input }, {})).data.sessionCreate.userErrors[0];
    const en = (await post(SIGN_IN, { input }, { 'accept-language': 'en' })).data.sessionCreate.userErrors[0];
    expect(zh.message).toBe('用户名或密码错误');
    expect(en).toEqual({ ...zh, message: 'Wrong username or password' });
  });
});
