import { graphql } from '$lib/gql';

export const UnitPage = graphql(`
  query UnitPage($id: ID!) {
    coBuildingUnit(id: $id) {
      id
      name
      kind
      partyOrgName
      contactName
      contactPhone
      communities {
        id
        name
      }
      agreements(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            signedOn
            termMonths
            endsOn
            commitments
            status
            daysUntilExpiry
            renewalDue
            renewed
            terminationReason
            community {
              id
              name
            }
          }
        }
      }
      committeeSeats(first: 50) {
        totalCount
        edges {
          node {
            id
            representativeName
            title
            since
            until
            current
            community {
              id
              name
            }
          }
        }
      }
      crossAppointments(first: 50) {
        totalCount
        edges {
          node {
            id
            role
            side
            personName
            since
            until
            current
            community {
              id
              name
            }
          }
        }
      }
      doubleReportSummary {
        memberCount
        communityCount
        serviceHours
      }
      doubleReportMembers(first: 100) {
        totalCount
        edges {
          node {
            id
            personName
            since
            until
            current
            serviceHours
            community {
              id
              name
            }
          }
        }
      }
      evaluations(first: 24) {
        totalCount
        edges {
          node {
            id
            period
            serviceScore
            environmentScore
            safetyScore
            responseScore
            total
            flag
            note
            community {
              id
              name
            }
          }
        }
      }
      partnerTokens(first: 50) {
        totalCount
        edges {
          node {
            id
            name
            hint
            scopes
            status
            expiresAt
            revokedAt
            createdAt
            rotatedAt
            lastUsedAt
            community {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const EvaluationRanking = graphql(`
  query EvaluationRanking($communityId: ID!, $period: String!) {
    propertyEvaluationRanking(communityId: $communityId, period: $period, first: 100) {
      totalCount
      edges {
        node {
          rank
          evaluation {
            id
            total
            flag
            unit {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const RevealUnitPhone = graphql(`
  query RevealUnitPhone($id: ID!) {
    coBuildingUnit(id: $id) {
      id
      contactPhone(reveal: true)
    }
  }
`);


export const AgreementCreate = graphql(`
  mutation AgreementCreate($input: AgreementCreateInput!) {
    agreementCreate(input: $input) {
      agreement {
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

export const AgreementRenew = graphql(`
  mutation AgreementRenew($input: AgreementRenewInput!) {
    agreementRenew(input: $input) {
      agreement {
        id
        signedOn
        endsOn
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AgreementTerminate = graphql(`
  mutation AgreementTerminate($input: AgreementTerminateInput!) {
    agreementTerminate(input: $input) {
      agreement {
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

export const SeatCreate = graphql(`
  mutation SeatCreate($input: CommitteeSeatCreateInput!) {
    committeeSeatCreate(input: $input) {
      seat {
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

export const SeatEnd = graphql(`
  mutation SeatEnd($input: CommitteeSeatEndInput!) {
    committeeSeatEnd(input: $input) {
      seat {
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

export const TokenCreate = graphql(`
  mutation TokenCreate($input: PartnerTokenCreateInput!) {
    partnerTokenCreate(input: $input) {
      secret
      partnerToken {
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

export const TokenRotate = graphql(`
  mutation TokenRotate($input: PartnerTokenRotateInput!) {
    partnerTokenRotate(input: $input) {
      secret
      partnerToken {
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

export const TokenRevoke = graphql(`
  mutation TokenRevoke($input: PartnerTokenRevokeInput!) {
    partnerTokenRevoke(input: $input) {
      partnerToken {
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

export const CrossAppointmentCreate = graphql(`
  mutation CrossAppointmentCreate($input: CrossAppointmentCreateInput!) {
    crossAppointmentCreate(input: $input) {
      crossAppointment {
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

export const CrossAppointmentEnd = graphql(`
  mutation CrossAppointmentEnd($input: CrossAppointmentEndInput!) {
    crossAppointmentEnd(input: $input) {
      crossAppointment {
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

export const DoubleReportCreate = graphql(`
  mutation DoubleReportCreate($input: DoubleReportMemberCreateInput!) {
    doubleReportMemberCreate(input: $input) {
      doubleReportMember {
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

export const DoubleReportEnd = graphql(`
  mutation DoubleReportEnd($input: DoubleReportMemberEndInput!) {
    doubleReportMemberEnd(input: $input) {
      doubleReportMember {
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

export const EvaluationRecord = graphql(`
  mutation EvaluationRecord($input: PropertyEvaluationRecordInput!) {
    propertyEvaluationRecord(input: $input) {
      evaluation {
        id
        total
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
