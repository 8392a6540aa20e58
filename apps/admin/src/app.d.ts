// See https://svelte.dev/docs/kit/types#app.d.ts
import type { PageCrumbs } from '$lib/nav';

declare global {
  namespace App {
    interface Locals {
      /** Bearer token of the staff session, from the `tx_session` cookie. */
      token: string | null;
    }
    interface PageData {
      /** A page's place for the breadcrumbs of the layout (see $lib/nav); pages without it get them from the nav. */
      crumbs?: PageCrumbs;
    }
  }
}

export {};
