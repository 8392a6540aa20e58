/** The shapes of `npm run bench -- --dataset N` that only the API answers: the ones that must stay flat as the city grows. */

/** A member, its branch and the branch's ancestors up to the street (a branch secretary's view). */
export const MEMBER_CHAIN_QUERY = `query BenchMemberChain($id: ID!) {
  node(id: $id) { id ... on PartyMember { name status branch { id name level ancestors { id name level } } } } }`;

/** Demands under a node in one state, first 50, with the counts per state of the whole subtree. */
export const DEMANDS_BY_STATE_QUERY = `query BenchDemandsByState($id: ID!) {
  demands(first: 50, filter: { orgNodeId: $id, states: [IN_PROGRESS] }) { totalCount edges { node { id title state createdAt } } }
  demandStateCounts(filter: { orgNodeId: $id }) { state count } }`;

/** A committee's roll-up statistics and this year's demand metrics by month. */
export const COMMITTEE_STATS_QUERY = `query BenchCommitteeStats($id: ID!, $from: Date!, $to: Date!) {
  orgNode(id: $id) { id name stats { memberCount householdCount descendantCount openDemandCount overdueDemandCount
    demandsReceivedThisYear demandsResolvedThisYear activitiesThisMonth meetingsHeldThisYear } }
  demandMetrics(orgNodeId: $id, from: $from, to: $to, groupBy: MONTH) { key label received resolved open overdue resolutionRate satisfactionRate } }`;

/** The public activity list of one community (the events site filtered by community). */
export const COMMUNITY_ACTIVITIES_QUERY = `query BenchCommunityActivities($communityId: ID!) {
  activities(first: 20, filter: { communityId: $communityId, window: UPCOMING }) { totalCount
    edges { node { id title startsAt endsAt venue { id name } organizer { id name } } } } }`;

/** The 联户 coverage report of one branch: care households, member households, the uncovered ones. */
export const COVERAGE_QUERY = `query BenchCoverage($id: ID!) {
  householdCoverage(orgNodeId: $id) { careCount uncoveredCount } }`;

/** `--dataset N` from the command line (undefined without it). */
export function datasetArg(argv: string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--dataset' || a.startsWith('--dataset='));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--dataset takes a number of communities from 1 to 10000 (got "${raw}")`);
  return n;
}

/** A global id as the API writes it (graphql/relay.ts). */
export function globalIdOf(type: string, id: number): string {
  return Buffer.from(`tx1:${type}:${id}`, 'utf8').toString('base64url');
}
