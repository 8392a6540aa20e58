import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DemandState } from './demand.entity.js';
import { DEMAND_TRANSITIONS, FINAL_STATES, transitionTableMarkdown } from './demand.transitions.js';

const docs = readFileSync(fileURLToPath(new URL('../../../../../docs/demands.md', import.meta.url)), 'utf8');

describe('the transition table', () => {
  it('is the one docs/demands.md shows', () => {
    const start = docs.indexOf('<!-- transitions:start -->');
    const end = docs.indexOf('<!-- transitions:end -->');
    expect(start, 'docs/demands.md has the transitions markers').toBeGreaterThan(-1);
    expect(docs.slice(start + '<!-- transitions:start -->'.length, end).trim()).toBe(transitionTableMarkdown());
  });

  it('has one step per state and action, reaches every state, and ends only in CLOSED, REJECTED and DUPLICATE', () => {
    const keys = DEMAND_TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    const reached = new Set<string>([DemandState.SUBMITTED, ...DEMAND_TRANSITIONS.map((t) => t.to)]);
    expect([...reached].sort()).toEqual(Object.values(DemandState).sort());
    expect([...FINAL_STATES].sort()).toEqual([DemandState.CLOSED, DemandState.DUPLICATE, DemandState.REJECTED]);
    // partners resolve only
    expect(DEMAND_TRANSITIONS.filter((t) => t.partner).map((t) => `${t.from}:${t.action}`)).toEqual(['IN_PROGRESS:RESOLVE']);
  });
});
