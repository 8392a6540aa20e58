import { graphql } from '$lib/gql';
import { query } from '$lib/server/api';
import { CHILD_PAGE_SIZE, readTreeState, toChildPage } from '$lib/org/tree';
import { loadOpened } from './org/children.server';
import { loadDashboard } from './dashboard.server';
import type { PageServerLoad } from './$types';

const OrgRootsQuery = graphql(`
  query OrgRoots($first: Int!) {
    orgRoots(first: $first) {
      ...OrgChildrenPage
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { open, more } = readTreeState(event.url.searchParams);
  const [roots, children, { viewer }] = await Promise.all([
    query(event, OrgRootsQuery, { first: CHILD_PAGE_SIZE }),
    loadOpened(event, open, more),
    event.parent(),
  ]);
  const dashboard = viewer ? await loadDashboard(event, viewer.grants) : null;
  return { roots: toChildPage(roots.orgRoots), children, dashboard };
};
