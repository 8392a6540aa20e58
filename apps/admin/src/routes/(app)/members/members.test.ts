/**
 * The member screens in real Chromium against the API: an Excel import with one bad row shows that row and column
 * and writes nothing; fixed, the same file goes in and the members are on the roll; a branch's warnings show on its
 * page; a branch secretary cannot open another branch's member by its address; axe on the screens.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import ExcelJS from 'exceljs';
import { request } from '@tongxin/graphql-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../lib/gql';
import { BRANCH_SECRETARY, browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const TestSignIn = graphql(`
  mutation MemberTestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
      userErrors {
        message
      }
    }
  }
`);

const TestGrants = graphql(`
  query MemberTestViewer {
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

const TestMembers = graphql(`
  query MemberTestMembers($filter: MemberFilter) {
    members(filter: $filter, first: 5) {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const TestCreate = graphql(`
  mutation MemberTestCreate($input: MemberCreateInput!) {
    memberCreate(input: $input) {
      member {
        id
        name
      }
      userErrors {
        message
      }
    }
  }
`);

const TestMemberBranch = graphql(`
  query MemberTestBranch($id: ID!) {
    node(id: $id) {
      ... on PartyMember {
        branch {
          id
        }
      }
    }
  }
`);

const enabled = browserTestsEnabled('admin member screens');
let harness: Harness;

async function staffToken(username: string): Promise<string> {
  const { sessionCreate } = (await request(harness.platform.graphqlUrl, TestSignIn, { input: { username, password: DEMO_PASSWORD } })).data;
  expect(sessionCreate.userErrors).toEqual([]);
  return sessionCreate.token!;
}

async function api<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token: string): Promise<TData> {
  const result = await request(harness.platform.graphqlUrl, document, variables, { token });
  expect(result.errors).toEqual([]);
  return result.data;
}

const HEADERS = ['姓名', '性别', '所在支部', '党员状态', '入党日期', '转正日期', '出生日期', '民族', '学历', '手机号'];

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('党员');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!enabled)('member screens', () => {
  let branchName: string;

  beforeAll(async () => {
    harness = await startHarness();
    const token = await staffToken(BRANCH_SECRETARY);
    const { viewer } = await api(TestGrants, {}, token);
    branchName = viewer!.grants[0].node.name;
  }, 180_000);
  afterAll(() => harness?.close());

  it('shows the bad row of an import and imports nothing; fixed, the file goes in', async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/members');
    await page.getByRole('link', { name: 'Excel 导入' }).click();
    await page.waitForURL('**/members/import');
    await expectNoSeriousA11yIssues(page);

    const stamp = String(Date.now() % 100000).padStart(5, '0');
    const good = (n: number) => [`浏览器导入${stamp}${n}`, '女', branchName, '正式党员', '2003-07-01', '2004-07-01', '1978-09-09', '汉族', '本科', `1770${stamp}${String(n).padStart(2, '0')}`];
    const bad = [`浏览器导入${stamp}2`, '女', branchName, '正式党员', '2003-07-01', '2004-07-01', '1978-09-09', '汉族', '本科', '12345'];
    await page.setInputFiles('#file', { name: '党员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook([good(1), bad, good(3)]) });
    await page.getByRole('button', { name: '导入' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('没有导入任何党员');
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual(['第 3 行', '手机号', expect.stringContaining('11 位')]);
    await expectNoSeriousA11yIssues(page);

    const token = await staffToken(BRANCH_SECRETARY);
    const none = await api(TestMembers, { filter: { query: `浏览器导入${stamp}` } }, token);
    expect(none.members.totalCount).toBe(0);

    await page.setInputFiles('#file', { name: '党员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook([good(1), good(2), good(3)]) });
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('已导入 3 名党员');
    const all = await api(TestMembers, { filter: { query: `浏览器导入${stamp}` } }, token);
    expect(all.members.totalCount).toBe(3);

    // the roll shows them, found by name, with the phone masked
    await page.goto(`/members?q=${encodeURIComponent(`浏览器导入${stamp}`)}`);
    expect(await page.getByRole('link', { name: `浏览器导入${stamp}1` }).count()).toBe(1);
    expect(await page.textContent('body')).toContain('177****');
    expect(await page.textContent('body')).not.toContain(`1770${stamp}01`);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it("keeps a branch secretary out of another branch's member, even by its address", async () => {
    const adminToken = await staffToken(COMMUNITY_ADMIN);
    const secretaryToken = await staffToken(BRANCH_SECRETARY);
    const own = (await api(TestGrants, {}, secretaryToken)).viewer!.grants.map((g) => g.node.id);
    const committee = (await api(TestGrants, {}, adminToken)).viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const other = committee.__typename === 'PartyCommittee' ? committee.children.edges.map((e) => e.node).find((n) => n.level === 'BRANCH' && !own.includes(n.id)) : undefined;
    expect(other, 'a branch of 红康社区 the secretary does not lead').toBeDefined();
    const { members } = await api(TestMembers, { filter: { orgNodeId: other!.id } }, adminToken);
    const stranger = members.edges[0].node;

    const page = await harness.newPage();
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => url.pathname === '/');
    const response = await page.goto(`/members/${encodeURIComponent(stranger.id)}`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('body')).toContain('党员不存在或您无权查看');
    expect(await page.textContent('body')).not.toContain(stranger.name);
    await page.goto(`/members?q=${encodeURIComponent(stranger.name)}`);
    expect(await page.getByRole('link', { name: stranger.name }).count()).toBe(0);

    // the committee admin opens the same address and sees the profile
    const adminPage = await harness.newPage();
    await signIn(adminPage, COMMUNITY_ADMIN);
    await adminPage.waitForURL((url) => url.pathname === '/');
    const ok = await adminPage.goto(`/members/${encodeURIComponent(stranger.id)}`);
    expect(ok?.status()).toBe(200);
    expect(await adminPage.getByRole('heading', { level: 1 }).textContent()).toBe(stranger.name);
    await expectNoSeriousA11yIssues(adminPage);
    await page.context().close();
    await adminPage.context().close();
  });

  it('moves a member through a transfer: the secretary asks, the receiving side approves', async () => {
    const adminToken = await staffToken(COMMUNITY_ADMIN);
    const secretaryToken = await staffToken(BRANCH_SECRETARY);
    const own = (await api(TestGrants, {}, secretaryToken)).viewer!.grants[0].node;
    const committee = (await api(TestGrants, {}, adminToken)).viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const target = committee.__typename === 'PartyCommittee' ? committee.children.edges.map((e) => e.node).find((n) => n.level === 'BRANCH' && n.id !== own.id) : undefined;
    expect(target).toBeDefined();
    const name = `转接测试${String(Date.now() % 100000).padStart(5, '0')}`;
    const { memberCreate } = await api(TestCreate, { input: { branchId: own.id, name, gender: 'MALE', status: 'FULL' } }, secretaryToken);
    expect(memberCreate.userErrors).toEqual([]);
    const memberId = memberCreate.member!.id;

    const page = await harness.newPage();
    await signIn(page, BRANCH_SECRETARY);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/members/${encodeURIComponent(memberId)}`);
    await page.getByLabel('接收支部（平台内）').selectOption(target!.id);
    await page.getByLabel('说明').fill('搬家');
    await page.getByRole('button', { name: '提交转接申请' }).click();
    await page.waitForURL((url) => url.pathname === '/members/transfers');
    await expectNoSeriousA11yIssues(page);
    // the sending secretary may not decide it
    expect(await page.locator('li', { hasText: name }).getByRole('button', { name: '同意转入' }).count()).toBe(0);

    const adminPage = await harness.newPage();
    await signIn(adminPage, COMMUNITY_ADMIN);
    await adminPage.waitForURL((url) => url.pathname === '/');
    await adminPage.goto('/members/transfers?mine=1');
    const row = adminPage.locator('li', { hasText: name });
    await row.getByRole('button', { name: '同意转入' }).click();
    await adminPage.getByRole('status').filter({ hasText: '已同意' }).waitFor();
    const { node } = await api(TestMemberBranch, { id: memberId }, adminToken);
    expect(node && 'branch' in node ? node.branch?.id : null).toBe(target!.id);
    await page.context().close();
    await adminPage.context().close();
  });

  it('shows a branch’s warnings from the branch work regulations on its page', async () => {
    const adminToken = await staffToken(COMMUNITY_ADMIN);
    const committee = (await api(TestGrants, {}, adminToken)).viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const big = committee.__typename === 'PartyCommittee' ? committee.children.edges.map((e) => e.node).find((n) => n.name === '红康社区茉莉苑居民区党支部') : undefined;
    expect(big).toBeDefined();
    const page = await harness.newPage();
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/org/${encodeURIComponent(big!.id)}`);
    const warnings = page.getByTestId('branch-warnings');
    await warnings.waitFor();
    expect(await warnings.textContent()).toContain('党员超过 50 人');
    await page.context().close();
  });
});
