import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { sessionRequest } from '$lib/server/api';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SessionRevoke = graphql(`
  mutation SessionRevoke {
    sessionRevoke {
      revoked
      userErrors {
        code
      }
    }
  }
`);

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies, url }) => {
    if (locals.token) {
      // Signing out locally must work even when the API is down or the token already expired.
      await sessionRequest(SessionRevoke, {}, locals.token).catch(() => undefined);
    }
    clearSessionCookie(cookies, url);
    redirect(303, '/login');
  },
};
