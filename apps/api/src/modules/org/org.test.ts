import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string; // hongkang-admin: COMMITTEE_ADMIN of 红康社区

const NODE = `id name level ... on Branch { kind } stats { memberCount householdCount childCount } parent { id name }`;

async function findNode(name: string, token = admin) {
  const res = await api.gql(`query($q: String!) { orgSearch(query: $q, first: 5) { edges { node { ${NODE} } } } }`, { q: name }, token);
  const node = res.data.orgSearch.edges.map((e: any) => e.node).find((n: any) => n.name === name);
  if (!node) throw new Error(`no node named ${name}: ${JSON.stringify(res)}`);
  return node;
}

async function children(id: string, token = admin) {
  const res = await api.gql(`query($id: ID!) { orgNode(id: $id) { children(first: 100) { totalCount edges { node { ${NODE} } } } } }`, { id }, token);
  return res.data.orgNode.children;
}

const CREATE = `mutation($input: OrgNodeCreateInput!) { orgNodeCreate(input: $input) { node { ${NODE} } userErrors { field message code } } }`;
const MOVE = `mutation($input: OrgNodeMoveInput!) { orgNodeMove(input: $input) { node { ${NODE} ancestors { name } } userErrors { field message code } } }`;
const ARCHIVE = `mutation($input: OrgNodeArchiveInput!) { orgNodeArchive(input: $input) { node { id archived } userErrors { field message code } } }`;

beforeAll(async () => {
  // the nested-batching test below asks for far more than the admin site ever does: no staff price cap here
  api = await startTestApi({ STAFF_COST_MAX_PER_REQUEST: '1000000000' });
  admin = await api.login('hongkang-admin');
});
afterAll(() => api?.close());

