import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit } from 'graphql';
import type { Context } from './context.js';

const NUL = '\u0000';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
}

/**
 * PostgreSQL cannot store the NUL character: any string that carries one would fail deep inside a query as
 * an internal error. Refuse it up front, in variables and in literals, as the caller's mistake.
 */
export const rejectNulCharacters: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        let found = hasNul(request.variables);
        if (!found) {
          visit(document, {
            StringValue(node) {
              if (node.value.includes(NUL)) found = true;
            },
          });
        }
        if (found) {
          throw new GraphQLError('输入中含有无效字符 (a string contains the NUL character)', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
      },
    };
  },
};
