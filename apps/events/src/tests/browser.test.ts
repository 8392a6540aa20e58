/**
 * The events site in real Chromium against the real API with demo data: browse and filter, sign up (with
 * JavaScript off), the waiting list, cancelling, calendar files and accessibility.
 * Set EVENTS_URL and API_URL to test a platform that is already running instead of starting one.
 */
import { AxeBuilder } from '@axe-core/playwright';
import ICAL from 'ical.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, startPlatform, warnSkipped, type Platform } from '@tongxin/launcher';
import type { TestActivitiesQuery } from '$lib/gql/graphql';
import { CATEGORY_LABELS } from '$lib/labels';
import { callApi, freshPhone, TestActivities, TestActivityCreate, TestActivityPublish, TestRegistration, TestSignIn, TestSignUp, TestViewer } from './api';

type ListedActivity = TestActivitiesQuery['activities']['edges'][number]['node'];

const executablePath = findChromium();
if (!executablePath) warnSkipped('apps/events (browse, sign-up, waiting list, calendar, accessibility)', 'no Chromium found');

describe.skipIf(!executablePath)('events site in Chromium', () => {
  let platform: Platform | undefined;
  let eventsUrl: string;
  let graphqlUrl: string;
  let browser: Browser;
  /** Confirmation code from the sign-up test, for the accessibility check of the confirmation page. */
  let confirmationCode: string | undefined;

  beforeAll(async () => {
    if (process.env.EVENTS_URL && process.env.API_URL) {
      eventsUrl = process.env.EVENTS_URL;
      graphqlUrl = process.env.API_URL;
    } else {
      platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true });
      eventsUrl = platform.eventsUrl;
      graphqlUrl = platform.graphqlUrl;
    }
    browser = await chromium.launch({ executablePath: executablePath!, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function phonePage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    return context.newPage();
  }

  async function upcoming(filter: Record<string, unknown> = {}) {
    return callApi(graphqlUrl, TestActivities, { filter: { window: 'UPCOMING', ...filter }, first: 100 });
  }

  async function signUpByApi(activityId: string, joinWaitlist = false) {
    const phone = freshPhone();
    const { registrationCreate } = await callApi(graphqlUrl, TestSignUp, {
      input: { activityId, name: '测试居民', phone, joinWaitlist },
    });
    expect(registrationCreate.userErrors).toEqual([]);
    return { phone, code: registrationCreate.registration!.code };
  }

  /** A fresh published activity with a single seat, made by the 红康社区 committee admin of the demo data. */
  async function oneSeatActivity(): Promise<{ id: string; title: string }> {
    const { sessionCreate } = await callApi(graphqlUrl, TestSignIn, {
      input: { username: 'hongkang-admin', password: 'tongxin-demo' },
    });
    expect(sessionCreate.userErrors).toEqual([]);
    const token = sessionCreate.token!;
    const { viewer } = await callApi(graphqlUrl, TestViewer, {}, token);
    const committee = viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const startsAt = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    startsAt.setUTCHours(1, 0, 0, 0); // 09:00 in Beijing
    const title = `邻里议事会旁听（测试 ${Date.now() % 100000}）`;
    const { activityCreate } = await callApi(
      graphqlUrl,
      TestActivityCreate,
      {
        input: {
          title,
          category: 'OTHER',
          description: '只有一个名额的活动，用来检查候补。',
          organizerId: committee.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
          capacity: 1,
        },
      },
      token,
    );
    expect(activityCreate.userErrors).toEqual([]);
    const { activityPublish } = await callApi(graphqlUrl, TestActivityPublish, { input: { id: activityCreate.activity!.id } }, token);
    expect(activityPublish.userErrors).toEqual([]);
    expect(activityPublish.activity).toMatchObject({ status: 'PUBLISHED', capacity: 1, seatsLeft: 1 });
    return { id: activityPublish.activity!.id, title };
  }

  async function openSeatsActivity(): Promise<ListedActivity> {
    const { activities } = await upcoming();
    const open = activities.edges.map((e) => e.node).find((a) => a.registrationOpen && (a.seatsLeft == null || a.seatsLeft > 3));
    expect(open, 'an open activity with seats in the demo data').toBeDefined();
    return open!;
  }

  it('lists upcoming activities in Chinese, with previews for shared links and no scripts to download', async () => {
    const page = await phonePage();
    const response = await page.goto(`${eventsUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toContain('社区活动');
    for (const property of ['og:title', 'og:description', 'og:type', 'og:url']) {
      expect(await page.locator(`meta[property="${property}"]`).getAttribute('content'), property).toBeTruthy();
    }
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
    expect(await page.locator('script[src]').count()).toBe(0);

    const cards = page.locator('article');
    expect(await cards.count()).toBeGreaterThan(0);
    await expect
      .poll(() => cards.first().locator('time').textContent())
      .toMatch(/^(\d{4}年)?\d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d(–\d\d:\d\d| – .+)$/);
    const seats = await page.locator('article .seats').allTextContents();
    for (const text of seats) {
      expect(text.trim()).toMatch(/^(剩余 \d+ 个名额|已满，可排队候补|名额已满|不限名额|报名.*|活动.*)$/);
    }

    // "更多活动" is a plain link to the next page.
    const { activities } = await upcoming();
    if (activities.totalCount > 20) {
      const firstPage = await page.locator('article h2').allTextContents();
      await page.getByRole('link', { name: '更多活动' }).click();
      await page.waitForURL((url) => url.searchParams.has('after'));
      const secondPage = await page.locator('article h2').allTextContents();
      expect(secondPage.length).toBe(Math.min(20, activities.totalCount - 20));
      expect(secondPage[0]).not.toBe(firstPage[0]);
    }
    await page.context().close();
  });

  it('filters by community, category and week, in links that can be shared', async () => {
    const { publicCommunities, activities } = await upcoming();
    const community = publicCommunities.find((c) => c.name.includes('红康')) ?? publicCommunities[0];
    const inCommunity = activities.edges.map((e) => e.node).filter((a) => a.community.id === community.id);
    expect(inCommunity.length, `upcoming activities in ${community.name}`).toBeGreaterThan(0);
    const category = inCommunity[0].category;

    const page = await phonePage();
    await page.goto(`${eventsUrl}/`);
    await page.getByLabel('社区').selectOption(community.id);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL((url) => url.searchParams.get('community') === community.id);
    const communities = await page.locator('article .community').allTextContents();
    expect(communities.length).toBeGreaterThan(0);
    expect(new Set(communities)).toEqual(new Set([community.name]));

    await page.getByLabel('类别').selectOption(category);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL((url) => url.searchParams.get('category') === category);
    const tags = await page.locator('article .tag').allTextContents();
    expect(tags.length).toBe(inCommunity.filter((a) => a.category === category).length);
    expect(new Set(tags)).toEqual(new Set([CATEGORY_LABELS[category]]));

    // The same link opened on another phone shows the same list.
    const shared = await phonePage();
    await shared.goto(page.url());
    expect(await shared.locator('article .tag').allTextContents()).toEqual(tags);
    await shared.context().close();

    await page.goto(`${eventsUrl}/`);
    await page.getByRole('radio', { name: '本周' }).check();
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL((url) => url.searchParams.get('when') === 'week');
    const thisWeek = await callApi(graphqlUrl, TestActivities, { filter: { window: 'THIS_WEEK' }, first: 1 });
    const count = thisWeek.activities.totalCount;
    await expect.poll(() => page.locator('.count').textContent()).toContain(count > 0 ? `共 ${count} 个活动` : '暂无');
    await page.context().close();
  });

  it('signs a resident up with JavaScript off, shows the code for the door, and explains mistakes', async () => {
    const activity = await openSeatsActivity();
    const page = await phonePage({ javaScriptEnabled: false });
    const detailUrl = `${eventsUrl}/activities/${encodeURIComponent(activity.id)}`;
    await page.goto(detailUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe(activity.title);
    expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toContain('/activities/');

    // A phone number that is not a mainland mobile: the field says what is wrong.
    await page.getByLabel('姓名').fill('王秀英');
    await page.getByLabel('手机号').fill('12345');
    await page.getByRole('button', { name: '立即报名' }).click();
    await expect.poll(() => page.locator('#signup-phone-error').textContent()).toBeTruthy();
    expect(await page.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('姓名').inputValue()).toBe('王秀英');

    const phone = freshPhone();
    await page.getByLabel('手机号').fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    await page.getByRole('button', { name: '立即报名' }).click();
    await page.waitForURL(/\/r\/[A-Z0-9]+/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await page.locator('.status').textContent()).toBe('已报名');
    expect(await page.locator('.code span[aria-hidden]').textContent()).toBe(code);
    expect(await page.getByText('报名成功').count()).toBe(1);
    const fontSize = await page.locator('.code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(32);
    const { registrationByCode } = await callApi(graphqlUrl, TestRegistration, { code });
    expect(registrationByCode?.status).toBe('CONFIRMED');
    confirmationCode = code;

    if (activity.seatsLeft != null) {
      await page.goto(detailUrl);
      expect(await page.locator('.facts').textContent()).toContain(`剩余 ${activity.seatsLeft - 1} 个名额`);
    }

    // The same phone again: told it is already registered, with a way back to the registration.
    // That page now carries this resident's code, so no cache may keep it.
    const detail = await page.goto(detailUrl);
    expect(detail?.headers()['cache-control']).toBe('private, no-store');
    await page.getByLabel('姓名').fill('王秀英');
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '立即报名' }).click();
    await expect.poll(() => page.locator('#signup [role="alert"]').textContent()).toContain('已经报名');
    expect(await page.getByRole('link', { name: '查看我的报名' }).getAttribute('href')).toBe(`/r/${code}`);

    // Lookup by code, typed in lower case with a space.
    await page.goto(`${eventsUrl}/r`);
    await page.getByLabel('确认码').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(`${eventsUrl}/r/${code}`);
    await page.context().close();
  });

  it('offers the waiting list when the last seat is taken, and moves the waiting resident up when someone cancels', async () => {
    const activity = await oneSeatActivity();
    const waiting = await phonePage();
    await waiting.goto(`${eventsUrl}/activities/${encodeURIComponent(activity.id)}`);
    expect(await waiting.locator('h1').textContent()).toBe(activity.title);
    expect(await waiting.locator('.facts').textContent()).toContain('剩余 1 个名额');
    await waiting.getByLabel('姓名').fill('李建国');
    const waitingPhone = freshPhone();
    await waiting.getByLabel('手机号').fill(waitingPhone);

    // Someone else takes the last seat while this resident is still typing.
    const first = await signUpByApi(activity.id);
    await waiting.getByRole('button', { name: '立即报名' }).click();
    await expect.poll(() => waiting.locator('#signup [role="alert"]').textContent()).toContain('名额已经报满');
    await waiting.getByRole('button', { name: '加入候补名单' }).click();
    await waiting.waitForURL(/\/r\/[A-Z0-9]+/);
    expect(await waiting.locator('.status').textContent()).toBe('候补第 1 位');
    const waitingCode = decodeURIComponent(new URL(waiting.url()).pathname.split('/').pop()!);

    // A late visitor sees the activity as full with a waiting list.
    const late = await phonePage();
    await late.goto(`${eventsUrl}/activities/${encodeURIComponent(activity.id)}`);
    expect(await late.locator('.facts').textContent()).toContain('已满，可排队候补');
    expect(await late.getByRole('button', { name: '加入候补名单' }).count()).toBe(1);
    await late.context().close();

    // The first resident cancels: a wrong phone is refused, the right one frees the seat.
    const canceller = await phonePage();
    await canceller.goto(`${eventsUrl}/r/${first.code}`);
    await canceller.getByLabel('报名时用的手机号').fill('13900000000');
    await canceller.getByRole('button', { name: '确认取消报名' }).click();
    await expect.poll(() => canceller.locator('#cancel').textContent()).toContain('不一致');
    await canceller.getByLabel('报名时用的手机号').fill(first.phone);
    await canceller.getByRole('button', { name: '确认取消报名' }).click();
    await canceller.waitForURL(/cancelled=1/);
    expect(await canceller.locator('.status').textContent()).toBe('已取消');
    expect(await canceller.getByRole('button', { name: '确认取消报名' }).count()).toBe(0);
    await canceller.context().close();

    await waiting.goto(`${eventsUrl}/r/${waitingCode}`);
    expect(await waiting.locator('.status').textContent()).toBe('已报名');

    // When the resident who moved up cancels too, nobody is waiting: the seat is open again.
    await waiting.getByLabel('报名时用的手机号').fill(waitingPhone);
    await waiting.getByRole('button', { name: '确认取消报名' }).click();
    await waiting.waitForURL(/cancelled=1/);
    await waiting.goto(`${eventsUrl}/activities/${encodeURIComponent(activity.id)}`);
    expect(await waiting.locator('.facts').textContent()).toContain('剩余 1 个名额');
    await waiting.context().close();
  });

  it('serves calendar files that open at the right hour in Beijing time', async () => {
    const activity = await openSeatsActivity();
    const response = await fetch(`${eventsUrl}/activities/${encodeURIComponent(activity.id)}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(activity.title);
    expect(event.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(event.startDate.toJSDate().getTime()).toBe(new Date(activity.startsAt).getTime());
    expect(event.endDate.toJSDate().getTime()).toBe(new Date(activity.endsAt).getTime());

    const feedUrl = `${eventsUrl}/calendar.ics?community=${encodeURIComponent(activity.community.id)}&category=${activity.category}`;
    const feed = await fetch(feedUrl);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const feedCalendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = feedCalendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toContain(activity.title);
    for (const vevent of feedCalendar.getAllSubcomponents('vevent')) {
      expect(vevent.getFirstPropertyValue('categories')).toBe(CATEGORY_LABELS[activity.category]);
    }
  });

  it('has no serious or critical accessibility violations on the list, detail and confirmation pages', async () => {
    const activity = await openSeatsActivity();
    const urls = [`${eventsUrl}/`, `${eventsUrl}/activities/${encodeURIComponent(activity.id)}`, `${eventsUrl}/r`];
    if (confirmationCode) urls.push(`${eventsUrl}/r/${confirmationCode}`);
    const page = await phonePage();
    for (const url of urls) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, url).toEqual([]);
    }
    expect(confirmationCode, 'the sign-up test left a confirmation page to check').toBeDefined();

    // Keyboard: the first Tab reaches the skip link, and focus is visible.
    await page.goto(`${eventsUrl}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.context().close();
  });
});
