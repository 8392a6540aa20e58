/**
 * Member profiles through the API: create and update with userErrors, phones sealed at rest and masked unless
 * revealed (each reveal announced once), computed fields (党龄, political birthdays, probation ending), the
 * member list with its filters and scope, positions with history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { onReveal, type RevealEvent } from '../access/index.js';
import { fromGlobalId } from '../../graphql/relay.js';
import { todayInChina } from './member.service.js';

let api: TestApi;
let admin: string; // hongkang-admin
let secretary: string; // hongkang-branch1
let myBranch: { id: string; rowId: number };
let otherBranch: { id: string; rowId: number };

const CREATE = `mutation($input: MemberCreateInput!) { memberCreate(input: $input) {
  member { id name gender status joinedOn fullOn birthDate ethnicity education workUnit mobile mobileLocation mobileUntil phone partyYears probationEndsOn probationEndingSoon politicalBirthdayThisMonth canEdit branch { id } }
  userErrors { code message field } } }`;
const UPDATE = `mutation($input: MemberUpdateInput!) { memberUpdate(input: $input) { member { id status fullOn phone mobile mobileLocation workUnit } userErrors { code message field } } }`;
const LIST = `query($filter: MemberFilter, $first: Int) { members(filter: $filter, first: $first) { totalCount edges { node { id name phone branch { id } positions { role } } } } }`;

let serial = 0;
/** A phone no demo member has. */
const freshPhone = () => `1990000${String(1000 + serial++).padStart(4, '0')}`;

function profile(extra: Record<string, unknown> = {}) {
  return { branchId: myBranch.id, name: `测试党员${serial}`, gender: 'FEMALE', status: 'FULL', joinedOn: '2001-07-01', fullOn: '2002-07-01', birthDate: '1978-03-02', ethnicity: '彝族', education: 'BACHELOR', workUnit: '五华区红云街道办事处', phone: freshPhone(), ...extra };
}

async function create(token: string, extra: Record<string, unknown> = {}) {
  const res = await api.gql(CREATE, { input: profile(extra) }, token);
  expect(res.errors).toBeUndefined();
  return res.data.memberCreate;
}

beforeAll(async () => {
  api = await startTestApi();
  [admin, secretary] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1')]);
  const [mine] = await api.sql<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  myBranch = { id: globalId('Branch', mine.id), rowId: mine.id };
  const [other] = await api.sql<{ id: number }>(`select id from org_node where level = 'BRANCH' and community_id = (select community_id from org_node where id = ?) and id <> ? order by id limit 1`, [mine.id, mine.id]);
  otherBranch = { id: globalId('Branch', other.id), rowId: other.id };
});
afterAll(() => api?.close());

