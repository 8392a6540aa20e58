import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUS_LABEL, MEETING_KIND_LABEL } from './labels';
import { ACTIVITY_STATUS_LABEL as ZH } from '@tongxin/ui';

describe('live label tables', () => {
  it('read like the Chinese tables outside a request (the default language)', () => {
    expect(ACTIVITY_STATUS_LABEL.PUBLISHED).toBe('已发布');
    expect(Object.entries(ACTIVITY_STATUS_LABEL)).toEqual(Object.entries(ZH));
    expect(Object.keys(MEETING_KIND_LABEL)).toContain('DELIBERATION');
    expect('DRAFT' in ACTIVITY_STATUS_LABEL).toBe(true);
  });
});

describe('labels and messages per request', () => {
  it('follow each concurrent request’s own language cookie', async () => {
    const { paraglideMiddleware } = await import('./paraglide/server.js');
    const { m } = await import('./i18n');
    const read = (lang: string, i: number) =>
      paraglideMiddleware(new Request('http://admin.test/', { headers: { cookie: `tongxin-lang=${lang}` } }), async () => {
        await new Promise((r) => setTimeout(r, (i * 7) % 13));
        return new Response(`${ACTIVITY_STATUS_LABEL.PUBLISHED}|${m.layout_sign_out()}`);
      });
    const langs = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'en' : 'zh-CN'));
    const bodies = await Promise.all(langs.map(async (lang, i) => (await read(lang, i)).text()));
    bodies.forEach((body, i) => expect(body).toBe(langs[i] === 'en' ? 'Published|Sign out' : '已发布|退出登录'));
  });
});
