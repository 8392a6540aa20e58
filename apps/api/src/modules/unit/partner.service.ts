import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { fail, forbidden, UserErrorCode } from '../../graphql/errors.js';
import { byKey } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { newToken, registerTokenKind, tokenHash } from '../access/index.js';
import type { Principal } from '../access/index.js';
import { can, condition, readable, type Condition } from '../access/index.js';
import { OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { loadNode } from '../org/index.js';
import { PartnerTokenEntity, type CoBuildingUnitEntity } from './unit.entity.js';
import { PartnerTokenStatus } from './unit.types.js';
import { PARTNER_SCOPES, type PartnerScope } from './unit.scope.js';
import { readBudget } from './partner.budget.js';
import { costLimitFor } from './partner.cost.js';
import { communityIdsOf, loadUnit, requireStaff, unitFromInput } from './unit.service.js';
import { managesTokensOf, tokenCommunitiesOf } from './unit.policy.js';

export const PARTNER_TOKEN_PREFIX = 'txp_';
const MAX_LIFETIME_DAYS = 730;
const DEFAULT_LIFETIME_DAYS = 365;

/** A partner token in the Authorization header becomes a partner principal: the unit, the issuing community and the token's scopes. */
async function authenticatePartner(em: EntityManager, token: string): Promise<Principal | null> {
  const [row] = await sql<{ id: number; unit_id: number; community_id: number; scopes: string[]; last_used_at: Date | null }>(em,
    `select id, unit_id, community_id, scopes, last_used_at from partner_token
     where token_hash = ? and revoked_at is null and expires_at > now() and community_id is not null`, [tokenHash(token)]);
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await sql(em, `update partner_token set last_used_at = now() where id = ?`, [row.id]);
  }
  return { kind: 'partner', tokenId: row.id, unitId: row.unit_id, communityId: row.community_id, scopes: row.scopes };
}
registerTokenKind(PARTNER_TOKEN_PREFIX, authenticatePartner);

export function tokenStatus(token: PartnerTokenEntity, now = new Date()): PartnerTokenStatus {
  if (token.revokedAt) return PartnerTokenStatus.REVOKED;
  return token.expiresAt.getTime() <= now.getTime() ? PartnerTokenStatus.EXPIRED : PartnerTokenStatus.ACTIVE;
}

/** May the caller manage some of the unit's tokens? A committee admin of a community the unit works with (unit.policy). */
export async function canManageTokens(ctx: Context, unitId: number): Promise<boolean> {
  return (await tokenCommunitiesOf(ctx, unitId)).length > 0;
}

/** May the caller manage this token? Only a committee admin of the community that issued it. */
export function canManageToken(ctx: Context, token: PartnerTokenEntity): Promise<boolean> {
  return can(ctx, 'write', 'PartnerToken', token);
}

/** SQL "token row `t` was issued by a community the caller administers" (tokens of other communities stay hidden). */
function managedCondition(ctx: Context): Condition {
  return condition(ctx, 'read', 'PartnerToken', 't');
}

/** One page of the unit's tokens that the caller manages (those of communities they administer), newest first (batched). */
export function tokensOf(ctx: Context, unitId: number, page: Page): Promise<PartnerTokenEntity[]> {
  return ctx.loaders
    .get<number, PartnerTokenEntity[]>(`partnerToken.byUnit:${page.offset}:${page.limit}`, async (unitIds) => {
      const managed = managedCondition(ctx);
      const rows = await sql(ctx.em,
        `select * from (
           select t.*, row_number() over (partition by t.unit_id order by t.id desc) - 1 as rn from partner_token t
           where t.unit_id = any(?::int[]) and ${managed.sql}
         ) x where rn >= ? and rn <= ? order by unit_id, rn`, [[...unitIds], ...managed.params, page.offset, page.offset + page.limit]);
      const tokens = fromRows(ctx.em, PartnerTokenEntity, rows);
      return unitIds.map((id) => tokens.filter((t) => t.unitId === id));
    })
    .load(unitId);
}