describe('creating and changing a member', () => {
  it('puts a member with a full profile on the roll; the phone comes back masked and is sealed in the table', async () => {
    const { member, userErrors } = await create(secretary);
    expect(userErrors).toEqual([]);
    expect(member).toMatchObject({ gender: 'FEMALE', status: 'FULL', joinedOn: '2001-07-01', fullOn: '2002-07-01', birthDate: '1978-03-02', ethnicity: '彝族', education: 'BACHELOR', mobile: false, canEdit: true, branch: { id: myBranch.id } });
    expect(member.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(member.partyYears).toBe(Number(todayInChina().slice(0, 4)) - 2002 - (todayInChina().slice(5) < '07-01' ? 1 : 0));
    // the table holds no phone in clear: no such column, and the sealed bytes do not contain it
    const columns = await api.sql<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'party_member'`);
    expect(columns.map((c) => c.column_name)).not.toContain('phone');
    const rowId = fromGlobalId(member.id)!.id;
    const [row] = await api.sql<{ dump: string }>(`select row_to_json(m)::text as dump from party_member m where id = ?`, [rowId]);
    const digits = (await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone(reveal: true) } } }`, { id: member.id }, admin)).data.node.phone;
    expect(digits).toMatch(/^1[3-9]\d{9}$/);
    expect(row.dump).not.toContain(digits);
    expect(row.dump).not.toContain(Buffer.from(digits).toString('hex'));
  });

  it('answers bad input with userErrors naming each field, in Chinese, and writes nothing', async () => {
    const before = await api.sql<{ count: string }>(`select count(*) from party_member`);
    const res = await create(secretary, { phone: '12345', birthDate: '1990-02-30', status: 'PROBATIONARY', fullOn: '2020-01-01', name: '  ' });
    expect(res.member).toBeNull();
    const fields = res.userErrors.map((e: any) => e.field.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['input.phone', 'input.birthDate', 'input.name']));
    for (const e of res.userErrors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const cross = await create(secretary, { status: 'PROBATIONARY', fullOn: '2020-01-01' });
    expect(cross.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'fullOn'], message: '预备党员没有转正日期' }));
    expect((await api.sql<{ count: string }>(`select count(*) from party_member`))[0].count).toBe(before[0].count);
  });

  it('refuses a phone already on a roll of the community, and a branch outside the caller’s scope', async () => {
    const phone = freshPhone();
    expect((await create(admin, { phone })).userErrors).toEqual([]);
    expect((await create(admin, { phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` })).userErrors).toContainEqual(expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'phone'] }));
    const res = await api.gql(CREATE, { input: profile({ branchId: otherBranch.id }) }, secretary);
    expect(res.data.memberCreate.userErrors).toContainEqual(expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'branchId'] }));
  });

  it('confirms a probationary member (转正) with the date, and never turns a full member back', async () => {
    const joined = `${Number(todayInChina().slice(0, 4)) - 1}-${todayInChina().slice(5, 7)}-01`;
    const { member } = await create(secretary, { status: 'PROBATIONARY', fullOn: null, joinedOn: joined });
    expect(member.partyYears).toBeNull();
    expect(member.probationEndsOn).toBe(`${todayInChina().slice(0, 4)}-${todayInChina().slice(5, 7)}-01`);
    expect(member.probationEndingSoon).toBe(true);
    expect(member.politicalBirthdayThisMonth).toBe(true);
    // the filters find it
    const soon = await api.gql(LIST, { filter: { orgNodeId: myBranch.id, probationEndingSoon: true }, first: 100 }, secretary);
    expect(soon.data.members.edges.map((e: any) => e.node.id)).toContain(member.id);
    const birthdays = await api.gql(LIST, { filter: { orgNodeId: myBranch.id, politicalBirthdayThisMonth: true }, first: 100 }, secretary);
    expect(birthdays.data.members.edges.map((e: any) => e.node.id)).toContain(member.id);

    const full = await api.gql(UPDATE, { input: { id: member.id, status: 'FULL' } }, secretary);
    expect(full.data.memberUpdate.userErrors).toEqual([]);
    expect(full.data.memberUpdate.member).toMatchObject({ status: 'FULL', fullOn: todayInChina() });
    const back = await api.gql(UPDATE, { input: { id: member.id, status: 'PROBATIONARY' } }, secretary);
    expect(back.data.memberUpdate.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'status'] }));
    const soonAfter = await api.gql(LIST, { filter: { orgNodeId: myBranch.id, probationEndingSoon: true }, first: 100 }, secretary);
    expect(soonAfter.data.members.edges.map((e: any) => e.node.id)).not.toContain(member.id);
  });

  it('marks a mobile member and brings them home; an empty string clears a text', async () => {
    const { member } = await create(secretary);
    const away = await api.gql(UPDATE, { input: { id: member.id, mobileLocation: '广东省深圳市', mobileUntil: '2027-06-30', workUnit: '' } }, secretary);
    expect(away.data.memberUpdate.member).toMatchObject({ mobile: true, mobileLocation: '广东省深圳市', workUnit: null });
    const mobiles = await api.gql(LIST, { filter: { orgNodeId: myBranch.id, mobile: true }, first: 100 }, secretary);
    expect(mobiles.data.members.edges.map((e: any) => e.node.id)).toContain(member.id);
    const home = await api.gql(UPDATE, { input: { id: member.id, mobileLocation: '' } }, secretary);
    expect(home.data.memberUpdate.member).toMatchObject({ mobile: false, mobileLocation: null });
  });

  it('lets no one change a member outside their scope', async () => {
    const [stranger] = await api.sql<{ id: number }>(`select id from party_member where org_node_id = ? limit 1`, [otherBranch.rowId]);
    const res = await api.gql(UPDATE, { input: { id: globalId('PartyMember', stranger.id), workUnit: '改掉' } }, secretary);
    expect(res.data.memberUpdate.userErrors).toContainEqual(expect.objectContaining({ code: 'NOT_FOUND' }));
    const viewerless = await api.gql(UPDATE, { input: { id: globalId('PartyMember', stranger.id), workUnit: '改掉' } }, null);
    expect(viewerless.data?.memberUpdate?.member ?? null).toBeNull();
  });
});

describe('phones in clear', () => {
  it('reveals a phone only on request, to roles that need it, announcing each reveal exactly once', async () => {
    const events: RevealEvent[] = [];
    const stop = onReveal((e) => events.push(e));
    try {
      const { member } = await create(secretary);
      const rowId = fromGlobalId(member.id)!.id;
      events.length = 0;
      const masked = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone } } }`, { id: member.id }, secretary);
      expect(masked.data.node.phone).toMatch(/\*{4}/);
      expect(events).toEqual([]);
      const shown = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone(reveal: true) } } }`, { id: member.id }, secretary);
      expect(shown.data.node.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(events.filter((e) => e.type === 'PartyMember' && e.id === rowId && e.field === 'phone')).toHaveLength(1);
      // the list and search never reveal
      events.length = 0;
      const list = await api.gql(LIST, { filter: { query: shown.data.node.phone }, first: 10 }, secretary);
      expect(list.data.members.edges.map((e: any) => e.node.id)).toEqual([member.id]);
      expect(JSON.stringify(list.data)).not.toContain(shown.data.node.phone);
      expect(events).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('the member list', () => {
  it('searches by name within the caller’s scope only', async () => {
    const [mine] = await api.sql<{ name: string }>(`select name from party_member where org_node_id = ? and archived_at is null order by id limit 1`, [myBranch.rowId]);
    const [theirs] = await api.sql<{ name: string }>(`select name from party_member where org_node_id = ? and archived_at is null order by id limit 1`, [otherBranch.rowId]);
    const found = await api.gql(LIST, { filter: { query: mine.name }, first: 10 }, secretary);
    expect(found.data.members.edges.map((e: any) => e.node.name)).toContain(mine.name);
    const hidden = await api.gql(LIST, { filter: { query: theirs.name }, first: 10 }, secretary);
    expect(hidden.data.members.totalCount).toBe(0);
    const all = await api.gql(LIST, { first: 100 }, secretary);
    for (const e of all.data.members.edges) expect(e.node.branch.id).toBe(myBranch.id);
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from party_member where org_node_id = ? and archived_at is null`, [myBranch.rowId]);
    expect(all.data.members.totalCount).toBe(Number(count));
  });

  it('reads a page with nested fields in the same number of statements, whatever its size', async () => {
    const q = `query($first: Int) { members(first: $first) { edges { node { id name phone partyYears branch { id name } positions { role organization { id } } positionHistory { role until } transfers { state } doubleReportUnit { name } } } } }`;
    // both pages hold double-report members and positions in building groups, so every batch runs in both
    const small = await api.countStatements(() => api.gql(q, { first: 30 }, admin));
    const large = await api.countStatements(() => api.gql(q, { first: 100 }, admin));
    expect(small.result.errors).toBeUndefined();
    expect(small.result.data.members.edges.some((e: any) => e.node.doubleReportUnit)).toBe(true);
    expect(large.result.data.members.edges).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
  });
});

