import { graphql } from '$lib/gql';

/** A community's volunteers in a year: totals, teams with hours, one page of the roll, recognitions. */
export const VolunteersPage = graphql(`
  query VolunteersPage($communityId: ID!, $year: Int!, $first: Int!, $after: String, $search: String) {
    volunteerHours(communityId: $communityId, year: $year) {
      totalHours
      recordCount
      volunteerCount
    }
    volunteerTeams(communityId: $communityId, first: 50) {
      totalCount
      edges {
        node {
          id
          name
          skills
          memberCount
          serviceHours(year: $year)
          allHours: serviceHours
          unit {
            id
            name
          }
        }
      }
    }
    volunteers(communityId: $communityId, first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          phone
          skills
          serviceHours(year: $year)
          teams {
            id
            name
          }
          unit {
            id
            name
          }
        }
      }
    }
    recognitions(communityId: $communityId, year: $year, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          citation
          year
          volunteer {
            id
            name
          }
          household {
            id
            headName
          }
        }
      }
    }
  }
`);

/** Volunteers to pick for a recognition (by name). */
export const VolunteerChoices = graphql(`
  query VolunteerChoices($communityId: ID!) {
    volunteers(communityId: $communityId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const RecognitionCreate = graphql(`
  mutation VolunteersRecognitionCreate($input: RecognitionCreateInput!) {
    recognitionCreate(input: $input) {
      recognition {
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

export const RecognitionDelete = graphql(`
  mutation VolunteersRecognitionDelete($input: RecognitionDeleteInput!) {
    recognitionDelete(input: $input) {
      userErrors {
        field
        message
        code
      }
    }
  }
`);
