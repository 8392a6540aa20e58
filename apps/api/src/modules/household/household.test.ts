import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { DEMO_PARTNER_TOKEN } from '../../db/seed/unit.seed.js';

let api: TestApi;
let admin: string;
let secretary: string;
let viewer: string;
let branch: { id: number; path: string };
let mine: { id: number };
let outside: { id: number };

const NODE = `query($id: ID!, $reveal: Boolean) { node(id: $id) { ... on Household { id headName address phone clear: phone(reveal: $reveal) hasCare care(reveal: $reveal) { categories note }
  residents { id name phone idNumber care { categories } } lookedAfterBy { id } } } }`;
const REVEAL = `mutation($input: PersonalDataRevealInput!) { personalDataReveal(input: $input) { values { field value } userErrors { code field message } } }`;
const auditCount = async () => Number((await api.sql<{ count: string }>(`select count(*) from personal_data_audit`))[0].count);

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  secretary = await api.login('hongkang-branch1');
  [branch] = await api.sql<{ id: number; path: string }>(
    `select n.id, n.path from org_node n join access_grant g on g.org_node_id = n.id join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  [mine] = await api.sql(`select h.id from household h join org_node n on n.id = h.org_node_id
    where n.path like ? and h.phone is not null and h.care is not null order by h.id limit 1`, [`${branch.path}%`]);
  [outside] = await api.sql(`select h.id from household h join org_node n on n.id = h.org_node_id where n.path not like ? order by h.id limit 1`, [`${branch.path}%`]);
  const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'household-viewer', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, branch.id]);
  viewer = await api.login('household-viewer');
});
afterAll(async () => { await api?.close(); });

describe('households and residents', () => {
  it('are seen only by staff whose grants cover them, never by partners', async () => {
    const seen = await api.gql(NODE, { id: globalId('Household', mine.id), reveal: false }, secretary);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.node.address).toMatch(/\d/);
    expect(seen.data.node.residents.length).toBeGreaterThan(0);
    expect((await api.gql(NODE, { id: globalId('Household', outside.id), reveal: false }, secretary)).data.node).toBeNull();
    expect((await api.gql(NODE, { id: globalId('Household', mine.id), reveal: false })).data.node).toBeNull();
    expect((await api.gql(NODE, { id: globalId('Household', mine.id), reveal: false }, DEMO_PARTNER_TOKEN)).data.node).toBeNull();
    expect((await api.gql(NODE, { id: globalId('Household', mine.id), reveal: false }, viewer)).data.node).not.toBeNull();
  });

  it('mask phones and ID numbers and hide care data unless revealed, and never reveal to a viewer', async () => {
    const before = await auditCount();
    const bySecretary = (await api.gql(NODE, { id: globalId('Household', mine.id), reveal: false }, secretary)).data.node;
    expect(bySecretary.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(bySecretary.clear).toBe(bySecretary.phone);
    expect(bySecretary.care).toBeNull();
    expect(bySecretary.hasCare).toBe(true);
    expect(bySecretary.residents[0].idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(bySecretary.residents[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(await auditCount()).toBe(before); // nothing shown in clear, nothing logged

    const byViewer = await api.gql(NODE, { id: globalId('Household', mine.id), reveal: true }, viewer);
    expect(byViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN'); // the clear phone
    const careOnly = await api.gql(`query($id: ID!) { node(id: $id) { ... on Household { phone hasCare care(reveal: true) { categories } residents { idNumber care(reveal: true) { categories } } } } }`, { id: globalId('Household', mine.id) }, viewer);
    expect(careOnly.errors).toBeUndefined();
    expect(careOnly.data.node.hasCare).toBeNull();
    expect(careOnly.data.node.care).toBeNull();
    expect(careOnly.data.node.residents.every((r: any) => r.care === null && /\*/.test(r.idNumber))).toBe(true);
    const asked = (await api.gql(REVEAL, { input: { id: globalId('Household', mine.id), fields: ['phone', 'careCategories'], reason: '上门走访需要联系' } }, viewer));
    expect(asked.errors?.[0].extensions?.code ?? asked.data.personalDataReveal.userErrors[0]?.code).toBeTruthy();
    expect(asked.data?.personalDataReveal?.values ?? null).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it('show a value in clear on an explicit request with a reason, leaving exactly one audit row each time', async () => {
    const before = await auditCount();
    const asked = (await api.gql(REVEAL, { input: { id: globalId('Household', mine.id), fields: ['phone', 'careCategories', 'careNote'], reason: '上门走访需要联系' } }, secretary)).data.personalDataReveal;
    expect(asked.userErrors).toEqual([]);
    const phone = asked.values.find((v: any) => v.field === 'phone').value;
    expect(phone).toMatch(/^1\d{10}$/);
    expect(asked.values.find((v: any) => v.field === 'careCategories').value).toMatch(/^[A-Z_,]+$/);
    const rows = await api.sql<{ fields: string[]; reason: string; record_type: string; record_id: number; account_id: number }>(`select * from personal_data_audit order by id desc limit 2`);
    expect(await auditCount()).toBe(before + 1);
    expect(rows[0]).toMatchObject({ record_type: 'Household', record_id: mine.id, reason: '上门走访需要联系', fields: ['phone', 'careCategories', 'careNote'] });

    // a field read in clear through the graph: one row per clear read too
    const shown = (await api.gql(NODE, { id: globalId('Household', mine.id), reveal: true }, secretary)).data.node;
    expect(shown.clear).toBe(phone);
    expect(shown.care.categories.length).toBeGreaterThan(0);
    expect(await auditCount()).toBe(before + 1 + 2 + shown.residents.length * 0); // phone and care: two clear reads
    const [resident] = await api.sql<{ id: number }>(`select id from resident where household_id = ? and id_number is not null order by id limit 1`, [mine.id]);
    const id = (await api.gql(REVEAL, { input: { id: globalId('Resident', resident.id), fields: ['idNumber'], reason: '办理低保年审' } }, secretary)).data.personalDataReveal;
    expect(id.values[0].value).toMatch(/^\d{17}[\dX]$/);
    expect(await auditCount()).toBe(before + 4);

    // a reason is required; an unknown field is named
    const noReason = (await api.gql(REVEAL, { input: { id: globalId('Household', mine.id), fields: ['phone'], reason: ' ' } }, secretary)).data.personalDataReveal;
    expect(noReason.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'reason'] });
    const unknown = (await api.gql(REVEAL, { input: { id: globalId('Household', mine.id), fields: ['headName'], reason: '核对信息' } }, secretary)).data.personalDataReveal;
    expect(unknown.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'fields'] });
    expect(await auditCount()).toBe(before + 4);
  });

  it('keep no phone or ID number in clear in the tables, and the audit log refuses changes', async () => {
    // clear values, asked for the proper way
    const residents = await api.sql<{ id: number }>(`select r.id from resident r join household h on h.id = r.household_id join org_node n on n.id = h.org_node_id
      where n.path like ? and r.id_number is not null order by r.id limit 5`, [`${branch.path}%`]);
    const clear: string[] = [];
    for (const r of residents) {
      const values = (await api.gql(REVEAL, { input: { id: globalId('Resident', r.id), fields: ['phone', 'idNumber'], reason: '核对数据' } }, secretary)).data.personalDataReveal.values;
      for (const v of values) if (v.value) clear.push(v.value);
    }
    expect(clear.length).toBeGreaterThanOrEqual(5);
    const dump = (await api.sql<{ t: string }>(`select (select string_agg(h::text, '|') from household h) || (select string_agg(r::text, '|') from resident r) as t`))[0].t;
    for (const value of clear) {
      expect(dump).not.toContain(value);
      expect(dump).not.toContain(Buffer.from(value).toString('hex'));
    }
    const columns = await api.sql<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns where table_name in ('household', 'resident') and column_name in ('phone', 'id_number', 'care')`);
    expect(columns.every((c) => c.data_type === 'bytea')).toBe(true);
    await expect(api.sql(`update personal_data_audit set reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(api.sql(`delete from personal_data_audit`)).rejects.toThrow(/append-only/);
    await expect(api.sql(`truncate personal_data_audit`)).rejects.toThrow(/append-only/);
  });

  it('find households by exact phone only for roles that may see contact details', async () => {
    const phone = (await api.gql(REVEAL, { input: { id: globalId('Household', mine.id), fields: ['phone'], reason: '核对电话' } }, secretary)).data.personalDataReveal.values[0].value;
    const Q = `query($f: HouseholdFilter) { households(first: 5, filter: $f) { totalCount edges { node { id phone } } } }`;
    const found = (await api.gql(Q, { f: { phone } }, secretary)).data.households;
    expect(found.edges.map((e: any) => e.node.id)).toContain(globalId('Household', mine.id));
    expect(found.edges[0].node.phone).toContain('****');
    expect((await api.gql(Q, { f: { phone } }, viewer)).data.households.totalCount).toBe(0);
    expect((await api.gql(Q, { f: { phone } }, DEMO_PARTNER_TOKEN)).errors?.[0]).toBeTruthy();
  });

  it('export households with masked phones only, to staff', async () => {
    for (const token of [viewer, secretary]) {
      const res = await fetch(`${api.url.replace(/\/graphql$/, '')}/export/households.xlsx`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const sheet = wb.worksheets[0];
      expect(sheet.getRow(1).getCell(7).value).toBe('联系电话');
      expect(sheet.rowCount).toBeGreaterThan(10);
      const phones: string[] = [];
      sheet.eachRow((row, n) => { if (n > 1 && row.getCell(7).value) phones.push(String(row.getCell(7).value)); });
      expect(phones.length).toBeGreaterThan(0);
      expect(phones.every((p) => /^\d{3}\*{4}\d{4}$/.test(p))).toBe(true);
      expect(JSON.stringify(sheet.getSheetValues())).not.toMatch(/ELDERLY|独居|低保/);
    }
    expect((await fetch(`${api.url.replace(/\/graphql$/, '')}/export/households.xlsx`, { headers: { authorization: `Bearer ${DEMO_PARTNER_TOKEN}` } })).status).toBeGreaterThanOrEqual(401);
  });

  it('export phones in clear only with a reason, to roles that may reveal them, leaving one audit row', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const phonesOf = async (token: string, query: string) => {
      const res = await fetch(`${base}/export/households.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const phones: string[] = [];
      wb.worksheets[0].eachRow((row, n) => { if (n > 1 && row.getCell(7).value) phones.push(String(row.getCell(7).value)); });
      return phones;
    };
    expect((await fetch(`${base}/export/households.xlsx?reveal=1`, { headers: { authorization: `Bearer ${secretary}` } })).status).toBe(400);
    const before = await auditCount();
    const byViewer = await phonesOf(viewer, `?reveal=1&reason=${encodeURIComponent('走访名单')}`);
    expect(byViewer.every((p) => p.includes('****'))).toBe(true);
    expect(await auditCount()).toBe(before);
    const bySecretary = await phonesOf(secretary, `?reveal=1&reason=${encodeURIComponent('走访名单')}`);
    expect(bySecretary.length).toBeGreaterThan(0);
    expect(bySecretary.every((p) => /^1\d{10}$/.test(p))).toBe(true);
    expect(await auditCount()).toBe(before + 1);
    const [row] = await api.sql<{ action: string; reason: string; fields: string[] }>(`select action, reason, fields from personal_data_audit order by id desc limit 1`);
    expect(row).toEqual({ action: 'EXPORT', reason: '走访名单', fields: ['phone'] });
  });

  it('list a page of households in a constant number of statements', async () => {
    const Q = `query($n: Int) { households(first: $n) { edges { node { id compound building address phone hasCare lookedAfterBy { id } grid { name }
      residents { name phone idNumber } } } } }`;
    const small = await api.countStatements(() => api.gql(Q, { n: 5 }, secretary));
    const big = await api.countStatements(() => api.gql(Q, { n: 50 }, secretary));
    expect(big.result.errors).toBeUndefined();
    expect(big.result.data.households.edges.length).toBe(50);
    expect(big.statements).toBe(small.statements);
  });
});

