import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { type Page } from '../../graphql/relay.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { likeEscape, sql } from '../../db/sql.js';
import { readSql } from '../../db/replicas.js';
import { fromRows } from '../../db/rows.js';
import { validSearch, validText } from '../../graphql/validate.js';
import { assertCan, forgetCachedSessions, subtreeEnd } from '../access/index.js';
import { orgStats, statsSql, type OrgStatValues } from './org.stats.js';
import { rekeyTenantRows } from './org.tenancy.js';
import { ALLOWED_PARENT, BranchKind, ORG_LEVEL_LABEL, OrgLevel, OrgNodeEntity } from './org.entity.js';
import { canSeeNode, nodeReadCondition, orgTypeOf } from './org.policy.js';

function mapRows(em: EntityManager, rows: Record<string, unknown>[]): OrgNodeEntity[] {
  return fromRows(em, OrgNodeEntity, rows);
}

function nodeLoader(ctx: Context) {
  return ctx.loaders.get<number, OrgNodeEntity | null>('org.byId', async (ids) => {
    const rows = await sql(ctx.em, `select * from org_node where id = any(?::int[])`, [[...ids]]);
    return byKey(ids, mapRows(ctx.em, rows), (r) => r.id);
  });
}

/** Any node by id, without access checks (callers check). Batched per request. */
export function loadNode(ctx: Context, id: number): Promise<OrgNodeEntity | null> {
  return nodeLoader(ctx).load(id);
}

/**
 * Hand nodes that another statement already read (raw org_node rows, e.g. an activity's organiser joined to it)
 * to this request's node loader, so nothing reads them again.
 */
export function primeNodes(ctx: Context, rows: Record<string, unknown>[]): void {
  const loader = nodeLoader(ctx);
  for (const node of mapRows(ctx.em, rows)) loader.prime(node.id, node);
}

/** A node the caller may see, or null (out-of-scope behaves as missing). */
export async function findVisibleNode(ctx: Context, id: number): Promise<OrgNodeEntity | null> {
  const node = await loadNode(ctx, id);
  return node && (await canSeeNode(ctx, node)) ? node : null;
}

export async function parentOf(ctx: Context, node: OrgNodeEntity): Promise<OrgNodeEntity | null> {
  return node.parentId == null ? null : findVisibleNode(ctx, node.parentId);
}

/** Ancestors the caller may see, root first. */
export async function ancestorsOf(ctx: Context, node: OrgNodeEntity): Promise<OrgNodeEntity[]> {
  const ids = node.pathIds.slice(0, -1);
  const nodes = await Promise.all(ids.map((id) => findVisibleNode(ctx, id)));
  return nodes.filter((n): n is OrgNodeEntity => n != null);
}

/** The most levels of children one statement fetches (the whole chain below a street committee). */
export const MAX_PREFETCH_LEVELS = 4;

/** Loader name of "children pages `pages[0]`, and below each of them `pages[1]`, ...". */
const childrenLoaderName = (pages: readonly Page[]) => `org.children:${pages.map((p) => `${p.offset}:${p.limit}`).join('/')}`;

/**
 * One page of visible, live children for each parent, one statement per batch of parents.
 *
 * `deeper` are the pages the request asks for further down (children of each child, and so on, as a tree view
 * selects them): then the same statement fetches those levels too, and the loaders of the levels below are
 * filled from it, so a tree of any depth costs one statement instead of one per level.
 */
export function childrenOf(ctx: Context, parentId: number, page: Page, deeper: readonly Page[] = []): Promise<OrgNodeEntity[]> {
  const pages = [page, ...deeper].slice(0, MAX_PREFETCH_LEVELS);
  return childrenLoader(ctx, pages).load(parentId);
}

