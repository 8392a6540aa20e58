import { graphql } from '$lib/gql';

export const TalentPage = graphql(`
  query TalentPage($communityId: ID!, $callId: ID, $status: ApplicantStatus, $skill: String, $building: String, $first: Int, $after: String) {
    talentTeams(communityId: $communityId) {
      id
      name
      focus
      volunteerTeamId
      stats {
        memberCount
        problemsSolved
      }
    }
    recruitmentCalls(communityId: $communityId, includeHidden: true, first: 20) {
      edges {
        node {
          id
          title
          opensOn
          closesOn
          open
          published
        }
      }
    }
    talentApplicants(communityId: $communityId, callId: $callId, status: $status, skill: $skill, building: $building, first: $first, after: $after) {
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
          availability
          building
          gridName
          intro
          status
          reviewNote
          volunteerId
          createdAt
          team {
            id
            name
          }
          call {
            id
            title
          }
        }
      }
    }
  }
`);

export const TalentReview = graphql(`
  mutation TalentReview($input: ReviewTalentApplicantInput!) {
    reviewTalentApplicant(input: $input) {
      applicant {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TalentPlace = graphql(`
  mutation TalentPlace($input: PlaceTalentApplicantInput!) {
    placeTalentApplicant(input: $input) {
      applicant {
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

export const TalentCallCreate = graphql(`
  mutation TalentCallCreate($input: RecruitmentCallInput!) {
    createRecruitmentCall(input: $input) {
      call {
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

export const TalentTeamCreate = graphql(`
  mutation TalentTeamCreate($input: TalentTeamInput!) {
    createTalentTeam(input: $input) {
      team {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
