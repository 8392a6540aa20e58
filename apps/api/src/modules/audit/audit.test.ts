import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string;
let secretary: string;
let household: { id: number };

const AUDIT = `query($f: PersonalDataAuditFilter) { personalDataAudit(first: 10, filter: $f) { totalCount edges { node { id recordType recordId fields action reason accountName createdAt } } } }`;
const REVEAL = `mutation($input: PersonalDataRevealInput!) { personalDataReveal(input: $input) { values { field value } userErrors { code message } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  secretary = await api.login('hongkang-branch1');
  [household] = await api.sql(`select h.id from household h join org_node n on n.id = h.org_node_id join access_grant g on starts_with(n.path, (select path from org_node where id = g.org_node_id))
    join account a on a.id = g.account_id where a.username = 'hongkang-branch1' and h.phone is not null order by h.id limit 1`);
});
afterAll(async () => { await api?.close(); });

describe('the personal-data audit log', () => {
  it('shows committee admins who saw what, when and why; nobody else', async () => {
    const shown = (await api.gql(REVEAL, { input: { id: globalId('Household', household.id), fields: ['phone'], reason: '联系户主核实诉求' } }, secretary)).data.personalDataReveal;
    expect(shown.userErrors).toEqual([]);
    const log = (await api.gql(AUDIT, { f: { recordId: globalId('Household', household.id) } }, admin)).data.personalDataAudit;
    expect(log.totalCount).toBe(1);
    expect(log.edges[0].node).toMatchObject({ recordType: 'Household', recordId: globalId('Household', household.id), fields: ['phone'], action: 'READ', reason: '联系户主核实诉求' });
    expect(log.edges[0].node.accountName).toBeTruthy();
    // a branch secretary is no committee admin: the log is empty for them
    expect((await api.gql(AUDIT, {}, secretary)).data.personalDataAudit.totalCount).toBe(0);
    // node(id) follows the same rule
    const N = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await api.gql(N, { id: log.edges[0].node.id }, admin)).data.node).not.toBeNull();
    expect((await api.gql(N, { id: log.edges[0].node.id }, secretary)).data.node).toBeNull();
    // a committee admin of another community sees none of it
    const other = await api.login('zhenxing-admin');
    expect((await api.gql(AUDIT, { f: { recordId: globalId('Household', household.id) } }, other)).data.personalDataAudit.totalCount).toBe(0);
  });

  it('rolls back with the write it records, and no API edits it', async () => {
    const before = Number((await api.sql<{ c: string }>(`select count(*) as c from personal_data_audit`))[0].c);
    // a refused write (bad phone) writes no audit row
    const bad = (await api.gql(`mutation($input: HouseholdUpdateInput!) { householdUpdate(input: $input) { household { id } userErrors { field message } } }`,
      { input: { id: globalId('Household', household.id), phone: '12345' } }, secretary)).data.householdUpdate;
    expect(bad.userErrors[0].field).toEqual(['input', 'phone']);
    expect(Number((await api.sql<{ c: string }>(`select count(*) as c from personal_data_audit`))[0].c)).toBe(before);
    const good = (await api.gql(`mutation($input: HouseholdUpdateInput!) { householdUpdate(input: $input) { household { id phone } userErrors { field message } } }`,
      { input: { id: globalId('Household', household.id), phone: '13911112222' } }, secretary)).data.householdUpdate;
    expect(good.household.phone).toBe('139****2222');
    const [last] = await api.sql<{ action: string; fields: string[] }>(`select action, fields from personal_data_audit order by id desc limit 1`);
    expect(last).toEqual({ action: 'WRITE', fields: ['phone'] });
    const mutations = (await api.gql(`{ __schema { mutationType { fields { name } } } }`)).data.__schema.mutationType.fields.map((f: any) => f.name);
    expect(mutations.filter((n: string) => /audit/i.test(n))).toEqual([]);
  });

  it('exports as a spreadsheet with Chinese headers', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/export/personal-data-audit.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '操作', '记录类型', '记录编号', '字段', '原因']);
    expect(sheet.rowCount).toBeGreaterThan(1);
    const secretaryFile = await fetch(`${base}/export/personal-data-audit.xlsx`, { headers: { authorization: `Bearer ${secretary}` } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await secretaryFile.arrayBuffer());
    expect(wb2.worksheets[0].rowCount).toBe(1);
  });
});
