import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const RecruitmentCalls = graphql(`
  query RecruitmentCalls($communityId: ID!, $load: Boolean!) {
    publicCommunities {
      id
      name
    }
    recruitmentCalls(communityId: $communityId, first: 20) @include(if: $load) {
      edges {
        node {
          id
          title
          body
          skillsWanted
          opensOn
          closesOn
          open
        }
      }
    }
    talentTeams(communityId: $communityId) @include(if: $load) {
      id
      name
      focus
      stats {
        memberCount
        problemsSolved
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const wanted = event.url.searchParams.get('community');
  const { publicCommunities: communities } = await api(event, RecruitmentCalls, { communityId: '', load: false });
  const community = communities.find((c) => c.id === wanted) ?? communities.find((c) => c.name.includes('红康')) ?? communities[0] ?? null;
  const data = community ? await api(event, RecruitmentCalls, { communityId: community.id, load: true }) : null;
  const calls = data?.recruitmentCalls?.edges.map((e) => e.node) ?? [];
  return { communities, community, open: calls.filter((c) => c.open), past: calls.filter((c) => !c.open), teams: data?.talentTeams ?? [] };
};
