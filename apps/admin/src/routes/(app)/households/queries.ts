import { graphql } from '$lib/gql';

/** The household list: places to filter by, and one page of households. */
export const HouseholdList = graphql(`
  query HouseholdList($filter: HouseholdFilter, $first: Int!, $after: String) {
    compounds {
      id
      name
      buildings {
        id
        name
      }
    }
    grids {
      id
      name
      level
    }
    households(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          address
          headName
          size
          phone
          hasCare
          linkedBy {
            id
            name
          }
          grid {
            id
            name
          }
        }
      }
    }
  }
`);

/** One household with its residents; care data and clear values only through the reveal request. */
export const HouseholdPage = graphql(`
  query HouseholdPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Household {
        id
        compound
        building
        unit
        room
        address
        headName
        size
        phone
        hasCare
        lookedAfterBy {
          id
          name
          level
        }
        linkedBy {
          id
          name
        }
        grid {
          id
          name
          worker {
            displayName
          }
        }
        residents {
          id
          name
          relation
          birthYear
          phone
          idNumber
        }
      }
    }
  }
`);

/** Member households a household may be linked to: those of the coverage report of the viewer's scope. */
export const MemberHouseholdChoices = graphql(`
  query MemberHouseholdChoices($orgNodeId: ID!) {
    householdCoverage(orgNodeId: $orgNodeId) {
      memberHouseholds {
        memberHousehold {
          id
          name
        }
        linkedCount
        load
      }
    }
  }
`);

export const RevealPersonalData = graphql(`
  mutation RevealPersonalData($input: PersonalDataRevealInput!) {
    personalDataReveal(input: $input) {
      values {
        field
        value
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const LinkHousehold = graphql(`
  mutation LinkHousehold($input: HouseholdLinkInput!) {
    householdLink(input: $input) {
      household {
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

export const UnlinkHousehold = graphql(`
  mutation UnlinkHousehold($input: HouseholdUnlinkInput!) {
    householdUnlink(input: $input) {
      household {
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

export const CreateHousehold = graphql(`
  mutation CreateHousehold($input: HouseholdCreateInput!) {
    householdCreate(input: $input) {
      household {
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

export const UpdateHousehold = graphql(`
  mutation UpdateHousehold($input: HouseholdUpdateInput!) {
    householdUpdate(input: $input) {
      household {
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

export const SaveResident = graphql(`
  mutation SaveResident($input: ResidentSaveInput!) {
    residentSave(input: $input) {
      resident {
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

/** For the member-household side of 联户: the node asked for, and care households no member links yet. */
export const MemberHouseholdSide = graphql(`
  query MemberHouseholdSide($id: ID!, $scope: ID!) {
    node(id: $id) {
      __typename
      ... on MemberHousehold {
        id
        name
      }
    }
    householdCoverage(orgNodeId: $scope) {
      uncovered {
        id
        address
        headName
      }
    }
  }
`);

/** Erase a resident's personal data on their request (committee admins; audited). */
export const EraseResident = graphql(`
  mutation EraseResident($input: ResidentEraseInput!) {
    residentErase(input: $input) {
      resident {
        id
        name
      }
      alreadyErased
      userErrors {
        field
        message
        code
      }
    }
  }
`);
