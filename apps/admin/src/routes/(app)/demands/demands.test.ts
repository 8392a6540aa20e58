/**
 * A demand's closed loop in real Chromium, across both sites and the API: a resident files it on the events site
 * with JavaScript off and gets a ticket code; a worker takes it in on the board and assigns it to a co-building
 * unit; the unit (a partner token, through the API) replies and resolves it; the resident rates it 5 through the
 * code page; the committee's satisfaction figure on the board moves. Also: quick intake at 375 px, idempotent;
 * a stale page loses plainly; a branch secretary cannot open another branch's demand by its address; a committee
 * admin assigns a branch's demand to its secretary from the staff in the picker; axe.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Page } from 'playwright-core';
import { request } from '@tongxin/graphql-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../lib/gql';
import {
  BRANCH_SECRETARY,
  browserTestsEnabled,
  COMMUNITY_ADMIN,
  DEMO_PASSWORD,
  expectNoSeriousA11yIssues,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/browser';

const TestSignIn = graphql(`
  mutation DemandTestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
      userErrors {
        message
      }
    }
  }
`);

const TestViewerGrants = graphql(`
  query DemandTestViewer {
    viewer {
      grants {
        role
        node {
          __typename
          id
          name
          level
          ... on PartyCommittee {
            children(first: 50) {
              edges {
                node {
                  id
                  name
                  level
                }
              }
            }
          }
        }
      }
    }
  }
`);

const TestPartnerToken = graphql(`
  mutation DemandTestPartnerToken($input: PartnerTokenCreateInput!) {
    partnerTokenCreate(input: $input) {
      secret
      userErrors {
        message
      }
    }
  }
`);

const TestFindDemand = graphql(`
  query DemandTestFind($filter: DemandFilter!) {
    demands(filter: $filter, first: 5) {
      edges {
        node {
          id
          ticketCode
          state
          version
          residentPhone
          assignedUnit {
            id
          }
        }
      }
    }
  }
`);

const TestTransition = graphql(`
  mutation DemandTestTransition($input: TransitionDemandInput!) {
    transitionDemand(input: $input) {
      demand {
        state
        version
      }
      userErrors {
        code
        message
      }
    }
  }
`);

const TestComment = graphql(`
  mutation DemandTestComment($input: AddDemandCommentInput!) {
    addDemandComment(input: $input) {
      demand {
        version
      }
      userErrors {
        code
        message
      }
    }
  }
`);

const TestCreate = graphql(`
  mutation DemandTestCreate($input: CreateDemandInput!) {
    createDemand(input: $input) {
      demand {
        id
        title
      }
      userErrors {
        message
      }
    }
  }
`);

async function staffToken(harness: Harness, username: string): Promise<string> {
  const { sessionCreate } = (await request(harness.platform.graphqlUrl, TestSignIn, { input: { username, password: DEMO_PASSWORD } })).data;
  expect(sessionCreate.userErrors).toEqual([]);
  return sessionCreate.token!;
}

async function api<TData, TVariables extends Record<string, unknown>>(harness: Harness, document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token: string): Promise<TData> {
  const result = await request(harness.platform.graphqlUrl, document, variables, { token });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** The figures panel of the board, as the worker reads them. */
async function satisfaction(page: Page): Promise<string> {
  await page.goto('/demands');
  return (await page.locator('[data-metric="satisfactionRate"]').textContent())!.trim();
}

