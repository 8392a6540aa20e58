import { graphql } from '$lib/gql';

export const ServiceMenuAdmin = graphql(`
  query ServiceMenuAdmin($communityId: ID!) {
    serviceOffers(communityId: $communityId, includeHidden: true, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          category
          description
          schedule
          place
          capacityPerWeek
          remainingThisWeek
          published
          archived
          provider {
            kind
            name
          }
        }
      }
    }
    volunteerTeams(communityId: $communityId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const ServiceOfferCreate = graphql(`
  mutation ServiceOfferCreate($input: ServiceOfferInput!) {
    createServiceOffer(input: $input) {
      offer {
        id
        title
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ServiceOfferUpdate = graphql(`
  mutation ServiceOfferUpdate($input: ServiceOfferUpdateInput!) {
    updateServiceOffer(input: $input) {
      offer {
        id
        title
        published
        archived
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ServiceOrdersBoard = graphql(`
  query ServiceOrdersBoard($communityId: ID, $states: [DemandState!], $mine: Boolean, $first: Int, $after: String) {
    serviceOrders(communityId: $communityId, states: $states, mine: $mine, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          preferredTime
          hours
          completedAt
          address
          dispatchedToMe
          assignee {
            kind
            id
            name
          }
          offer {
            id
            title
          }
          demand {
            id
            ticketCode
            state
            version
            createdAt
            residentName
            residentPhone
            rating
            overdue
          }
        }
      }
    }
  }
`);

export const ServiceDispatchCandidates = graphql(`
  query ServiceDispatchCandidates($demandId: ID!) {
    serviceDispatchCandidates(demandId: $demandId) {
      kind
      id
      name
      skills
      hasAccount
      openOrders
    }
  }
`);

export const ServiceOrderDispatch = graphql(`
  mutation ServiceOrderDispatch($input: DispatchServiceOrderInput!) {
    dispatchServiceOrder(input: $input) {
      demand {
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

export const ServiceOrderAccept = graphql(`
  mutation ServiceOrderAccept($input: AcceptServiceOrderInput!) {
    acceptServiceOrder(input: $input) {
      demand {
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

export const ServiceOrderComplete = graphql(`
  mutation ServiceOrderComplete($input: CompleteServiceOrderInput!) {
    completeServiceOrder(input: $input) {
      demand {
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