describe('the org chain', () => {
  it('rolls members and households up the whole subtree', async () => {
    const hongkang = await findNode('红康社区');
    expect(hongkang.level).toBe('COMMUNITY');
    expect(hongkang.stats.memberCount).toBe(429);
    const branches = await children(hongkang.id);
    expect(branches.totalCount).toBe(10);
    const committeeOwn = await api.sql<{ count: string }>(`select count(*) from party_member m join org_node n on n.id = m.org_node_id where n.name = '红康社区' and m.archived_at is null`);
    const sumBranches = branches.edges.reduce((s: number, e: any) => s + e.node.stats.memberCount, 0);
    expect(sumBranches + Number(committeeOwn[0].count)).toBe(429);
    const households = await api.sql<{ count: string }>(`select count(*) from household h where h.community_id = (select id from org_node where name = '红康社区')`);
    expect(hongkang.stats.householdCount).toBe(Number(households[0].count));
    expect(hongkang.stats.householdCount).toBeGreaterThan(0);
  });

  it('refuses nodes that break the chain, with the rule in the error', async () => {
    const hongkang = await findNode('红康社区');
    const street = hongkang.parent;
    const underStreet = await api.gql(CREATE, { input: { parentId: hongkang.id, level: 'BUILDING_GROUP', name: '错层小组' } }, admin);
    expect(underStreet.data.orgNodeCreate.node).toBeNull();
    expect(underStreet.data.orgNodeCreate.userErrors[0]).toMatchObject({ code: 'INVALID_PARENT', field: ['input', 'parentId'] });

    const noKind = await api.gql(CREATE, { input: { parentId: hongkang.id, level: 'BRANCH', name: '新党支部' } }, admin);
    expect(noKind.data.orgNodeCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'branchKind'] });

    const blank = await api.gql(CREATE, { input: { parentId: hongkang.id, level: 'BRANCH', branchKind: 'GRID', name: '   ' } }, admin);
    expect(blank.data.orgNodeCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'name'] });

    // the admin's grant is the community: the street above it is outside their scope
    const outside = await api.gql(CREATE, { input: { parentId: street.id, level: 'COMMUNITY', name: '新社区' } }, admin);
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(outside.data?.orgNodeCreate ?? null).toBeNull();
  });

  it('creates a branch, a building group and a member household down the chain', async () => {
    const hongkang = await findNode('红康社区');
    const branch = (await api.gql(CREATE, { input: { parentId: hongkang.id, level: 'BRANCH', branchKind: 'RESIDENTIAL', name: '测试居民区党支部' } }, admin)).data.orgNodeCreate;
    expect(branch.userErrors).toEqual([]);
    expect(branch.node).toMatchObject({ level: 'BRANCH', kind: 'RESIDENTIAL', parent: { id: hongkang.id } });
    const group = (await api.gql(CREATE, { input: { parentId: branch.node.id, level: 'BUILDING_GROUP', name: '测试3栋党小组', buildings: ['测试小区3栋'] } }, admin)).data.orgNodeCreate;
    expect(group.userErrors).toEqual([]);
    const household = (await api.gql(CREATE, { input: { parentId: group.node.id, level: 'MEMBER_HOUSEHOLD', name: '测试党员中心户' } }, admin)).data.orgNodeCreate;
    expect(household.userErrors).toEqual([]);
    const after = await findNode('红康社区');
    expect(after.stats.childCount).toBe(hongkang.stats.childCount + 1);
    // archiving refuses a node with live children, then works bottom-up
    const refused = (await api.gql(ARCHIVE, { input: { id: branch.node.id } }, admin)).data.orgNodeArchive;
    expect(refused.userErrors[0]).toMatchObject({ code: 'HAS_CHILDREN' });
    expect(refused.userErrors[0].message).toContain('1 个下级组织');
    for (const id of [household.node.id, group.node.id, branch.node.id]) {
      const done = (await api.gql(ARCHIVE, { input: { id } }, admin)).data.orgNodeArchive;
      expect(done.userErrors).toEqual([]);
      expect(done.node.archived).toBe(true);
    }
    expect((await findNode('红康社区')).stats.childCount).toBe(hongkang.stats.childCount);
  });

  it('refuses to archive a member household that still looks after households', async () => {
    const [{ id }] = await api.sql<{ id: number }>(`select n.id from org_node n where n.level = 'MEMBER_HOUSEHOLD' and n.community_id = (select id from org_node where name = '红康社区')
      and exists (select 1 from household h where h.org_node_id = n.id) limit 1`);
    const res = (await api.gql(ARCHIVE, { input: { id: globalId('MemberHousehold', id) } }, admin)).data.orgNodeArchive;
    expect(res.node).toBeNull();
    expect(res.userErrors[0]).toMatchObject({ code: 'HAS_CHILDREN', field: ['input', 'id'] });
    expect(res.userErrors[0].message).toMatch(/还联系着 \d+ 户居民/);
  });

  it('refuses to archive a branch that still has members', async () => {
    const hongkang = await findNode('红康社区');
    const branch = (await children(hongkang.id)).edges[0].node;
    const groups = await children(branch.id);
    // move the branch's groups away first, so only the members hold it
    const res = (await api.gql(ARCHIVE, { input: { id: branch.id } }, admin)).data.orgNodeArchive;
    expect(res.userErrors[0].code).toBe('HAS_CHILDREN');
    expect(groups.totalCount + branch.stats.memberCount).toBeGreaterThan(0);
  });

  it('moves a building group to another branch, carrying its subtree and counts', async () => {
    const hongkang = await findNode('红康社区');
    const [from, to] = (await children(hongkang.id)).edges.map((e: any) => e.node).filter((b: any) => b.stats.childCount > 0);
    const group = (await children(from.id)).edges[0].node;
    const res = (await api.gql(MOVE, { input: { id: group.id, parentId: to.id } }, admin)).data.orgNodeMove;
    expect(res.userErrors).toEqual([]);
    expect(res.node.parent.id).toBe(to.id);
    expect(res.node.ancestors.map((a: any) => a.name)).toEqual([hongkang.parent.name, '红康社区', to.name]);
    const [fromAfter, toAfter] = [await findNode(from.name), await findNode(to.name)];
    expect(fromAfter.stats.householdCount).toBe(from.stats.householdCount - group.stats.householdCount);
    expect(toAfter.stats.householdCount).toBe(to.stats.householdCount + group.stats.householdCount);
    // every path in the database still matches its parent's
    const broken = await api.sql(`select c.id from org_node c join org_node p on p.id = c.parent_id where c.path <> p.path || c.id || '/' or c.depth <> p.depth + 1`);
    expect(broken).toEqual([]);
  });

  it('never makes a cycle, and the chain rules hold on moves', async () => {
    const hongkang = await findNode('红康社区');
    const branch = (await children(hongkang.id)).edges.find((e: any) => e.node.stats.childCount > 0).node;
    const cycle = (await api.gql(MOVE, { input: { id: hongkang.id, parentId: branch.id } }, admin)).data.orgNodeMove;
    // the admin cannot write the street, but moving under its own branch is refused as a cycle first
    expect(cycle.userErrors[0]).toMatchObject({ code: 'CYCLE', field: ['input', 'parentId'] });
    const group = (await children(branch.id)).edges[0].node;
    const wrongLevel = (await api.gql(MOVE, { input: { id: group.id, parentId: hongkang.id } }, admin)).data.orgNodeMove;
    expect(wrongLevel.userErrors[0].code).toBe('INVALID_PARENT');
  });

  it('keeps the tree whole under concurrent crossing moves', async () => {
    const hongkang = await findNode('红康社区');
    const branches = (await children(hongkang.id)).edges.map((e: any) => e.node).filter((b: any) => b.stats.childCount > 0).slice(0, 2);
    const groupsA = (await children(branches[0].id)).edges.map((e: any) => e.node.id);
    const groupsB = (await children(branches[1].id)).edges.map((e: any) => e.node.id);
    const moves = [...groupsA.map((id: string) => ({ id, parentId: branches[1].id })), ...groupsB.map((id: string) => ({ id, parentId: branches[0].id }))];
    const results = await Promise.all(moves.map((input) => api.gql(MOVE, { input }, admin)));
    expect(results.every((r) => r.data.orgNodeMove.userErrors.length === 0)).toBe(true);
    const broken = await api.sql(`select c.id from org_node c join org_node p on p.id = c.parent_id where c.path <> p.path || c.id || '/'`);
    expect(broken).toEqual([]);
    const total = await findNode('红康社区');
    expect(total.stats.memberCount).toBe(429);
  });

  it('pages children with cursors and caps page size at 100', async () => {
    const hongkang = await findNode('红康社区');
    const q = `query($id: ID!, $after: String, $first: Int) { orgNode(id: $id) { children(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } }`;
    const page1 = (await api.gql(q, { id: hongkang.id, first: 4 }, admin)).data.orgNode.children;
    const page2 = (await api.gql(q, { id: hongkang.id, first: 4, after: page1.pageInfo.endCursor }, admin)).data.orgNode.children;
    const page3 = (await api.gql(q, { id: hongkang.id, first: 4, after: page2.pageInfo.endCursor }, admin)).data.orgNode.children;
    const names = [...page1.edges, ...page2.edges, ...page3.edges].map((e: any) => e.node.name);
    expect(new Set(names).size).toBe(page1.totalCount);
    expect(page2.pageInfo.hasNextPage).toBe(true);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const tooMany = await api.gql(q, { id: hongkang.id, first: 101 }, admin);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0].message).toContain('between 1 and 100');
  });
});