describe('the 联户 coverage report', () => {
  const COVERAGE = `query($id: ID!) { householdCoverage(orgNodeId: $id) { uncoveredCount careCount uncovered { id } memberHouseholds { memberHousehold { id name } linkedCount load } } }`;
  const CREATE_NODE = `mutation($input: OrgNodeCreateInput!) { orgNodeCreate(input: $input) { node { id } userErrors { message } } }`;
  const CREATE = `mutation($input: HouseholdCreateInput!) { householdCreate(input: $input) { household { id } userErrors { code field message } } }`;
  const LINK = `mutation($input: HouseholdLinkInput!) { householdLink(input: $input) { household { id linkedBy { id } } userErrors { code message } } }`;
  const UNLINK = `mutation($input: HouseholdUnlinkInput!) { householdUnlink(input: $input) { household { id linkedBy { id } } userErrors { code message } } }`;

  it('lists care households no member links and each member household’s load, and a link removes the gap at once', async () => {
    // a crafted branch: a building group with two member households and three households
    const hongkang = (await api.sql<{ id: number }>(`select id from org_node where name = '红康社区'`))[0].id;
    const b = (await api.gql(CREATE_NODE, { input: { parentId: globalId('PartyCommittee', hongkang), level: 'BRANCH', branchKind: 'RESIDENTIAL', name: '覆盖测试党支部' } }, admin)).data.orgNodeCreate.node;
    const g = (await api.gql(CREATE_NODE, { input: { parentId: b.id, level: 'BUILDING_GROUP', name: '覆盖测试党小组', buildings: ['9幢'] } }, admin)).data.orgNodeCreate.node;
    const m1 = (await api.gql(CREATE_NODE, { input: { parentId: g.id, level: 'MEMBER_HOUSEHOLD', name: '测试甲党员中心户' } }, admin)).data.orgNodeCreate.node;
    const m2 = (await api.gql(CREATE_NODE, { input: { parentId: g.id, level: 'MEMBER_HOUSEHOLD', name: '测试乙党员中心户' } }, admin)).data.orgNodeCreate.node;
    const make = async (room: string, care: string[], node: string) => {
      const r = (await api.gql(CREATE, { input: { orgNodeId: node, compound: '覆盖测试小区', building: '9幢', unit: '1单元', room, headName: '测试户主', size: 1, phone: '13900001111', careCategories: care } }, admin)).data.householdCreate;
      expect(r.userErrors).toEqual([]);
      return r.household.id as string;
    };
    const careGap = await make('101', ['ELDERLY_ALONE'], g.id);
    await make('102', [], g.id); // no care: not a gap
    await make('103', ['LOW_INCOME'], m1.id); // linked: not a gap
    const report = (await api.gql(COVERAGE, { id: b.id }, admin)).data.householdCoverage;
    expect(report.uncovered.map((h: any) => h.id)).toEqual([careGap]);
    expect(report).toMatchObject({ uncoveredCount: 1, careCount: 2 });
    const load = (id: string, r: any) => r.memberHouseholds.find((m: any) => m.memberHousehold.id === id);
    expect(load(m1.id, report)).toMatchObject({ linkedCount: 1, load: 'OK' });
    expect(load(m2.id, report)).toMatchObject({ linkedCount: 0, load: 'NONE' });

    // a viewer of the branch sees loads but no care households
    const byViewer = (await api.gql(COVERAGE, { id: b.id }, viewer)).data.householdCoverage;
    expect(byViewer?.uncovered ?? []).toEqual([]);

    // linking from the member household's side closes the gap at once
    const linked = (await api.gql(LINK, { input: { householdId: careGap, memberHouseholdId: m2.id } }, admin)).data.householdLink;
    expect(linked.userErrors).toEqual([]);
    expect(linked.household.linkedBy.id).toBe(m2.id);
    const after = (await api.gql(COVERAGE, { id: b.id }, admin)).data.householdCoverage;
    expect(after.uncovered).toEqual([]);
    expect(load(m2.id, after)).toMatchObject({ linkedCount: 1, load: 'OK' });

    // more than 15 is too many
    for (let i = 0; i < 15; i++) await make(`2${String(i).padStart(2, '0')}`, [], m1.id);
    expect(load(m1.id, (await api.gql(COVERAGE, { id: b.id }, admin)).data.householdCoverage)).toMatchObject({ linkedCount: 16, load: 'TOO_MANY' });

    // unlinking opens the gap again; a member household of another community is refused
    const unlinked = (await api.gql(UNLINK, { input: { householdId: careGap } }, admin)).data.householdUnlink;
    expect(unlinked.household.linkedBy).toBeNull();
    expect((await api.gql(COVERAGE, { id: b.id }, admin)).data.householdCoverage.uncoveredCount).toBe(1);
    const [foreign] = await api.sql<{ id: number }>(`select id from org_node where level = 'MEMBER_HOUSEHOLD' and community_id <> ? limit 1`, [hongkang]);
    const refused = await api.gql(LINK, { input: { householdId: careGap, memberHouseholdId: globalId('MemberHousehold', foreign.id) } }, admin);
    expect(refused.data.householdLink.household).toBeNull();
  });

  it('has real gaps in the demo communities', async () => {
    const [zhenxing] = await api.sql<{ id: number }>(`select id from org_node where name = '振兴社区'`);
    const zx = await api.login('zhenxing-admin');
    const report = (await api.gql(COVERAGE, { id: globalId('PartyCommittee', zhenxing.id) }, zx)).data.householdCoverage;
    expect(report.uncoveredCount).toBeGreaterThan(0);
    expect(report.uncoveredCount).toBeLessThan(report.careCount / 3);
  });
});

