import { graphql } from '$lib/gql';

export const DemandPage = graphql(`
  query DemandPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Demand {
        ...DemandRow
        description
        version
        photoUrls
        attachments {
          id
          url
          kind
          width
          height
        }
        resolvedOnSpot
        closedAt
        escalatedAt
        updatedAt
        rating
        ratingComment
        residentName
        residentPhone
        place {
          compound
          building
          text
          latitude
          longitude
        }
        community {
          id
          name
        }
        duplicateOf {
          id
          ticketCode
          title
        }
        allowedActions
        timeline {
          id
          kind
          fromState
          toState
          body
          actorRole
          actorKind
          actorName
          public
          escalationLevel
          rating
          createdAt
        }
      }
    }
    demandTransitions {
      from
      action
      needs
    }
  }
`);

export const TransitionDemand = graphql(`
  mutation TransitionDemand($input: TransitionDemandInput!) {
    transitionDemand(input: $input) {
      demand {
        id
        state
        version
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AddDemandComment = graphql(`
  mutation AddDemandComment($input: AddDemandCommentInput!) {
    addDemandComment(input: $input) {
      demand {
        id
        version
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RevealDemandContact = graphql(`
  mutation RevealDemandContact($input: RevealDemandContactInput!) {
    revealDemandContact(input: $input) {
      contact {
        name
        phone
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** A demand by its ticket code, for "duplicate of": staff type the code they see on the other demand. */
export const DemandByCodeForStaff = graphql(`
  query DemandByCodeForStaff($filter: DemandFilter!) {
    demands(filter: $filter, first: 5) {
      edges {
        node {
          id
          ticketCode
        }
      }
    }
  }
`);

export const DemandAssignableAccounts = graphql(`
  query DemandAssignableAccounts($demandId: ID!) {
    demandAssignableAccounts(demandId: $demandId) {
      id
      displayName
      role
    }
  }
`);