describe('moving between communities', () => {
  it('carries the tenant key of members, households and activities along with a branch', async () => {
    // a street-level grant covers both communities
    await api.sql(`insert into access_grant (account_id, org_node_id, role)
      select a.id, n.parent_id, 'COMMITTEE_ADMIN' from account a, org_node n where a.username = 'ximen-admin' and n.name = '西门社区'`);
    const streetAdmin = await api.login('ximen-admin');
    const streetId = (await findNode('西门社区', streetAdmin)).parent.id; // 潭城街道: 西门, 中南, 七贤
    const street = await api.gql(`query($id: ID!) { orgNode(id: $id) { children(first: 100) { edges { node { id name stats { memberCount } } } } } }`, { id: streetId }, streetAdmin);
    const [from, to] = street.data.orgNode.children.edges.map((e: any) => e.node);
    const branch = (await children(from.id, streetAdmin)).edges[0].node;
    const moved = (await api.gql(MOVE, { input: { id: branch.id, parentId: to.id } }, streetAdmin)).data.orgNodeMove;
    expect(moved.userErrors).toEqual([]);
    const [{ id: toRow }] = await api.sql<{ id: number }>(`select id from org_node where name = ?`, [to.name]);
    const stale = await api.sql(`
      select 'member' from party_member m join org_node n on n.id = m.org_node_id where n.community_id = ? and m.community_id <> ?
      union all select 'household' from household h join org_node n on n.id = h.org_node_id where n.community_id = ? and h.community_id <> ?
      union all select 'activity' from activity a join org_node n on n.id = a.organizer_id where n.community_id = ? and a.community_id <> ?
      union all select 'node' from org_node n where n.path like (select path from org_node where id = ?) || '%' and n.community_id <> ?`,
      [toRow, toRow, toRow, toRow, toRow, toRow, toRow, toRow]);
    expect(stale).toEqual([]);
    expect((await findNode(to.name, streetAdmin)).stats.memberCount).toBe(to.stats.memberCount + branch.stats.memberCount);
  });
});

