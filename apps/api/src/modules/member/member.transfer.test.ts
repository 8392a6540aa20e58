/**
 * Transfers of Party membership (组织关系转接) through the API: requested by the sending side, decided by the
 * receiving side, kept as history; a member is on exactly one roll at any moment, even with two approvals or two
 * requests at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { fromGlobalId } from '../../graphql/relay.js';

let api: TestApi;
let admin: string; // hongkang-admin: both sides
let secretary: string; // hongkang-branch1: sending side of its own branch
let zhenxingAdmin: string;
let myBranch: number;
let otherBranch: number;

const REQUEST = `mutation($input: MemberTransferRequestInput!) { memberTransferRequest(input: $input) { transfer { id kind state personName canDecide fromBranch { id } toBranch { id } } userErrors { code field message } } }`;
const APPROVE = `mutation($input: MemberTransferDecideInput!) { memberTransferApprove(input: $input) { transfer { id state decidedAt member { id branch { id } } } userErrors { code field message } } }`;
const REFUSE = `mutation($input: MemberTransferDecideInput!) { memberTransferRefuse(input: $input) { transfer { id state decisionNote } userErrors { code field message } } }`;
const HISTORY = `query($id: ID!) { node(id: $id) { ... on PartyMember { branch { id } positions { role } transfers { kind state fromBranch { id } toBranch { id } } } } }`;

/** A member of the branch with no position and no pending transfer. */
async function plainMember(branch: number): Promise<number> {
  const [m] = await api.sql<{ id: number }>(`select m.id from party_member m where m.org_node_id = ? and m.archived_at is null
    and not exists (select 1 from member_position p where p.member_id = m.id and p.until is null)
    and not exists (select 1 from member_transfer t where t.member_id = m.id and t.state = 'PENDING') order by m.id limit 1`, [branch]);
  return m.id;
}

