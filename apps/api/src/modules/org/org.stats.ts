/**
 * Roll-up counts over an org node's subtree (`OrgNode.stats`). Each module contributes the counts of its own
 * rows, registered here, and the field on `OrgStats`, declared in that module (a field resolver on OrgStats that
 * reads the value by name). All registered counts are read in one statement per batch of nodes (org.service
 * statsOf).
 *
 * A count is either
 *   - kept in the counter table `org_rollup` (`counter`): each node's OWN count (rows whose org node is exactly
 *     that node), per month bucket for counts of "this month" / "this year", maintained by PostgreSQL triggers on
 *     the counted table, so every writer (the ORM, raw SQL, imports, COPY) keeps it right. A node's stats are the
 *     sums of its subtree's own counters: moving a node changes no own count, and archiving a node changes none
 *     either (the counts below never looked at whether a node is archived). The triggers and the full recount
 *     `org_rollup_rebuild()` are generated from the registry by `orgRollupDdl` below; the migration that installs
 *     them holds the generated text, and a test compares the database's functions with what the registry
 *     generates now (change a counted definition: add a migration with the new `orgRollupDdl()` output);
 *   - or live (`live`: why): the scalar subquery runs per node on every read, and must be bounded.
 * In both cases `sql` is the count's definition: the full recount a test compares the counters with.
 */

export interface OrgStatCounter {
  /** The counted table, e.g. `party_member`. */
  table: string;
  /** Its column holding the org node a row belongs to, e.g. `org_node_id`. */
  node: string;
  /** Which rows count: a condition over the table's columns, unqualified, without `?` placeholders. */
  where: string;
  /**
   * For counts of a calendar period (Asia/Shanghai): the timestamp column placing the row in a month, and which
   * months the read sums: `month` the current one only; `year` every month from January of the current year on
   * (later months included, as `column >= start of the year` does).
   */
  period?: { column: string; span: 'month' | 'year' };
}

export interface OrgStat {
  /** The OrgStats field it fills, also the column alias: a plain identifier such as `memberCount`. */
  field: string;
  /**
   * The count's definition: a scalar subquery counting for the org_node row aliased `node`, without `?`
   * placeholders, e.g. `(select count(*) from org_node c where c.parent_id = ${node}.id)`. The subtree of the
   * node is `o.path >= ${node}.path and o.path < ${node}.path || '~'`. A live count runs it on every read;
   * a kept count is compared with it by the roll-up test.
   */
  sql: (node: string) => string;
  /** Kept in org_rollup by triggers, with exactly the rows `sql` counts (for every node). */
  counter?: OrgStatCounter;
  /** Not kept: why it must stay live, and what bounds its cost. */
  live?: string;
}

/** What `OrgNode.stats` resolves to: each registered count by its field. */
export type OrgStatValues = Readonly<Record<string, number>>;

const registered = new Map<string, OrgStat>();
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Add a count to every node's stats (once per field, at module load). */
export function registerOrgStat(stat: OrgStat): void {
  if (!/^[a-z][A-Za-z0-9]*$/.test(stat.field)) throw new Error(`org stat field must be a plain identifier: ${stat.field}`);
  if (registered.has(stat.field)) throw new Error(`org stat ${stat.field} is registered twice`);
  if (!stat.counter === !stat.live) throw new Error(`org stat ${stat.field} is either kept (counter) or live (with the reason)`);
  const c = stat.counter;
  if (c) {
    if (!IDENTIFIER.test(c.table) || !IDENTIFIER.test(c.node) || (c.period && !IDENTIFIER.test(c.period.column))) {
      throw new Error(`org stat ${stat.field}: table and columns must be plain identifiers`);
    }
    if (c.where.includes('?') || c.where.includes('$')) throw new Error(`org stat ${stat.field}: no placeholders in the condition`);
  }
  registered.set(stat.field, stat);
}

/** Every registered count, in registration order. */
export function orgStats(): OrgStat[] {
  return [...registered.values()];
}

