import { graphql } from '$lib/gql';
import { query } from '$lib/server/api';
import { CHILD_PAGE_SIZE, readTreeState, toChildPage } from '$lib/org/tree';
import { loadOpened } from './org/children.server';
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
  const [roots, children] = await Promise.all([
    query(event, OrgRootsQuery, { first: CHILD_PAGE_SIZE }),
    loadOpened(event, open, more),
  ]);
  return { roots: toChildPage(roots.orgRoots), children };
};
