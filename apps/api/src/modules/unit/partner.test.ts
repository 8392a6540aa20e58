import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { apiSchema } from '../../app/schema.js';
import { operationCost } from '../../graphql/cost.js';
import { MAX_PUBLIC_COMMUNITIES } from '../activity/activity.service.js';
import { MAX_UNIT_COMMUNITIES } from './unit.entity.js';
import { DEMO_PARTNER_TOKEN } from '../../db/seed/unit.seed.js';

let api: TestApi;
let admin: string;
let unitId: string;

const CREATE = `mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret partnerToken { id status scopes hint expiresAt } userErrors { field code message } } }`;
const ROTATE = `mutation($input: PartnerTokenRotateInput!) { partnerTokenRotate(input: $input) { secret partnerToken { id status rotatedAt } userErrors { code } } }`;
const REVOKE = `mutation($input: PartnerTokenRevokeInput!) { partnerTokenRevoke(input: $input) { partnerToken { id status revokedAt } userErrors { code } } }`;
const WHO = `{ partnerUnit { name } }`;

async function hospitalId(api: TestApi, token: string): Promise<string> {
  const res = await api.gql(`{ coBuildingUnits(first: 50) { edges { node { id name } } } }`, {}, token);
  return res.data.coBuildingUnits.edges.find((e: any) => e.node.name === '昆明市口腔医院').node.id;
}

async function newToken(target: TestApi, token: string, unit: string, scopes = ['unit:read']) {
  const res = await target.gql(CREATE, { input: { unitId: unit, name: '预约系统', scopes } }, token);
  expect(res.data.partnerTokenCreate.userErrors).toEqual([]);
  return res.data.partnerTokenCreate as { secret: string; partnerToken: { id: string; status: string; scopes: string[]; hint: string; expiresAt: string } };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  unitId = await hospitalId(api, admin);
});
afterAll(() => api?.close());

function cost(query: string, variables: Record<string, unknown> = {}) {
  return apiSchema().then((schema) => {
    const document = parse(query);
    return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
  });
}

