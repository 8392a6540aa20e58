/** Writes the sorted SDL to the repository's schema.graphql (`npm run gen:schema`). */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { schemaSdl } from './schema.js';

const target = fileURLToPath(new URL('../../../../schema.graphql', import.meta.url));
await writeFile(target, await schemaSdl());
console.log(`wrote ${target}`);
