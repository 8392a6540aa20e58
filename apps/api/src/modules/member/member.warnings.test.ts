/**
 * Branch warnings from the branch work regulations (支部工作条例): the demo branches that break each rule are
 * listed with their reasons, only within the caller's scope, and each warning clears as soon as the data changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let hongkangAdmin: string;
let qixianAdmin: string;
let secretary: string;

const WARNINGS = `{ branchWarnings { branchId memberCount fullMemberCount reasons { code message } branch { name } } }`;
const BRANCH = `query($id: ID!) { orgNode(id: $id) { ... on Branch { warnings { code message } } } }`;

async function branchId(name: string): Promise<number> {
  const [row] = await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'BRANCH'`, [name]);
  return row.id;
}

async function warningsFor(token: string) {
  const res = await api.gql(WARNINGS, {}, token);
  expect(res.errors).toBeUndefined();
  return res.data.branchWarnings as { branchId: string; memberCount: number; fullMemberCount: number; reasons: { code: string; message: string }[]; branch: { name: string } }[];
}

beforeAll(async () => {
  api = await startTestApi();
  [hongkangAdmin, qixianAdmin, secretary] = await Promise.all([api.login('hongkang-admin'), api.login('qixian-admin'), api.login('hongkang-branch1')]);
});
afterAll(() => api?.close());

describe('branch warnings', () => {
  it('list the demo branches that break each rule, with the figures behind it', async () => {
    const hongkang = await warningsFor(hongkangAdmin);
    const byName = new Map(hongkang.map((w) => [w.branch.name, w]));
    const big = byName.get('红康社区茉莉苑居民区党支部')!;
    expect(big.memberCount).toBe(58);
    expect(big.reasons.map((r) => r.code)).toContain('TOO_MANY_MEMBERS');
    expect(big.reasons.find((r) => r.code === 'TOO_MANY_MEMBERS')!.message).toContain('58');
    const lapsed = byName.get('红康社区公共户单位第二党支部')!;
    expect(lapsed.reasons.map((r) => r.code)).toEqual(['NO_BRANCH_COMMITTEE']);
    const qixian = await warningsFor(qixianAdmin);
    const small = qixian.find((w) => w.branch.name === '七贤社区新就业群体党支部')!;
    expect(small).toMatchObject({ memberCount: 3, fullMemberCount: 2 });
    expect(small.reasons.map((r) => r.code)).toEqual(['TOO_FEW_FULL_MEMBERS']);
    // nothing from another community, and the counts match the table
    expect(qixian.some((w) => w.branch.name.startsWith('红康'))).toBe(false);
    const [{ full }] = await api.sql<{ full: string }>(`select count(*) as full from party_member where org_node_id = ? and status = 'FULL' and archived_at is null`, [await branchId('红康社区公共户单位第二党支部')]);
    expect(lapsed.fullMemberCount).toBe(Number(full));
  });

  it('show on the branch itself, to staff who read its members only', async () => {
    const id = globalId('Branch', await branchId('红康社区茉莉苑居民区党支部'));
    const seen = await api.gql(BRANCH, { id }, hongkangAdmin);
    expect(seen.data.orgNode.warnings.map((w: any) => w.code)).toEqual(['TOO_MANY_MEMBERS']);
    const anonymous = await api.gql(BRANCH, { id }, null);
    expect(anonymous.data.orgNode?.warnings ?? []).toEqual([]);
    // a branch secretary sees the warnings of their own branch only
    const own = await warningsFor(secretary);
    const [mine] = await api.sql<{ name: string }>(`select n.name from access_grant g join account a on a.id = g.account_id join org_node n on n.id = g.org_node_id where a.username = 'hongkang-branch1'`);
    for (const w of own) expect(w.branch.name).toBe(mine.name);
  });

  it('clear as soon as the data no longer breaks the rule', async () => {
    const small = await branchId('七贤社区新就业群体党支部');
    const [probationary] = await api.sql<{ id: number }>(`select id from party_member where org_node_id = ? and status = 'PROBATIONARY'`, [small]);
    const confirm = await api.gql(`mutation($input: MemberUpdateInput!) { memberUpdate(input: $input) { userErrors { code message } } }`,
      { input: { id: globalId('PartyMember', probationary.id), status: 'FULL' } }, qixianAdmin);
    expect(confirm.data.memberUpdate.userErrors).toEqual([]);
    expect((await warningsFor(qixianAdmin)).some((w) => w.branch.name === '七贤社区新就业群体党支部')).toBe(false);
    expect((await api.gql(BRANCH, { id: globalId('Branch', small) }, qixianAdmin)).data.orgNode.warnings).toEqual([]);

    const lapsed = await branchId('红康社区公共户单位第二党支部');
    const [member] = await api.sql<{ id: number }>(`select m.id from party_member m where m.org_node_id = ? and m.status = 'FULL'
      and not exists (select 1 from member_position p where p.member_id = m.id and p.until is null) order by m.id limit 1`, [lapsed]);
    const assign = await api.gql(`mutation($input: MemberPositionAssignInput!) { memberPositionAssign(input: $input) { userErrors { code message } } }`,
      { input: { memberId: globalId('PartyMember', member.id), orgNodeId: globalId('Branch', lapsed), role: 'COMMITTEE_MEMBER' } }, hongkangAdmin);
    expect(assign.data.memberPositionAssign.userErrors).toEqual([]);
    expect((await warningsFor(hongkangAdmin)).some((w) => w.branch.name === '红康社区公共户单位第二党支部')).toBe(false);
  });
});
