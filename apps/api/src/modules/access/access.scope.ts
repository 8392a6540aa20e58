import { GraphQLError } from 'graphql';
import { forbidden, unauthenticated } from '../../graphql/errors.js';

export enum GrantRole {
  COMMITTEE_ADMIN = 'COMMITTEE_ADMIN',
  BRANCH_SECRETARY = 'BRANCH_SECRETARY',
  GRID_WORKER = 'GRID_WORKER',
  VIEWER = 'VIEWER',
}

/** A grant resolved for checks: the node's materialized path covers the whole subtree. */
export interface ScopeGrant { grantId: number; nodeId: number; path: string; role: GrantRole; communityId: number | null }

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'staff'; accountId: number; sessionId: number; grants: ScopeGrant[] }
  /** A co-building unit's API token, issued by one community: it reaches the unit's objects of that community only. */
  | { kind: 'partner'; tokenId: number; unitId: number; communityId: number; scopes: string[] };

export const WRITE_ROLES = [GrantRole.COMMITTEE_ADMIN, GrantRole.BRANCH_SECRETARY];
/** Roles whose work needs residents' and members' contact details (shown unmasked on request). */
export const PERSONAL_DATA_ROLES = [GrantRole.COMMITTEE_ADMIN, GrantRole.BRANCH_SECRETARY, GrantRole.GRID_WORKER];

/** The upper bound of a subtree range: paths are '/1/5/23/' in C collation, and '~' sorts after digits and '/'. */
export const subtreeEnd = (path: string) => `${path}~`;

/**
 * Who the caller is and what their grants cover: a grant on a node covers that node and everything under it,
 * nothing else. Services do not decide with it directly: they ask the access policy of the type
 * (modules/access/policy.ts), whose rules are written with these checks.
 */
export class Access {
  constructor(readonly principal: Principal) {}

  static anonymous(): Access {
    return new Access({ kind: 'anonymous' });
  }

  get isStaff(): boolean { return this.principal.kind === 'staff'; }
  get isPartner(): boolean { return this.principal.kind === 'partner'; }
  get grants(): ScopeGrant[] { return this.principal.kind === 'staff' ? this.principal.grants : []; }
  get partnerUnitId(): number | null { return this.principal.kind === 'partner' ? this.principal.unitId : null; }
  /** The community committee that issued the partner token; null for other callers. */
  get partnerCommunityId(): number | null { return this.principal.kind === 'partner' ? this.principal.communityId : null; }

  hasScope(scope: string): boolean {
    return this.principal.kind === 'partner' && this.principal.scopes.includes(scope);
  }

  /** Grants whose subtree contains the node at `path`, optionally limited to roles. */
  grantsCovering(path: string, roles?: GrantRole[]): ScopeGrant[] {
    return this.grants.filter((g) => path.startsWith(g.path) && (!roles || roles.includes(g.role)));
  }

  canRead(path: string): boolean { return this.grantsCovering(path).length > 0; }
  canWrite(path: string): boolean { return this.grantsCovering(path, WRITE_ROLES).length > 0; }
  canSeePersonalData(path: string): boolean { return this.grantsCovering(path, PERSONAL_DATA_ROLES).length > 0; }

  /** Ids of community committees the caller has any grant in or above (for tenant-scoped lists). */
  get grantPaths(): string[] { return this.grants.map((g) => g.path); }

  /**
   * Who the caller is, as far as what they may see goes: two callers with the same key see the same rows.
   * Per-request loaders put it into every cache key.
   */
  get scopeKey(): string {
    const p = this.principal;
    if (p.kind === 'staff') return `staff:${p.accountId}:${p.grants.map((g) => `${g.role}@${g.path}`).join(',')}`;
    if (p.kind === 'partner') return `partner:${p.unitId}:${p.communityId}:${p.scopes.join(',')}`;
    return 'anonymous';
  }

  /**
   * SQL condition "column lies in one of my subtrees" (optionally only through grants of `roles`), for a
   * path column in C collation: one indexed range scan per grant. No such grants: a condition never true.
   */
  subtreeCondition(column: string, roles?: GrantRole[]): { sql: string; params: string[] } {
    const paths = this.grants.filter((g) => !roles || roles.includes(g.role)).map((g) => g.path);
    if (paths.length === 0) return { sql: 'false', params: [] };
    return {
      sql: `(${paths.map(() => `(${column} >= ? and ${column} < ?)`).join(' or ')})`,
      params: paths.flatMap((p) => [p, subtreeEnd(p)]),
    };
  }

  requireStaff(): void {
    if (!this.isStaff) throw unauthenticated();
  }

  /** Staff only: anonymous callers are UNAUTHENTICATED, partner tokens FORBIDDEN. */
  requireStaffNotPartner(): void {
    if (this.isPartner) throw forbidden('合作单位令牌不能执行此操作 (partner tokens cannot do this)');
    this.requireStaff();
  }

  /** Throw FORBIDDEN unless the caller may change the object at `path`. */
  assertCanWrite(path: string): void {
    this.requireStaff();
    if (!this.canWrite(path)) throw forbidden();
  }
}

export function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError;
}
