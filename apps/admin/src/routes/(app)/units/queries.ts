import { graphql } from '$lib/gql';

export const UnitList = graphql(`
  query UnitList($communityId: ID, $kind: CoBuildingUnitKind, $agreementStatus: AgreementStatus, $first: Int!, $after: String) {
    coBuildingUnits(communityId: $communityId, kind: $kind, agreementStatus: $agreementStatus, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          partyOrgName
          contactName
          communities {
            id
            name
          }
          agreements(status: ACTIVE, first: 3) {
            totalCount
            edges {
              node {
                id
                endsOn
                renewalDue
              }
            }
          }
        }
      }
    }
  }
`);

/** Communities a street committee's staff may filter by: the street's own communities. */
export const UnitCommunityChoices = graphql(`
  query UnitCommunityChoices($id: ID!) {
    orgNode(id: $id) {
      id
      children(first: 50) {
        edges {
          node {
            id
            name
            level
          }
        }
      }
    }
  }
`);
