import { graphql } from '$lib/gql';

/** What a row of the org tree shows. */
export const OrgNodeSummary = graphql(`
  fragment OrgNodeSummary on OrgNode {
    __typename
    id
    name
    level
    stats {
      memberCount
      householdCount
      childCount
    }
    ... on Branch {
      kind
    }
  }
`);

export const OrgChildrenPage = graphql(`
  fragment OrgChildrenPage on OrgNodeConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...OrgNodeSummary
      }
    }
  }
`);

/** One page of one node's children: expanding a node, or "加载更多". */
export const OrgChildrenQuery = graphql(`
  query OrgChildren($id: ID!, $first: Int!, $after: String) {
    orgNode(id: $id) {
      id
      children(first: $first, after: $after) {
        ...OrgChildrenPage
      }
    }
  }
`);

/** The first page of children of every node opened through the URL, in one round trip. */
export const OrgOpenedQuery = graphql(`
  query OrgOpened($ids: [ID!]!, $first: Int!) {
    nodes(ids: $ids) {
      ... on OrgNode {
        id
        children(first: $first) {
          ...OrgChildrenPage
        }
      }
    }
  }
`);