describe('query cost', () => {
  it('prices objects, connections by page size, nested connections multiplied, mutations extra', async () => {
    expect(await cost(`{ partnerUnit { name kind } }`)).toBe(1);
    expect(await cost(`{ partnerUnit { agreements(first: 9) { totalCount edges { cursor node { title commitments } } pageInfo { hasNextPage } } } }`)).toBe(1 + 1 + 9);
    // default page size 20; nested connections multiply; plain lists count their maximum
    expect(await cost(`{ coBuildingUnits { edges { node { communities { name } agreements(first: 10) { edges { node { unit { name } } } } } } } }`)).toBe(1 + 20 * (1 + MAX_UNIT_COMMUNITIES + 1 + 10 * 2));
    expect(await cost(`query($n: Int) { coBuildingUnits(first: $n) { edges { node { name } } } }`, { n: 3 })).toBe(1 + 3);
    expect(await cost(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Agreement { unit { name } } ... on CommitteeSeat { unit { name } community { name } } } }`, { ids: ['a', 'b', 'c'] })).toBe(3 * (1 + 2));
    expect(await cost(`mutation { partnerTokenRevoke(input: { id: "x" }) { partnerToken { unit { name } } userErrors { code } } }`)).toBe(10 + 1 + 1);
    expect(await cost(`{ __schema { types { name fields { name } } } }`)).toBe(0);
    expect(await cost(`query($skip: Boolean!) { partnerUnit @skip(if: $skip) { name } }`, { skip: true })).toBe(0);
  });

  it('prices every fragment that applies: all of them on an object type, the dearest concrete type on an abstract one', async () => {
    // a community is a Node and an OrgNode: both fragments apply to it, so both are paid
    const both = `{ partnerUnit { communities {
      ... on Node { ... on PartyCommittee { children(first: 10) { edges { node { name } } } } }
      ... on OrgNode { ancestors { name } }
    } } }`;
    expect(await cost(both)).toBe(1 + MAX_UNIT_COMMUNITIES * (1 + (1 + 10) + 4));
    // on an abstract type: per concrete type, what applies to it adds up (Agreement: unit and community)
    const abstract = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Node { ... on Agreement { unit { name } } }
      ... on Agreement { community { name } }
      ... on CommitteeSeat { unit { name } }
    } }`;
    expect(await cost(abstract, { ids: ['a', 'b'] })).toBe(2 * (1 + 2));
    const named = `query($ids: [ID!]!) { nodes(ids: $ids) { ...A ...S } } fragment A on Agreement { unit { name } community { name } } fragment S on Node { ...A }`;
    expect(await cost(named, { ids: ['a'] })).toBe(1 + 2);
    // the same field selected twice runs once; under two aliases it runs twice
    expect(await cost(`{ partnerUnit { agreements(first: 10) { edges { node { title } } } ... on CoBuildingUnit { agreements(first: 10) { edges { node { unit { name } } } } } } }`)).toBe(1 + 1 + 10 * 2);
    expect(await cost(`{ partnerUnit { a: agreements(first: 10) { edges { node { unit { name } } } } b: agreements(first: 10) { edges { node { unit { name } } } } } }`)).toBe(1 + 2 * (1 + 10 * 2));
  });

  it('prices plain lists at their enforced maximum', async () => {
    expect(await cost(`{ publicCommunities { name } }`)).toBe(MAX_PUBLIC_COMMUNITIES);
    expect(await cost(`{ partnerUnit { communities { name } } }`)).toBe(1 + MAX_UNIT_COMMUNITIES);
    // a unit works with at most MAX_UNIT_COMMUNITIES communities: one more is refused
    const [unit] = await api.sql<{ id: number }>(`insert into co_building_unit (name, kind) values ('多社区测试单位', 'ENTERPRISE') returning id`);
    const [street] = await api.sql<{ id: number; path: string }>(`select id, path from org_node where level = 'STREET' order by id limit 1`);
    await api.sql(`insert into org_node (parent_id, level, name, path, depth) select ?, 'COMMUNITY', '测试社区' || g, ? || 'test' || g || '/', 1 from generate_series(1, ?::int) g`,
      [street.id, street.path, MAX_UNIT_COMMUNITIES]);
    await api.sql(`insert into unit_community (unit_id, community_id) select ?, id from org_node where name like '测试社区%'`, [unit.id]);
    const zhenxingAdmin = await api.login('zhenxing-admin');
    const [zhenxing] = await api.sql<{ id: number }>(`select id from org_node where name = '振兴社区'`);
    const LINK = `mutation($input: CoBuildingUnitLinkInput!) { coBuildingUnitLink(input: $input) { unit { id } userErrors { field code message } } }`;
    const refused = await api.gql(LINK, { input: { unitId: globalId('CoBuildingUnit', unit.id), communityId: globalId('PartyCommittee', zhenxing.id) } }, zhenxingAdmin);
    expect(refused.data.coBuildingUnitLink.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'communityId'] });
    expect(refused.data.coBuildingUnitLink.userErrors[0].message).toContain(String(MAX_UNIT_COMMUNITIES));
    const AGREEMENT = `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } userErrors { code } } }`;
    const viaAgreement = await api.gql(AGREEMENT, { input: { unitId: globalId('CoBuildingUnit', unit.id), communityId: globalId('PartyCommittee', zhenxing.id), signedOn: '2026-01-01', termMonths: 12, commitments: ['义诊'] } }, zhenxingAdmin);
    expect(viaAgreement.data.agreementCreate.userErrors[0].code).toBe('INVALID_INPUT');
    const listed = await api.gql(`query($id: ID!) { coBuildingUnit(id: $id) { communities { name } } }`, { id: globalId('CoBuildingUnit', unit.id) });
    expect(listed.data.coBuildingUnit.communities).toHaveLength(MAX_UNIT_COMMUNITIES);
  });

  it('answers a bad or missing variable of @skip/@include with BAD_USER_INPUT (400), as it does without the directive', async () => {
    const plain = await api.gql(`query($n: Int!) { coBuildingUnits(first: $n) { totalCount } }`, {});
    expect(plain.status).toBe(400);
    expect(plain.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const queries = [
      `query($skip: Boolean!) { partnerUnit @skip(if: $skip) { name } }`,
      `query($on: Boolean!) { partnerUnit { ...F @include(if: $on) } } fragment F on CoBuildingUnit { name }`,
    ];
    for (const query of queries) {
      for (const variables of [{}, { skip: 'yes', on: 'yes' }, { skip: null, on: null }]) {
        for (const token of [undefined, admin, DEMO_PARTNER_TOKEN]) {
          const res = await api.gql(query, variables, token);
          expect(res.status, `${query} ${JSON.stringify(variables)}`).toBe(400);
          expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        }
      }
    }
  });

  it('refuses a request over the maximum before it runs, stating the price and the limit', async () => {
    const big = `{ coBuildingUnits(first: 100) { edges { node { agreements(first: 100) { edges { node { title } } } } } } }`;
    for (const [token, limit] of [[DEMO_PARTNER_TOKEN, 1000], [undefined, 5000]] as const) {
      const res = await api.countStatements(() => api.gql(big, {}, token));
      const error = res.result.errors?.[0];
      expect(error?.extensions?.code).toBe('COST_LIMIT');
      expect(error?.message).toContain('10201');
      expect(error?.message).toContain(String(limit));
      expect(res.result.status).toBe(400);
      expect(res.result.extensions?.cost).toMatchObject({ requested: 10201, limit });
      expect(res.result.data ?? null).toBeNull();
      // nothing ran but the token lookup (and its last-used stamp)
      expect(res.statements).toBe(0);
      expect(res.identity).toBeLessThanOrEqual(token ? 2 : 0);
    }
  });

  it('reports the price in every response; remaining budget only for partner tokens', async () => {
    const anonymous = await api.gql(`{ coBuildingUnits(first: 2) { edges { node { name } } } }`);
    expect(anonymous.extensions?.cost).toEqual({ requested: 3, limit: 5000, remaining: null });
    const staff = await api.gql(`{ coBuildingUnits(first: 2) { edges { node { name } } } }`, {}, admin);
    expect(staff.extensions?.cost).toEqual({ requested: 3, limit: api.config.STAFF_COST_MAX_PER_REQUEST, remaining: null });
    const partner = await api.gql(`{ partnerBudget { remaining maximum refillPerSecond maxCostPerRequest scopes } }`, {}, DEMO_PARTNER_TOKEN);
    expect(partner.extensions?.cost).toMatchObject({ requested: 1, limit: 1000, budget: 5000, refillPerSecond: 50 });
    expect(partner.extensions?.cost.remaining).toBeGreaterThan(4000);
    expect(partner.data.partnerBudget).toMatchObject({ maximum: 5000, refillPerSecond: 50, maxCostPerRequest: 1000, scopes: ['public:read', 'unit:read', 'activities:write'] });
    expect(new Date(partner.extensions?.cost.resetAt).getTime()).toBeGreaterThan(Date.now() - 5000);
  });
});

