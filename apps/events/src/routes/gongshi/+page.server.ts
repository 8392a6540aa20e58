import { graphql } from '$lib/gql';
import { publicApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const PublicDecisions = graphql(`
  query PublicDecisions($filter: DecisionFilter, $first: Int, $after: String) {
    publicCommunities {
      id
      name
    }
    decisions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          summary
          state
          solicitationOpen
          solicitOpensAt
          solicitClosesAt
          ownerName
          communityName
          steps {
            id
            kind
            heldOn
            body
            record
            votesFor
            votesAgainst
            votesAbstain
          }
        }
      }
    }
  }
`);

const PAGE_SIZE = 10;

export const load: PageServerLoad = async (event) => {
  const query = event.url.searchParams;
  const communityId = query.get('community') || null;
  const after = query.get('after') || null;
  const data = await publicApi(event, PublicDecisions, { filter: { orgNodeId: communityId }, first: PAGE_SIZE, after }, () => []);
  return {
    communityId,
    communities: data.publicCommunities,
    decisions: data.decisions.edges.map((e) => e.node),
    totalCount: data.decisions.totalCount,
    nextCursor: data.decisions.pageInfo.hasNextPage ? data.decisions.pageInfo.endCursor : null,
    isFirstPage: !after,
  };
};
