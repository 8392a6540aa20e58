import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { DEMO_PARTNER_TOKEN } from '../../db/seed/unit.seed.js';

let api: TestApi;
let admin: string;
let secretary: string;
let viewer: string;
let base: string;
let resident: string;
let residentId: number;
const PHONE = '13912345678';
const ID_NUMBER = '110101195505050020';

const SAVE = `mutation($input: ResidentSaveInput!) { residentSave(input: $input) { resident { id } userErrors { code field message } } }`;
const ERASE = `mutation($input: ResidentEraseInput!) { residentErase(input: $input) { resident { id name phone idNumber } alreadyErased userErrors { code field message } } }`;
const audits = async (action: string) => api.sql<{ fields: string[]; reason: string; account_id: number }>(
  `select fields, reason, account_id from personal_data_audit where record_type = 'Resident' and record_id = ? and action = ? order by id`, [residentId, action]);
const exportOf = (token: string | null, query: string) => fetch(`${base}/export/resident-data.json${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const counts = async () => ({
  households: await api.sql(`select org_node_id, count(*)::int as n from household group by org_node_id order by org_node_id`),
  residents: await api.sql(`select household_id, count(*)::int as n from resident group by household_id order by household_id`),
  demands: await api.sql(`select state, org_node_id, count(*)::int as n, count(rating)::int as rated, coalesce(sum(rating), 0)::int as stars from demand group by 1, 2 order by 1, 2`),
  registrations: await api.sql(`select activity_id, status, count(*)::int as n from registration group by 1, 2 order by 1, 2`),
  volunteers: await api.sql(`select community_id, count(*)::int as n from volunteer group by 1 order by 1`),
});

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = await api.login('hongkang-admin');
  secretary = await api.login('hongkang-branch1');
  const [branch] = await api.sql<{ id: number; path: string }>(
    `select n.id, n.path from org_node n join access_grant g on g.org_node_id = n.id join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  const [mine] = await api.sql<{ id: number; community_id: number }>(`select h.id, h.community_id from household h join org_node n on n.id = h.org_node_id where n.path like ? order by h.id limit 1`, [`${branch.path}%`]);
  const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'privacy-viewer', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, branch.id]);
  viewer = await api.login('privacy-viewer');
  const saved = await api.gql(SAVE, { input: { householdId: globalId('Household', mine.id), name: '王秀英', relation: 'SPOUSE', birthYear: 1955, phone: PHONE, idNumber: ID_NUMBER, careCategories: ['ELDERLY_ALONE'], careNote: '腿脚不便' } }, admin);
  expect(saved.data.residentSave.userErrors).toEqual([]);
  resident = saved.data.residentSave.resident.id;
  [{ id: residentId }] = await api.sql<{ id: number }>(`select id from resident where name = '王秀英' and birth_year = 1955 order by id desc limit 1`);
  // the same phone elsewhere: an activity sign-up and a volunteer row
  await api.sql(`insert into registration (community_id, activity_id, code, name, phone, status) select community_id, id, 'PRVCYAB2', '王秀英', ?, 'CONFIRMED' from activity where community_id = ? order by id limit 1`, [PHONE, mine.community_id]);
  await api.sql(`insert into volunteer (community_id, name, phone) values (?, '王秀英', ?)`, [mine.community_id, PHONE]);
});
afterAll(async () => { await api?.close(); });