function childrenLoader(ctx: Context, pages: readonly Page[]) {
  return ctx.loaders.get<number, OrgNodeEntity[]>(childrenLoaderName(pages), async (parentIds) => {
    const visible = nodeReadCondition(ctx, 'n');
    const [top] = pages;
    // one level: only the page asked for; several: every visible live node down to the deepest level asked for,
    // and the walk below keeps each level's page under the nodes kept one level up
    const rows = mapRows(ctx.em, await sql(ctx.em, pages.length === 1
      ? `select * from (
           select n.*, row_number() over (partition by n.parent_id order by n.id) - 1 as rn
           from org_node n
           where n.parent_id = any(?::int[]) and n.archived_at is null and ${visible.sql}
         ) t where rn >= ${top.offset} and rn <= ${top.offset + top.limit} order by parent_id, rn`
      : `select n.* from org_node n
         where n.id in (select d.id from org_node p join org_node d on d.path > p.path and d.path < p.path || '~' and d.depth <= p.depth + ${pages.length}
                        where p.id = any(?::int[]))
           and n.archived_at is null and ${visible.sql}
         order by n.parent_id, n.id`,
      [[...parentIds], ...visible.params]));
    const children = new Map<number, OrgNodeEntity[]>();
    for (const n of rows) {
      const list = children.get(n.parentId!);
      if (list) list.push(n);
      else children.set(n.parentId!, [n]);
    }
    if (pages.length === 1) return parentIds.map((id) => children.get(id) ?? []);
    // the page (plus one row telling whether more follow) of each parent's visible children, in id order
    const pageOf = (parent: number, p: Page) => (children.get(parent) ?? []).slice(p.offset, p.offset + p.limit + 1);
    const result = parentIds.map((id) => pageOf(id, top));
    let level = result;
    for (let i = 1; i < pages.length; i++) {
      const below = childrenLoader(ctx, pages.slice(i));
      const parents = level.flatMap((list) => list.slice(0, pages[i - 1].limit));
      level = parents.map((n) => pageOf(n.id, pages[i]));
      parents.forEach((n, k) => below.prime(n.id, level[k]));
    }
    return result;
  });
}

export function childCountOf(ctx: Context, parentId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('org.childCount', async (parentIds) => {
      const visible = nodeReadCondition(ctx, 'n');
      const rows = await sql<{ parent_id: number; count: string }>(ctx.em,
        `select n.parent_id, count(*) from org_node n
         where n.parent_id = any(?::int[]) and n.archived_at is null and ${visible.sql} group by n.parent_id`,
        [[...parentIds], ...visible.params]);
      return byKey(parentIds, rows, (r) => r.parent_id).map((r) => Number(r?.count ?? 0));
    })
    .load(parentId);
}

