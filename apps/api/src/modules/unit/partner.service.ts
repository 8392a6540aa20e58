import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { fail, forbidden, UserErrorCode } from '../../graphql/errors.js';
import { byKey } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { newToken, registerTokenKind, tokenHash } from '../access/access.service.js';
import { GrantRole, type Principal } from '../access/access.scope.js';
import { PartnerTokenEntity, type CoBuildingUnitEntity } from './unit.entity.js';
import { PartnerTokenStatus } from './unit.types.js';
import { PARTNER_SCOPES, type PartnerScope } from './unit.scope.js';
import { loadUnit, requireStaff, staffCommunitiesOf, unitFromInput } from './unit.service.js';

export const PARTNER_TOKEN_PREFIX = 'txp_';
const MAX_LIFETIME_DAYS = 730;
const DEFAULT_LIFETIME_DAYS = 365;

/** A partner token in the Authorization header becomes a partner principal: the unit and the token's scopes. */
async function authenticatePartner(em: EntityManager, token: string): Promise<Principal | null> {
  const [row] = await sql<{ id: number; unit_id: number; scopes: string[]; last_used_at: Date | null }>(em,
    `select id, unit_id, scopes, last_used_at from partner_token where token_hash = ? and revoked_at is null and expires_at > now()`, [tokenHash(token)]);
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await sql(em, `update partner_token set last_used_at = now() where id = ?`, [row.id]);
  }
  return { kind: 'partner', tokenId: row.id, unitId: row.unit_id, scopes: row.scopes };
}
registerTokenKind(PARTNER_TOKEN_PREFIX, authenticatePartner);

export function tokenStatus(token: PartnerTokenEntity, now = new Date()): PartnerTokenStatus {
  if (token.revokedAt) return PartnerTokenStatus.REVOKED;
  return token.expiresAt.getTime() <= now.getTime() ? PartnerTokenStatus.EXPIRED : PartnerTokenStatus.ACTIVE;
}

/** May the caller manage the unit's tokens? A committee admin whose grant covers a community the unit works with. */
export async function canManageTokens(ctx: Context, unitId: number): Promise<boolean> {
  return (await staffCommunitiesOf(ctx, unitId, [GrantRole.COMMITTEE_ADMIN])).length > 0;
}

async function assertCanManageTokens(ctx: Context, unit: CoBuildingUnitEntity): Promise<void> {
  requireStaff(ctx);
  if (!(await canManageTokens(ctx, unit.id))) throw forbidden(`只有与${unit.name}共建的社区党委管理员可以管理其接口令牌 (committee admins of the unit's communities only)`);
}

/** One page of a unit's tokens, newest first (batched); for those who may manage them. */
export function tokensOf(ctx: Context, unitId: number, page: Page): Promise<PartnerTokenEntity[]> {
  return ctx.loaders
    .get<number, PartnerTokenEntity[]>(`partnerToken.byUnit:${page.offset}:${page.limit}`, async (unitIds) => {
      const rows = await sql(ctx.em,
        `select * from (
           select t.*, row_number() over (partition by t.unit_id order by t.id desc) - 1 as rn from partner_token t where t.unit_id = any(?::int[])
         ) x where rn >= ? and rn <= ? order by unit_id, rn`, [[...unitIds], page.offset, page.offset + page.limit]);
      const tokens = rows.map((r) => ctx.em.map(PartnerTokenEntity, r));
      return unitIds.map((id) => tokens.filter((t) => t.unitId === id));
    })
    .load(unitId);
}

export function tokenCountOf(ctx: Context, unitId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('partnerToken.countByUnit', async (unitIds) => {
      const rows = await sql<{ unit_id: number; count: string }>(ctx.em, `select unit_id, count(*) from partner_token where unit_id = any(?::int[]) group by unit_id`, [[...unitIds]]);
      return byKey(unitIds, rows, (r) => r.unit_id).map((r) => Number(r?.count ?? 0));
    })
    .load(unitId);
}

/** A token by id for node(id): visible only to those who may manage the unit's tokens. */
export async function findVisibleToken(ctx: Context, id: number): Promise<PartnerTokenEntity | null> {
  if (!ctx.access.isStaff) return null;
  const token = await ctx.em.findOne(PartnerTokenEntity, { id });
  return token && (await canManageTokens(ctx, token.unitId)) ? token : null;
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

export interface TokenCreate { unitId: string; name: string; scopes: string[]; expiresAt?: Date | null }

/** A new token for the unit; the secret is returned here once and never stored. */
export async function createToken(ctx: Context, input: TokenCreate): Promise<{ token: PartnerTokenEntity; secret: string }> {
  requireStaff(ctx);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  await assertCanManageTokens(ctx, unit);
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
  const token = ctx.em.create(PartnerTokenEntity, { unitId: unit.id, name, tokenHash: tokenHash(secret), tokenHint: secretHint(secret), scopes, expiresAt, createdBy: accountId } as PartnerTokenEntity);
  await ctx.em.flush();
  return { token, secret };
}

/** Load a token for a change, locked; NOT_FOUND when it does not exist or the caller cannot see it. */
async function tokenForWrite(ctx: Context, em: EntityManager, globalId: string): Promise<PartnerTokenEntity> {
  const id = idOf(globalId, 'PartnerToken');
  const token = id == null ? null : await em.findOne(PartnerTokenEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const unit = token && (await loadUnit(ctx, token.unitId));
  if (!token || !unit) fail(UserErrorCode.NOT_FOUND, '找不到该接口令牌', ['input', 'id']);
  await assertCanManageTokens(ctx, unit);
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
