import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { parseServiceCategory, SERVICE_CATEGORIES } from '$lib/service';
import type { PageServerLoad } from './$types';

const ServiceMenu = graphql(`
  query ServiceMenu($communityId: ID!, $category: ServiceCategory, $load: Boolean!) {
    publicCommunities {
      id
      name
    }
    serviceOffers(communityId: $communityId, category: $category, first: 100) @include(if: $load) {
      totalCount
      edges {
        node {
          id
          title
          category
          description
          schedule
          place
          remainingThisWeek
          provider {
            kind
            name
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const wanted = event.url.searchParams.get('community');
  const category = parseServiceCategory(event.url.searchParams.get('category'));
  const first = await api(event, ServiceMenu, { communityId: wanted ?? '', category, load: false });
  const communities = first.publicCommunities;
  const community = communities.find((c) => c.id === wanted) ?? communities.find((c) => c.name.includes('红康')) ?? communities[0] ?? null;
  const menu = community ? await api(event, ServiceMenu, { communityId: community.id, category, load: true }) : null;
  const offers = menu?.serviceOffers?.edges.map((e) => e.node) ?? [];
  return {
    communities,
    community,
    category,
    categories: SERVICE_CATEGORIES,
    groups: SERVICE_CATEGORIES.map((c) => ({ category: c, offers: offers.filter((o) => o.category === c) })).filter((g) => g.offers.length > 0),
  };
};
