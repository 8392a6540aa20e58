/**
 * A branch secretary makes a meeting from the branch's recurring schedule and puts a resident demand on its
 * agenda by ticket code; the decision reaches the demand's timeline. Axe finds nothing serious.
 */
import { request } from '@tongxin/graphql-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../lib/gql';
import { BRANCH_SECRETARY, browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const SignIn = graphql(`
  mutation MeetingTestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
    }
  }
`);
const Viewer = graphql(`
  query MeetingTestViewer {
    viewer {
      grants {
        node {
          id
          level
        }
      }
    }
  }
`);
const Schedule = graphql(`
  mutation MeetingTestSchedule($input: CreateMeetingScheduleInput!) {
    createMeetingSchedule(input: $input) {
      schedule {
        id
      }
      userErrors {
        message
      }
    }
  }
`);
const Demand = graphql(`
  mutation MeetingTestDemand($input: CreateDemandInput!) {
    createDemand(input: $input) {
      demand {
        id
        ticketCode
      }
      userErrors {
        message
      }
    }
  }
`);

describe.runIf(browserTestsEnabled('meetings from a schedule'))('meetings (议事)', () => {
  let harness: Harness;
  let ticketCode: string;
  let demandId: string;
  let meetingPath: string;
  beforeAll(async () => {
    harness = await startHarness();
    const url = harness.platform.graphqlUrl;
    const token = (await request(url, SignIn, { input: { username: BRANCH_SECRETARY, password: DEMO_PASSWORD } })).data.sessionCreate.token!;
    const branch = (await request(url, Viewer, {}, { token })).data.viewer!.grants.find((g) => g.node.level === 'BRANCH')!.node.id;
    const start = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const schedule = (await request(url, Schedule, { input: { orgNodeId: branch, kind: 'RESIDENT_TALK', title: '逢三板凳议事会', rule: 'MONTH_DAYS', monthDays: [3, 13, 23], startDate: start, startTime: '19:00', place: '楼栋架空层' } }, { token })).data.createMeetingSchedule;
    expect(schedule.userErrors).toEqual([]);
    const demand = (await request(url, Demand, { input: { orgNodeId: branch, channel: 'WALK_IN', category: 'ENVIRONMENT', title: '架空层堆满旧家具' } }, { token })).data.createDemand;
    expect(demand.userErrors).toEqual([]);
    ticketCode = demand.demand!.ticketCode;
    demandId = demand.demand!.id;
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('a secretary creates a meeting from the recurring schedule and links a demand to its agenda', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/meetings');
    const series = page.locator('article.schedule', { hasText: '逢三板凳议事会' });
    const dates = await series.locator('.dates > li > span').allTextContents();
    // the 3rd, 13th and 23rd, in order
    expect(dates.length).toBe(4);
    for (const d of dates) expect(['3日', '13日', '23日'].some((x) => d.endsWith(x))).toBe(true);
    await expectNoSeriousA11yIssues(page);
    await series.getByRole('button', { name: '生成会议' }).first().click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('逢三板凳议事会');
    meetingPath = new URL(page.url()).pathname;

    await page.getByLabel('关联诉求（受理编号，可不填）').fill(ticketCode.toLowerCase());
    await page.getByRole('button', { name: '添加议题' }).click();
    const item = page.locator('.agenda li', { hasText: ticketCode });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    await item.getByLabel('决议').fill('物业三日内清运，楼栋长监督');
    await item.getByRole('button', { name: '记录决议' }).click();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('决议：物业三日内清运，楼栋长监督');
    await expectNoSeriousA11yIssues(page);

    await page.goto(`/demands/${encodeURIComponent(demandId)}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('决议：物业三日内清运，楼栋长监督');
  }, 120_000);

  it('reads in English after the 语言 / Language switch: list, schedule dates and meeting page', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/meetings');
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').textContent()).toBe('Meetings');
    for (const name of ['Recurring meetings', 'Arrange a meeting']) expect(await page.getByRole('heading', { name }).count(), name).toBe(1);
    expect(await page.getByRole('heading', { name: /^Meetings in \d{4}-\d{2} \(\d+\)$/ }).count()).toBe(1);
    expect(await page.getByLabel('Meeting name').count()).toBe(1);
    const series = page.locator('article.schedule', { hasText: '逢三板凳议事会' });
    // the kind in English, the dates as 13 December
    expect(await series.locator('h3').textContent()).toContain('Bench talk');
    for (const d of await series.locator('.dates > li > span').allTextContents()) expect(d).toMatch(/^\d{1,2} [A-Z][a-z]+/);
    expect(await series.getByRole('button', { name: /^Create the meeting/ }).count()).toBeGreaterThan(0);
    const list = (await page.textContent('main'))!;
    for (const word of ['固定会议安排', '生成会议', '调整', '改期', '本次取消', '上个月', '下个月', '安排一次会议', '会议名称', '召开组织', '创建会议', '日期', '时间', '地点', '出席']) {
      expect(list, word).not.toContain(word);
    }
    await expectNoSeriousA11yIssues(page);

    // the meeting made from the schedule, in English
    await page.goto(meetingPath);
    for (const name of ['Agenda and decisions', 'Add an agenda item', 'Minutes']) expect(await page.getByRole('heading', { name }).count(), name).toBe(1);
    expect(await page.getByRole('heading', { name: /^Attendees \(\d+ of \d+ present\)$/ }).count()).toBe(1);
    expect(await page.getByLabel('Linked demand (ticket code, optional)').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(1);
    const meeting = (await page.textContent('main'))!;
    expect(meeting).toContain('Decision: 物业三日内清运，楼栋长监督');
    for (const word of ['议题与决议', '添加议题', '关联诉求', '记录决议', '参会人员', '会议记录', '会议状态', '保存', '地点待定', '属于固定安排', '决议：']) expect(meeting, word).not.toContain(word);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  }, 120_000);

  it('a branch that missed a required meeting shows the warning on its page', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/meetings');
    const missed = page.locator('section', { hasText: '未按要求召开' });
    const first = missed.getByRole('listitem').first();
    const message = (await first.textContent())!.split('：').pop()!.trim();
    expect(message).toMatch(/未召开/);
    await first.getByRole('link').click();
    await page.waitForURL(/\/org\//);
    const note = page.getByRole('note', { name: '会议提醒' });
    await expect.poll(() => note.textContent()).toContain(message);
    await expectNoSeriousA11yIssues(page);
  }, 120_000);
});