/** Roll-ups over each node's whole subtree: every module's registered counts in one statement per batch (org.stats). */
export function statsOf(ctx: Context, nodeId: number): Promise<OrgStatValues> {
  return ctx.loaders
    .get<number, OrgStatValues>('org.stats', async (ids) => {
      const stats = orgStats();
      // kept counts from the counter table, the few live ones by their subquery (org.stats); a heavy read: on a
      // replica when there is one (db/replicas.ts)
      const rows = await readSql<Record<string, unknown> & { id: number }>(ctx.em, statsSql(stats), [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => Object.fromEntries(stats.map((s) => [s.field, Number(r?.[s.field] ?? 0)])));
    })
    .load(nodeId);
}

/** The caller's top nodes: for staff the granted nodes not already under another grant; for others the streets. */
export async function orgRoots(ctx: Context, page: Page): Promise<{ rows: OrgNodeEntity[]; total: number }> {
  if (ctx.access.isStaff) {
    const grants = ctx.access.grants;
    const top = grants.filter((g) => !grants.some((o) => o !== g && g.path.startsWith(o.path) && o.path !== g.path));
    const ids = [...new Set(top.map((g) => g.nodeId))];
    const nodes = (await Promise.all(ids.map((id) => loadNode(ctx, id)))).filter((n): n is OrgNodeEntity => n != null && !n.archived);
    nodes.sort((a, b) => a.path.localeCompare(b.path));
    return { rows: nodes.slice(page.offset, page.offset + page.limit + 1), total: nodes.length };
  }
  const rows = await sql(ctx.em, `select * from org_node where parent_id is null and archived_at is null order by id offset ? limit ?`, [page.offset, page.limit + 1]);
  const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from org_node where parent_id is null and archived_at is null`);
  return { rows: mapRows(ctx.em, rows), total: Number(count) };
}

/** Visible nodes whose name contains the text (Chinese substring match), shallowest first. */
export async function orgSearch(ctx: Context, text: string, page: Page): Promise<{ rows: OrgNodeEntity[]; total: () => Promise<number> }> {
  const query = validSearch(text, 50, ['query']);
  const visible = nodeReadCondition(ctx, 'n');
  const where = `n.name ilike ? and n.archived_at is null and ${visible.sql}`;
  const params = [`%${likeEscape(query)}%`, ...visible.params];
  const rows = await sql(ctx.em, `select n.* from org_node n where ${where} order by n.depth, n.id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: mapRows(ctx.em, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from org_node n where ${where}`, params))[0].count),
  };
}

// ---- writes ----------------------------------------------------------------------------------------

export interface OrgNodeCreate { parentId: number | null; level: OrgLevel; name: string; branchKind?: BranchKind | null; brand?: string | null; address?: string | null; buildings?: string[] | null }
export interface OrgNodeUpdate { id: number; name?: string | null; branchKind?: BranchKind | null; brand?: string | null; address?: string | null; buildings?: string[] | null; expectedVersion?: number | null }


function validateBuildings(buildings: string[] | null | undefined): string[] | undefined {
  if (buildings == null) return undefined;
  if (buildings.length > 200 || buildings.some((b) => !b.trim() || b.length > 50)) fail(UserErrorCode.INVALID_INPUT, '楼栋名称无效（每个 1 到 50 个字，最多 200 个）', ['input', 'buildings']);
  return buildings.map((b) => b.trim());
}

/**
 * Load a node for a write, locked: missing -> NOT_FOUND; outside the caller's write scope -> FORBIDDEN (the org
 * policy's write rule, on the node itself or, with `aboveIt`, on its parent); archived -> ARCHIVED.
 */
async function nodeForWrite(ctx: Context, em: EntityManager, id: number | null, field: string[], aboveIt = false): Promise<OrgNodeEntity> {
  const node = id == null ? null : await em.findOne(OrgNodeEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!node) fail(UserErrorCode.NOT_FOUND, '找不到该组织', field);
  // partner tokens never change the chain: UNAUTHENTICATED as for anonymous callers
  ctx.access.requireStaff();
  const decidedOn = aboveIt && node.parentId != null ? await em.findOneOrFail(OrgNodeEntity, { id: node.parentId }) : node;
  await assertCan(ctx, 'write', orgTypeOf(decidedOn), decidedOn);
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档，不能修改`, field);
  return node;
}

export async function createOrgNode(ctx: Context, input: OrgNodeCreate): Promise<OrgNodeEntity> {
  ctx.access.requireStaff();
  const name = validText(input.name, 100, ['input', 'name'], '名称');
  const buildings = validateBuildings(input.buildings);
  if (input.level === OrgLevel.STREET || input.parentId == null) fail(UserErrorCode.INVALID_PARENT, '街道党工委由系统管理员创建；请选择上级组织', ['input', 'parentId']);
  if (input.level === OrgLevel.BRANCH && !input.branchKind) fail(UserErrorCode.INVALID_INPUT, '党支部必须选择类型', ['input', 'branchKind']);
  if (input.level !== OrgLevel.BRANCH && input.branchKind) fail(UserErrorCode.INVALID_INPUT, '只有党支部有类型', ['input', 'branchKind']);
  return ctx.em.transactional(async (em) => {
    const parent = await nodeForWrite(ctx, em, input.parentId, ['input', 'parentId']);
    if (!ALLOWED_PARENT[input.level].includes(parent.level)) {
      fail(UserErrorCode.INVALID_PARENT, `${ORG_LEVEL_LABEL[input.level]}不能设在${ORG_LEVEL_LABEL[parent.level]}之下`, ['input', 'parentId']);
    }
    const [{ id }] = await sql<{ id: number }>(em, `select nextval('org_node_id_seq')::int as id`);
    const node = em.create(OrgNodeEntity, {
      id,
      parentId: parent.id,
      communityId: input.level === OrgLevel.COMMUNITY ? id : parent.communityId,
      level: input.level,
      branchKind: input.branchKind ?? null,
      name,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      brand: input.brand?.trim() || null,
      address: input.address?.trim() || null,
      buildings: buildings ?? [],
    } as OrgNodeEntity);
    await em.flush();
    return node;
  });
}

export async function updateOrgNode(ctx: Context, input: OrgNodeUpdate): Promise<OrgNodeEntity> {
  ctx.access.requireStaff();
  const name = input.name == null ? undefined : validText(input.name, 100, ['input', 'name'], '名称');
  const buildings = validateBuildings(input.buildings);
  return ctx.em.transactional(async (em) => {
    const node = await nodeForWrite(ctx, em, input.id, ['input', 'id']);
    if (input.expectedVersion != null && input.expectedVersion !== node.version) {
      fail(UserErrorCode.CONFLICT, '该组织已被他人修改，请刷新后重试', ['input', 'expectedVersion']);
    }
    if (input.branchKind != null) {
      if (node.level !== OrgLevel.BRANCH) fail(UserErrorCode.INVALID_INPUT, '只有党支部有类型', ['input', 'branchKind']);
      node.branchKind = input.branchKind;
    }
    if (name !== undefined) node.name = name;
    if (buildings !== undefined) node.buildings = buildings;
    if (input.brand !== undefined && input.brand !== null) node.brand = input.brand.trim() || null;
    if (input.address !== undefined && input.address !== null) node.address = input.address.trim() || null;
    await em.flush();
    return node;
  });
}

/**
 * Move a node (with its subtree) under a new parent. Serialized with other moves by an advisory lock, so
 * two concurrent moves can never build a cycle; the whole subtree's paths change in one statement.
 */
export async function moveOrgNode(ctx: Context, id: number, parentId: number): Promise<OrgNodeEntity> {
  ctx.access.requireStaff();
  return ctx.em.transactional(async (em) => {
    await sql(em, `select pg_advisory_xact_lock(7301, 1)`);
    const node = await nodeForWrite(ctx, em, id, ['input', 'id']);
    const parent = await nodeForWrite(ctx, em, parentId, ['input', 'parentId']);
    if (parent.path.startsWith(node.path)) fail(UserErrorCode.CYCLE, '不能把组织移到它自己或它的下级之下', ['input', 'parentId']);
    if (!ALLOWED_PARENT[node.level].includes(parent.level)) {
      fail(UserErrorCode.INVALID_PARENT, `${ORG_LEVEL_LABEL[node.level]}不能设在${ORG_LEVEL_LABEL[parent.level]}之下`, ['input', 'parentId']);
    }
    if (node.parentId === parent.id) return node;
    const oldPath = node.path;
    const newPath = `${parent.path}${node.id}/`;
    const depthDelta = parent.depth + 1 - node.depth;
    const communityId = node.level === OrgLevel.COMMUNITY ? node.id : parent.communityId;
    await sql(em,
      `update org_node set path = ? || substr(path, ?), depth = depth + ?,
         community_id = case when level = 'COMMUNITY' then id else ? end,
         parent_id = case when id = ? then ? else parent_id end,
         updated_at = now(), version = version + 1
       where path >= ? and path < ?`,
      [newPath, oldPath.length + 1, depthDelta, communityId, node.id, parent.id, oldPath, subtreeEnd(oldPath)]);
    if (node.level !== OrgLevel.COMMUNITY && communityId !== node.communityId) {
      // rows of the moved subtree follow it into the new community (the tenant key), as each module declared
      await rekeyTenantRows(em, { from: newPath, to: subtreeEnd(newPath) }, communityId!);
    }
    await em.refresh(node);
    // grants under the moved node now have other paths: staff identities are read afresh
    forgetCachedSessions();
    return node;
  });
}

export async function archiveOrgNode(ctx: Context, id: number): Promise<OrgNodeEntity> {
  ctx.access.requireStaff();
  return ctx.em.transactional(async (em) => {
    // archiving needs write access above the node: a branch secretary cannot archive their own branch
    const node = await nodeForWrite(ctx, em, id, ['input', 'id'], true);
    const [{ children, members, households }] = await sql<{ children: string; members: string; households: string }>(em,
      `select (select count(*) from org_node where parent_id = ? and archived_at is null) as children,
              (select count(*) from party_member where org_node_id = ? and archived_at is null) as members,
              (select count(*) from household where org_node_id = ?) as households`, [node.id, node.id, node.id]);
    if (Number(children) > 0) fail(UserErrorCode.HAS_CHILDREN, `${node.name}下还有 ${children} 个下级组织，请先移走或归档`, ['input', 'id']);
    if (Number(members) > 0) fail(UserErrorCode.HAS_CHILDREN, `${node.name}还有 ${members} 名党员，请先转接组织关系`, ['input', 'id']);
    // households must never be left without someone looking after them (联户)
    if (Number(households) > 0) fail(UserErrorCode.HAS_CHILDREN, `${node.name}还联系着 ${households} 户居民，请先交给其他党员中心户`, ['input', 'id']);
    node.archivedAt = new Date();
    await em.flush();
    // grants on an archived node no longer count: staff identities are read afresh
    forgetCachedSessions();
    return node;
  });
}