/** SQL condition: org_node row `row` lies in the subtree of node row `node` (the node included). */
export const inSubtree = (row: string, node: string) => `${row}.path >= ${node}.path and ${row}.path < ${node}.path || '~'`;

// ---- the counter table -------------------------------------------------------------------------------------

/** The month bucket (yyyymm, Asia/Shanghai) of a timestamptz expression; 0 is the bucket of counts without period. */
const monthOf = (column: string) => `to_char(${column} at time zone 'Asia/Shanghai', 'YYYYMM')::int`;
/** The buckets a read sums for a count, as a condition over the counter row `r`. */
function bucketsNow(c: OrgStatCounter): string {
  if (!c.period) return `r.bucket = 0`;
  return c.period.span === 'month'
    ? `r.bucket = ${monthOf('now()')}`
    : `r.bucket >= to_char(now() at time zone 'Asia/Shanghai', 'YYYY')::int * 100 + 1`;
}

/**
 * Every registered count of a batch of nodes (`ids`, the one int[] parameter), in one statement: a row per node,
 * a column per field. The kept counts join each node's subtree (org_node by path range) to the counter rows of its
 * nodes, summing the buckets of the current period; archived nodes are not left out, as the definitions do not
 * leave out their rows. The live counts run their subquery.
 *
 * The counter rows are looked up node by node (`org_rollup_pkey`), in a lateral subquery the planner may not
 * flatten (`offset 0`): the planner cannot know how many nodes a path range of a node read in the same statement
 * holds, guesses a few dozen, and would otherwise hash-join them with a scan of the whole counter table, whose
 * size grows with the city (40,000 rows at 10 communities, 400,000 at 100) while the subtree's rows do not.
 */
export function statsSql(stats: OrgStat[]): string {
  const kept = stats.filter((s) => s.counter);
  const columns = stats.map((s) => s.counter ? `coalesce(k."${s.field}", 0) as "${s.field}"` : `${s.sql('n')} as "${s.field}"`);
  return `select n.id${columns.map((c) => `,\n         ${c}`).join('')}
       from org_node n
       left join lateral (
         select ${kept.map((s) => `sum(r.value) filter (where r.field = '${s.field}' and ${bucketsNow(s.counter!)}) as "${s.field}"`).join(',\n                ') || '1 as one'}
         from org_node o cross join lateral (select r.field, r.bucket, r.value from org_rollup r where r.node_id = o.id offset 0) r
         where ${inSubtree('o', 'n')}
       ) k on true
       where n.id = any(?::int[])`;
}

/** The same values by the definitions only (every count's subquery): the full recount the counters must equal. */
export function recountSql(stats: OrgStat[]): string {
  return `select n.id${stats.map((s) => `,\n         ${s.sql('n')} as "${s.field}"`).join('')}
       from org_node n where n.id = any(?::int[])`;
}

/** The name of the trigger function of a counted table. */
const functionOf = (table: string) => `org_rollup_${table}`;

/** The counted rows of a set of rows (`source`: the table, or a trigger's transition table), one per count. */
function countedRows(stats: OrgStat[], source: string, delta: string | null): string {
  return stats.map((s) => {
    const c = s.counter!;
    const bucket = c.period ? monthOf(c.period.column) : '0';
    const when = [`${c.node} is not null`, ...(c.period ? [`${c.period.column} is not null`] : []), `(${c.where})`].join(' and ');
    return `select ${c.node} as node_id, '${s.field}'::text as field, ${bucket} as bucket${delta ? `, ${delta} as delta` : ''} from ${source} where ${when}`;
  }).join('\n      union all ');
}

export interface OrgRollupDdl {
  /** `create or replace function` statements: one trigger function per counted table, and `org_rollup_rebuild()`. */
  functions: string[];
  /** Drop and create the triggers of every counted table (after insert, update, delete: per statement; truncate). */
  triggers: string[];
  /** The counted tables. */
  tables: string[];
  /** The body of each function by name, as the database stores it (pg_proc.prosrc), for the drift test. */
  bodies: Record<string, string>;
}

