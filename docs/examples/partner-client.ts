/**
 * A small partner client for the Tongxin API: the tasks of docs/partner-api.md, with typed documents.
 *
 *   TONGXIN_API=http://localhost:4000/graphql TONGXIN_TOKEN=txp_... npx tsx docs/examples/partner-client.ts
 *
 * After changing a document, regenerate its types: npx graphql-codegen --config docs/examples/codegen.ts
 */
import { ApiRequestError, request } from '@tongxin/graphql-client';
import { graphql } from './gql';

const API = process.env.TONGXIN_API ?? 'http://localhost:4000/graphql';
const TOKEN = process.env.TONGXIN_TOKEN ?? 'txp_demo_kunming_stomatology_hospital_2026';

const MyAgreementsAndSeats = graphql(`
  query MyAgreementsAndSeats {
    partnerUnit {
      id
      name
      agreements(first: 10) {
        edges { node { id title signedOn endsOn status daysUntilExpiry renewalDue commitments community { name } } }
      }
      committeeSeats(current: true, first: 10) {
        edges { node { representativeName title since community { name } } }
      }
    }
  }
`);

const UpcomingCoHosted = graphql(`
  query UpcomingCoHosted($unitId: ID!) {
    activities(filter: { coHostId: $unitId, window: UPCOMING }, first: 20) {
      totalCount
      edges { node { id title startsAt capacity confirmedCount waitlistCount seatsLeft viewerCanUpdate version } }
    }
  }
`);

const UpdateActivity = graphql(`
  mutation UpdateActivity($input: ActivityUpdateInput!) {
    activityUpdate(input: $input) {
      activity { id title description capacity version }
      userErrors { field message code }
    }
  }
`);

const MyBudget = graphql(`
  query MyBudget {
    partnerBudget { remaining maximum refillPerSecond fullAt maxCostPerRequest scopes tokenExpiresAt }
  }
`);

/** `extensions.cost` of a response: what the request cost and what is left. */
function costOf(extensions: Record<string, unknown> | undefined): string {
  const cost = extensions?.cost as { requested: number; remaining: number | null } | undefined;
  return cost ? `cost ${cost.requested}, ${cost.remaining} left` : 'cost unknown';
}

async function main(): Promise<void> {
  const options = { token: TOKEN };

  // 1. my agreements and committee seats
  const mine = await request(API, MyAgreementsAndSeats, {}, options);
  const unit = mine.data.partnerUnit;
  if (!unit) throw new Error('not a partner token');
  console.log(`${unit.name} (${costOf(mine.extensions)})`);
  for (const { node } of unit.agreements.edges) {
    console.log(`  协议 ${node.title} 与${node.community.name} ${node.signedOn}–${node.endsOn} ${node.status}${node.renewalDue ? ' 需续签' : ''}`);
  }
  for (const { node } of unit.committeeSeats.edges) console.log(`  兼职委员 ${node.representativeName}（${node.community.name}，自 ${node.since}）`);

  // 2. upcoming activities we co-host, with their registration counts
  const upcoming = await request(API, UpcomingCoHosted, { unitId: unit.id }, options);
  for (const { node } of upcoming.data.activities.edges) {
    console.log(`  ${node.startsAt} ${node.title}: ${node.confirmedCount} 人报名, ${node.waitlistCount} 人候补, 剩余 ${node.seatsLeft ?? '不限'}`);
  }

  // 3. add ten seats to the next one, if our scopes allow (activities:write)
  const next = upcoming.data.activities.edges.map((e) => e.node).find((a) => a.viewerCanUpdate && a.capacity != null);
  if (next && next.capacity != null) {
    const updated = await request(API, UpdateActivity, { input: { id: next.id, capacity: next.capacity + 10, expectedVersion: next.version } }, options);
    const { activity, userErrors } = updated.data.activityUpdate;
    if (userErrors.length) console.log(`  not changed: ${userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
    else console.log(`  ${activity?.title}: now ${activity?.capacity} seats (version ${activity?.version})`);
  }

  // 4. the budget left
  const budget = await request(API, MyBudget, {}, options);
  const b = budget.data.partnerBudget;
  if (b) console.log(`budget ${b.remaining}/${b.maximum}, +${b.refillPerSecond}/s, full at ${b.fullAt}`);
}

main().catch((error: unknown) => {
  if (error instanceof ApiRequestError && error.code === 'BUDGET_EXHAUSTED') console.error(`budget used up: ${error.message}`);
  else if (error instanceof ApiRequestError && error.code === 'UNAUTHENTICATED') console.error('the token is invalid, expired, rotated or revoked');
  else console.error(error);
  process.exitCode = 1;
});
