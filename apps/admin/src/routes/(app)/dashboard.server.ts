import type { RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { query } from '$lib/server/api';
import { scopeNode } from '$lib/demand/scope';
import { twelveMonths } from '$lib/dashboard/charts';
import { shanghaiWeek } from '$lib/dashboard/links';
import type { GrantRole, OrgLevel } from '$lib/gql/graphql';

const DashboardQuery = graphql(`
  query Dashboard(
    $id: ID!
    $from: Date!
    $to: Date!
    $demandFilter: DemandFilter!
    $weekFilter: ActivityFilter!
    $meetingFilter: MeetingFilter!
  ) {
    orgNode(id: $id) {
      id
      name
      level
      stats {
        memberCount
        openDemandCount
        overdueDemandCount
        activitiesThisMonth
        demandsReceivedThisYear
        demandsResolvedThisYear
        demandsRatedThisYear
        demandSatisfactionRateThisYear
      }
      activityMonths {
        month
        activityCount
        checkedInCount
      }
      serviceHoursMonths {
        month
        hours
        volunteerCount
      }
      children(first: 30) {
        totalCount
        edges {
          node {
            id
            name
            level
            stats {
              memberCount
              openDemandCount
              overdueDemandCount
            }
          }
        }
      }
    }
    demandStateCounts(filter: $demandFilter) {
      state
      count
    }
    demandMetrics(orgNodeId: $id, from: $from, to: $to, groupBy: MONTH) {
      month
      received
      resolved
      open
      overdue
      responseRate
      resolutionRate
      satisfactionRate
    }
    activities(filter: $weekFilter, first: 20) {
      totalCount
      edges {
        node {
          id
          title
          startsAt
          status
          confirmedCount
          venue {
            name
          }
        }
      }
    }
    meetings(filter: $meetingFilter, first: 20) {
      totalCount
      edges {
        node {
          id
          title
          kind
          status
          startsAt
          place
          host {
            id
            name
          }
        }
      }
    }
    householdCoverage(orgNodeId: $id) {
      careCount
      uncoveredCount
      memberHouseholds {
        load
      }
    }
    agreementsExpiring(withinDays: 60, first: 20) {
      totalCount
      edges {
        node {
          id
          title
          endsOn
          daysUntilExpiry
          unit {
            id
            name
          }
          community {
            id
            name
          }
        }
      }
    }
  }
`);

interface GrantLike {
  role: GrantRole;
  node: { id: string; name: string; level: OrgLevel };
}

/** The dashboard of the person's widest grant: its figures, charts' series and this week's work. */
export async function loadDashboard(event: RequestEvent, grants: readonly GrantLike[], now = new Date()) {
  const scope = scopeNode(grants);
  if (!scope) return null;
  const { from, to } = twelveMonths(now);
  const week = shanghaiWeek(now);
  const data = await query(event, DashboardQuery, {
    id: scope.id,
    from,
    to,
    demandFilter: { orgNodeId: scope.id },
    weekFilter: { organizerId: scope.id, window: 'THIS_WEEK' },
    meetingFilter: { orgNodeId: scope.id, from: week.from, to: week.to },
  });
  if (!data.orgNode) return null;
  const isCommitteeAdmin = grants.some((g) => g.role === 'COMMITTEE_ADMIN');
  // The 联户 report is read on /coverage, which viewers do not have: their dashboard leaves it out.
  const seesCoverage = grants.some((g) => g.role !== 'VIEWER');
  const coverage = seesCoverage && data.householdCoverage ? coverageFigures(data.householdCoverage) : null;
  return { ...data, orgNode: data.orgNode, isCommitteeAdmin, coverage, week };
}

/** The 联户 gaps: care households nobody links, member households linking none or too many. */
function coverageFigures(report: { careCount: number; uncoveredCount: number; memberHouseholds: readonly { load: string }[] }) {
  const count = (load: string) => report.memberHouseholds.filter((m) => m.load === load).length;
  return {
    careCount: report.careCount,
    uncoveredCount: report.uncoveredCount,
    memberHouseholdCount: report.memberHouseholds.length,
    idleCount: count('NONE'),
    overloadedCount: count('TOO_MANY'),
  };
}
