import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the partner client example: `npx graphql-codegen --config docs/examples/codegen.ts`. */
const here = path.dirname(fileURLToPath(import.meta.url));

const config: CodegenConfig = {
  // a partner uses the endpoint instead: schema: 'https://<host>/graphql' (introspection is open)
  schema: path.join(here, '../../schema.graphql'),
  documents: [path.join(here, 'partner-client.ts')],
  generates: {
    [path.join(here, 'gql/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};
export default config;