/** One page of the unit's tokens the caller manages; null unless a committee admin of one of the unit's communities. */
export async function managedTokensOf(ctx: Context, unitId: number, page: Page): Promise<PartnerTokenEntity[] | null> {
  if (!(await canManageTokens(ctx, unitId))) return null;
  return tokensOf(ctx, unitId, page);
}

export function tokenCountOf(ctx: Context, unitId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('partnerToken.countByUnit', async (unitIds) => {
      const managed = managedCondition(ctx);
      const rows = await sql<{ unit_id: number; count: string }>(ctx.em,
        `select t.unit_id, count(*) from partner_token t where t.unit_id = any(?::int[]) and ${managed.sql} group by t.unit_id`, [[...unitIds], ...managed.params]);
      return byKey(unitIds, rows, (r) => r.unit_id).map((r) => Number(r?.count ?? 0));
    })
    .load(unitId);
}

/** A token by id for node(id): visible only to committee admins of the community that issued it. */
export async function findVisibleToken(ctx: Context, id: number): Promise<PartnerTokenEntity | null> {
  if (!ctx.access.isStaff) return null;
  return readable(ctx, 'PartnerToken', await loadToken(ctx, id));
}

/** Tokens by id, batched, without access checks (callers check). */
export function loadToken(ctx: Context, id: number): Promise<PartnerTokenEntity | null> {
  return ctx.loaders
    .get<number, PartnerTokenEntity | null>('partnerToken.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, PartnerTokenEntity, await sql(ctx.em, `select * from partner_token where id = any(?::int[])`, [[...ids]])), (t) => t.id))
    .load(id);
}

/** The query budget of the partner token making the request (after charging this request); null for other callers. */
export async function partnerBudgetOf(ctx: Context) {
  const principal = ctx.access.principal;
  if (principal.kind !== 'partner') return null;
  const [budget, token, community] = await Promise.all([
    readBudget(ctx.em, ctx.config, principal.tokenId), loadToken(ctx, principal.tokenId), loadNode(ctx, principal.communityId),
  ]);
  if (!token) throw new Error(`partner token ${principal.tokenId} not found`);
  return { ...budget, maxCostPerRequest: costLimitFor(ctx, ctx.config), scopes: principal.scopes, tokenExpiresAt: token.expiresAt, community };
}

function validScopes(scopes: string[]): string[] {
  const wanted = new Set(scopes.map((s) => s.trim()).filter(Boolean));
  const unknown = [...wanted].filter((s) => !(s in PARTNER_SCOPES));
  if (unknown.length) fail(UserErrorCode.INVALID_INPUT, `未知的权限范围：${unknown.join('、')}（可选：${Object.keys(PARTNER_SCOPES).join('、')}）`, ['input', 'scopes']);
  wanted.add('public:read' satisfies PartnerScope);
  return Object.keys(PARTNER_SCOPES).filter((s) => wanted.has(s));
}

function secretHint(secret: string): string {
  return `${secret.slice(0, PARTNER_TOKEN_PREFIX.length + 4)}…`;
}

export interface TokenCreate { unitId: string; communityId?: string | null; name: string; scopes: string[]; expiresAt?: Date | null }

function notAdmin(unit: CoBuildingUnitEntity): never {
  throw forbidden(`只有与${unit.name}共建的社区党委管理员可以为本社区签发其接口令牌 (committee admins of the unit's communities only)`);
}

/**
 * The community a new token is issued by: the one asked for, which the caller must administer (FORBIDDEN
 * otherwise) and the unit must work with; or, when none is asked for, the only one of the unit's communities
 * that the caller administers.
 */
async function issuingCommunity(ctx: Context, unit: CoBuildingUnitEntity, globalId: string | null | undefined): Promise<OrgNodeEntity> {
  const field = ['input', 'communityId'];
  if (globalId == null) {
    const mine = await tokenCommunitiesOf(ctx, unit.id);
    if (mine.length === 0) notAdmin(unit);
    if (mine.length > 1) fail(UserErrorCode.INVALID_INPUT, `您管理的${mine.map((c) => c.name).join('、')}都与${unit.name}共建，请选择签发令牌的社区`, field);
    return mine[0];
  }
  const id = idOf(globalId, 'PartyCommittee');
  const community = id == null ? null : await loadNode(ctx, id);
  if (!community || community.level !== OrgLevel.COMMUNITY) fail(UserErrorCode.NOT_FOUND, '找不到该社区党委', field);
  if (!(await managesTokensOf(ctx, community.id))) notAdmin(unit);
  if (community.archived) fail(UserErrorCode.ARCHIVED, `${community.name}已归档，不能签发令牌`, field);
  if (!(await communityIdsOf(ctx, unit.id)).includes(community.id)) fail(UserErrorCode.INVALID_INPUT, `${unit.name}未与${community.name}共建，请先关联该单位`, field);
  return community;
}

/** A new token for the unit, issued by one of its communities; the secret is returned here once and never stored. */
export async function createToken(ctx: Context, input: TokenCreate): Promise<{ token: PartnerTokenEntity; secret: string }> {
  requireStaff(ctx);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  const community = await issuingCommunity(ctx, unit, input.communityId);
  const name = input.name.trim();
  if (name.length < 1 || [...name].length > 50) fail(UserErrorCode.INVALID_INPUT, '令牌名称应为 1 到 50 个字', ['input', 'name']);
  const scopes = validScopes(input.scopes);
  const now = Date.now();
  const expiresAt = input.expiresAt ?? new Date(now + DEFAULT_LIFETIME_DAYS * 86_400_000);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_LIFETIME_DAYS * 86_400_000) {
    fail(UserErrorCode.INVALID_INPUT, `有效期应在现在之后、${MAX_LIFETIME_DAYS} 天以内`, ['input', 'expiresAt']);
  }
  const secret = newToken(PARTNER_TOKEN_PREFIX);
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const token = ctx.em.create(PartnerTokenEntity, { unitId: unit.id, communityId: community.id, name, tokenHash: tokenHash(secret), tokenHint: secretHint(secret), scopes, expiresAt, createdBy: accountId } as PartnerTokenEntity);
  await ctx.em.flush();
  return { token, secret };
}

