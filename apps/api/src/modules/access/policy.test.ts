import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { createContext } from '../../app/context.js';
import { nodeTypeNames } from '../../graphql/node.registry.js';
import { Access, GrantRole, type Principal } from './access.scope.js';
import { definePolicy, inSubtree, policyOf, policyTypes, rule, type Policy } from './policy.js';
import { actionsOf, checkPolicy, type Disagreement } from './policy.check.js';
import { OrgNodeEntity } from '../org/index.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.close(); });

interface Caller { name: string; principal: Principal }

/** Every demo staff account as it signs in, plus roles the demo lacks, partners with several scopes, and anonymous. */
async function callers(): Promise<Caller[]> {
  const list: Caller[] = [{ name: 'anonymous', principal: { kind: 'anonymous' } }];
  const grants = await api.sql<{ account_id: number; username: string; id: number; org_node_id: number; role: GrantRole; path: string; community_id: number | null }>(
    `select a.id as account_id, a.username, g.id, g.org_node_id, g.role, n.path, n.community_id
     from account a join access_grant g on g.account_id = a.id join org_node n on n.id = g.org_node_id
     where n.archived_at is null order by a.id, g.id`);
  const byAccount = new Map<number, Caller>();
  for (const g of grants) {
    let caller = byAccount.get(g.account_id);
    if (!caller) {
      caller = { name: g.username, principal: { kind: 'staff', accountId: g.account_id, sessionId: 0, grants: [] } };
      byAccount.set(g.account_id, caller);
      list.push(caller);
    }
    (caller.principal as Extract<Principal, { kind: 'staff' }>).grants.push({ grantId: g.id, nodeId: g.org_node_id, role: g.role, path: g.path, communityId: g.community_id });
  }
  expect(byAccount.size).toBeGreaterThanOrEqual(4);
  // roles and levels the demo accounts do not have: a grid worker and a viewer on a branch, a street admin
  const [branch] = await api.sql<{ id: number; path: string; community_id: number }>(`select id, path, community_id from org_node where level = 'BRANCH' and archived_at is null order by id limit 1`);
  const [street] = await api.sql<{ id: number; path: string }>(`select id, path from org_node where level = 'STREET' order by id limit 1`);
  for (const role of [GrantRole.GRID_WORKER, GrantRole.VIEWER]) {
    list.push({ name: `${role} on a branch`, principal: { kind: 'staff', accountId: -1, sessionId: 0, grants: [{ grantId: -1, nodeId: branch.id, role, path: branch.path, communityId: branch.community_id }] } });
  }
  list.push({ name: 'street admin', principal: { kind: 'staff', accountId: -2, sessionId: 0, grants: [{ grantId: -2, nodeId: street.id, role: GrantRole.COMMITTEE_ADMIN, path: street.path, communityId: null }] } });
  // partner tokens of units that co-host activities, field volunteers and sign agreements, with and without scopes
  // units that co-host activities or field volunteers there, and units of communities where other units field volunteers too
  const units = await api.sql<{ unit_id: number; community_id: number }>(
    `(select distinct uc.unit_id, uc.community_id from unit_community uc
      where exists (select 1 from activity_co_host h join activity a on a.id = h.activity_id where h.unit_id = uc.unit_id and a.community_id = uc.community_id)
         or exists (select 1 from volunteer v where v.unit_id = uc.unit_id and v.community_id = uc.community_id)
      order by uc.unit_id, uc.community_id limit 3)
     union
     (select uc.unit_id, uc.community_id from unit_community uc
      where exists (select 1 from volunteer v where v.community_id = uc.community_id and v.unit_id is not null and v.unit_id <> uc.unit_id)
      order by uc.unit_id, uc.community_id limit 2)`);
  expect(units.length).toBeGreaterThan(0);
  const scopeSets = [['public:read'], ['public:read', 'unit:read'], ['public:read', 'activities:write'], ['public:read', 'unit:read', 'activities:write', 'demands:write'], ['public:read', 'demands:read', 'demands:write']];
  for (const u of units) {
    for (const scopes of scopeSets) {
      list.push({ name: `partner ${u.unit_id}@${u.community_id} [${scopes.join(' ')}]`, principal: { kind: 'partner', tokenId: 0, unitId: u.unit_id, communityId: u.community_id, scopes } });
    }
  }
  return list;
}

describe('the access policy', () => {
  it('covers every type reachable through node(id)', () => {
    const missing = nodeTypeNames().filter((type) => !policyOf(type));
    expect(nodeTypeNames().length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('decides the same in JS on a loaded row as in SQL, for every policy, action and caller', async () => {
    const found: (Disagreement & { caller: string })[] = [];
    let checks = 0;
    for (const caller of await callers()) {
      for (const type of policyTypes()) {
        for (const action of actionsOf(policyOf(type)!)) {
          // a fresh request per check, as the API makes one per request
          const ctx = createContext(api.orm.em, api.config, new Access(caller.principal));
          const disagreement = await checkPolicy(ctx, type, action);
          checks++;
          if (disagreement) found.push({ caller: caller.name, ...disagreement });
        }
      }
    }
    expect(checks).toBeGreaterThan(200);
    expect(found).toEqual([]);
  }, 300_000);

  it('reports a policy whose JS decision and SQL condition disagree', async () => {
    // deliberately broken: JS says "grants over the node", SQL forgets the committees' public rows and adds all members' homes
    const broken: Policy<OrgNodeEntity> = {
      type: 'BrokenBranch',
      table: 'org_node',
      entity: OrgNodeEntity,
      rowsOf: (t) => `${t}.level in ('BRANCH', 'MEMBER_HOUSEHOLD')`,
      read: rule(
        (ctx, n) => ctx.access.canRead(n.path),
        (ctx, t) => ({ sql: `(${inSubtree(ctx.access, `${t}.path`).sql} or ${t}.level = 'MEMBER_HOUSEHOLD')`, params: inSubtree(ctx.access, `${t}.path`).params }),
      ),
    };
    const [admin] = (await callers()).filter((c) => c.name === 'hongkang-admin');
    const ctx = createContext(api.orm.em, api.config, new Access(admin.principal));
    const disagreement = await checkPolicy(ctx, 'BrokenBranch', 'read', broken);
    expect(disagreement?.onlySql.length).toBeGreaterThan(0);
    expect(disagreement?.onlyJs).toEqual([]);
    // the same policy with its SQL fixed agrees
    const fixed = { ...broken, read: rule<OrgNodeEntity>(broken.read.check, (c, t) => inSubtree(c.access, `${t}.path`)) };
    expect(await checkPolicy(ctx, 'BrokenBranch', 'read', fixed)).toBeNull();
  });

  it('refuses to define a type twice and denies types without a policy', async () => {
    expect(() => definePolicy({ ...policyOf('Activity')! })).toThrow(/defined twice/);
    const { can, condition } = await import('./policy.js');
    const ctx = createContext(api.orm.em, api.config, Access.anonymous());
    expect(await can(ctx, 'read', 'NoSuchType', { id: 1 })).toBe(false);
    expect(condition(ctx, 'read', 'NoSuchType', 't').sql).toBe('false');
  });
});
