// Compiles messages/*.json into src/lib/paraglide with the options the Vite plugin uses (for svelte-check),
// and fails when the two languages do not have the same keys.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';
import { missingKeys } from './message-keys.js';

const problems = missingKeys();
if (problems.length > 0) {
  console.error(`messages/: keys missing in one language:\n${problems.join('\n')}`);
  process.exit(1);
}
await compile(paraglideOptions);