describe.skipIf(!browserTestsEnabled('admin demands (board, intake, demand page, resident pages)'))('demands (Chromium)', () => {
  let harness: Harness;
  let eventsUrl: string;

  beforeAll(async () => {
    harness = await startHarness({ apps: ['api', 'admin', 'events'] });
    eventsUrl = harness.platform.eventsUrl;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('closes the loop: filed without JavaScript, assigned to a unit, resolved by the unit, rated 5, and the figure moves', async () => {
    const title = `楼道堆放杂物 ${Date.now() % 100000}`;

    // The committee worker's board before.
    const worker = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(worker, COMMUNITY_ADMIN);
    await worker.waitForURL((url) => url.pathname === '/');
    const before = await satisfaction(worker);

    // A resident, JavaScript off: errors first, in Chinese, next to the fields.
    const resident = await harness.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const form = await resident.newPage();
    await form.goto(`${eventsUrl}/report`);
    expect(await form.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await form.getByRole('button', { name: '提交' }).click();
    expect(await form.getByText('请选择问题类别').count()).toBe(1);
    expect(await form.getByText('请填写手机号，方便工作人员回复您').count()).toBe(1);
    expect(await form.getByLabel('问题类别').getAttribute('aria-invalid')).toBe('true');

    const hongkang = (await form.locator('#report-communityId option', { hasText: '红康' }).first().getAttribute('value'))!;
    await form.getByLabel('所在社区').selectOption(hongkang);
    await form.getByLabel('问题类别').selectOption({ label: '环境卫生' });
    await form.getByLabel('问题描述').fill(`${title}。3 单元楼道里堆了很多纸箱，影响通行，也有火灾隐患。`);
    await form.getByLabel('位置').fill('康宁小区 5 栋 3 单元');
    await form.getByLabel('您的称呼').fill('刘阿姨');
    await form.getByLabel('手机号').fill('139 1234 5678');
    const response = await Promise.all([form.waitForURL(/\/d\/[A-Z0-9]{8}\?new=1$/), form.getByRole('button', { name: '提交' }).click()]);
    void response;
    const ticketCode = new URL(form.url()).pathname.split('/').pop()!;
    expect(await form.getByText('已经收到您的反映').count()).toBe(1);
    expect(await form.locator('#demand-state').textContent()).toBe('已提交');
    const page = await form.request.get(form.url());
    expect(page.headers()['cache-control']).toContain('no-store');
    expect(page.headers()['x-robots-tag']).toBe('noindex');
    expect(await page.text()).not.toContain('5678');
    await resident.close();

    // The worker sees it on the board (待受理), opens it, accepts and assigns it to a co-building unit.
    await worker.goto('/demands');
    await worker.getByRole('navigation', { name: '按状态查看' }).getByRole('link', { name: /待受理/ }).click();
    await worker.waitForURL((url) => url.searchParams.get('state') === 'SUBMITTED');
    await worker.getByRole('link', { name: title }).click();
    await worker.waitForURL(/\/demands\/[^/?]+$/);
    const demandPath = new URL(worker.url()).pathname;
    await expectNoSeriousA11yIssues(worker);
    expect(await worker.getByText('139****5678').count()).toBe(1);
    expect(await worker.locator('main').textContent()).not.toContain('13912345678');

    // The full number only through a deliberate click with a reason.
    await worker.getByText('查看完整号码').click();
    await worker.getByRole('button', { name: '查看', exact: true }).click();
    await expect.poll(() => worker.getByText('请写明查看完整号码的原因').count()).toBe(1);
    await worker.getByLabel('查看原因（会被记录）').fill('电话回访');
    await worker.getByRole('button', { name: '查看', exact: true }).click();
    await expect.poll(() => worker.locator('[data-contact="revealed"]').textContent()).toContain('13912345678');

    // An internal note stays with the staff.
    await worker.getByLabel('内容').fill('已联系物业，周三前清理');
    await worker.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => worker.getByRole('status').textContent()).toContain('备注已保存');
    expect(await worker.locator('.timeline').textContent()).toContain('已联系物业，周三前清理');

    await worker.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => worker.getByRole('status').textContent()).toContain('已受理');

    await worker.getByText('指派…').click();
    const picker = worker.getByLabel('指派给');
    const unitOption = picker.locator('optgroup[label="共建单位"] option').first();
    const unitValue = (await unitOption.getAttribute('value'))!;
    const unitName = (await unitOption.textContent())!.trim();
    await picker.selectOption(unitValue);
    await worker.getByRole('button', { name: '确认指派' }).click();
    await expect.poll(() => worker.getByRole('status').textContent()).toContain('已指派');
    expect(await worker.getByText(`${unitName}（共建单位）`).count()).toBeGreaterThan(0);
    await worker.getByRole('button', { name: '开始办理' }).click();
    await expect.poll(() => worker.getByRole('status').textContent()).toContain('办理中');

    // The unit, through the API with a demands:write token issued by the committee: a public reply, then resolved.
    const adminToken = await staffToken(harness, COMMUNITY_ADMIN);
    const { partnerTokenCreate } = await api(
      harness,
      TestPartnerToken,
      { input: { unitId: unitValue.slice('unit:'.length), name: '诉求办理', scopes: ['demands:read', 'demands:write'] } },
      adminToken,
    );
    expect(partnerTokenCreate.userErrors).toEqual([]);
    const partner = partnerTokenCreate.secret!;
    const found = (await api(harness, TestFindDemand, { filter: { query: ticketCode } }, partner)).demands.edges.map((e) => e.node);
    expect(found).toHaveLength(1);
    expect(found[0]!.residentPhone).toBeNull();
    const replied = (
      await api(harness, TestComment, { input: { demandId: found[0]!.id, body: '纸箱已经清走，楼道畅通了。', visibility: 'PUBLIC', expectedVersion: found[0]!.version } }, partner)
    ).addDemandComment;
    expect(replied.userErrors).toEqual([]);
    const resolved = (
      await api(harness, TestTransition, { input: { demandId: found[0]!.id, action: 'RESOLVE', expectedVersion: replied.demand!.version } }, partner)
    ).transitionDemand;
    expect(resolved.userErrors).toEqual([]);
    expect(resolved.demand!.state).toBe('RESOLVED');

    // The resident, again without JavaScript, rates it 5 on the code page; a second rating is refused plainly.
    const back = await harness.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const ticket = await back.newPage();
    await ticket.goto(`${eventsUrl}/d`);
    await ticket.getByLabel('受理编号').fill(ticketCode.toLowerCase());
    await ticket.getByRole('button', { name: '查询' }).click();
    await ticket.waitForURL(`${eventsUrl}/d/${ticketCode}`);
    expect(await ticket.locator('#demand-state').textContent()).toBe('已办结');
    const pageText = (await ticket.locator('main').textContent())!;
    expect(pageText).toContain('纸箱已经清走');
    expect(pageText).toContain('合作单位');
    expect(pageText).not.toContain(unitName);
    expect(pageText).not.toContain('刘阿姨');
    expect(pageText).not.toContain('已联系物业');
    await ticket.getByLabel('5 分 非常满意').check();
    await ticket.getByLabel('想说的话（可不填）').fill('处理得很快，谢谢！');
    await ticket.getByRole('button', { name: '提交评价' }).click();
    await ticket.waitForURL(/rated=5/);
    expect(await ticket.getByText('感谢您的评价！').count()).toBe(1);
    expect(await ticket.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    const again = await ticket.request.post(`${eventsUrl}/d/${ticketCode}`, {
      form: { rating: '1', comment: '' },
      headers: { origin: eventsUrl, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('已经评价过，每件诉求只能评价一次');
    await back.close();

    // The worker sees the rating on the demand's page.
    await worker.goto(demandPath);
    expect(await worker.getByRole('region', { name: '居民评价' }).textContent()).toContain('5 分');
    expect(await worker.getByRole('region', { name: '居民评价' }).textContent()).toContain('处理得很快，谢谢！');

    // The committee's satisfaction figure on the board has moved.
    const after = await satisfaction(worker);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\d+(\.\d)?%\d+ 条评价$/);
    await expectNoSeriousA11yIssues(worker);
    await worker.context().close();
  });

  it('takes a demand in at the door on a 375 px phone, with the channel preset, once for a double submit', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/demands/new?channel=HOTLINE');
    expect(await page.getByLabel('来源渠道').inputValue()).toBe('HOTLINE');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => page.getByText('请用一句话写下问题').count()).toBe(1);
    expect(await page.getByLabel('问题（一句话）').getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yIssues(page);

    const title = `路灯不亮 ${Date.now() % 100000}`;
    await page.getByLabel('问题（一句话）').fill(title);
    await page.getByLabel('类别').selectOption('FACILITIES');
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    // The same form sent twice (a double tap that got through): one demand.
    const form = Object.fromEntries(
      await page.locator('form.demand-form').evaluate((f) => [...new FormData(f as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])),
    ) as Record<string, string>;
    expect(form.idempotencyKey).toBe(key);
    const post = () => page.request.post('/demands/new', { form, headers: { origin: harness.platform.adminUrl, accept: 'text/html' }, maxRedirects: 0 });
    const [first, second] = [await post(), await post()];
    expect(first.status()).toBe(303);
    expect(second.headers()['location']).toBe(first.headers()['location']);

    await page.goto(first.headers()['location']!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.getByRole('status').textContent()).toContain('已登记');
    expect(await page.getByText('热线电话').count()).toBeGreaterThan(0);
    await page.goto(`/demands?q=${encodeURIComponent(title)}`);
    expect(await page.getByRole('link', { name: title }).count()).toBe(1);
    await page.context().close();
  });

  it('shows the board in English after the language switch, with no Chinese words of its own left', async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/demands');
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Demands');
    const board = page.getByRole('navigation', { name: 'By state' });
    expect(await board.getByRole('link', { name: /Awaiting acceptance/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Log a demand' }).count()).toBe(1);
    expect(await page.getByText('Export to Excel').count()).toBe(1);
    expect(await page.locator('[data-metric="satisfactionRate"]').textContent()).toMatch(/\d+ ratings$/);
    const text = (await page.textContent('main'))!;
    for (const word of ['登记诉求', '按时响应率', '满意率', '条评价', '按状态', '筛选', '关键词', '全部类别', '只看已超时', '导出', '办理：', '共建单位']) {
      expect(text, word).not.toContain(word);
    }
    await page.goto('/demands/new');
    expect(await page.getByLabel('Problem (one sentence)').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Log it' }).count()).toBe(1);
    await page.context().close();
  });

  it('says plainly when someone else changed the demand first, with a reload link', async () => {
    const token = await staffToken(harness, COMMUNITY_ADMIN);
    const { viewer } = await api(harness, TestViewerGrants, {}, token);
    const committee = viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const { createDemand } = await api(harness, TestCreate, { input: { orgNodeId: committee.id, channel: 'VISIT', category: 'SAFETY', title: `电动车楼道充电 ${Date.now() % 100000}` } }, token);
    expect(createDemand.userErrors).toEqual([]);
    const a = await harness.newPage();
    await signIn(a, COMMUNITY_ADMIN);
    await a.waitForURL((url) => url.pathname === '/');
    const b = await a.context().newPage();
    await a.goto(`/demands/${encodeURIComponent(createDemand.demand!.id)}`);
    await b.goto(`/demands/${encodeURIComponent(createDemand.demand!.id)}`);
    await a.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => a.getByRole('status').textContent()).toContain('已受理');
    await b.getByRole('button', { name: '受理', exact: true }).click();
    const alert = b.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/./);
    expect(await alert.getByRole('link', { name: '刷新页面，查看最新情况' }).count()).toBe(1);
    await alert.getByRole('link', { name: '刷新页面，查看最新情况' }).click();
    await expect.poll(() => b.locator('header').getByText('已受理').count()).toBe(1);
    await a.context().close();
  });

  it("keeps a branch secretary out of another branch's demand, even by its address", async () => {
    const adminToken = await staffToken(harness, COMMUNITY_ADMIN);
    const secretaryToken = await staffToken(harness, BRANCH_SECRETARY);
    const own = (await api(harness, TestViewerGrants, {}, secretaryToken)).viewer!.grants.map((g) => g.node.id);
    const committee = (await api(harness, TestViewerGrants, {}, adminToken)).viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const other = committee.__typename === 'PartyCommittee' ? committee.children.edges.map((e) => e.node).find((n) => n.level === 'BRANCH' && !own.includes(n.id)) : undefined;
    expect(other, 'a branch of 红康社区 the secretary does not lead').toBeDefined();
    const title = `邻里噪音 ${Date.now() % 100000}`;
    const { createDemand } = await api(harness, TestCreate, { input: { orgNodeId: other!.id, channel: 'VISIT', category: 'NEIGHBOUR_DISPUTE', title } }, adminToken);
    expect(createDemand.userErrors).toEqual([]);

    const page = await harness.newPage();
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => url.pathname === '/');
    const response = await page.goto(`/demands/${encodeURIComponent(createDemand.demand!.id)}`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('body')).toContain('诉求不存在或您无权查看');
    expect(await page.textContent('body')).not.toContain(title);
    await page.goto(`/demands?q=${encodeURIComponent(title)}`);
    expect(await page.getByRole('link', { name: title }).count()).toBe(0);
    await page.context().close();
  });

  it('assigns a demand of a branch to its secretary from the staff in the picker, by name and role', async () => {
    const adminToken = await staffToken(harness, COMMUNITY_ADMIN);
    const secretaryToken = await staffToken(harness, BRANCH_SECRETARY);
    const own = (await api(harness, TestViewerGrants, {}, secretaryToken)).viewer!.grants.find((g) => g.role === 'BRANCH_SECRETARY')!.node;
    const title = `楼顶漏水 ${Date.now() % 100000}`;
    const { createDemand } = await api(harness, TestCreate, { input: { orgNodeId: own.id, channel: 'GRID_PATROL', category: 'FACILITIES', title } }, adminToken);
    expect(createDemand.userErrors).toEqual([]);

    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/demands/${encodeURIComponent(createDemand.demand!.id)}`);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已受理');

    await page.getByText('指派…').click();
    const picker = page.getByLabel('指派给');
    // 我自己, branches and units stay; the staff the demand may go to are listed by name and role
    expect(await picker.locator('optgroup[label="个人"] option').count()).toBe(1);
    expect(await picker.locator('optgroup[label="党支部"] option').count()).toBeGreaterThan(0);
    const staff = picker.locator('optgroup[label="工作人员"] option');
    const labels = (await staff.allTextContents()).map((t) => t.trim());
    expect(labels.every((l) => /（(社区党委管理员|支部书记|网格员)）$/.test(l)), labels.join(' ')).toBe(true);
    const secretary = staff.filter({ hasText: '（支部书记）' }).first();
    const name = (await secretary.textContent())!.trim().replace(/（支部书记）$/, '');
    await picker.selectOption((await secretary.getAttribute('value'))!);
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('button', { name: '确认指派' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已指派');
    expect(await page.locator('dd').filter({ hasText: name }).count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline').textContent()).toContain(`指派给工作人员${name}`);
    await expectNoSeriousA11yIssues(page);

    // the secretary now finds it among the demands assigned to her
    const mine = await harness.newPage();
    await signIn(mine, BRANCH_SECRETARY);
    await mine.waitForURL((url) => url.pathname === '/');
    await mine.goto(`/demands/${encodeURIComponent(createDemand.demand!.id)}`);
    expect(await mine.locator('dd').filter({ hasText: name }).count()).toBeGreaterThan(0);
    await mine.context().close();
    await page.context().close();
  });
});
