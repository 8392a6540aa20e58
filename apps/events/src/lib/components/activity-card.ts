import { graphql } from '$lib/gql';

/** What a card in the list needs; the detail page asks for the same and more. */
export const ActivityCard = graphql(`
  fragment ActivityCard on Activity {
    id
    title
    category
    status
    startsAt
    endsAt
    capacity
    seatsLeft
    registrationOpen
    registrationOpensAt
    venue {
      id
      name
    }
    organizer {
      id
      name
    }
    community {
      id
      name
    }
  }
`);
