import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { onReveal, type RevealEvent } from '../access/index.js';
import { unseal } from '../privacy/index.js';

let api: TestApi;
let secretary: string;
let viewer: string;
let mine: { id: number; org_node_id: number; phone: string; care_categories: string[] };
let outside: { id: number };
let branchPath: string;

const Q = `query($id: ID!, $reveal: Boolean) { node(id: $id) { ... on Household { id headName phone full: phone(reveal: $reveal) careCategories lookedAfterBy { id } } } }`;

beforeAll(async () => {
  api = await startTestApi();
  secretary = await api.login('hongkang-branch1');
  const [branch] = await api.sql<{ id: number; path: string }>(
    `select n.id, n.path from org_node n join access_grant g on g.org_node_id = n.id join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  branchPath = branch.path;
  [mine] = await api.sql(`select h.id, h.org_node_id, h.phone, h.care_categories from household h join org_node n on n.id = h.org_node_id
    where n.path like ? and h.phone is not null order by cardinality(h.care_categories) desc, h.id limit 1`, [`${branch.path}%`]);
  [outside] = await api.sql(`select h.id from household h join org_node n on n.id = h.org_node_id where n.path not like ? order by h.id limit 1`, [`${branch.path}%`]);
  // a read-only account on the same branch
  const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'household-viewer', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, branch.id]);
  viewer = await api.login('household-viewer');
});
afterAll(async () => { await api?.close(); });

describe('households', () => {
  it('are seen only by staff whose grants cover them', async () => {
    const seen = await api.gql(Q, { id: globalId('Household', mine.id), reveal: false }, secretary);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.node.id).toBe(globalId('Household', mine.id));
    expect(seen.data.node.lookedAfterBy).not.toBeNull();
    expect((await api.gql(Q, { id: globalId('Household', outside.id), reveal: false }, secretary)).data.node).toBeNull();
    expect((await api.gql(Q, { id: globalId('Household', mine.id), reveal: false })).data.node).toBeNull();
    expect((await api.gql(Q, { id: globalId('Household', mine.id), reveal: false }, viewer)).data.node).not.toBeNull();
  });

  it('mask the phone by default and hide care categories from roles that do not need them', async () => {
    const bySecretary = (await api.gql(Q, { id: globalId('Household', mine.id), reveal: false }, secretary)).data.node;
    expect(bySecretary.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(bySecretary.full).toBe(bySecretary.phone);
    expect(bySecretary.careCategories).toEqual(mine.care_categories);
    const byViewer = (await api.gql(Q, { id: globalId('Household', mine.id), reveal: false }, viewer)).data.node;
    expect(byViewer.phone).toBe(bySecretary.phone);
    expect(byViewer.careCategories).toBeNull();
  });

  it('reveal the phone to roles that need it, announcing each reveal, and refuse it to others', async () => {
    const events: RevealEvent[] = [];
    const stop = onReveal((event) => events.push(event));
    try {
      const shown = await api.gql(Q, { id: globalId('Household', mine.id), reveal: true }, secretary);
      expect(shown.errors).toBeUndefined();
      expect(shown.data.node.full).toBe(mine.phone);
      expect(events).toContainEqual(expect.objectContaining({ type: 'Household', id: mine.id, field: 'phone' }));
      expect(events.find((e) => e.field === 'phone')?.principal.kind).toBe('staff');

      events.length = 0;
      const refused = await api.gql(Q, { id: globalId('Household', mine.id), reveal: true }, viewer);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(events.filter((e) => e.field === 'phone')).toEqual([]);

      // members' phones go through the same door
      events.length = 0;
      const [sealedMember] = await api.sql<{ id: number; sealed: string }>(`select m.id, encode(m.phone_sealed, 'hex') as sealed from party_member m join org_node n on n.id = m.org_node_id
        where n.path like ? and m.phone_sealed is not null and m.archived_at is null order by m.id limit 1`, [`${branchPath}%`]);
      const member = { id: sealedMember.id, phone: unseal(Buffer.from(sealedMember.sealed, 'hex')) };
      const m = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyMember { phone(reveal: true) } } }`, { id: globalId('PartyMember', member.id) }, secretary);
      expect(m.data.node.phone).toBe(member.phone);
      expect(events).toContainEqual(expect.objectContaining({ type: 'PartyMember', id: member.id, field: 'phone' }));
    } finally {
      stop();
    }
  });
});
