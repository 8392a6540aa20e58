import { error } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { query } from '$lib/server/api';
import { orgCrumbs } from '$lib/org/crumbs';
import { CHILD_PAGE_SIZE, MAX_EXTRA_PAGES, toChildPage } from '$lib/org/tree';
import { appendPages } from '../children.server';
import type { PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const OrgNodePageQuery = graphql(`
  query OrgNodePage($id: ID!, $first: Int!) {
    orgNode(id: $id) {
      ...OrgNodeSummary
      archived
      ancestors {
        id
        name
        level
      }
      leader {
        id
        name
      }
      leaderState
      stats {
        descendantCount
      }
      ... on PartyCommittee {
        brand
      }
      ... on BuildingGroup {
        buildings
      }
      ... on Branch {
        warnings {
          code
          message
        }
        missedMeetings {
          kind
          message
        }
      }
      children(first: $first) {
        ...OrgChildrenPage
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  // The layout's viewer query runs alongside: waiting for it here costs nothing.
  const [{ orgNode }, { viewer }] = await Promise.all([
    query(event, OrgNodePageQuery, { id: event.params.id, first: CHILD_PAGE_SIZE }),
    event.parent(),
  ]);
  if (!orgNode) error(404, m.org_not_found());
  // `?pages=N` shows N pages of children, so "加载更多" works without JavaScript.
  const pages = Math.min(Math.max(Number.parseInt(event.url.searchParams.get('pages') ?? '1', 10) || 1, 1), MAX_EXTRA_PAGES + 1);
  const children = await appendPages(event, orgNode.id, toChildPage(orgNode.children), pages - 1);
  const grantIds = viewer.grants.map((g) => g.node.id);
  const crumbs = orgCrumbs(orgNode, grantIds);
  // the node's totals count its whole subtree; say so when that reaches beyond the viewer's own grants
  const withinScope = [orgNode.id, ...orgNode.ancestors.map((a) => a.id)].some((id) => grantIds.includes(id));
  return { node: orgNode, children, pages, crumbs, withinScope };
};
