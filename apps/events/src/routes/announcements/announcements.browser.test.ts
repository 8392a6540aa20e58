/**
 * 社区公告 in real Chromium against the real API: a committee admin publishes a 红色小广播 with a recording (a
 * small WAV made here), the resident's phone plays it on the events site (the <audio> element loads audio/* and
 * knows its duration), share previews carry Open Graph tags, the Atom feed parses, and members' and staff
 * announcements never show on the public site.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, startPlatform, warnSkipped, type Platform } from '@tongxin/launcher';

const executablePath = findChromium();
if (!executablePath) warnSkipped('apps/events (announcements, audio, feed)', 'no Chromium found');

/** A short WAV tone (16-bit mono PCM). */
function toneWav(seconds: number, hz = 440, rate = 8000): Uint8Array<ArrayBuffer> {
  const samples = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  const out = new Uint8Array(new ArrayBuffer(buf.length));
  out.set(buf);
  return out;
}

describe.skipIf(!executablePath)('社区公告 on the events site', () => {
  let platform: Platform;
  let browser: Browser;
  let gql: <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;
  let token: string;
  let community: { id: string; name: string };
  const made: Record<string, string> = {};
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true });
    browser = await chromium.launch({ executablePath: executablePath!, args: chromiumArgs });
    gql = async (query, variables = {}, bearer) => {
      const res = await fetch(platform.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    token = (await gql(`mutation($i: SessionCreateInput!) { sessionCreate(input: $i) { token } }`, { i: { username: 'hongkang-admin', password: 'tongxin-demo' } })).sessionCreate.token;
    community = (await gql(`{ publicCommunities { id name } }`)).publicCommunities.find((c: { name: string }) => c.name === '红康社区');

    const upload = await fetch(`${platform.apiUrl}/media?kind=AUDIO&name=briefing.wav`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav' },
      body: toneWav(2),
    });
    expect(upload.status).toBe(201);
    const audio = (await upload.json()) as { id: string };
    const CREATE = `mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { announcement { id } userErrors { message } } }`;
    for (const audience of ['PUBLIC', 'MEMBERS', 'STAFF']) {
      const res = await gql(CREATE, {
        i: { orgNodeId: community.id, title: `红色小广播 ${audience} ${stamp}`, body: '本周要点：冬季用电安全。\n请不要在楼道给电动车充电。', audience, mediaIds: audience === 'PUBLIC' ? [audio.id] : [] },
      }, token);
      expect(res.createAnnouncement.userErrors).toEqual([]);
      made[audience] = res.createAnnouncement.announcement.id;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    return context.newPage();
  }

  it('lists the public announcement and never the members\' or staff ones', async () => {
    const page = await phone();
    await page.goto(`${platform.eventsUrl}/announcements?community=${encodeURIComponent(community.id)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('红康社区公告');
    const html = await page.content();
    expect(html).toContain(`红色小广播 PUBLIC ${stamp}`);
    expect(html).not.toContain(`红色小广播 MEMBERS ${stamp}`);
    expect(html).not.toContain(`红色小广播 STAFF ${stamp}`);
    // the address of a members' announcement leads nowhere on the public site
    const hidden = await page.goto(`${platform.eventsUrl}/announcements/${encodeURIComponent(made.MEMBERS!)}`);
    expect(hidden?.status()).toBe(404);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('plays the recording: <audio> loads audio/* and learns its duration', async () => {
    const page = await phone();
    await page.goto(`${platform.eventsUrl}/announcements/${encodeURIComponent(made.PUBLIC!)}`);
    const audio = page.locator('audio');
    await expect.poll(() => audio.count()).toBe(1);
    const src = await audio.evaluate((el: HTMLAudioElement) => el.currentSrc || el.src);
    expect(src).toMatch(/\/media\/\d+$/);
    const served = await page.request.get(src);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toMatch(/^audio\//);
    await audio.evaluate((el: HTMLAudioElement) => el.load());
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 15_000 }).toBeGreaterThan(0);
    const duration = await audio.evaluate((el: HTMLAudioElement) => el.duration);
    expect(duration).toBeCloseTo(2, 0);

    // share previews
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toContain(`红色小广播 PUBLIC ${stamp}`);
    expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toContain('冬季用电安全');
  });

  it('offers an Atom feed that parses, with the public announcement and its recording only', async () => {
    const res = await fetch(`${platform.eventsUrl}/announcements/feed.xml?community=${encodeURIComponent(community.id)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const text = await res.text();
    const page = await phone();
    const parsed = await page.evaluate((xmlText) => {
      const doc = new DOMParser().parseFromString(xmlText, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: doc.documentElement.namespaceURI,
        title: doc.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
        entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
          title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent ?? '',
          enclosure: [...e.getElementsByTagNameNS(ns, 'link')].find((l) => l.getAttribute('rel') === 'enclosure')?.getAttribute('type') ?? null,
        })),
      };
    }, text);
    expect(parsed.error).toBe(false);
    expect(parsed.root).toBe('http://www.w3.org/2005/Atom');
    expect(parsed.title).toBe('红康社区公告');
    const mine = parsed.entries.find((e) => e.title === `红色小广播 PUBLIC ${stamp}`);
    expect(mine?.enclosure).toBe('audio/wav');
    expect(parsed.entries.some((e) => e.title.includes(`MEMBERS ${stamp}`) || e.title.includes(`STAFF ${stamp}`))).toBe(false);
  });
});
