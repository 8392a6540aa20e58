// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** Bearer token of the staff session, from the `tx_session` cookie. */
      token: string | null;
    }
  }
}

export {};