describe('a resident\'s personal data: export and erasure', () => {
  it('export: a committee admin gets everything held in clear, with one audit row carrying the reason', async () => {
    const before = (await audits('EXPORT')).length;
    expect((await exportOf(admin, `?resident=${encodeURIComponent(resident)}`)).status).toBe(400); // no reason
    expect((await audits('EXPORT')).length).toBe(before);
    const res = await exportOf(admin, `?resident=${encodeURIComponent(resident)}&reason=${encodeURIComponent('本人书面申请查阅')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.resident).toMatchObject({ name: '王秀英', phone: PHONE, idNumber: ID_NUMBER, relation: 'SPOUSE', birthYear: 1955, careCategories: ['ELDERLY_ALONE'], careNote: '腿脚不便' });
    expect(body.household.compound).not.toBe('');
    expect(body.household.building).not.toBe('');
    expect(body.alsoHeld.activityRegistrations.map((r: any) => r.phone)).toEqual([PHONE]);
    expect(body.alsoHeld.volunteers.map((v: any) => v.name)).toEqual(['王秀英']);
    expect(body.alsoHeld.searched.length).toBeGreaterThan(0);
    expect(body.alsoHeld.notSearched.join()).toMatch(/demand/);
    const rows = await audits('EXPORT');
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.reason).toBe('本人书面申请查阅');
  });

  it('export and erasure are refused to a viewer, a branch secretary, a partner and anonymous callers', async () => {
    const q = `?resident=${encodeURIComponent(resident)}&reason=${encodeURIComponent('查看一下')}`;
    const before = await api.sql(`select count(*)::int as n from personal_data_audit`);
    for (const token of [viewer, secretary]) expect((await exportOf(token, q)).status).toBe(404);
    expect((await exportOf(DEMO_PARTNER_TOKEN, q)).status).toBeGreaterThanOrEqual(401);
    expect((await exportOf(null, q)).status).toBe(401);
    for (const token of [viewer, secretary]) {
      const res = await api.gql(ERASE, { input: { id: resident, reason: '试图删除' } }, token);
      expect(res.data.residentErase.userErrors[0].code).toBe('NOT_FOUND');
    }
    for (const token of [DEMO_PARTNER_TOKEN, undefined]) {
      const res = await api.gql(ERASE, { input: { id: resident, reason: '试图删除' } }, token);
      expect(res.errors?.[0]?.extensions?.code ?? res.data?.residentErase?.userErrors[0]?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN|NOT_FOUND/);
    }
    expect(await api.sql(`select count(*)::int as n from personal_data_audit`)).toEqual(before);
    const [row] = await api.sql<{ name: string; has: boolean }>(`select name, phone is not null as has from resident where id = ?`, [residentId]);
    expect(row).toEqual({ name: '王秀英', has: true });
  });

  it('erasure leaves no trace of the phone or ID number, keeps every count, is audited once and is harmless twice', async () => {
    const before = await counts();
    expect((await api.gql(ERASE, { input: { id: resident, reason: '' } }, admin)).data.residentErase.userErrors[0].field).toEqual(['input', 'reason']);
    const erased = await api.gql(ERASE, { input: { id: resident, reason: '本人申请删除' } }, admin);
    expect(erased.data.residentErase.userErrors).toEqual([]);
    expect(erased.data.residentErase.alreadyErased).toBe(false);
    expect(erased.data.residentErase.resident).toMatchObject({ name: '已删除', phone: null, idNumber: null });

    const [r] = await api.sql<any>(`select name, phone, phone_hash, id_number, id_number_hash, care from resident where id = ?`, [residentId]);
    expect(r).toEqual({ name: '已删除', phone: null, phone_hash: null, id_number: null, id_number_hash: null, care: null });
    for (const table of ['registration', 'volunteer']) {
      // kept for the statistics, without the name (the phone column must hold a mobile number)
      expect(await api.sql(`select name from ${table} where phone = ?`, [PHONE])).toEqual([{ name: '已删除' }]);
    }
    // no phone or ID number left in the resident and household tables, in clear or as a lookup hash
    for (const table of ['resident', 'household']) {
      expect(await api.sql(`select 1 from ${table} t where row_to_json(t)::text like ? or row_to_json(t)::text like ?`, [`%${PHONE}%`, `%${ID_NUMBER}%`])).toEqual([]);
    }
    expect(await counts()).toEqual(before);

    const rows = await audits('WRITE');
    const last = rows.at(-1)!;
    expect(last.fields).toEqual(expect.arrayContaining(['name', 'phone', 'idNumber', 'careCategories']));
    expect(last.reason).toMatch(/本人申请删除/);

    const again = await api.gql(ERASE, { input: { id: resident, reason: '重复申请' } }, admin);
    expect(again.data.residentErase.userErrors).toEqual([]);
    expect(again.data.residentErase.alreadyErased).toBe(true);
    expect((await audits('WRITE')).length).toBe(rows.length);
    expect(await counts()).toEqual(before);

    const exported = await (await exportOf(admin, `?resident=${encodeURIComponent(resident)}&reason=${encodeURIComponent('核对删除结果')}`)).json();
    expect(exported.resident).toMatchObject({ name: '已删除', phone: null, idNumber: null, careCategories: [], erased: true });
  });
});
