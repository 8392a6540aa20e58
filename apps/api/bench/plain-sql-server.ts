/**
 * The baseline for `npm run bench`: the benchmark's read shapes answered by a plain node:http server with one
 * prepared statement per request, the JSON built by PostgreSQL itself (json_build_object / json_agg) and sent
 * as it comes. It reads the same tables as the API and answers in the same nesting as the GraphQL response,
 * with plain numeric ids. No access checks, no GraphQL: the floor the API is measured against.
 *
 *   GET /subtree/:id     org node, 3 levels of children (first 100 each), ids, names, levels
 *   GET /members/:id     a branch and its first 50 members, each with its branch
 *   GET /activities      upcoming public activities, first 20, with venue and organiser, and their count
 *   GET /activity/:id    one activity with venue and organiser
 *   GET /typename        { "data": { "__typename": "Query" } } without touching the database
 *
 * Env: DATABASE_URL, PORT (0: any free port), HOST (default 127.0.0.1), DB_POOL_MAX (default 10).
 * Prints `listening on <port>` when ready; stops on SIGINT/SIGTERM or when its parent goes away.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_MAX ?? 10) });
pool.on('error', () => {}); // an idle client lost: the pool replaces it

const orgFields = (t: string) => `'id', ${t}.id, 'name', ${t}.name, 'level', ${t}.level`;
const firstChildren = (parent: string, t: string) =>
  `(select id, name, level from org_node where parent_id = ${parent}.id and archived_at is null order by id limit 100) ${t}`;
const edges = (aggregate: string) => `json_build_object('edges', coalesce((${aggregate}), '[]'::json))`;

const SUBTREE = `
select json_build_object('data', json_build_object('orgNode', (
  select json_build_object(${orgFields('r')}, 'children', ${edges(`
    select json_agg(json_build_object('node', json_build_object(${orgFields('b')}, 'children', ${edges(`
      select json_agg(json_build_object('node', json_build_object(${orgFields('g')}, 'children', ${edges(`
        select json_agg(json_build_object('node', json_build_object(${orgFields('h')})) order by h.id)
        from ${firstChildren('g', 'h')}`)})) order by g.id)
      from ${firstChildren('b', 'g')}`)})) order by b.id)
    from ${firstChildren('r', 'b')}`)})
  from org_node r where r.id = $1 and r.archived_at is null)))::text as body`;

const MEMBERS = `
select json_build_object('data', json_build_object('orgNode', (
  select json_build_object('id', n.id, 'name', n.name, 'members', ${edges(`
    select json_agg(json_build_object('node', json_build_object('id', m.id, 'name', m.name,
      'branch', json_build_object('id', b.id, 'name', b.name))) order by m.id)
    from (select id, name, org_node_id from party_member where org_node_id = n.id and archived_at is null order by id limit 50) m
    join org_node b on b.id = m.org_node_id`)})
  from org_node n where n.id = $1 and n.archived_at is null)))::text as body`;

const activityFields = `'id', a.id, 'title', a.title, 'startsAt', a.starts_at, 'endsAt', a.ends_at,
  'venue', case when v.id is null then null else json_build_object('id', v.id, 'name', v.name) end,
  'organizer', json_build_object('id', o.id, 'name', o.name)`;
const UPCOMING_PUBLIC = `audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED') and ends_at > now()`;

const ACTIVITIES = `
select json_build_object('data', json_build_object('activities', json_build_object(
  'totalCount', (select count(*) from activity where ${UPCOMING_PUBLIC}),
  'edges', coalesce((
    select json_agg(json_build_object('node', json_build_object(${activityFields})) order by a.starts_at, a.id)
    from (select * from activity where ${UPCOMING_PUBLIC} order by starts_at, id limit 20) a
    left join venue v on v.id = a.venue_id
    join org_node o on o.id = a.organizer_id), '[]'::json))))::text as body`;

const ACTIVITY = `
select json_build_object('data', json_build_object('node', (
  select json_build_object(${activityFields})
  from activity a left join venue v on v.id = a.venue_id join org_node o on o.id = a.organizer_id
  where a.id = $1 and a.audience = 'PUBLIC' and a.status in ('PUBLISHED', 'FINISHED'))))::text as body`;

const TYPENAME = JSON.stringify({ data: { __typename: 'Query' } });

const routes: Record<string, { name: string; text: string; takesId: boolean }> = {
  subtree: { name: 'bench_subtree', text: SUBTREE, takesId: true },
  members: { name: 'bench_members', text: MEMBERS, takesId: true },
  activities: { name: 'bench_activities', text: ACTIVITIES, takesId: false },
  activity: { name: 'bench_activity', text: ACTIVITY, takesId: true },
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [, name, rawId, ...rest] = (req.url ?? '/').split('?')[0]!.split('/');
  if (req.method !== 'GET' || rest.length > 0) return send(res, 404, JSON.stringify({ errors: [{ message: 'not found' }] }));
  if (name === 'typename' && rawId === undefined) return send(res, 200, TYPENAME);
  const route = name ? routes[name] : undefined;
  if (!route || route.takesId !== (rawId !== undefined)) return send(res, 404, JSON.stringify({ errors: [{ message: 'not found' }] }));
  const id = Number(rawId);
  if (route.takesId && !(Number.isSafeInteger(id) && id > 0)) return send(res, 400, JSON.stringify({ errors: [{ message: 'bad id' }] }));
  const result = await pool.query<{ body: string }>({ name: route.name, text: route.text, values: route.takesId ? [id] : [] });
  send(res, 200, result.rows[0]!.body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    process.stderr.write(`plain-sql-server: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!res.headersSent) send(res, 500, JSON.stringify({ errors: [{ message: 'internal error' }] }));
    else res.destroy();
  });
});
server.keepAliveTimeout = 60_000;

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code || 1), 5_000);
  force.unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pool.end().catch(() => {});
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
if (process.send) {
  process.on('disconnect', () => void stop(0)); // the benchmark that started us is gone
  process.channel?.unref();
}

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : port}\n`);
});
