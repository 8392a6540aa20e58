/**
 * What the admin site's unit screens need beyond the partner API: the list's agreement-status filter, renewing an
 * agreement (续签, once, even when two people press the button at once), and the spreadsheets of the screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../http/xlsx.js';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string; // hongkang-admin
let secretary: string; // hongkang-branch1
let hongkang: { id: string; rowId: number };
let base: string;

const UNITS = `query($communityId: ID, $kind: CoBuildingUnitKind, $status: AgreementStatus) {
  coBuildingUnits(communityId: $communityId, kind: $kind, agreementStatus: $status, first: 100) { totalCount edges { node { id name } } } }`;
const RENEW = `mutation($input: AgreementRenewInput!) { agreementRenew(input: $input) {
  agreement { id signedOn endsOn termMonths commitments status renewalDue } userErrors { code field message } } }`;
const AGREEMENT = `query($id: ID!) { node(id: $id) { ... on Agreement { id status renewed renewalDue endsOn } } }`;
const EXPIRING = `query { agreementsExpiring(withinDays: 60, first: 100) { edges { node { id } } } }`;

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function unitNames(token: string, vars: Record<string, unknown>) {
  const res = await api.gql(UNITS, vars, token);
  expect(res.errors).toBeUndefined();
  return (res.data.coBuildingUnits.edges as { node: { name: string } }[]).map((e) => e.node.name).sort();
}

/** A new unit of 红康 with one agreement signed `signedOffset` days from today for `termMonths`. */
async function unitWithAgreement(name: string, signedOn: string, termMonths: number) {
  const made = await api.gql(`mutation($input: CoBuildingUnitCreateInput!) { coBuildingUnitCreate(input: $input) { unit { id } userErrors { message } } }`,
    { input: { communityId: hongkang.id, name, kind: 'ENTERPRISE', contactName: '王经理', contactPhone: '13812345678' } }, admin);
  expect(made.data.coBuildingUnitCreate.userErrors).toEqual([]);
  const unitId = made.data.coBuildingUnitCreate.unit.id as string;
  const signed = await api.gql(`mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id endsOn } userErrors { message } } }`,
    { input: { unitId, communityId: hongkang.id, signedOn, termMonths, commitments: ['每月义诊一次', '提供活动场地'] } }, admin);
  expect(signed.data.agreementCreate.userErrors).toEqual([]);
  return { unitId, agreement: signed.data.agreementCreate.agreement as { id: string; endsOn: string } };
}

async function xlsx(path: string, token: string | null) {
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status !== 200) return { status: res.status, rows: [] as Record<string, string>[], body: await res.text() };
  const rows: Record<string, string>[] = [];
  for await (const row of readXlsxRows(Buffer.from(await res.arrayBuffer()))) rows.push(row.values);
  return { status: res.status, rows, body: '' };
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  [admin, secretary] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1')]);
  const [c] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  hongkang = { id: globalId('PartyCommittee', c.id), rowId: c.id };
});
afterAll(() => api?.close());

describe('the unit list by agreement status', () => {
  it('lists exactly the units with a visible agreement of that status', async () => {
    await unitWithAgreement('筛选测试科技有限公司', day(-30), 1); // ends in about a day: ACTIVE
    await unitWithAgreement('筛选测试过期物业公司', day(-400), 12); // EXPIRED
    const all = await unitNames(admin, { communityId: hongkang.id });
    const active = await unitNames(admin, { communityId: hongkang.id, status: 'ACTIVE' });
    const lapsed = await unitNames(admin, { communityId: hongkang.id, status: 'EXPIRED' });
    expect(active).toContain('筛选测试科技有限公司');
    expect(active).not.toContain('筛选测试过期物业公司');
    expect(lapsed).toContain('筛选测试过期物业公司');
    expect(lapsed).not.toContain('筛选测试科技有限公司');
    // what the database says, for the same community
    const [{ count }] = await api.sql<{ count: string }>(
      `select count(distinct unit_id) from agreement where community_id = ? and terminated_at is null and ends_on >= (now() at time zone 'Asia/Shanghai')::date`, [hongkang.rowId]);
    expect(active).toHaveLength(Number(count));
    expect(all.length).toBeGreaterThan(active.length);
    // kinds combine with the status
    expect(await unitNames(admin, { communityId: hongkang.id, status: 'ACTIVE', kind: 'ENTERPRISE' })).toContain('筛选测试科技有限公司');
    expect(await unitNames(admin, { communityId: hongkang.id, status: 'ACTIVE', kind: 'HOSPITAL' })).not.toContain('筛选测试科技有限公司');
  });
});

