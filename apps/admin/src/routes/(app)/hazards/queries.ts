import { graphql } from '$lib/gql';

export const HazardBoard = graphql(`
  query HazardBoard($filter: HazardFilter, $nodeId: ID!, $from: DateTime!, $to: DateTime!) {
    hazardStats(orgNodeId: $nodeId, from: $from, to: $to) {
      found
      fixed
      verified
      open
      overdue
      patrols
      billboardsChecked
    }
    hazards(filter: $filter, first: 30) {
      totalCount
      edges {
        node {
          id
          kind
          title
          place
          state
          version
          assignee
          deadline
          overdue
          foundBy
          foundAt
          allowedActions
          attachments {
            id
            kind
            url
            width
            height
          }
        }
      }
    }
    patrols(filter: { orgNodeId: $nodeId }, first: 10) {
      totalCount
      edges {
        node {
          id
          kind
          route
          patrolledAt
          patrollers
          billboardsChecked
          notes
          hazards {
            id
            title
          }
        }
      }
    }
  }
`);

export const ReportHazard = graphql(`
  mutation ReportHazard($input: ReportHazardInput!) {
    reportHazard(input: $input) {
      hazard {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TransitionHazard = graphql(`
  mutation TransitionHazard($input: TransitionHazardInput!) {
    transitionHazard(input: $input) {
      hazard {
        id
        state
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RecordPatrol = graphql(`
  mutation RecordPatrol($input: RecordPatrolInput!) {
    recordPatrol(input: $input) {
      patrol {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
