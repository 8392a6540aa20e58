import { graphql } from '$lib/gql';

export const GridList = graphql(`
  query GridList {
    grids {
      id
      name
      level
      parent {
        id
      }
      worker {
        displayName
        username
      }
      branch {
        id
        name
      }
      buildings {
        id
        name
        compound {
          id
          name
        }
      }
      households(first: 1) {
        totalCount
      }
    }
  }
`);
