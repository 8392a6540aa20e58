/**
 * The cost policy the server is composed with (graphql/cost.ts prices; this says who may spend what): the
 * per-request maximum for each kind of caller, and the budget every partner token's requests are charged to.
 */
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { Config } from '../../config.js';
import type { Context } from '../../graphql/context.js';
import type { CostPolicy } from '../../graphql/cost.js';
import { chargeBudget } from './partner.budget.js';

/**
 * The per-request maximum for the caller. Partner tokens: COST_MAX_PER_REQUEST, and never above their whole
 * budget. Callers without a token (the public pages, which nest committees in streets and list a hundred
 * activities for a calendar feed): ANONYMOUS_COST_MAX_PER_REQUEST. Staff sessions are the admin site's own,
 * whose tree views nest paged lists: STAFF_COST_MAX_PER_REQUEST, high (every admin operation fits: app/admin-documents.test.ts).
 */
export function costLimitFor(ctx: Context, config: Config): number | null {
  switch (ctx.access.principal.kind) {
    case 'partner': return Math.min(config.COST_MAX_PER_REQUEST, config.PARTNER_BUDGET_POINTS);
    case 'anonymous': return config.ANONYMOUS_COST_MAX_PER_REQUEST;
    case 'staff': return config.STAFF_COST_MAX_PER_REQUEST;
  }
}

/** Per-request maxima by caller; partner tokens pay each request from their budget (partner.budget). */
export function partnerCostPolicy(config: Config): CostPolicy {
  return {
    limitFor: (ctx) => costLimitFor(ctx, config),
    async charge(ctx, { requested, limit }) {
      const principal = ctx.access.principal;
      if (principal.kind !== 'partner') return null;
      const charge = await chargeBudget(ctx.em, config, principal.tokenId, requested);
      const report = { requested, limit, remaining: charge.state.remaining, budget: charge.state.maximum, refillPerSecond: charge.state.refillPerSecond, resetAt: charge.state.fullAt.toISOString() };
      if (charge.charged) return { report };
      const wait = charge.retryAfterSeconds;
      return {
        report,
        refusal: new GraphQLError(
          `接口额度不足：本次需要 ${requested} 点，剩余 ${charge.state.remaining} 点，约 ${wait} 秒后可用 (budget exhausted: this request costs ${requested}, ${charge.state.remaining} left; retry in ${wait} s)`,
          { extensions: { code: 'BUDGET_EXHAUSTED', retryAfterSeconds: wait, cost: report, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } } },
        ),
      };
    },
  };
}
