import { describe, expect, it } from 'vitest';
import { readTreeState, treeSearch, withClosed, withMore, withOpened } from './tree';

describe('tree state in the URL', () => {
  it('reads opened nodes and extra pages, ignoring junk', () => {
    const state = readTreeState(new URLSearchParams('open=a,b,,a, c d&more=b&more=b&more=x'));
    expect(state.open).toEqual(['a', 'b']);
    expect([...state.more]).toEqual([['b', 2]]);
  });

  it('round-trips through the query string', () => {
    const state = withMore(withOpened(withOpened({ open: [], more: new Map() }, 'T3JnOjE='), 'b'), 'b');
    expect(treeSearch(state)).toBe('?open=T3JnOjE%3D,b&more=b');
    expect(readTreeState(new URLSearchParams(treeSearch(state).slice(1)))).toEqual(state);
  });

  it('collapsing a node also closes what was opened below it', () => {
    const children: Record<string, string[]> = { root: ['a', 'b'], a: ['a1'] };
    const state = withMore({ open: ['root', 'a', 'a1', 'other'], more: new Map() }, 'a1');
    const closed = withClosed(state, 'root', (id) => children[id] ?? []);
    expect(closed.open).toEqual(['other']);
    expect(closed.more.size).toBe(0);
    expect(treeSearch({ open: [], more: new Map() })).toBe('?');
  });
});