/**
 * The SQL that keeps the counters for the registered counts.
 *
 * Each trigger runs once per statement over its transition tables: the rows a statement inserted count +1, the
 * rows it deleted -1, an update both (old -1, new +1: a change of node, state, archival or month moves the count),
 * summed per (node, field, bucket) and applied in key order, so two statements moving rows between the same nodes
 * lock the counter rows in the same order. `org_rollup_rebuild()` recounts every counter from the tables (run in
 * READ COMMITTED: it waits for writers already under way, and writers after it add their deltas to its result).
 */
export function orgRollupDdl(stats: OrgStat[] = orgStats()): OrgRollupDdl {
  const kept = stats.filter((s) => s.counter);
  const tables = [...new Set(kept.map((s) => s.counter!.table))];
  const bodies: Record<string, string> = {};
  const upsert = (rows: string) => `
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      ${rows}
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;`;
  for (const table of tables) {
    const own = kept.filter((s) => s.counter!.table === table);
    const fields = own.map((s) => `'${s.field}'`).join(', ');
    bodies[functionOf(table)] = `
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in (${fields}) and value <> 0;
  elsif tg_op = 'INSERT' then${upsert(countedRows(own, 'new_rows', '1'))}
  elsif tg_op = 'DELETE' then${upsert(countedRows(own, 'old_rows', '-1'))}
  else${upsert(`${countedRows(own, 'new_rows', '1')}\n      union all ${countedRows(own, 'old_rows', '-1')}`)}
  end if;
  return null;
end
`;
  }
  const recount = kept.map((s) => countedRows([s], s.counter!.table, null)).join('\n      union all ');
  bodies.org_rollup_rebuild = `
begin
  -- waits for the writers under way; later writers wait for this recount and add their deltas to it
  lock table org_rollup in exclusive mode;
  delete from org_rollup;
  insert into org_rollup (node_id, field, bucket, value)
  select node_id, field, bucket, count(*) from (
      ${recount}
  ) d group by node_id, field, bucket;
end
`;
  const functions = Object.entries(bodies).map(([name, body]) =>
    `create or replace function ${name}() returns ${name === 'org_rollup_rebuild' ? 'void' : 'trigger'} language plpgsql as $body$${body}$body$`);
  const triggers = tables.flatMap((t) => [
    `drop trigger if exists org_rollup_insert on ${t}`,
    `drop trigger if exists org_rollup_update on ${t}`,
    `drop trigger if exists org_rollup_delete on ${t}`,
    `drop trigger if exists org_rollup_truncate on ${t}`,
    `create trigger org_rollup_insert after insert on ${t} referencing new table as new_rows for each statement execute function ${functionOf(t)}()`,
    `create trigger org_rollup_update after update on ${t} referencing old table as old_rows new table as new_rows for each statement execute function ${functionOf(t)}()`,
    `create trigger org_rollup_delete after delete on ${t} referencing old table as old_rows for each statement execute function ${functionOf(t)}()`,
    `create trigger org_rollup_truncate after truncate on ${t} for each statement execute function ${functionOf(t)}()`,
  ]);
  return { functions, triggers, tables, bodies };
}

// the chain's own counts (fields declared on OrgStats in org.types): org_node itself, which the read of the kept
// counts walks anyway (the subtree's nodes by path range), so they stay live at the cost of that index range
registerOrgStat({
  field: 'childCount',
  sql: (n) => `(select count(*) from org_node c where c.parent_id = ${n}.id and c.archived_at is null)`,
  live: 'counts org_node rows: the index on parent_id, one range per node',
});
registerOrgStat({
  field: 'descendantCount',
  sql: (n) => `(select count(*) from org_node d
             where d.path > ${n}.path and d.path < ${n}.path || '~' and d.archived_at is null)`,
  live: 'counts org_node rows: the index on path, the same range the kept counts join',
});
