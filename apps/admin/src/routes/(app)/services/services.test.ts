/**
 * The service menu's loop in real Chromium across both sites: a resident orders 修水电 on the events site with
 * JavaScript off (点单) and gets a code; the committee worker dispatches it on the admin site's order board to the
 * volunteer 段志明 (下单); 段志明 signs in with his own account, takes it (接单) and completes it with the hours it
 * took; the resident's code page reads 已完成 with a rating form, and the rating closes it. Also: the worker's
 * service menu lists 周五志愿服务队's offers; axe on the admin screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

describe.skipIf(!browserTestsEnabled('admin service menu (order, dispatch, accept, complete, rate)'))('service menu (Chromium)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ apps: ['api', 'admin', 'events'] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a resident orders, the community dispatches, the volunteer accepts and completes, the resident rates', async () => {
    const eventsUrl = harness.platform.eventsUrl;
    // 点单: a resident, JavaScript off, on the events site's menu
    const resident = await harness.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const menu = await resident.newPage();
    await menu.goto(`${eventsUrl}/services`);
    expect(await menu.getByRole('heading', { name: '便民服务', level: 1 }).count()).toBe(1);
    await menu.getByRole('link', { name: '修水电' }).first().click();
    await menu.waitForURL(/\/services\/[^/]+$/);
    await menu.getByRole('button', { name: '提交点单' }).click();
    expect(await menu.getByText('请填写服务地址').count()).toBe(1);
    const stamp = String(Date.now() % 100000);
    await menu.getByLabel('您的称呼').fill('王阿姨');
    await menu.getByLabel('手机号').fill('139 8765 4321');
    await menu.getByLabel('服务地址').fill(`红康小区 3栋 2单元 ${stamp}`);
    await menu.getByLabel('希望时间（可不填）').fill('周五上午');
    await Promise.all([menu.waitForURL(/\/d\/[A-Z0-9]{8}\?new=1$/), menu.getByRole('button', { name: '提交点单' }).click()]);
    const code = new URL(menu.url()).pathname.split('/').pop()!;
    expect(await menu.getByText('已经收到您的点单').count()).toBeGreaterThan(0);
    expect(await menu.locator('#demand-state').textContent()).toBe('已点单');
    expect(await menu.content()).not.toContain(stamp);

    // 下单: the committee worker's order board, dispatch to 段志明
    const worker = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(worker, COMMUNITY_ADMIN);
    await worker.waitForURL((url) => url.pathname === '/');
    await worker.goto('/services');
    expect(await worker.getByRole('cell', { name: '磨菜刀' }).count()).toBeGreaterThan(0);
    await expectNoSeriousA11yIssues(worker);
    await worker.goto('/services/orders?state=toDispatch');
    const card = worker.locator(`[data-ticket="${code}"]`);
    expect(await card.getByText(`红康小区 3栋 2单元 ${stamp}`).count()).toBe(1);
    await card.getByLabel('派单给').selectOption({ label: (await card.locator('option', { hasText: '段志明' }).first().textContent())! });
    await card.getByRole('button', { name: '派单' }).click();
    await worker.getByText('已派单', { exact: true }).first().waitFor();
    await expectNoSeriousA11yIssues(worker);

    // 接单 and 完成: 段志明 with his own account
    const volunteer = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(volunteer, 'hongkang-volunteer');
    await volunteer.waitForURL((url) => !url.pathname.startsWith('/login'));
    await volunteer.goto('/services/orders?mine=1');
    const mine = volunteer.locator(`[data-ticket="${code}"]`);
    await mine.getByRole('button', { name: '接单' }).click();
    await volunteer.getByText('已接单', { exact: true }).first().waitFor();
    await mine.getByLabel('服务时长（小时）').fill('1.5');
    await mine.getByLabel('服务情况（居民可见，可不填）').fill('更换了水龙头阀芯');
    await mine.getByRole('button', { name: '完成服务' }).click();
    await volunteer.getByText('已完成，服务时长已记入志愿服务时长').waitFor();

    // the resident's code page: 已完成 and a rating form; rating works
    await menu.goto(`${eventsUrl}/d/${code}`);
    expect(await menu.locator('#demand-state').textContent()).toBe('已完成');
    expect(await menu.getByText('更换了水龙头阀芯').count()).toBeGreaterThan(0);
    await menu.getByLabel('5 分 非常满意').check();
    await Promise.all([menu.waitForURL(/\?rated=5(#rate)?$/), menu.getByRole('button', { name: '提交评价' }).click()]);
    expect(await menu.getByText('感谢您的评价').count()).toBe(1);
    expect(await menu.locator('#demand-state').textContent()).toBe('已完成');
    expect(await menu.getByRole('button', { name: '提交评价' }).count()).toBe(0);

    // the board shows it done with the hours
    await worker.goto('/services/orders?state=done');
    expect(await worker.locator(`[data-ticket="${code}"]`).getByText('1.5 小时').count()).toBe(1);
    // 导出 Excel: this tab's orders as a spreadsheet
    const href = (await worker.getByRole('link', { name: '导出 Excel' }).getAttribute('href'))!;
    expect(href).toMatch(/^\/export\/service-orders\.xlsx\?community=.+&state=RESOLVED%2CCLOSED$/);
    const file = await worker.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');

    // in English: the board's words, the order states and the hours follow the language
    await worker.context().addCookies([{ name: 'tongxin-lang', value: 'en', url: worker.url() }]);
    await worker.goto('/services/orders?state=done');
    expect(await worker.getByRole('heading', { name: 'Service orders', level: 1 }).count()).toBe(1);
    const done = worker.locator(`[data-ticket="${code}"]`);
    expect(await done.getByText('1.5 h').count()).toBe(1);
    expect(await done.locator('.state').textContent()).toBe('Completed');
    await worker.goto('/services');
    expect(await worker.getByRole('heading', { name: 'Service menu', level: 1 }).count()).toBe(1);
    expect(await worker.getByRole('columnheader', { name: 'Left this week' }).count()).toBe(1);
    await expectNoSeriousA11yIssues(worker);
    await resident.close();
  });
});