/** Load a token for a change, locked; NOT_FOUND when it does not exist, FORBIDDEN unless the caller administers its community. */
async function tokenForWrite(ctx: Context, em: EntityManager, globalId: string): Promise<PartnerTokenEntity> {
  const id = idOf(globalId, 'PartnerToken');
  const token = id == null ? null : await em.findOne(PartnerTokenEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const unit = token && (await loadUnit(ctx, token.unitId));
  if (!token || !unit) fail(UserErrorCode.NOT_FOUND, '找不到该接口令牌', ['input', 'id']);
  if (!(await canManageToken(ctx, token))) throw forbidden(`只有签发该令牌的社区的党委管理员可以管理它 (committee admins of the token's community only)`);
  return token;
}

/** Replace the secret: the old one stops working with this commit; scopes, expiry and budget stay. */
export async function rotateToken(ctx: Context, globalId: string): Promise<{ token: PartnerTokenEntity; secret: string }> {
  requireStaff(ctx);
  return ctx.em.transactional(async (em) => {
    const token = await tokenForWrite(ctx, em, globalId);
    const status = tokenStatus(token);
    if (status !== PartnerTokenStatus.ACTIVE) fail(UserErrorCode.INVALID_STATE, status === PartnerTokenStatus.REVOKED ? '该令牌已吊销，不能轮换' : '该令牌已过期，请新建令牌', ['input', 'id']);
    const secret = newToken(PARTNER_TOKEN_PREFIX);
    token.tokenHash = tokenHash(secret);
    token.tokenHint = secretHint(secret);
    token.rotatedAt = new Date();
    await em.flush();
    return { token, secret };
  });
}

/** Revoke for good; revoking a revoked token changes nothing. */
export async function revokeToken(ctx: Context, globalId: string): Promise<PartnerTokenEntity> {
  requireStaff(ctx);
  return ctx.em.transactional(async (em) => {
    const token = await tokenForWrite(ctx, em, globalId);
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await em.flush();
    }
    return token;
  });
}
