import { graphql } from '$lib/gql';
import { query, signOutLocally } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      displayName
      username
      grants {
        id
        role
        node {
          id
          name
          level
        }
      }
    }
  }
`);

export const load: LayoutServerLoad = async (event) => {
  const { viewer } = await query(event, ViewerQuery, {});
  // A token the API no longer knows reads as anonymous.
  if (!viewer) signOutLocally(event);
  return { viewer };
};
