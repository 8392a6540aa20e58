/**
 * Access policies of the org chain's types. Party committees (street and community) are public bodies: anyone
 * reads them. Branches, building groups and member households need a grant on or above them. Changing a node
 * needs a writing role (committee admin, branch secretary) on or above it. Partners reach no org node through
 * their unit (they read the public committees like everyone else).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { and, assertCan, can, condition, definePolicy, everyone, inSubtree, nodeInSubtree, or, rule, type Condition, type Rule } from '../access/index.js';
import { WRITE_ROLES, type GrantRole } from '../access/index.js';
import { loadNode } from './org.service.js';
import { ORG_TYPE_NAME, OrgLevel, OrgNodeEntity, PUBLIC_LEVELS } from './org.entity.js';

const LEVELS_OF: Record<string, OrgLevel[]> = {};
for (const [level, type] of Object.entries(ORG_TYPE_NAME)) (LEVELS_OF[type] ??= []).push(level as OrgLevel);

const inScope = rule<OrgNodeEntity>((ctx, n) => ctx.access.canRead(n.path), (ctx, t) => inSubtree(ctx.access, `${t}.path`));
const writable = rule<OrgNodeEntity>((ctx, n) => ctx.access.canWrite(n.path), (ctx, t) => inSubtree(ctx.access, `${t}.path`, WRITE_ROLES));

for (const [type, levels] of Object.entries(LEVELS_OF)) {
  definePolicy<OrgNodeEntity>({
    type,
    table: 'org_node',
    entity: OrgNodeEntity,
    rowsOf: (t) => `${t}.level in (${levels.map((l) => `'${l}'`).join(', ')})`,
    read: levels.every((l) => PUBLIC_LEVELS.includes(l)) ? everyone() : inScope,
    write: writable,
  });
}

/** The GraphQL type of a node. */
export const orgTypeOf = (node: OrgNodeEntity) => ORG_TYPE_NAME[node.level];

/** May the caller see this node at all? */
export function canSeeNode(ctx: Context, node: OrgNodeEntity): Promise<boolean> {
  return can(ctx, 'read', orgTypeOf(node), node);
}

/** SQL "org_node row `alias` (of any level) is visible to the caller", from the policies of the org types. */
export function nodeReadCondition(ctx: Context, alias: string): Condition {
  return or(...Object.entries(LEVELS_OF).map(([type, levels]) => and(
    { sql: `${alias}.level in (${levels.map((l) => `'${l}'`).join(', ')})`, params: [] },
    condition(ctx, 'read', type, alias),
  )));
}


/**
 * A community committee for a write about it (its volunteers, venues, agreements ...): NOT_FOUND on `field`
 * when there is no such community, FORBIDDEN unless the caller may change it, ARCHIVED when it is archived.
 * Inside a transaction pass its EntityManager.
 */
export async function communityForWrite(ctx: Context, id: number | null, field: string[], options: { em?: EntityManager; notFound?: string } = {}): Promise<OrgNodeEntity> {
  const node = id == null ? null : await (options.em ?? ctx.em).findOne(OrgNodeEntity, { id });
  if (!node || node.level !== OrgLevel.COMMUNITY) fail(UserErrorCode.NOT_FOUND, options.notFound ?? '找不到该社区', field);
  ctx.access.requireStaff();
  await assertCan(ctx, 'write', 'PartyCommittee', node);
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档，不能修改`, field);
  return node;
}

/**
 * A rule for rows that hang under an org node (members, households, activities by organiser, rows of a
 * community): allowed when one of the caller's grants (of `roles`, if given) covers that node.
 * `nodeIdOf` gives the node's id on a loaded row, `nodeIdSql` the same as SQL on the row's alias.
 */
export function underNode<T>(nodeIdOf: (ctx: Context, row: T) => number | null | Promise<number | null>, nodeIdSql: (alias: string) => string, roles?: GrantRole[]): Rule<T> {
  return rule<T>(
    async (ctx, row) => {
      if (!ctx.access.isStaff) return false;
      const id = await nodeIdOf(ctx, row);
      const node = id == null ? null : await loadNode(ctx, id);
      return node != null && ctx.access.grantsCovering(node.path, roles).length > 0;
    },
    (ctx, t) => nodeInSubtree(ctx.access, nodeIdSql(t), roles),
  );
}
