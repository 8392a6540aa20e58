import type { Page } from 'playwright-core';
import { request } from '@tongxin/graphql-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../lib/gql';
import {
  browserTestsEnabled,
  COMMUNITY_ADMIN,
  DEMO_PASSWORD,
  expectNoSeriousA11yIssues,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/browser';

const TestSignIn = graphql(`
  mutation CheckinTestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
      userErrors {
        message
      }
    }
  }
`);

const TestFindOrg = graphql(`
  query CheckinTestFindOrg($query: String!) {
    orgSearch(query: $query, first: 10) {
      edges {
        node {
          id
          name
          level
        }
      }
    }
  }
`);

const TestCreateActivity = graphql(`
  mutation CheckinTestCreateActivity($input: ActivityCreateInput!) {
    activityCreate(input: $input) {
      activity {
        id
      }
      userErrors {
        message
      }
    }
  }
`);

const TestPublishActivity = graphql(`
  mutation CheckinTestPublishActivity($input: ActivityPublishInput!) {
    activityPublish(input: $input) {
      activity {
        id
        status
      }
      userErrors {
        message
      }
    }
  }
`);

const TestRegister = graphql(`
  mutation CheckinTestRegister($input: RegistrationCreateInput!) {
    registrationCreate(input: $input) {
      registration {
        code
      }
      userErrors {
        message
      }
    }
  }
`);

function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A published 红康社区 activity starting in 30 minutes, so its door is open. */
async function createActivity(harness: Harness, title: string): Promise<string> {
  const url = harness.platform.graphqlUrl;
  const session = (await request(url, TestSignIn, { input: { username: COMMUNITY_ADMIN, password: DEMO_PASSWORD } })).data
    .sessionCreate;
  expect(session.userErrors).toEqual([]);
  const token = session.token!;

  const found = (await request(url, TestFindOrg, { query: '红康社区' }, { token })).data.orgSearch.edges;
  const community = found.find((e) => e.node.level === 'COMMUNITY')?.node ?? found[0]!.node;

  const startsAt = new Date(Date.now() + 30 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
  const created = (
    await request(
      url,
      TestCreateActivity,
      {
        input: {
          organizerId: community.id,
          title,
          category: 'VOLUNTEER_SERVICE',
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        },
      },
      { token },
    )
  ).data.activityCreate;
  expect(created.userErrors).toEqual([]);
  const id = created.activity!.id;

  const published = (await request(url, TestPublishActivity, { input: { id } }, { token })).data.activityPublish;
  expect(published.userErrors).toEqual([]);
  return id;
}

/** A resident signs up anonymously, as on the events site; returns the confirmation code. */
async function register(harness: Harness, activityId: string, name: string): Promise<string> {
  const { registrationCreate } = (
    await request(harness.platform.graphqlUrl, TestRegister, { input: { activityId, name, phone: randomMobile() } })
  ).data;
  expect(registrationCreate.userErrors).toEqual([]);
  return registrationCreate.registration!.code;
}

async function doorPage(harness: Harness, options?: { javaScriptEnabled: boolean }): Promise<Page> {
  const page = await harness.newPage(options);
  await signIn(page, COMMUNITY_ADMIN);
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '签到' }).click();
  await page.waitForURL((url) => url.pathname === '/checkin');
  return page;
}

/** Types a code the way a worker might: lower case, with a space in the middle. */
function sloppy(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase();
}

describe.skipIf(!browserTestsEnabled('admin door check-in'))('door check-in (Chromium)', () => {
  let harness: Harness;
  let activityId: string;
  const title = `签到测试 楼道清洁 ${Date.now()}`;

  beforeAll(async () => {
    harness = await startHarness();
    activityId = await createActivity(harness, title);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('checks a resident in and out by code, with Chinese errors, keeping focus in the field', async () => {
    const code = await register(harness, activityId, '王小梅');
    const page = await doorPage(harness);
    const field = page.getByLabel('确认码');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.getAttribute('autocapitalize')).toBe('characters');

    // A wrong code
    await field.fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('找不到该确认码');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yIssues(page);

    // The real code, typed in lower case with a space
    await field.fill(sloppy(code));
    await page.getByRole('button', { name: '签到', exact: true }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toContain('已签到');
    const shown = (await status.textContent()) ?? '';
    expect(shown).toContain(title);
    expect(shown).toContain('王*梅');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await field.inputValue()).toBe('');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoSeriousA11yIssues(page);

    // Checked in twice
    await field.fill(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已经签到过了');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);

    // Check out
    await field.fill(sloppy(code));
    await page.getByRole('button', { name: '签退', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已签退');
    expect(await page.getByRole('status').textContent()).toContain(title);

    // A second check-in after leaving
    await field.fill(code);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已经签退了');
    await page.context().close();
  });

  it('refuses to check out someone who has not checked in', async () => {
    const code = await register(harness, activityId, '李建国');
    const page = await doorPage(harness);
    await page.getByLabel('确认码').fill(code);
    await page.getByRole('button', { name: '签退', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('尚未签到，不能签退');
    await page.context().close();
  });

  it('works with JavaScript off', async () => {
    const code = await register(harness, activityId, '赵红');
    const page = await doorPage(harness, { javaScriptEnabled: false });
    await page.getByLabel('确认码').fill('nope');
    await page.getByRole('button', { name: '签到', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('找不到该确认码');
    expect(await page.getByLabel('确认码').inputValue()).toBe('nope');

    await page.getByLabel('确认码').fill(sloppy(code));
    await page.getByRole('button', { name: '签到', exact: true }).click();
    expect(await page.getByRole('status').textContent()).toContain('已签到');
    expect(await page.getByLabel('确认码').inputValue()).toBe('');
    expect(await page.getByLabel('确认码').evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('确认码').fill(code);
    await page.getByRole('button', { name: '签退', exact: true }).click();
    expect(await page.getByRole('status').textContent()).toContain('已签退');
    await page.context().close();
  });
});