describe('partner tokens', () => {
  it('are shown once, stored hashed, and carry known scopes only', async () => {
    const { secret, partnerToken } = await newToken(api, admin, unitId, ['unit:read', 'activities:write']);
    expect(secret).toMatch(/^txp_[A-Za-z0-9_-]{40,}$/);
    expect(partnerToken.scopes).toEqual(['public:read', 'unit:read', 'activities:write']);
    expect(secret.startsWith(partnerToken.hint.replace('…', ''))).toBe(true);
    const rows = await api.sql<{ token_hash: string }>(`select token_hash from partner_token`);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && !secret.includes(r.token_hash))).toBe(true);
    expect((await api.gql(WHO, {}, secret)).data.partnerUnit.name).toBe('昆明市口腔医院');
    const listed = await api.gql(`query($id: ID!) { coBuildingUnit(id: $id) { partnerTokens { edges { node { id name } } } } }`, { id: unitId }, admin);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const unknown = await api.gql(CREATE, { input: { unitId, name: '错误', scopes: ['members:read'] } }, admin);
    expect(unknown.data.partnerTokenCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'scopes'] });
    const forever = await api.gql(CREATE, { input: { unitId, name: '永久', scopes: [], expiresAt: '2099-01-01T00:00:00Z' } }, admin);
    expect(forever.data.partnerTokenCreate.userErrors[0].field).toEqual(['input', 'expiresAt']);
  });

  it('stop working when revoked, expired or rotated away (UNAUTHENTICATED)', async () => {
    const rotating = await newToken(api, admin, unitId);
    const rotated = (await api.gql(ROTATE, { input: { id: rotating.partnerToken.id } }, admin)).data.partnerTokenRotate;
    expect(rotated.partnerToken.id).toBe(rotating.partnerToken.id);
    expect(rotated.secret).not.toBe(rotating.secret);
    const old = await api.gql(WHO, {}, rotating.secret);
    expect(old.status).toBe(401);
    expect(old.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(WHO, {}, rotated.secret)).data.partnerUnit.name).toBe('昆明市口腔医院');

    const revoked = (await api.gql(REVOKE, { input: { id: rotating.partnerToken.id } }, admin)).data.partnerTokenRevoke;
    expect(revoked.partnerToken.status).toBe('REVOKED');
    expect((await api.gql(WHO, {}, rotated.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(ROTATE, { input: { id: rotating.partnerToken.id } }, admin)).data.partnerTokenRotate.userErrors[0].code).toBe('INVALID_STATE');

    const expiring = await newToken(api, admin, unitId);
    await api.sql(`update partner_token set expires_at = now() - interval '1 second' where id = (select max(id) from partner_token)`);
    expect((await api.gql(WHO, {}, expiring.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const status = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartnerToken { status } } }`, { id: expiring.partnerToken.id }, admin);
    expect(status.data.node.status).toBe('EXPIRED');
    expect((await api.gql(WHO, {}, 'txp_never-issued')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('are managed only by committee admins of the unit\'s communities, and invisible to others through node(id)', async () => {
    const { partnerToken } = await newToken(api, admin, unitId);
    const outsider = await api.login('zhenxing-admin');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: partnerToken.id }, outsider)).data.node).toBeNull();
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: partnerToken.id }, DEMO_PARTNER_TOKEN)).data.node).toBeNull();
    expect((await api.gql(REVOKE, { input: { id: partnerToken.id } }, outsider)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(ROTATE, { input: { id: partnerToken.id } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the budget of a partner token', () => {
  let small: TestApi;
  let smallAdmin: string;
  let smallUnit: string;
  // 11 points: the unit (1), its agreements connection (1) and 9 agreements
  const ELEVEN = `{ partnerUnit { agreements(first: 9) { edges { node { title } } } } }`;

  beforeAll(async () => {
    small = await startTestApi({ PARTNER_BUDGET_POINTS: '50', PARTNER_BUDGET_REFILL_PER_SECOND: '0.001' });
    smallAdmin = await small.login('hongkang-admin');
    smallUnit = await hospitalId(small, smallAdmin);
  });
  afterAll(() => small?.close());

  it('is charged per request and refuses once used up, saying what is left and when to retry', async () => {
    const { secret } = await newToken(small, smallAdmin, smallUnit);
    const remaining: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await small.gql(ELEVEN, {}, secret);
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.cost).toMatchObject({ requested: 11, limit: 50, budget: 50 });
      remaining.push(res.extensions?.cost.remaining);
    }
    expect(remaining).toEqual([39, 28, 17, 6]);
    const refused = await small.gql(ELEVEN, {}, secret);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions?.code).toBe('BUDGET_EXHAUSTED');
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(4000);
    expect(refused.extensions?.cost).toMatchObject({ requested: 11, remaining: 6 });
    expect(refused.data ?? null).toBeNull();
    // a cheaper request still fits
    const cheap = await small.gql(`{ partnerBudget { remaining maximum } }`, {}, secret);
    expect(cheap.data.partnerBudget).toEqual({ remaining: 5, maximum: 50 });
    // over the whole budget is over the per-request limit for this token
    const tooBig = await small.gql(`{ partnerUnit { agreements(first: 60) { edges { node { title } } } } }`, {}, secret);
    expect(tooBig.errors?.[0].extensions?.code).toBe('COST_LIMIT');
  });

  it('is never overdrawn by parallel requests', async () => {
    const { secret } = await newToken(small, smallAdmin, smallUnit);
    const results = await Promise.all(Array.from({ length: 24 }, () => small.gql(ELEVEN, {}, secret)));
    const served = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors?.[0].extensions?.code === 'BUDGET_EXHAUSTED');
    expect(served.length).toBe(4);
    expect(refused.length).toBe(20);
    expect(served.map((r) => r.extensions?.cost.remaining).sort((a, b) => a - b)).toEqual([6, 17, 28, 39]);
    const [row] = await small.sql<{ budget_points: number }>(`select budget_points from partner_token where id = (select max(id) from partner_token)`);
    expect(row.budget_points).toBeGreaterThanOrEqual(6);
    expect(row.budget_points).toBeLessThan(7);
  });

  it('refills over time', async () => {
    const { secret, partnerToken } = await newToken(small, smallAdmin, smallUnit);
    for (let i = 0; i < 4; i++) await small.gql(ELEVEN, {}, secret);
    expect((await small.gql(ELEVEN, {}, secret)).errors?.[0].extensions?.code).toBe('BUDGET_EXHAUSTED');
    // as if a minute passed at 1 point per second
    const id = Buffer.from(partnerToken.id, 'base64url').toString().split(':').at(-1);
    await small.sql(`update partner_token set budget_at = budget_at - interval '11000 seconds' where id = ?`, [Number(id)]);
    const again = await small.gql(ELEVEN, {}, secret);
    expect(again.errors).toBeUndefined();
    expect(again.extensions?.cost.remaining).toBe(6);
  });
});

describe('the partner documentation', () => {
  it('has queries that match the schema, and its read-only examples run with the demo token', async () => {
    const { readFile } = await import('node:fs/promises');
    // the graphql copy that built the schema (see graphql/cost.ts)
    const { createRequire } = await import('node:module');
    const { validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
    const text = await readFile(new URL('../../../../../docs/partner-api.md', import.meta.url), 'utf8');
    const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const schema = await apiSchema();
    for (const block of blocks) expect(validate(schema, parse(block)).map((e) => e.message), block).toEqual([]);
    for (const block of blocks.filter((b) => b.startsWith('query') && !b.includes('$'))) {
      const res = await api.gql(block, {}, DEMO_PARTNER_TOKEN);
      expect(res.errors, block).toBeUndefined();
    }
    const unit = (await api.gql(`{ partnerUnit { id } }`, {}, DEMO_PARTNER_TOKEN)).data.partnerUnit.id;
    const coHosted = await api.gql(blocks.find((b) => b.includes('UpcomingCoHosted'))!, { unitId: unit }, DEMO_PARTNER_TOKEN);
    expect(coHosted.errors).toBeUndefined();
    expect(coHosted.data.activities.totalCount).toBeGreaterThan(0);
  });
});
