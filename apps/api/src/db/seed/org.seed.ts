import { hashPassword } from '../../modules/access/access.service.js';
import type { DemoMember } from '@tongxin/demo-data';
import { idFor, insertRows, keyMap, reserveIds, type SeedContext } from './util.js';
import { lookupHash, normalizePhone, seal } from '../../modules/privacy/index.js';

/** Streets, communities, branches, building groups, member households, members, positions, accounts (households: household.seed.ts). */
export async function seedOrgChain(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const org = keyMap(ctx, 'org');
  const memberIds = keyMap(ctx, 'member');

  type NodeRow = { id: number; parent_id: number | null; community_id: number | null; level: string; branch_kind: string | null; name: string; path: string; depth: number; brand: string | null; address: string | null; buildings: string[] };
  const nodes: NodeRow[] = [];
  const pending: { key: string; build: (id: number) => NodeRow }[] = [];
  // count nodes first so all ids come from one statement
  let nodeCount = 0;
  for (const street of dataset.streets) {
    nodeCount++;
    for (const c of street.communities) {
      nodeCount++;
      for (const b of c.branches) {
        nodeCount++;
        for (const g of b.buildingGroups) nodeCount += 1 + g.memberHouseholds.length;
      }
    }
  }
  const ids = await reserveIds(em, 'org_node', nodeCount);
  let next = 0;
  const add = (key: string, parent: NodeRow | null, row: Omit<NodeRow, 'id' | 'parent_id' | 'path' | 'depth' | 'community_id'> & { community_id?: number | null }) => {
    const id = ids[next++];
    if (org.has(key)) throw new Error(`demo data: duplicate org key ${key}`);
    org.set(key, id);
    const node: NodeRow = {
      ...row,
      id,
      parent_id: parent?.id ?? null,
      community_id: row.community_id !== undefined ? row.community_id : parent?.community_id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    };
    nodes.push(node);
    return node;
  };
  void pending;

  type MemberRow = { id?: number; community_id: number | null; org_node_id: number; name: string; gender: string; joined_on: string; status: string; phone_sealed: Buffer; phone_hash: Buffer };
  const memberRows: { key: string; row: MemberRow }[] = [];
  const positions: { memberKey: string; orgNodeId: number; communityId: number | null; role: string }[] = [];
  const addMembers = (members: DemoMember[], node: NodeRow) => {
    for (const m of members) {
      memberRows.push({ key: m.key, row: { community_id: node.community_id, org_node_id: node.id, name: m.name, gender: m.gender, joined_on: m.joinedOn, status: m.status, phone_sealed: seal(m.phone), phone_hash: lookupHash('phone', normalizePhone(m.phone)) } });
      for (const role of m.positions) {
        if (role === 'SECRETARY' || role === 'DEPUTY_SECRETARY' || role === 'COMMITTEE_MEMBER') positions.push({ memberKey: m.key, orgNodeId: node.id, communityId: node.community_id, role });
      }
    }
  };

  for (const street of dataset.streets) {
    const s = add(street.key, null, { level: 'STREET', branch_kind: null, name: street.name, brand: null, address: `${street.city}${street.district}`, buildings: [], community_id: null });
    for (const community of street.communities) {
      const cid = ids[next];
      const c = add(community.key, s, { level: 'COMMUNITY', branch_kind: null, name: community.name, brand: community.brand ?? null, address: community.address, buildings: [], community_id: cid });
      addMembers(community.committeeMembers, c);
      for (const branch of community.branches) {
        const b = add(branch.key, c, { level: 'BRANCH', branch_kind: branch.kind, name: branch.name, brand: null, address: null, buildings: [] });
        addMembers(branch.members, b);
        if (!branch.members.some((m) => m.key === branch.secretaryKey && m.positions.includes('SECRETARY'))) {
          positions.push({ memberKey: branch.secretaryKey, orgNodeId: b.id, communityId: b.community_id, role: 'SECRETARY' });
        }
        for (const group of branch.buildingGroups) {
          const g = add(group.key, b, { level: 'BUILDING_GROUP', branch_kind: null, name: group.name, brand: null, address: null, buildings: group.buildings });
          positions.push({ memberKey: group.headKey, orgNodeId: g.id, communityId: g.community_id, role: 'BUILDING_HEAD' });
          for (const mh of group.memberHouseholds) {
            const h = add(mh.key, g, { level: 'MEMBER_HOUSEHOLD', branch_kind: null, name: mh.name, brand: null, address: `${mh.address.compound}${mh.address.building}${mh.address.unit}${mh.address.room}`, buildings: [] });
            positions.push({ memberKey: mh.headKey, orgNodeId: h.id, communityId: h.community_id, role: 'HOUSEHOLD_HEAD' });
          }
        }
      }
    }
  }
  await insertRows(em, 'org_node', nodes);

  const mids = await reserveIds(em, 'party_member', memberRows.length);
  memberRows.forEach((m, i) => {
    m.row.id = mids[i];
    if (memberIds.has(m.key)) throw new Error(`demo data: duplicate member key ${m.key}`);
    memberIds.set(m.key, mids[i]);
  });
  await insertRows(em, 'party_member', memberRows.map((m) => m.row));
  await insertRows(em, 'member_position', positions.map((p) => ({ member_id: idFor(ctx, 'member', p.memberKey), org_node_id: p.orgNodeId, community_id: p.communityId, role: p.role })));

  const accounts = [];
  for (const account of dataset.accounts) {
    accounts.push({ username: account.username, password_hash: await hashPassword(account.password), display_name: account.displayName });
  }
  await insertRows(em, 'account', accounts);
  const accountRows = await em.getConnection().execute<{ id: number; username: string }[]>('select id, username from account', [], 'all', em.getTransactionContext());
  const accountId = new Map(accountRows.map((a) => [a.username, a.id]));
  await insertRows(em, 'access_grant', dataset.accounts.map((a) => ({ account_id: accountId.get(a.username), org_node_id: idFor(ctx, 'org', a.scopeKey), role: a.role })));

  Object.assign(ctx.counts, { orgNodes: nodes.length, members: memberRows.length, accounts: accounts.length });
}