describe('renewing an agreement (续签)', () => {
  it('starts the new term the day after the old one ends, clears the reminder, and renews once under parallel presses', async () => {
    const { agreement } = await unitWithAgreement('续签测试医院', day(-360), 12); // ends in about five days
    const before = await api.gql(AGREEMENT, { id: agreement.id }, admin);
    expect(before.data.node).toMatchObject({ status: 'ACTIVE', renewed: false, renewalDue: true });
    expect((await api.gql(EXPIRING, {}, admin)).data.agreementsExpiring.edges.map((e: any) => e.node.id)).toContain(agreement.id);

    const results = await Promise.all([1, 2, 3].map(() => api.gql(RENEW, { input: { id: agreement.id, termMonths: 24 } }, admin)));
    const ok = results.filter((r) => r.data.agreementRenew.agreement);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => !x.data.agreementRenew.agreement)) {
      expect(r.data.agreementRenew.userErrors[0]).toMatchObject({ code: expect.stringMatching(/INVALID_STATE|DUPLICATE/), message: '该协议已续签' });
    }
    const next = ok[0].data.agreementRenew.agreement;
    const dayAfter = new Date(Date.parse(`${agreement.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(next).toMatchObject({ signedOn: dayAfter, termMonths: 24, commitments: ['每月义诊一次', '提供活动场地'], status: 'ACTIVE', renewalDue: false });

    const after = await api.gql(AGREEMENT, { id: agreement.id }, admin);
    expect(after.data.node).toMatchObject({ status: 'ACTIVE', renewed: true, renewalDue: false });
    expect((await api.gql(EXPIRING, {}, admin)).data.agreementsExpiring.edges.map((e: any) => e.node.id)).not.toContain(agreement.id);
  });

  it('refuses a terminated agreement, and a branch secretary', async () => {
    const { agreement } = await unitWithAgreement('续签测试终止公司', day(-10), 12);
    const bySecretary = await api.gql(RENEW, { input: { id: agreement.id } }, secretary);
    expect(bySecretary.data?.agreementRenew?.agreement ?? null).toBeNull();
    expect(bySecretary.errors?.[0]?.extensions?.code ?? bySecretary.data.agreementRenew.userErrors[0].code).toMatch(/FORBIDDEN|NOT_FOUND/);
    await api.gql(`mutation($input: AgreementTerminateInput!) { agreementTerminate(input: $input) { userErrors { message } } }`, { input: { id: agreement.id, reason: '单位搬迁' } }, admin);
    const res = await api.gql(RENEW, { input: { id: agreement.id } }, admin);
    expect(res.data.agreementRenew.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'id'] });
  });
});

describe('spreadsheets of the unit screens', () => {
  it('exports the filtered unit list with Chinese headers and masked phones', async () => {
    const { status, rows } = await xlsx(`/export/units.xlsx?community=${encodeURIComponent(hongkang.id)}&agreement=ACTIVE`, admin);
    expect(status).toBe(200);
    const listed = await unitNames(admin, { communityId: hongkang.id, status: 'ACTIVE' });
    expect(rows.map((r) => r['单位名称']).sort()).toEqual(listed);
    const row = rows.find((r) => r['单位名称'] === '筛选测试科技有限公司')!;
    expect(row).toMatchObject({ 单位类型: '企业', 联系电话: '138****5678', 生效协议数: '1' });
    expect(row['共建社区']).toContain('红康社区');
  });

  it("exports one unit's agreements as its page lists them, and refuses strangers and bad filters", async () => {
    const { unitId } = await unitWithAgreement('导出测试学校', day(-5), 36);
    const { status, rows } = await xlsx(`/export/unit-agreements.xlsx?unit=${encodeURIComponent(unitId)}`, admin);
    expect(status).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 社区: '红康社区', 协议名称: '共驻共建协议', 状态: '生效中', 签订日期: day(-5), 共建承诺: '每月义诊一次；提供活动场地' });
    const outsider = await api.login('hongmian-admin');
    expect((await xlsx(`/export/unit-agreements.xlsx?unit=${encodeURIComponent(unitId)}`, outsider)).rows).toHaveLength(0);
    expect((await xlsx(`/export/unit-agreements.xlsx?unit=${encodeURIComponent(unitId)}`, null)).status).toBe(401);
    expect((await xlsx(`/export/units.xlsx?kind=SPACESHIP`, admin)).status).toBe(400);
    expect((await xlsx(`/export/unit-seats.xlsx?unit=nope`, admin)).status).toBe(404);
  });
});
