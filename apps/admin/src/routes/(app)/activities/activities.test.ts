/**
 * A worker's day with activities, in Chromium against the real API, admin site and events page with the demo
 * data: a committee admin creates a recurring activity and publishes it; it shows on the public events page; a
 * resident (a volunteer of the 周五志愿服务队) signs up there; the worker checks them in at the door and out, and
 * the hours show on the team; cancelling the activity turns the resident's ticket page into a cancelled one.
 */
import pg from 'pg';
import type { Page } from 'playwright-core';
import { request } from '@tongxin/graphql-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../lib/gql';
import { browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const TestSignIn = graphql(`
  mutation ActivitiesTestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
    }
  }
`);

const TestTeams = graphql(`
  query ActivitiesTestTeams($communityId: ID!) {
    volunteerTeams(communityId: $communityId, first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const TestViewer = graphql(`
  query ActivitiesTestViewer {
    viewer {
      grants {
        role
        node {
          id
          level
        }
      }
    }
  }
`);

const TestVolunteer = graphql(`
  mutation ActivitiesTestVolunteer($input: VolunteerCreateInput!) {
    volunteerCreate(input: $input) {
      volunteer {
        id
      }
      userErrors {
        message
      }
    }
  }
`);

/** Beijing wall-clock `YYYY-MM-DDTHH:mm` of an instant, as a datetime-local field takes it. */
function localInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

function randomMobile(): string {
  return `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

describe.skipIf(!browserTestsEnabled('admin activities'))('activities (Chromium)', () => {
  let harness: Harness;
  let db: pg.Client;
  let communityId: string;
  const title = `周五志愿服务 楼道清洁 ${Date.now() % 100000}`;
  const resident = { name: '钱桂兰', phone: randomMobile() };
  const team = '周五志愿服务队';
  let activityPath = '';
  let code = '';

  beforeAll(async () => {
    harness = await startHarness({ apps: ['api', 'admin', 'events'] });
    db = new pg.Client({ connectionString: harness.platform.databaseUrl });
    await db.connect();
    // the resident is a volunteer of the 周五志愿服务队, so the hours at the door count for the team
    const url = harness.platform.graphqlUrl;
    const token = (await request(url, TestSignIn, { input: { username: COMMUNITY_ADMIN, password: DEMO_PASSWORD } })).data.sessionCreate.token!;
    const { viewer } = (await request(url, TestViewer, {}, { token })).data;
    communityId = viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node.id;
    const teams = (await request(url, TestTeams, { communityId }, { token })).data.volunteerTeams.edges.map((e) => e.node);
    const friday = teams.find((t) => t.name === team);
    expect(friday, `the demo data has a ${team}`).toBeDefined();
    const made = (await request(url, TestVolunteer, { input: { communityId, name: resident.name, phone: resident.phone, teamIds: [friday!.id] } }, { token })).data.volunteerCreate;
    expect(made.userErrors).toEqual([]);
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await harness?.close();
  });

  /**
   * The public list as a resident opens it: the events site shares rendered pages for a few seconds (and serves a
   * stale copy while it fetches a fresh one), so a just-published activity shows on a later visit, not at once.
   */
  async function openListing(page: Page, name: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto('/');
      if ((await page.getByRole('link', { name }).count()) > 0 || Date.now() > deadline) return;
      await page.waitForTimeout(1000);
    }
  }

  async function adminPage(): Promise<Page> {
    const page = await harness.newPage({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai' });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    return page;
  }

  it('creates a recurring activity every week, publishes the series and sees it on the public events page', async () => {
    const page = await adminPage();
    await page.getByRole('navigation', { name: '主要功能' }).locator('a[href="/activities"]').click();
    await page.waitForURL((url) => url.pathname === '/activities');
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('link', { name: '新建活动' }).click();
    await page.waitForURL((url) => url.pathname === '/activities/new');

    // refused without a title, the error beside the field
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.locator('#title-error').textContent()).toContain('请填写活动标题');
    expect(await page.getByLabel('活动标题').getAttribute('aria-invalid')).toBe('true');

    // the first occurrence starts in 40 minutes (the door opens an hour before), then every week, 3 times
    const startsAt = new Date(Date.now() + 40 * 60_000);
    await page.getByLabel('活动标题').fill(title);
    await page.getByLabel('类别').selectOption('VOLUNTEER_SERVICE');
    await page.getByLabel('开始时间（北京时间）').fill(localInput(startsAt));
    await page.getByLabel('结束时间').fill(localInput(new Date(startsAt.getTime() + 2 * 3_600_000)));
    await page.getByLabel('重复方式').selectOption('WEEKLY');
    await page.getByLabel('一共几次').fill('3');
    await page.getByLabel('名额').fill('30');
    await page.getByLabel('活动介绍（居民可见）').fill('清理楼道杂物，张贴消防提示。请穿方便活动的衣服。');
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL((url) => /^\/activities\/[^/]+$/.test(url.pathname) && url.searchParams.get('created') === '3');
    activityPath = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已建立 3 场重复活动');
    expect(await page.locator('.eyebrow .activity-status').textContent()).toBe('草稿');

    await page.getByLabel(/同时发布本系列之后的草稿/).check();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已发布 3 场活动');
    await expect.poll(() => page.locator('.eyebrow .activity-status').textContent()).toBe('已发布');
    await expectNoSeriousA11yIssues(page);

    // the calendar shows the three occurrences (on the desktop grid)
    await page.goto('/activities/calendar');
    await expect.poll(() => page.locator('.month .item', { hasText: title }).count()).toBeGreaterThanOrEqual(1);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();

    // the public events page lists it
    const resident = await harness.newPage({ baseURL: harness.platform.eventsUrl });
    await openListing(resident, title);
    expect(await resident.getByRole('link', { name: title }).count()).toBeGreaterThanOrEqual(1);
    await resident.context().close();
  });

  it('a resident signs up on the events page; the door checks them in and out; the hours show on the team', async () => {
    const phone = await harness.newPage({ baseURL: harness.platform.eventsUrl });
    await openListing(phone, title);
    await phone.getByRole('link', { name: title }).first().click();
    await phone.getByLabel('姓名').fill(resident.name);
    await phone.getByLabel('手机号').fill(resident.phone);
    await phone.getByRole('button', { name: '立即报名' }).click();
    await phone.waitForURL((url) => url.pathname.startsWith('/r/'));
    code = new URL(phone.url()).pathname.split('/').at(-1)!;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await phone.locator('.status').textContent()).toBe('已报名');
    await phone.context().close();

    const page = await adminPage();
    await page.goto(activityPath);
    const list = page.getByRole('region', { name: '报名名单', exact: true });
    await expect.poll(() => list.textContent()).toContain('钱*兰');
    // the phone is masked in the list
    expect(await list.textContent()).toContain(`${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}`);
    expect(await list.textContent()).not.toContain(resident.phone);

    await page.goto('/checkin');
    await page.getByLabel('确认码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已签到');

    // two hours of service pass: the check-in and the activity move back in time, as if it had started earlier
    await db.query(`update registration set checked_in_at = now() - interval '2 hours' where code = $1`, [code]);
    await db.query(
      `update activity set starts_at = starts_at - interval '2 hours 10 minutes', ends_at = ends_at - interval '2 hours 10 minutes'
       where id = (select activity_id from registration where code = $1)`, [code]);

    const teamHours = async () => {
      await page.goto('/volunteers');
      return Number((await page.locator(`tr[data-team="${team}"] [data-hours]`).textContent())?.replace(/,/g, ''));
    };
    const before = await teamHours();
    await page.goto('/checkin');
    await page.getByLabel('确认码').fill(code);
    await page.getByRole('button', { name: '签退', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已签退');
    expect(await page.getByRole('status').textContent()).toContain('志愿服务时长 +2 小时');

    expect(await teamHours()).toBe(before + 2);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('cancelling an activity (after confirming) leads the resident\'s ticket page with the cancellation', async () => {
    // a later occurrence of the series, with a fresh sign-up
    const page = await adminPage();
    await page.goto(`/activities?q=${encodeURIComponent(title)}`);
    const later = page.locator('.rows a.title', { hasText: title }).last();
    await later.click();
    await page.waitForURL((url) => /^\/activities\/[^/]+$/.test(url.pathname));
    const laterPath = new URL(page.url()).pathname;

    const phone = await harness.newPage({ baseURL: harness.platform.eventsUrl });
    await phone.goto(`/activities/${laterPath.split('/').at(-1)}`);
    await phone.getByLabel('姓名').fill('孙秀英');
    await phone.getByLabel('手机号').fill(randomMobile());
    await phone.getByRole('button', { name: '立即报名' }).click();
    await phone.waitForURL((url) => url.pathname.startsWith('/r/'));
    const ticket = new URL(phone.url()).pathname;
    expect(await phone.getByText('添加到手机日历').count()).toBe(1);

    // the cancel step needs its confirmation: without ticking it, nothing is sent
    await page.reload();
    await page.getByText('取消活动…').click();
    await page.getByRole('button', { name: '确认取消活动' }).click();
    expect(await page.getByLabel(/确认取消“/).evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect(await page.locator('.eyebrow .activity-status').textContent()).toBe('已发布');
    await page.getByLabel(/确认取消“/).check();
    await page.getByRole('button', { name: '确认取消活动' }).click();
    await expect.poll(() => page.locator('.eyebrow .activity-status').textContent()).toBe('已取消');
    // the message to the resident is in the outbox, shown on the activity page
    const outbox = page.locator('section', { has: page.getByRole('heading', { name: /给居民的通知/ }) });
    await expect.poll(() => outbox.textContent()).toContain('活动取消');
    await expectNoSeriousA11yIssues(page);
    await page.context().close();

    // the subscribed calendar keeps the event, marked cancelled, with a higher SEQUENCE
    const activityId = decodeURIComponent(laterPath.split('/').at(-1)!);
    const feed = await (await fetch(`${harness.platform.eventsUrl}/calendar.ics`)).text();
    const event = feed.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').find((block) => block.includes(`UID:${activityId}@tongxin`));
    expect(event, 'the cancelled activity is still in the feed').toBeDefined();
    expect(event).toContain('STATUS:CANCELLED');
    expect(event).toMatch(/SEQUENCE:[1-9]/);

    await phone.goto(ticket);
    const lead = phone.locator('section.ticket');
    expect(await lead.locator('.status').textContent()).toBe('活动已取消');
    expect(await lead.textContent()).toContain('无需到场');
    expect(await phone.getByText('到场时向工作人员出示本页').count()).toBe(0);
    expect(await phone.getByText('添加到手机日历').count()).toBe(0);
    expect(await phone.locator('.status-confirmed').count()).toBe(0);
    expect(await phone.getByRole('heading', { name: '给您的通知' }).count()).toBe(1);
    expect(await phone.locator('.messages').textContent()).toContain('已取消');
    await expectNoSeriousA11yIssues(phone);
    await phone.context().close();
  });
});
