import { graphql } from '$lib/gql';

/** One page of the member list. */
export const MemberList = graphql(`
  query MemberList($filter: MemberFilter, $first: Int!, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          gender
          status
          joinedOn
          partyYears
          phone
          mobile
          probationEndingSoon
          politicalBirthdayThisMonth
          doubleReportUnit {
            id
            name
          }
          branch {
            id
            name
          }
          positions {
            role
          }
        }
      }
    }
  }
`);

/** Where members may go: the caller's nodes and, under a community, its branches. */
export const MemberRosters = graphql(`
  query MemberRosters($id: ID!) {
    orgNode(id: $id) {
      id
      name
      level
      ... on PartyCommittee {
        children(first: 100) {
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
  }
`);

export const MemberDetail = graphql(`
  query MemberDetail($id: ID!, $reveal: Boolean!) {
    node(id: $id) {
      ... on PartyMember {
        id
        name
        gender
        status
        joinedOn
        fullOn
        birthDate
        ethnicity
        education
        workUnit
        phone(reveal: $reveal)
        mobile
        mobileLocation
        mobileUntil
        partyYears
        probationEndsOn
        probationEndingSoon
        politicalBirthdayThisMonth
        canEdit
        doubleReportUnit {
          id
          name
        }
        branch {
          id
          name
        }
        positionHistory {
          id
          role
          since
          until
          current
          organization {
            id
            name
          }
        }
        transfers {
          id
          kind
          state
          note
          decisionNote
          requestedAt
          decidedAt
          outsideOrganization
          fromBranch {
            id
            name
          }
          toBranch {
            id
            name
          }
        }
      }
    }
  }
`);

export const MemberCreate = graphql(`
  mutation MemberCreate($input: MemberCreateInput!) {
    memberCreate(input: $input) {
      member {
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

export const MemberUpdate = graphql(`
  mutation MemberUpdate($input: MemberUpdateInput!) {
    memberUpdate(input: $input) {
      member {
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

export const MemberPositionAssign = graphql(`
  mutation MemberPositionAssign($input: MemberPositionAssignInput!) {
    memberPositionAssign(input: $input) {
      position {
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

export const MemberPositionEnd = graphql(`
  mutation MemberPositionEnd($input: MemberPositionEndInput!) {
    memberPositionEnd(input: $input) {
      position {
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

export const MemberTransferRequest = graphql(`
  mutation MemberTransferRequest($input: MemberTransferRequestInput!) {
    memberTransferRequest(input: $input) {
      transfer {
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

export const MemberTransfers = graphql(`
  query MemberTransfers($filter: MemberTransferFilter, $first: Int!, $after: String) {
    memberTransfers(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          state
          personName
          note
          decisionNote
          outsideOrganization
          requestedAt
          decidedAt
          canDecide
          member {
            id
          }
          fromBranch {
            id
            name
          }
          toBranch {
            id
            name
          }
        }
      }
    }
  }
`);

export const MemberTransferApprove = graphql(`
  mutation MemberTransferApprove($input: MemberTransferDecideInput!) {
    memberTransferApprove(input: $input) {
      transfer {
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

export const MemberTransferRefuse = graphql(`
  mutation MemberTransferRefuse($input: MemberTransferDecideInput!) {
    memberTransferRefuse(input: $input) {
      transfer {
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

export const MemberTransferTargets = graphql(`
  query MemberTransferTargets($id: ID!) {
    memberTransferTargets(memberId: $id) {
      id
      name
      communityName
    }
  }
`);
