/**
 * Roll-up counts over an org node's subtree (`OrgNode.stats`). Each module contributes the counts of its own
 * rows: a scalar SQL subquery over the node row, registered here, and the field on `OrgStats`, declared in
 * that module (a field resolver on OrgStats that reads the value by name). All registered counts run in one
 * statement per batch of nodes (org.service statsOf).
 */

export interface OrgStat {
  /** The OrgStats field it fills, also the column alias: a plain identifier such as `memberCount`. */
  field: string;
  /**
   * A scalar subquery counting for the org_node row aliased `node`, without `?` placeholders, e.g.
   * `(select count(*) from org_node c where c.parent_id = ${node}.id)`. The subtree of the node is
   * `o.path >= ${node}.path and o.path < ${node}.path || '~'`.
   */
  sql: (node: string) => string;
}

/** What `OrgNode.stats` resolves to: each registered count by its field. */
export type OrgStatValues = Readonly<Record<string, number>>;

const registered = new Map<string, OrgStat>();

/** Add a count to every node's stats (once per field, at module load). */
export function registerOrgStat(stat: OrgStat): void {
  if (!/^[a-z][A-Za-z0-9]*$/.test(stat.field)) throw new Error(`org stat field must be a plain identifier: ${stat.field}`);
  if (registered.has(stat.field)) throw new Error(`org stat ${stat.field} is registered twice`);
  registered.set(stat.field, stat);
}

/** Every registered count, in registration order. */
export function orgStats(): OrgStat[] {
  return [...registered.values()];
}

/** SQL condition: org_node row `row` lies in the subtree of node row `node` (the node included). */
export const inSubtree = (row: string, node: string) => `${row}.path >= ${node}.path and ${row}.path < ${node}.path || '~'`;

// the chain's own counts (fields declared on OrgStats in org.types)
registerOrgStat({ field: 'childCount', sql: (n) => `(select count(*) from org_node c where c.parent_id = ${n}.id and c.archived_at is null)` });
registerOrgStat({ field: 'descendantCount', sql: (n) => `(select count(*) from org_node d
             where d.path > ${n}.path and d.path < ${n}.path || '~' and d.archived_at is null)` });
