/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MyAgreementsAndSeats {\n    partnerUnit {\n      id\n      name\n      agreements(first: 10) {\n        edges { node { id title signedOn endsOn status daysUntilExpiry renewalDue commitments community { name } } }\n      }\n      committeeSeats(current: true, first: 10) {\n        edges { node { representativeName title since community { name } } }\n      }\n    }\n  }\n": typeof types.MyAgreementsAndSeatsDocument,
    "\n  query UpcomingCoHosted($unitId: ID!) {\n    activities(filter: { coHostId: $unitId, window: UPCOMING }, first: 20) {\n      totalCount\n      edges { node { id title startsAt capacity confirmedCount waitlistCount seatsLeft viewerCanUpdate version } }\n    }\n  }\n": typeof types.UpcomingCoHostedDocument,
    "\n  mutation UpdateActivity($input: ActivityUpdateInput!) {\n    activityUpdate(input: $input) {\n      activity { id title description capacity version }\n      userErrors { field message code }\n    }\n  }\n": typeof types.UpdateActivityDocument,
    "\n  query MyBudget {\n    partnerBudget { remaining maximum refillPerSecond fullAt maxCostPerRequest scopes tokenExpiresAt }\n  }\n": typeof types.MyBudgetDocument,
};
const documents: Documents = {
    "\n  query MyAgreementsAndSeats {\n    partnerUnit {\n      id\n      name\n      agreements(first: 10) {\n        edges { node { id title signedOn endsOn status daysUntilExpiry renewalDue commitments community { name } } }\n      }\n      committeeSeats(current: true, first: 10) {\n        edges { node { representativeName title since community { name } } }\n      }\n    }\n  }\n": types.MyAgreementsAndSeatsDocument,
    "\n  query UpcomingCoHosted($unitId: ID!) {\n    activities(filter: { coHostId: $unitId, window: UPCOMING }, first: 20) {\n      totalCount\n      edges { node { id title startsAt capacity confirmedCount waitlistCount seatsLeft viewerCanUpdate version } }\n    }\n  }\n": types.UpcomingCoHostedDocument,
    "\n  mutation UpdateActivity($input: ActivityUpdateInput!) {\n    activityUpdate(input: $input) {\n      activity { id title description capacity version }\n      userErrors { field message code }\n    }\n  }\n": types.UpdateActivityDocument,
    "\n  query MyBudget {\n    partnerBudget { remaining maximum refillPerSecond fullAt maxCostPerRequest scopes tokenExpiresAt }\n  }\n": types.MyBudgetDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAgreementsAndSeats {\n    partnerUnit {\n      id\n      name\n      agreements(first: 10) {\n        edges { node { id title signedOn endsOn status daysUntilExpiry renewalDue commitments community { name } } }\n      }\n      committeeSeats(current: true, first: 10) {\n        edges { node { representativeName title since community { name } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAgreementsAndSeats {\n    partnerUnit {\n      id\n      name\n      agreements(first: 10) {\n        edges { node { id title signedOn endsOn status daysUntilExpiry renewalDue commitments community { name } } }\n      }\n      committeeSeats(current: true, first: 10) {\n        edges { node { representativeName title since community { name } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingCoHosted($unitId: ID!) {\n    activities(filter: { coHostId: $unitId, window: UPCOMING }, first: 20) {\n      totalCount\n      edges { node { id title startsAt capacity confirmedCount waitlistCount seatsLeft viewerCanUpdate version } }\n    }\n  }\n"): (typeof documents)["\n  query UpcomingCoHosted($unitId: ID!) {\n    activities(filter: { coHostId: $unitId, window: UPCOMING }, first: 20) {\n      totalCount\n      edges { node { id title startsAt capacity confirmedCount waitlistCount seatsLeft viewerCanUpdate version } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateActivity($input: ActivityUpdateInput!) {\n    activityUpdate(input: $input) {\n      activity { id title description capacity version }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateActivity($input: ActivityUpdateInput!) {\n    activityUpdate(input: $input) {\n      activity { id title description capacity version }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBudget {\n    partnerBudget { remaining maximum refillPerSecond fullAt maxCostPerRequest scopes tokenExpiresAt }\n  }\n"): (typeof documents)["\n  query MyBudget {\n    partnerBudget { remaining maximum refillPerSecond fullAt maxCostPerRequest scopes tokenExpiresAt }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;