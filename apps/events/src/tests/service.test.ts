/**
 * The service menu's order form and the 招募令 sign-up form without JavaScript: plain form posts (accept:
 * text/html) that answer 303 to the code page or the thank-you page, Chinese errors beside fields with what was
 * typed kept, one order for a form sent twice, and the resident's personal data not on the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@tongxin/launcher';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true });
});
afterAll(async () => {
  await platform?.stop();
});

const html = async (path: string) => {
  const res = await fetch(`${platform.eventsUrl}${path}`, { headers: { accept: 'text/html' } });
  expect(res.status, path).toBe(200);
  return res.text();
};

function post(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${platform.eventsUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: platform.eventsUrl },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The first link into `prefix` on a page. */
function firstLink(page: string, prefix: string, text?: string): string {
  const pattern = new RegExp(`href="(${prefix}/[^"?]+)"[^>]*>${text ?? ''}`);
  const m = pattern.exec(page);
  expect(m, `a link to ${prefix}`).not.toBeNull();
  return m![1];
}

describe('service menu and recruitment forms, JavaScript off', () => {
  it('orders a service from the menu: errors in Chinese, then 303 to the code page; a double submit makes one order', async () => {
    const menu = await html('/services');
    expect(menu).toContain('周五志愿服务队');
    const offerPath = firstLink(menu, '/services', '修水电');
    const form = await html(offerPath);
    expect(form).toContain('我要点单');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1];

    const bad = await post(offerPath, { name: '王阿姨', phone: '123', address: '', idempotencyKey: key });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('请填写 11 位中国大陆手机号');
    expect(badPage).toContain('请填写服务地址');
    expect(badPage).toContain('value="王阿姨"');

    const fields = { name: '王阿姨', phone: '13987654321', address: '红康小区 9栋 1单元 909', preferredTime: '周五上午', note: '', idempotencyKey: key };
    const ok = await post(offerPath, fields);
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/d\/[A-Z0-9]{8}\?new=1$/);
    const again = await post(offerPath, fields);
    expect(again.headers.get('location')).toBe(location);

    const codePage = await html(location);
    expect(codePage).toContain('已经收到您的点单');
    expect(codePage).toContain('已点单');
    expect(codePage).not.toContain('909');
    expect(codePage).not.toContain('4321');
  });

  it('signs up for a recruitment call: errors in Chinese, then 303 to the thank-you page', async () => {
    const list = await html('/join');
    expect(list).toContain('社区能人');
    const callPath = firstLink(list, '/join');
    const form = await html(callPath);
    expect(form).toContain('我要报名');
    const bad = await post(callPath, { name: '', phone: '13700001111', skills: '', availability: '周末' });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('请填写您的姓名');
    expect(badPage).toContain('请填写至少一项特长');
    const ok = await post(callPath, { name: '钱师傅', phone: '13700001111', skills: '水电维修、家电维修', availability: '周末', building: '5栋', idempotencyKey: `join-${Date.now()}` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${callPath}?done=1`);
    const thanks = await html(ok.headers.get('location')!);
    expect(thanks).toContain('报名已收到');
    expect(thanks).not.toContain('13700001111');
  });
});
