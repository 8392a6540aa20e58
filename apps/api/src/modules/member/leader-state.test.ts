import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string; // hongkang-admin: COMMITTEE_ADMIN of 红康社区
let secretary: string; // hongkang-branch1: BRANCH_SECRETARY of one 红康 branch
let community: { id: string; rowId: number };
let ownBranch: { id: string; rowId: number };

const LEADER = `query($id: ID!) { orgNode(id: $id) { id leaderState leader { id name } } }`;

async function leaderOf(token: string, id: string) {
  const res = await api.gql<{ orgNode: { leaderState: string; leader: { name: string } | null } | null }>(LEADER, { id }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.orgNode!;
}

beforeAll(async () => {
  api = await startTestApi();
  [admin, secretary] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1')]);
  const [c] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  community = { id: globalId('PartyCommittee', c.id), rowId: c.id };
  const [b] = await api.sql<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  ownBranch = { id: globalId('Branch', b.id), rowId: b.id };
});
afterAll(() => api?.close());

describe('OrgNode.leaderState', () => {
  it('says a secretary the viewer may not see is hidden, not missing', async () => {
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from member_position where org_node_id = ? and role = 'SECRETARY' and until is null`, [community.rowId]);
    expect(Number(count)).toBe(1);
    const seenByAdmin = await leaderOf(admin, community.id);
    expect(seenByAdmin.leaderState).toBe('SET');
    expect(seenByAdmin.leader?.name).toBeTruthy();

    const seenBySecretary = await leaderOf(secretary, community.id);
    expect(seenBySecretary.leader).toBeNull();
    expect(seenBySecretary.leaderState).toBe('HIDDEN');
  });

  it('shows the secretary their own branch leader, and NOT_SET once nobody holds the position', async () => {
    const own = await leaderOf(secretary, ownBranch.id);
    expect(own.leaderState).toBe('SET');
    await api.sql(`update member_position set until = current_date where org_node_id = ? and role = 'SECRETARY' and until is null`, [ownBranch.rowId]);
    try {
      const after = await leaderOf(secretary, ownBranch.id);
      expect(after).toMatchObject({ leaderState: 'NOT_SET', leader: null });
      expect((await leaderOf(admin, ownBranch.id)).leaderState).toBe('NOT_SET');
    } finally {
      await api.sql(`update member_position set until = null where org_node_id = ? and role = 'SECRETARY' and until = current_date`, [ownBranch.rowId]);
    }
  });
});
