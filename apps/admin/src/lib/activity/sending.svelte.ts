import type { SubmitFunction } from '@sveltejs/kit';

/**
 * The forms of an activity screen while one is being sent: `busy` (their submit buttons wait) until the answer
 * is in; `submit` is the `use:enhance` handler, which keeps what was typed when the answer is a refusal.
 */
export function sending(): { readonly busy: boolean; submit: SubmitFunction } {
  let busy = $state(false);
  return {
    get busy() {
      return busy;
    },
    submit: () => {
      busy = true;
      return async ({ update }) => {
        await update({ reset: false });
        busy = false;
      };
    },
  };
}
