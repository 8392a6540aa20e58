import type { Context } from './context.js';

/** Loads objects of one GraphQL type by row id, applying the caller's access (invisible = null). */
export type NodeFetcher = (ctx: Context, id: number) => Promise<object | null>;

const fetchers = new Map<string, NodeFetcher>();
const typeNames = new Map<Function, (value: any) => string>();

/**
 * Make a type reachable through `node(id:)`: how to load it (with access checks) and how to tell the
 * GraphQL type name of a loaded object.
 */
export function registerNodeType<T extends object>(entity: abstract new (...args: never[]) => T, typeName: string | ((value: T) => string), fetcher: NodeFetcher, extraTypeNames: string[] = []): void {
  const nameOf = typeof typeName === 'string' ? () => typeName : typeName;
  typeNames.set(entity, nameOf);
  for (const name of typeof typeName === 'string' ? [typeName, ...extraTypeNames] : extraTypeNames) fetchers.set(name, fetcher);
}

/** Every type name reachable through `node(id:)`, sorted. */
export function nodeTypeNames(): string[] {
  return [...fetchers.keys()].sort();
}

export function nodeFetcher(typeName: string): NodeFetcher | undefined {
  return fetchers.get(typeName);
}

/** The GraphQL type name of an entity instance (used by the Node interface and others). */
export function nodeTypeName(value: object): string | undefined {
  return typeNames.get(value.constructor)?.(value);
}