describe('batched loading', () => {
  const NESTED = `query($id: ID!) { orgNode(id: $id) { name stats { memberCount householdCount }
      children(first: 100) { totalCount edges { node { name stats { memberCount } leader { name }
        children(first: 100) { edges { node { name stats { memberCount householdCount }
          children(first: 100) { edges { node { name leader { name } ... on MemberHousehold { households(first: 20) { totalCount edges { node { address } } } } } } } } } } } } } } }`;

  it('runs a 4-level nested query in a number of statements bounded by the levels, not the rows', async () => {
    const hongkang = await findNode('红康社区');
    const small = await findNode('振兴社区');
    const admin2 = await api.login('zhenxing-admin');
    // first use of a fresh session records last_used_at; get that out of the way
    await Promise.all([api.gql('{ viewer { id } }', {}, admin), api.gql('{ viewer { id } }', {}, admin2)]);
    const big = await api.countStatements(() => api.gql(NESTED, { id: hongkang.id }, admin));
    const little = await api.countStatements(() => api.gql(NESTED, { id: small.id }, admin2));
    expect(big.result.errors).toBeUndefined();
    const households = big.result.data.orgNode.children.edges.flatMap((b: any) => b.node.children.edges.flatMap((g: any) => g.node.children.edges));
    expect(households.length).toBeGreaterThan(20); // many rows at the bottom level...
    // ...yet the same statements as a community a fraction of the size, and few of them
    expect(big.statements).toBe(little.statements);
    // 2 to authenticate, 1 for the root, then at most 4 batched loaders per level (children, counts, stats, leaders)
    expect(big.statements).toBeLessThanOrEqual(2 + 1 + 4 * 4);
  });

  it('fetches a tree of children in one statement, the same pages as level by level, paged windows included', async () => {
    const hongkang = await findNode('红康社区');
    const level = (first: number, inner: string) => `children(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name ${inner} } } }`;
    const TREE = `query($id: ID!) { orgNode(id: $id) { ${level(3, level(2, level(100, level(1, ''))))} } }`;
    await api.gql('{ viewer { id } }', {}, admin);
    const tree = await api.countStatements(() => api.gql(TREE, { id: hongkang.id }, admin));
    expect(tree.result.errors).toBeUndefined();
    const childrenStatements = tree.sql.filter((text) => /from org_node n/.test(text) && !/count\(\*\)/.test(text));
    expect(childrenStatements).toHaveLength(1);

    // the same tree, one level per request
    async function byLevel(id: string, firsts: number[]): Promise<unknown> {
      const res = await api.gql(`query($id: ID!) { orgNode(id: $id) { ${level(firsts[0], '')} } }`, { id }, admin);
      const conn = res.data.orgNode.children;
      for (const edge of conn.edges) {
        if (firsts.length > 1) edge.node.children = await byLevel(edge.node.id, firsts.slice(1));
      }
      return conn;
    }
    expect(tree.result.data.orgNode.children).toEqual(await byLevel(hongkang.id, [3, 2, 100, 1]));
    const leaves = tree.result.data.orgNode.children.edges.flatMap((b: any) => b.node.children.edges.flatMap((g: any) => g.node.children.edges));
    expect(leaves.length).toBeGreaterThan(3);
    expect(tree.result.data.orgNode.children.pageInfo.hasNextPage).toBe(true);
  });

  it('pages a nested level after a cursor exactly as a single level does', async () => {
    const hongkang = await findNode('红康社区');
    const first = await api.gql(`query($id: ID!) { orgNode(id: $id) { children(first: 2) { pageInfo { endCursor } } } }`, { id: hongkang.id }, admin);
    const after = first.data.orgNode.children.pageInfo.endCursor;
    const nested = await api.gql(`query($id: ID!, $after: String) { orgNode(id: $id) { children(first: 1) { edges { node { id
      children(first: 2, after: $after) { edges { node { name } } } } } } } }`, { id: hongkang.id, after }, admin);
    const branch = nested.data.orgNode.children.edges[0].node;
    const single = await api.gql(`query($id: ID!, $after: String) { orgNode(id: $id) { children(first: 2, after: $after) { edges { node { name } } } } }`, { id: branch.id, after }, admin);
    expect(branch.children).toEqual(single.data.orgNode.children);
  });

  it("adds every module's counts to the stats of a batch of nodes in one statement", async () => {
    const hongkang = await findNode('红康社区');
    const q = (fields: string) => `query($id: ID!) { orgNode(id: $id) { children(first: 100) { edges { node { name ${fields} } } } } }`;
    await api.gql('{ viewer { id } }', {}, admin);
    const plain = await api.countStatements(() => api.gql(q(''), { id: hongkang.id }, admin));
    const all = await api.countStatements(() => api.gql(q('stats { memberCount householdCount childCount descendantCount activitiesThisMonth }'), { id: hongkang.id }, admin));
    expect(all.result.errors).toBeUndefined();
    expect(all.result.data.orgNode.children.edges.length).toBe(10);
    expect(all.statements).toBe(plain.statements + 1);
    // the kept counts come from the counter table, not from the counted tables
    const stats = all.sql.find((text) => text.includes('org_rollup'))!;
    for (const field of ['memberCount', 'householdCount', 'activitiesThisMonth']) expect(stats).toContain(`'${field}'`);
    for (const table of ['party_member', 'household', 'activity']) expect(stats).not.toMatch(new RegExp(`\\b${table}\\b`));
  });
});