describe('positions', () => {
  it('assigns a position, refuses a second secretary, ends it and keeps it in the history', async () => {
    const { member } = await create(admin);
    const ASSIGN = `mutation($input: MemberPositionAssignInput!) { memberPositionAssign(input: $input) { position { id role since until current } userErrors { code field message } } }`;
    const END = `mutation($input: MemberPositionEndInput!) { memberPositionEnd(input: $input) { position { id until current } userErrors { code field message } } }`;
    const deputy = await api.gql(ASSIGN, { input: { memberId: member.id, orgNodeId: myBranch.id, role: 'COMMITTEE_MEMBER', since: '2026-01-05' } }, admin);
    expect(deputy.data.memberPositionAssign.userErrors).toEqual([]);
    expect(deputy.data.memberPositionAssign.position).toMatchObject({ role: 'COMMITTEE_MEMBER', since: '2026-01-05', until: null, current: true });
    const second = await api.gql(ASSIGN, { input: { memberId: member.id, orgNodeId: myBranch.id, role: 'SECRETARY' } }, admin);
    expect(second.data.memberPositionAssign.userErrors).toContainEqual(expect.objectContaining({ code: 'CONFLICT', field: ['input', 'role'] }));
    const wrongLevel = await api.gql(ASSIGN, { input: { memberId: member.id, orgNodeId: myBranch.id, role: 'BUILDING_HEAD' } }, admin);
    expect(wrongLevel.data.memberPositionAssign.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const ended = await api.gql(END, { input: { positionId: deputy.data.memberPositionAssign.position.id, until: '2026-11-30' } }, admin);
    expect(ended.data.memberPositionEnd.position).toMatchObject({ until: '2026-11-30', current: false });
    const again = await api.gql(END, { input: { positionId: deputy.data.memberPositionAssign.position.id } }, admin);
    expect(again.data.memberPositionEnd.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_STATE' }));
    const history = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { positions { role } positionHistory { role since until } } } }`, { id: member.id }, admin);
    expect(history.data.node.positions).toEqual([]);
    expect(history.data.node.positionHistory).toEqual([{ role: 'COMMITTEE_MEMBER', since: '2026-01-05', until: '2026-11-30' }]);
  });
});

describe('who never sees a member’s phone in clear', () => {
  it('a VIEWER: masked in the list, the profile and the export, refused on reveal; a partner token and anonymous callers see no members at all', async () => {
    const { DEMO_PARTNER_TOKEN } = await import('../../db/seed/unit.seed.js');
    const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'member-profile-viewer', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
    await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, myBranch.rowId]);
    const viewer = await api.login('member-profile-viewer');
    const { member } = await create(secretary);
    const full = (await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone(reveal: true) } } }`, { id: member.id }, secretary)).data.node.phone as string;

    const list = await api.gql(LIST, { filter: { query: full }, first: 5 }, viewer);
    expect(list.data.members.edges.map((e: any) => e.node.id)).toEqual([member.id]);
    expect(JSON.stringify(list.data)).not.toContain(full);
    const refused = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone(reveal: true) } } }`, { id: member.id }, viewer);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const exported = await fetch(`${api.url.replace(/\/graphql$/, '')}/export/members.xlsx`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(exported.status).toBe(200);
    const bytes = Buffer.from(await exported.arrayBuffer());
    const { readXlsxRows } = await import('../../http/xlsx.js');
    const phones: string[] = [];
    for await (const row of readXlsxRows(bytes)) phones.push(row.values['手机号']);
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones.filter(Boolean)) expect(p).toMatch(/^1\d{2}\*{4}\d{4}$/);

    for (const token of [DEMO_PARTNER_TOKEN, null]) {
      const none = await api.gql(`query($id: ID!) { members(first: 5) { totalCount } node(id: $id) { id } }`, { id: member.id }, token);
      expect(none.data).toEqual({ members: { totalCount: 0 }, node: null });
    }
  });
});
