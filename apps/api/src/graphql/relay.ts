import { Field, ID, InterfaceType, Int, ObjectType, ArgsType } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { ClassType } from 'type-graphql';
import { nodeTypeName } from './node.registry.js';

/** Relay global object identification: every object with an identity implements Node. */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID. Fetch any of them with `node(id:)`.',
  resolveType: (value: object) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global ID; stable, never parse it.' })
  globalId: string;
}

const PREFIX = 'tx1:';

/** Encode a type name and a row id as an opaque global ID. */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${PREFIX}${type}:${id}`, 'utf8').toString('base64url');
}

/** Decode a global ID; null when it is not one of ours. */
export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  let text: string;
  try {
    text = Buffer.from(globalId, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  if (!text.startsWith(PREFIX)) return null;
  const [type, raw] = text.slice(PREFIX.length).split(':');
  const id = Number(raw);
  if (!type || !Number.isSafeInteger(id) || id <= 0) return null;
  return { type, id };
}

/** Decode a global ID that must be of one of the given types (else null). */
export function idOf(globalId: string | null | undefined, ...types: string[]): number | null {
  if (!globalId) return null;
  const decoded = fromGlobalId(globalId);
  return decoded && types.includes(decoded.type) ? decoded.id : null;
}

@ObjectType('PageInfo', { description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page.' }) hasNextPage: boolean;
  @Field(() => Boolean, { description: 'Items come before this page.' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' }) endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;
  @Field(() => String, { nullable: true, description: 'Return items after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string | null;
}

/** A validated page request: rows offset+1 .. offset+limit. */
export interface Page { offset: number; limit: number }

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/** Validate `first`/`after`; bad values are the caller's mistake, reported as BAD_USER_INPUT. */
export function toPage(args: { first?: number | null; after?: string | null }): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new GraphQLError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  }
  let offset = 0;
  if (args.after) {
    const text = Buffer.from(args.after, 'base64url').toString('utf8');
    const n = text.startsWith('o:') ? Number(text.slice(2)) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new GraphQLError('`after` is not a cursor from this list.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    }
    offset = n + 1;
  }
  return { offset, limit };
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** One item of a page; its cursor is made only when a client asks for it. */
class EdgeResult<T> {
  constructor(readonly node: T, private readonly offset: number) {}
  get cursor(): string { return encodeCursor(this.offset); }
}

class PageInfoResult implements PageInfo {
  constructor(readonly hasNextPage: boolean, private readonly offset: number, private readonly size: number) {}
  get hasPreviousPage(): boolean { return this.offset > 0; }
  get startCursor(): string | null { return this.size > 0 ? encodeCursor(this.offset) : null; }
  get endCursor(): string | null { return this.size > 0 ? encodeCursor(this.offset + this.size - 1) : null; }
}

class ConnectionResult<T> implements ConnectionShape<T> {
  private count: Promise<number> | undefined;
  constructor(readonly edges: EdgeResult<T>[], readonly pageInfo: PageInfoResult, private readonly countAll: () => Promise<number>) {}
  /** Counted only when a client asks for it. */
  get totalCount(): Promise<number> { return (this.count ??= this.countAll()); }
}

/**
 * Build a connection from the rows of one page. `rows` may hold one extra row (limit+1) that only tells
 * whether a next page exists. `totalCount` is computed only when a client asks for it, and cursors only when
 * they are selected (a tree view selects neither, on every node).
 */
export function toConnection<T>(rows: T[], page: Page, totalCount: () => Promise<number>): ConnectionShape<T> {
  const hasNextPage = rows.length > page.limit;
  const items = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = items.map((node, i) => new EdgeResult(node, page.offset + i));
  return new ConnectionResult(edges, new PageInfoResult(hasNextPage, page.offset, items.length), totalCount);
}

/** Connection and edge object types for a node type, named `<Name>Connection` and `<Name>Edge`. */
export function Connection<T extends object>(nodeType: ClassType<T> | (abstract new () => T), name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a list, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' }) cursor: string;
    @Field(() => nodeType, { description: `The ${what}.` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items (Relay cursor connection).` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page.' }) edges: Edge[];
    @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many items the whole list has.' }) totalCount: number;
  }
  return ConnectionType;
}
