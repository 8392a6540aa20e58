/**
 * Looking ahead in a resolver's selection: which pages of the same connection field the request asks for
 * further down (`children { edges { node { children(first: 10) { ... } } } }`), so a loader can fetch several
 * levels of a tree in one statement.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode, type ValueNode } from 'graphql';
import { toPage, type Page } from './relay.js';

/** The fields named `name` selected under `nodes`, through inline fragments and fragment spreads. */
function subFields(nodes: readonly FieldNode[], name: string, info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) out.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet, new Set());
  return out;
}

function valueOf(value: ValueNode | undefined, info: GraphQLResolveInfo): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case Kind.VARIABLE: return info.variableValues[value.name.value];
    case Kind.INT: return Number(value.value);
    case Kind.STRING: return value.value;
    case Kind.NULL: return null;
    default: return Symbol('unsupported');
  }
}

/**
 * The pages of the connection field this resolver serves, as selected again under each of its nodes, level by
 * level, at most `levels` deep. It stops where the field is not selected, is selected more than once (under
 * aliases, maybe with other arguments) or has arguments that are not a valid page: the resolvers down there
 * then load (and report errors) as usual.
 */
export function nestedPages(info: GraphQLResolveInfo, levels: number): Page[] {
  // siblings in a list share their field nodes (graphql-js collects them once per parent type): work it out once
  // per request and level, unless variables are involved (then they may differ between requests, not siblings)
  let byLevels = memo.get(info.fieldNodes);
  const known = byLevels?.get(info.variableValues)?.get(levels);
  if (known) return known;
  const pages = lookAhead(info, levels);
  if (!byLevels) memo.set(info.fieldNodes, (byLevels = new WeakMap()));
  let entry = byLevels.get(info.variableValues);
  if (!entry) byLevels.set(info.variableValues, (entry = new Map()));
  entry.set(levels, pages);
  return pages;
}

const memo = new WeakMap<readonly FieldNode[], WeakMap<object, Map<number, Page[]>>>();

function lookAhead(info: GraphQLResolveInfo, levels: number): Page[] {
  const pages: Page[] = [];
  let current: readonly FieldNode[] = info.fieldNodes;
  while (pages.length < levels) {
    const next = subFields(subFields(subFields(current, 'edges', info), 'node', info), info.fieldName, info);
    if (next.length !== 1 || next[0].directives?.length) break;
    const arg = (name: string) => valueOf(next[0].arguments?.find((a) => a.name.value === name)?.value, info);
    const first = arg('first');
    const after = arg('after');
    if ((first != null && typeof first !== 'number') || (after != null && typeof after !== 'string')) break;
    try {
      pages.push(toPage({ first: first as number | null | undefined, after: after as string | null | undefined }));
    } catch {
      break;
    }
    current = next;
  }
  return pages;
}
