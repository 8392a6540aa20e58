import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import type { OrgNodeEntity } from '../org/index.js';
import { householdsOf } from '../household/household.service.js';
import { unseal } from '../privacy/index.js';
import { findVisibleMember, findVisiblePosition, membersOf, positionsInNode, positionsOfMember } from './member.service.js';

let api: TestApi;
let admin: string; // hongkang-admin: COMMITTEE_ADMIN of 红康社区
let secretary: string; // hongkang-branch1: BRANCH_SECRETARY of one 红康 branch
let otherAdmin: string; // hongmian-admin: COMMITTEE_ADMIN of 红棉社区
let viewer: string; // a VIEWER grant on the same branch as hongkang-branch1

let myBranch: { id: string; rowId: number; name: string }; // hongkang-branch1's branch
let siblingBranch: { id: string; rowId: number; name: string }; // another 红康 branch
let foreignBranch: { id: string; rowId: number; name: string }; // a 红棉 branch

const MASKED = /^1\d{2}\*{4}\d{4}$/;
const FULL = /^1[3-9]\d{9}$/;

const MEMBERS = `query($id: ID!, $first: Int, $after: String, $reveal: Boolean) {
  orgNode(id: $id) { id name ... on Branch {
    members(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name gender status joinedOn phone full: phone(reveal: $reveal) branch { id name } positions { role organization { id } } } }
    }
  } }
}`;

const NODE = `query($id: ID!) { node(id: $id) { id ... on PartyMember { name phone } } }`;

async function branchRow(sqlWhere: string, params: unknown[]) {
  const [row] = await api.sql<{ id: number; name: string }>(`select id, name from org_node n where level = 'BRANCH' and archived_at is null and ${sqlWhere} order by id limit 1`, params);
  if (!row) throw new Error(`no branch for ${sqlWhere}`);
  return { id: globalId('Branch', row.id), rowId: row.id, name: row.name };
}

/** Live members of a branch, in the order the API lists them. */
async function rollOf(branchRowId: number) {
  const rows = await api.sql<{ id: number; name: string; sealed: string | null }>(`select id, name, encode(phone_sealed, 'hex') as sealed from party_member where org_node_id = ? and archived_at is null order by id`, [branchRowId]);
  return rows.map((r) => ({ id: r.id, name: r.name, phone: r.sealed == null ? null : unseal(Buffer.from(r.sealed, 'hex')) }));
}

async function members(token: string | null, branchId: string, vars: Record<string, unknown> = {}) {
  return api.gql(MEMBERS, { id: branchId, ...vars }, token);
}

beforeAll(async () => {
  api = await startTestApi();
  [admin, secretary, otherAdmin] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1'), api.login('hongmian-admin')]);
  myBranch = await branchRow(`id = (select g.org_node_id from access_grant g join account a on a.id = g.account_id where a.username = ?)`, ['hongkang-branch1']);
  siblingBranch = await branchRow(`community_id = (select community_id from org_node where id = ?) and id <> ? and exists (select 1 from party_member m where m.org_node_id = n.id)`, [myBranch.rowId, myBranch.rowId]);
  foreignBranch = await branchRow(`community_id = (select id from org_node where name = '红棉社区') and exists (select 1 from party_member m where m.org_node_id = n.id)`, []);

  const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'member-viewer', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, myBranch.rowId]);
  viewer = await api.login('member-viewer');
});
afterAll(() => api?.close());