describe('household import', () => {
  const HEAD = ['小区', '楼栋', '单元', '房号', '户主姓名', '人口数', '联系电话', '关爱类别', '关爱说明'];
  async function workbook(rows: (string | number)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('住户');
    ws.addRow(HEAD);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const post = (body: Buffer, token: string) => fetch(`${api.url.replace(/\/graphql$/, '')}/import/households.xlsx?node=${encodeURIComponent(globalId('Branch', branch.id))}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });

  it('writes nothing when one row is bad, names the row and column, then imports the fixed file', async () => {
    const count = async () => Number((await api.sql<{ c: string }>(`select count(*) as c from household where building_id in (select b.id from building b join compound c on c.id = b.compound_id where c.name = '导入测试小区')`))[0].c);
    const rows: (string | number)[][] = [
      ['导入测试小区', '1栋', '1单元', '101', '王秀英', 2, '13812345678', '独居老人、低保户', '每周探访'],
      ['导入测试小区', '1栋', '1单元', '102', '李建国', '两人', '13812345679', '', ''],
      ['导入测试小区', '1栋', '1单元', '103', '赵敏', 3, '', '', ''],
    ];
    const bad = await post(await workbook(rows), secretary);
    expect(bad.status).toBe(422);
    const body = await bad.json() as any;
    expect(body.error.details.errors).toEqual([{ row: 3, column: '人口数', message: '人口数应为数字' }]);
    expect(await count()).toBe(0);

    rows[1][5] = 2;
    const before = await auditCount();
    const ok = await post(await workbook(rows), secretary);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ created: 3 });
    expect(await count()).toBe(3);
    expect(await auditCount()).toBe(before + 2); // two households with a phone or care data written

    // the same file again: every row is already registered
    const again = await post(await workbook(rows), secretary);
    expect(again.status).toBe(422);
    expect(((await again.json()) as any).error.details.errors.map((e: any) => e.row)).toEqual([2, 3, 4]);
    expect(await count()).toBe(3);
    expect((await post(await workbook(rows), viewer)).status).toBe(403);
  });
});

describe('grids', () => {
  it('红康社区 has 3 level-4 and 6 level-5 grids, each with a worker and buildings', async () => {
    const grids = (await api.gql(`{ grids { id name level parent { id } worker { username } buildings { id } children { id } households(first: 1) { totalCount } } }`, {}, admin)).data.grids;
    expect(grids.filter((g: any) => g.level === 4)).toHaveLength(3);
    const cells = grids.filter((g: any) => g.level === 5);
    expect(cells).toHaveLength(6);
    expect(cells.map((g: any) => g.worker.username).sort()).toEqual(['hongkang-grid1', 'hongkang-grid2', 'hongkang-grid3', 'hongkang-grid4', 'hongkang-grid5', 'hongkang-grid6']);
    expect(cells.every((g: any) => g.buildings.length > 0 && g.households.totalCount > 0 && g.parent)).toBe(true);
    const worker = await api.login('hongkang-grid1');
    expect((await api.gql(`{ grids { id } }`, {}, worker)).data.grids).toHaveLength(9);
  });

  it('take as worker only a staff account with a GRID_WORKER grant, and only committee admins change them', async () => {
    const U = `mutation($input: GridUpdateInput!) { gridUpdate(input: $input) { grid { id worker { username } buildings { id } } userErrors { code field message } } }`;
    const cell = (await api.gql(`{ grids { id level buildings { id } } }`, {}, admin)).data.grids.find((g: any) => g.level === 5);
    const [secretaryAccount] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-branch1'`);
    const [grid6] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-grid6'`);
    const refused = (await api.gql(U, { input: { id: cell.id, workerAccountId: globalId('Account', secretaryAccount.id) } }, admin)).data.gridUpdate;
    expect(refused.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'workerAccountId'] });
    const changed = (await api.gql(U, { input: { id: cell.id, workerAccountId: globalId('Account', grid6.id), buildingIds: cell.buildings.slice(0, 1).map((b: any) => b.id) } }, admin)).data.gridUpdate;
    expect(changed.userErrors).toEqual([]);
    expect(changed.grid).toMatchObject({ worker: { username: 'hongkang-grid6' }, buildings: [cell.buildings[0]] });
    const bySecretary = await api.gql(U, { input: { id: cell.id, workerAccountId: null } }, secretary);
    expect(bySecretary.data?.gridUpdate?.grid ?? null).toBeNull();
  });
});
