/**
 * Access policies of staff accounts and their grants: an account is seen by itself only (the viewer), a
 * grant by the account that holds it (grants on archived nodes no longer count).
 */
import { definePolicy, NEVER, rule } from './policy.js';
import { AccessGrantEntity, AccountEntity } from './access.entity.js';

definePolicy<AccountEntity>({
  type: 'Account',
  table: 'account',
  entity: AccountEntity,
  read: rule(
    (ctx, account) => ctx.access.principal.kind === 'staff' && ctx.access.principal.accountId === account.id,
    (ctx, t) => (ctx.access.principal.kind === 'staff' ? { sql: `${t}.id = ?`, params: [ctx.access.principal.accountId] } : NEVER),
  ),
});

definePolicy<AccessGrantEntity>({
  type: 'Grant',
  table: 'access_grant',
  entity: AccessGrantEntity,
  read: rule(
    (ctx, grant) => ctx.access.grants.some((g) => g.grantId === grant.id),
    (ctx, t) => (ctx.access.grants.length ? { sql: `${t}.id = any(?::int[])`, params: [ctx.access.grants.map((g) => g.grantId)] } : NEVER),
  ),
});
