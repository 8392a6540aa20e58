/** The GraphQL side of the benchmark's shapes (plain-sql-server.ts answers the same ones), and the data check. */

export const SUBTREE_QUERY = `query BenchSubtree($id: ID!) {
  orgNode(id: $id) { id name level
    children(first: 100) { edges { node { id name level
      children(first: 100) { edges { node { id name level
        children(first: 100) { edges { node { id name level } } } } } } } } } } }`;

export const MEMBERS_QUERY = `query BenchMembers($id: ID!) {
  orgNode(id: $id) { id name ... on Branch { members(first: 50) { edges { node { id name branch { id name } } } } } } }`;

export const ACTIVITIES_QUERY = `query BenchActivities {
  activities(first: 20, filter: { window: UPCOMING }) { totalCount
    edges { node { id title startsAt endsAt venue { id name } organizer { id name } } } } }`;

export const ACTIVITY_QUERY = `query BenchActivity($id: ID!) {
  node(id: $id) { id ... on Activity { title startsAt endsAt venue { id name } organizer { id name } } } }`;

export const TYPENAME_QUERY = '{ __typename }';

const COMPARED = new Set(['name', 'title', 'level', 'totalCount', 'startsAt', 'endsAt']);

/**
 * The data in a response as sorted `key=value` lines (names, titles, levels, counts, times), whatever the ids
 * and the nesting keys: the API and the plain SQL server must give the same lines for the same shape.
 */
export function fingerprint(body: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (COMPARED.has(k) && (typeof x === 'string' || typeof x === 'number')) {
          out.push(`${k}=${k.endsWith('At') ? new Date(x).toISOString() : x}`);
        } else walk(x);
      }
    }
  };
  try {
    walk(JSON.parse(body));
  } catch {
    return [];
  }
  return out.sort();
}
