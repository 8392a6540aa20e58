/**
 * API benchmark: starts PostgreSQL (embedded unless DATABASE_URL is set) with the demo data and the API in
 * this process, then drives typical requests with autocannon over loopback and prints figures.
 * `npm run bench` (BENCH_SECONDS=10 BENCH_CONNECTIONS=20 to change the load).
 */
import autocannon from 'autocannon';
import { createDatabase, startPostgres } from '@tongxin/launcher';
import { loadConfig } from '../src/config.js';
import { migrate, openOrm } from '../src/db/orm.js';
import { seedDemoIfEmpty } from '../src/db/seed/index.js';
import { createServer } from '../src/server.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const pg = await startPostgres({ database: 'postgres' });
const url = await createDatabase(pg.url, `tongxin_bench_${process.pid}`, { replace: true });
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', COST_MAX_PER_REQUEST: '100000' });
const orm = await openOrm(url, config.DB_POOL_MAX);
await migrate(orm);
await seedDemoIfEmpty(orm);
const server = await createServer(orm, config);
const port = await server.listen(0, '127.0.0.1');
const endpoint = `http://127.0.0.1:${port}/graphql`;

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: any; errors?: unknown[] };
}

const login = await gql(`mutation { sessionCreate(input: { username: "hongkang-admin", password: "tongxin-demo" }) { token } }`);
const token: string = login.data.sessionCreate.token;
const community = (await gql(`{ orgSearch(query: "红康社区", first: 1) { edges { node { id } } } }`, {}, token)).data.orgSearch.edges[0].node.id;

const scenarios: { name: string; query: string; variables?: Record<string, unknown>; token?: string }[] = [
  { name: 'org roots, anonymous', query: `{ orgRoots { edges { node { name stats { memberCount } children(first: 20) { edges { node { name } } } } } } }` },
  {
    name: 'community tree 4 levels, staff',
    token,
    variables: { id: community },
    query: `query($id: ID!) { orgNode(id: $id) { name stats { memberCount householdCount } children(first: 100) { edges { node { name stats { memberCount } leader { name }
      children(first: 100) { edges { node { name children(first: 100) { edges { node { name } } } } } } } } } } }`,
  },
];
if ((await gql(`{ __type(name: "Activity") { name } }`)).data.__type) {
  scenarios.push({ name: 'public activities list', query: `{ activities(first: 20) { totalCount edges { node { title startsAt venue { name } seatsLeft } } } }` });
}

console.log(`Tongxin API benchmark: ${connections} connections, ${seconds} s per scenario, PostgreSQL ${pg.embedded ? 'embedded' : 'external'}\n`);
console.log('scenario'.padEnd(36), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
for (const s of scenarios) {
  const check = await gql(s.query, s.variables, s.token);
  if (check.errors) throw new Error(`${s.name}: ${JSON.stringify(check.errors)}`);
  const result = await autocannon({
    url: endpoint,
    method: 'POST',
    connections,
    duration: seconds,
    workers: 1, // the load generator runs in its own thread, not on the API's event loop
    headers: { 'content-type': 'application/json', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
    body: JSON.stringify({ query: s.query, variables: s.variables ?? {} }),
  });
  console.log(s.name.padEnd(36), result.requests.average.toFixed(0).padStart(8), String(result.latency.p50).padStart(8), String(result.latency.p99).padStart(8), String(result.errors + result.non2xx).padStart(7));
}

await new Promise((resolve) => setTimeout(resolve, 500)); // let the last in-flight responses finish
await server.close();
await orm.close();
await pg.stop();