describe('a branch roll', () => {
  it('lists the live members of the branch to its committee admin, with their branch and positions', async () => {
    const roll = await rollOf(myBranch.rowId);
    expect(roll.length).toBeGreaterThan(3);
    const res = await members(admin, myBranch.id, { first: 100 });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const list = res.data.orgNode.members;
    expect(list.totalCount).toBe(roll.length);
    expect(list.edges.map((e: any) => e.node.name)).toEqual(roll.map((m) => m.name));
    expect(list.edges.map((e: any) => e.node.id)).toEqual(roll.map((m) => globalId('PartyMember', m.id)));
    for (const { node } of list.edges) {
      expect(node.branch).toEqual({ id: myBranch.id, name: myBranch.name });
      expect(['MALE', 'FEMALE']).toContain(node.gender);
      expect(['FULL', 'PROBATIONARY']).toContain(node.status);
      if (node.joinedOn != null) expect(node.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // the branch's secretary is on its roll, holding the SECRETARY position in this branch
    const leader = await api.gql(`query($id: ID!) { orgNode(id: $id) { leader { id name positions { role organization { id } } } } }`, { id: myBranch.id }, admin);
    const head = leader.data.orgNode.leader;
    expect(head).not.toBeNull();
    expect(head.positions).toContainEqual({ role: 'SECRETARY', organization: { id: myBranch.id } });
    expect(list.edges.map((e: any) => e.node.id)).toContain(head.id);
  });

  it('lists the same roll to the branch secretary of that branch', async () => {
    const asAdmin = await members(admin, myBranch.id, { first: 100 });
    const asSecretary = await members(secretary, myBranch.id, { first: 100 });
    expect(asSecretary.errors).toBeUndefined();
    expect(asSecretary.data.orgNode.members.totalCount).toBe(asAdmin.data.orgNode.members.totalCount);
    expect(asSecretary.data.orgNode.members.edges.map((e: any) => e.node.id)).toEqual(asAdmin.data.orgNode.members.edges.map((e: any) => e.node.id));
  });

  it('leaves out archived members', async () => {
    const before = await rollOf(myBranch.rowId);
    const gone = before[1];
    await api.sql(`update party_member set archived_at = now() where id = ?`, [gone.id]);
    try {
      const res = await members(admin, myBranch.id, { first: 100 });
      expect(res.data.orgNode.members.totalCount).toBe(before.length - 1);
      expect(res.data.orgNode.members.edges.map((e: any) => e.node.id)).not.toContain(globalId('PartyMember', gone.id));
    } finally {
      await api.sql(`update party_member set archived_at = null where id = ?`, [gone.id]);
    }
  });
});

describe('who may see members', () => {
  it('hides another branch from a branch secretary: the branch, its members and their ids read as absent', async () => {
    const res = await members(secretary, siblingBranch.id, { first: 5 });
    expect(res.errors).toBeUndefined();
    expect(res.data.orgNode).toBeNull();
    const [stranger] = await rollOf(siblingBranch.rowId);
    const byId = await api.gql(NODE, { id: globalId('PartyMember', stranger.id) }, secretary);
    expect(byId.errors).toBeUndefined();
    expect(byId.data.node).toBeNull();
    // the committee admin above both branches does see them
    expect((await api.gql(NODE, { id: globalId('PartyMember', stranger.id) }, admin)).data.node.name).toBe(stranger.name);
  });

  it("hides another community's members from a committee admin, and this community's from theirs", async () => {
    const [foreigner] = await rollOf(foreignBranch.rowId);
    const [local] = await rollOf(myBranch.rowId);
    expect((await members(admin, foreignBranch.id)).data.orgNode).toBeNull();
    expect((await members(otherAdmin, myBranch.id)).data.orgNode).toBeNull();
    const res = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [globalId('PartyMember', foreigner.id), globalId('PartyMember', local.id)] }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([null, { id: globalId('PartyMember', local.id) }]);
    const theirs = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [globalId('PartyMember', foreigner.id), globalId('PartyMember', local.id)] }, otherAdmin);
    expect(theirs.data.nodes).toEqual([{ id: globalId('PartyMember', foreigner.id) }, null]);
  });

  it('shows anonymous callers no members at all, not even the leaders of the public committees', async () => {
    const [local] = await rollOf(myBranch.rowId);
    const res = await members(null, myBranch.id, { first: 5 });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.orgNode).toBeNull();
    expect((await api.gql(NODE, { id: globalId('PartyMember', local.id) })).data.node).toBeNull();
    const [{ id: communityId }] = await api.sql<{ id: number }>(`select community_id as id from org_node where id = ?`, [myBranch.rowId]);
    const committee = await api.gql(`query($id: ID!) { orgNode(id: $id) { name leader { name } } }`, { id: globalId('PartyCommittee', communityId) });
    expect(committee.errors).toBeUndefined();
    expect(committee.data.orgNode.name).toBe('红康社区');
    expect(committee.data.orgNode.leader).toBeNull();
    const signedIn = await api.gql(`query($id: ID!) { orgNode(id: $id) { leader { name } } }`, { id: globalId('PartyCommittee', communityId) }, admin);
    expect(signedIn.data.orgNode.leader?.name).toEqual(expect.any(String));
  });
});

