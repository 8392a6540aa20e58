import type { CodegenConfig } from '@graphql-codegen/cli';

/** Shared graphql-codegen settings: typed documents from the checked-in schema, no running server needed. */
export function frontEndCodegen(): CodegenConfig {
  return {
    schema: '../../schema.graphql',
    documents: ['src/**/*.ts', '!src/lib/gql/**'],
    ignoreNoDocuments: true,
    generates: {
      './src/lib/gql/': {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Date: 'string' } },
      },
    },
  };
}