async function request(token: string, input: Record<string, unknown>) {
  const res = await api.gql(REQUEST, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data.memberTransferRequest;
}

beforeAll(async () => {
  api = await startTestApi();
  [admin, secretary, zhenxingAdmin] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1'), api.login('zhenxing-admin')]);
  const [mine] = await api.sql<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  myBranch = mine.id;
  const [other] = await api.sql<{ id: number }>(`select id from org_node where level = 'BRANCH' and community_id = (select community_id from org_node where id = ?) and id <> ? order by id limit 1`, [myBranch, myBranch]);
  otherBranch = other.id;
});
afterAll(() => api?.close());

describe('a transfer between branches', () => {
  it('is requested by the sending branch, approved by the receiving side only, and moves the member with history', async () => {
    const memberId = await plainMember(myBranch);
    const req = await request(secretary, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', otherBranch), note: '搬家' });
    expect(req.userErrors).toEqual([]);
    expect(req.transfer).toMatchObject({ kind: 'INTERNAL', state: 'PENDING', canDecide: false, fromBranch: { id: globalId('Branch', myBranch) } });
    // the sending secretary cannot approve; the receiving side's admin can
    const denied = await api.gql(APPROVE, { input: { transferId: req.transfer.id } }, secretary);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const approved = await api.gql(APPROVE, { input: { transferId: req.transfer.id, note: '同意' } }, admin);
    expect(approved.data.memberTransferApprove.userErrors).toEqual([]);
    expect(approved.data.memberTransferApprove.transfer).toMatchObject({ state: 'APPROVED', member: { branch: { id: globalId('Branch', otherBranch) } } });
    const [row] = await api.sql<{ org_node_id: number }>(`select org_node_id from party_member where id = ?`, [memberId]);
    expect(row.org_node_id).toBe(otherBranch);
    const history = await api.gql(HISTORY, { id: globalId('PartyMember', memberId) }, admin);
    expect(history.data.node.transfers).toEqual([{ kind: 'INTERNAL', state: 'APPROVED', fromBranch: { id: globalId('Branch', myBranch) }, toBranch: { id: globalId('Branch', otherBranch) } }]);
    // the old secretary no longer sees the member
    expect((await api.gql(HISTORY, { id: globalId('PartyMember', memberId) }, secretary)).data.node).toBeNull();
  });

  it('under two approvals at once moves the member once: one succeeds, the other finds it decided', async () => {
    const memberId = await plainMember(myBranch);
    const req = await request(admin, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', otherBranch) });
    const [a, b] = await Promise.all([
      api.gql(APPROVE, { input: { transferId: req.transfer.id } }, admin),
      api.gql(APPROVE, { input: { transferId: req.transfer.id } }, admin),
    ]);
    const results = [a.data.memberTransferApprove, b.data.memberTransferApprove];
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e: any) => e.code))).toEqual(['INVALID_STATE']);
    const rows = await api.sql<{ org_node_id: number }>(`select org_node_id from party_member where id = ?`, [memberId]);
    expect(rows).toEqual([{ org_node_id: otherBranch }]);
    const approved = await api.sql(`select id from member_transfer where member_id = ? and state = 'APPROVED'`, [memberId]);
    expect(approved).toHaveLength(1);
  });

  it('takes one pending request per member, even when two arrive at once', async () => {
    const memberId = await plainMember(myBranch);
    const [third] = await api.sql<{ id: number }>(`select id from org_node where level = 'BRANCH' and community_id = (select community_id from org_node where id = ?) and id not in (?, ?) order by id limit 1`, [myBranch, myBranch, otherBranch]);
    const [a, b] = await Promise.all([
      request(admin, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', otherBranch) }),
      request(admin, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', third.id) }),
    ]);
    expect([a, b].filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect([a, b].flatMap((r) => r.userErrors.map((e: any) => e.code))).toEqual(['DUPLICATE']);
    const pending = await api.sql(`select id from member_transfer where member_id = ? and state = 'PENDING'`, [memberId]);
    expect(pending).toHaveLength(1);
  });

  it('leaves the member where they are when refused, and refuses nothing twice', async () => {
    const memberId = await plainMember(myBranch);
    const req = await request(secretary, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', otherBranch) });
    const refused = await api.gql(REFUSE, { input: { transferId: req.transfer.id, note: '地址不在本支部' } }, admin);
    expect(refused.data.memberTransferRefuse.transfer).toMatchObject({ state: 'REFUSED', decisionNote: '地址不在本支部' });
    const again = await api.gql(APPROVE, { input: { transferId: req.transfer.id } }, admin);
    expect(again.data.memberTransferApprove.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect((await api.sql<{ org_node_id: number }>(`select org_node_id from party_member where id = ?`, [memberId]))[0].org_node_id).toBe(myBranch);
  });

  it('ends the member’s positions when they move', async () => {
    const memberId = await plainMember(myBranch);
    await api.sql(`insert into member_position (community_id, member_id, org_node_id, role, since) select community_id, id, org_node_id, 'COMMITTEE_MEMBER', '2025-01-01' from party_member where id = ?`, [memberId]);
    const req = await request(admin, { kind: 'INTERNAL', memberId: globalId('PartyMember', memberId), toBranchId: globalId('Branch', otherBranch) });
    await api.gql(APPROVE, { input: { transferId: req.transfer.id } }, admin);
    const history = await api.gql(HISTORY, { id: globalId('PartyMember', memberId) }, admin);
    expect(history.data.node.positions).toEqual([]);
    const [p] = await api.sql<{ until: string | null }>(`select until::text from member_position where member_id = ?`, [memberId]);
    expect(p.until).not.toBeNull();
  });
});

describe('where a member may go', () => {
  it('offers the sending secretary the branches of the street, not the member’s own, and nothing for a member they may not change', async () => {
    const memberId = await plainMember(myBranch);
    const Q = `query($id: ID!) { memberTransferTargets(memberId: $id) { id name communityName } }`;
    const targets = (await api.gql(Q, { id: globalId('PartyMember', memberId) }, secretary)).data.memberTransferTargets;
    expect(targets.map((t: any) => t.id)).toContain(globalId('Branch', otherBranch));
    expect(targets.map((t: any) => t.id)).not.toContain(globalId('Branch', myBranch));
    expect(targets[0].communityName).toBe('红康社区');
    const stranger = (await api.sql<{ id: number }>(`select id from party_member where org_node_id = ? limit 1`, [otherBranch]))[0].id;
    expect((await api.gql(Q, { id: globalId('PartyMember', stranger) }, secretary)).data.memberTransferTargets).toEqual([]);
    expect((await api.gql(Q, { id: globalId('PartyMember', memberId) }, zhenxingAdmin)).data.memberTransferTargets).toEqual([]);
  });
});

describe('transfers across the platform’s edge', () => {
  it('brings a member in from outside on approval, with the profile given', async () => {
    const req = await request(admin, {
      kind: 'IN', toBranchId: globalId('Branch', otherBranch), outsideOrganization: '曲靖市麒麟区某社区党委',
      incoming: { name: '转入测试', gender: 'MALE', status: 'FULL', joinedOn: '1999-07-01', fullOn: '2000-07-01', education: 'BACHELOR' },
    });
    expect(req.userErrors).toEqual([]);
    expect(req.transfer.personName).toBe('转入测试');
    const approved = await api.gql(APPROVE, { input: { transferId: req.transfer.id } }, admin);
    const member = approved.data.memberTransferApprove.transfer.member;
    expect(member.branch.id).toBe(globalId('Branch', otherBranch));
    const [row] = await api.sql<{ name: string; education: string }>(`select name, education from party_member where id = ?`, [fromGlobalId(member.id)!.id]);
    expect(row).toEqual({ name: '转入测试', education: 'BACHELOR' });
  });

  it('checks the incoming profile with the same rules as the import', async () => {
    const bad = await request(admin, { kind: 'IN', toBranchId: globalId('Branch', otherBranch), outsideOrganization: '外单位', incoming: { name: '转入', gender: 'MALE', status: 'PROBATIONARY', fullOn: '2000-01-01' } });
    expect(bad.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'incoming', 'fullOn'] }));
  });

  it('sends a member out of the platform: off every roll once the sending side confirms', async () => {
    const memberId = await plainMember(myBranch);
    const req = await request(secretary, { kind: 'OUT', memberId: globalId('PartyMember', memberId), outsideOrganization: '昆明市官渡区关上街道党工委' });
    expect(req.transfer.canDecide).toBe(true);
    const approved = await api.gql(APPROVE, { input: { transferId: req.transfer.id } }, secretary);
    expect(approved.data.memberTransferApprove.transfer.state).toBe('APPROVED');
    const [row] = await api.sql<{ archived: boolean }>(`select archived_at is not null as archived from party_member where id = ?`, [memberId]);
    expect(row.archived).toBe(true);
  });

  it('hides transfers of other communities and lists what waits for the caller', async () => {
    const LIST = `query($filter: MemberTransferFilter) { memberTransfers(filter: $filter, first: 100) { totalCount edges { node { id state personName toBranch { name } } } } }`;
    const mine = await api.gql(LIST, { filter: { awaitingMe: true } }, admin);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.memberTransfers.totalCount).toBeGreaterThan(0);
    for (const e of mine.data.memberTransfers.edges) expect(e.node.state).toBe('PENDING');
    const theirs = await api.gql(LIST, {}, zhenxingAdmin);
    const ids = new Set(theirs.data.memberTransfers.edges.map((e: any) => e.node.id));
    for (const e of mine.data.memberTransfers.edges) expect(ids.has(e.node.id)).toBe(false);
    const byNode = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: mine.data.memberTransfers.edges[0].node.id }, zhenxingAdmin);
    expect(byNode.data.node).toBeNull();
  });
});