describe('phones', () => {
  it('are masked unless asked for', async () => {
    const roll = await rollOf(myBranch.rowId);
    const res = await members(admin, myBranch.id, { first: 100 });
    const byId = new Map(roll.map((m) => [globalId('PartyMember', m.id), m.phone]));
    let withPhone = 0;
    for (const { node } of res.data.orgNode.members.edges) {
      const stored = byId.get(node.id);
      if (!stored) { expect(node.phone).toBeNull(); continue; }
      withPhone++;
      expect(node.phone).toMatch(MASKED);
      expect(node.full).toBe(node.phone); // reveal not given: false
      expect(node.phone).toBe(`${stored.slice(0, 3)}****${stored.slice(-4)}`);
    }
    expect(withPhone).toBeGreaterThan(0);
  });

  it('are revealed to a committee admin and the branch secretary who ask', async () => {
    const roll = await rollOf(myBranch.rowId);
    const stored = new Map(roll.map((m) => [globalId('PartyMember', m.id), m.phone]));
    for (const token of [admin, secretary]) {
      const res = await members(token, myBranch.id, { first: 100, reveal: true });
      expect(res.errors).toBeUndefined();
      for (const { node } of res.data.orgNode.members.edges) {
        expect(node.full).toBe(stored.get(node.id) ?? null);
        if (node.full) {
          expect(node.full).toMatch(FULL);
          expect(node.phone).toMatch(MASKED);
        }
      }
    }
  });

  it('are refused in full to a read-only role, which still reads the roll masked', async () => {
    const masked = await members(viewer, myBranch.id, { first: 100 });
    expect(masked.errors).toBeUndefined();
    expect(masked.data.orgNode.members.totalCount).toBe((await rollOf(myBranch.rowId)).length);
    expect(masked.data.orgNode.members.edges.every((e: any) => e.node.full == null || MASKED.test(e.node.full))).toBe(true);

    const revealed = await members(viewer, myBranch.id, { first: 3, reveal: true });
    expect(revealed.status).toBe(200);
    expect(revealed.errors?.length).toBeGreaterThan(0);
    expect(revealed.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(revealed.errors![0].message).toContain('无权查看完整手机号');
    expect(revealed.errors![0].path).toEqual(['orgNode', 'members', 'edges', 0, 'node', 'full']);
    const body = JSON.stringify(revealed.data);
    for (const m of await rollOf(myBranch.rowId)) if (m.phone) expect(body).not.toContain(m.phone);
    // the rest of the answer still arrives
    expect(revealed.data.orgNode.members.edges[0].node.phone).toMatch(MASKED);
    expect(revealed.data.orgNode.members.edges[0].node.full).toBeNull();
  });
});

describe('paging', () => {
  it('walks the whole roll page by page without gaps or repeats', async () => {
    const roll = await rollOf(myBranch.rowId);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await members(admin, myBranch.id, { first: 2, after });
      expect(res.errors).toBeUndefined();
      const list = res.data.orgNode.members;
      expect(list.totalCount).toBe(roll.length);
      expect(list.pageInfo.hasPreviousPage).toBe(after != null);
      expect(list.edges.length).toBeLessThanOrEqual(2);
      expect(list.pageInfo.startCursor).toBe(list.edges[0]?.cursor ?? null);
      expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)?.cursor ?? null);
      seen.push(...list.edges.map((e: any) => e.node.id));
      pages++;
      if (!list.pageInfo.hasNextPage) break;
      expect(list.edges).toHaveLength(2);
      after = list.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(roll.length / 2));
    expect(seen).toEqual(roll.map((m) => globalId('PartyMember', m.id)));
  });

  it('answers past the end with an empty page', async () => {
    const first = await members(admin, myBranch.id, { first: 100 });
    const last = first.data.orgNode.members.pageInfo.endCursor;
    const beyond = await members(admin, myBranch.id, { first: 10, after: last });
    expect(beyond.errors).toBeUndefined();
    expect(beyond.data.orgNode.members.edges).toEqual([]);
    expect(beyond.data.orgNode.members.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it('defaults to 20 members a page', async () => {
    const roll = await rollOf(myBranch.rowId);
    const res = await members(admin, myBranch.id);
    expect(res.data.orgNode.members.edges).toHaveLength(Math.min(20, roll.length));
    expect(res.data.orgNode.members.pageInfo.hasNextPage).toBe(roll.length > 20);
  });
});

describe('bad input', () => {
  it.each([0, -1, 101])('refuses first: %d with BAD_USER_INPUT naming the argument', async (first) => {
    const res = await members(admin, myBranch.id, { first });
    expect(res.status).toBe(200);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(res.errors?.[0].message).toContain('`first` must be between 1 and 100');
    expect(res.data.orgNode).toBeNull();
  });

  it('refuses a first that is not an integer as a request error (400), not a server fault', async () => {
    for (const first of ['ten', 2.5, 2 ** 40]) {
      const res = await members(admin, myBranch.id, { first });
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a cursor that is not from this list', async () => {
    for (const after of ['garbage', Buffer.from('o:-5').toString('base64url'), Buffer.from('x:3').toString('base64url'), '']) {
      const res = await members(admin, myBranch.id, { after });
      if (after === '') {
        // an empty cursor means "from the start"
        expect(res.errors).toBeUndefined();
        expect(res.data.orgNode.members.pageInfo.hasPreviousPage).toBe(false);
        continue;
      }
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(res.errors?.[0].message).toBe('`after` is not a cursor from this list.');
    }
  });

  it('reads ids that are malformed, of another type or unknown as absent, never as a fault', async () => {
    const [local] = await rollOf(myBranch.rowId);
    const ids = [
      'garbage',
      '',
      Buffer.from('tx1:PartyMember:abc').toString('base64url'),
      Buffer.from('tx1:PartyMember:-3').toString('base64url'),
      globalId('PartyMember', 999_999_999),
      globalId('NoSuchType', local.id),
      globalId('Branch', myBranch.rowId), // a branch id where a member was meant
    ];
    for (const id of ids) {
      const member = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { name } } }`, { id }, admin);
      expect(member.status).toBe(200);
      expect(member.errors).toBeUndefined();
      if (id === ids.at(-1)) expect(member.data.node).toEqual({});
      else expect(member.data.node).toBeNull();
    }
    // a member id is not a branch id
    const asBranch = await members(admin, globalId('PartyMember', local.id));
    expect(asBranch.errors).toBeUndefined();
    expect(asBranch.data.orgNode).toBeNull();
  });

  it('refuses more than 100 ids in one call', async () => {
    const res = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 101 }, (_, i) => globalId('PartyMember', i + 1)) }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    expect(res.status).toBeLessThan(500);
  });
});

describe('reading members', () => {
  it('lists a roll with branches and positions in a fixed number of statements, however long it is', async () => {
    await api.gql('{ viewer { id } }', {}, admin);
    const one = await api.countStatements(() => members(admin, myBranch.id, { first: 1 }));
    const all = await api.countStatements(() => members(admin, myBranch.id, { first: 100 }));
    expect(all.result.errors).toBeUndefined();
    expect(one.result.data.orgNode.members.edges).toHaveLength(1);
    const roll = all.result.data.orgNode.members.edges.map((e: any) => e.node);
    expect(roll.length).toBeGreaterThan(3);
    expect(roll.some((m: any) => m.positions.length)).toBe(true);
    // the branch, the page, its count, the positions and their org nodes: one statement each, not one per member
    expect(all.statements).toBeLessThanOrEqual(one.statements + 1);
    expect(all.statements).toBeLessThanOrEqual(5);
  });

  it('reads members, positions and households without putting them in the unit of work of the request', async () => {
    const ctx = await api.staffContext('hongkang-admin');
    const node = { id: myBranch.rowId } as OrgNodeEntity;
    const roll = await membersOf(ctx, node, { offset: 0, limit: 100 });
    expect(roll.length).toBeGreaterThan(3);
    expect((await findVisibleMember(ctx, roll[0].id))?.globalId).toBe(globalId('PartyMember', roll[0].id));
    const positions = (await Promise.all(roll.map((m) => positionsOfMember(ctx, m.id)))).flat();
    expect(positions.length).toBeGreaterThan(0);
    expect((await findVisiblePosition(ctx, positions[0].id))?.id).toBe(positions[0].id);
    await positionsInNode(ctx, myBranch.rowId);
    await householdsOf(ctx, node, { offset: 0, limit: 100 });
    const managed = ctx.em.getUnitOfWork().getIdentityMap().values().map((e) => e.constructor.name);
    expect(managed.filter((name) => ['PartyMemberEntity', 'MemberPositionEntity', 'HouseholdEntity'].includes(name))).toEqual([]);
  });
});
