import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { partnerToken, testUnit } from '../activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let member: { id: number; name: string; org_node_id: number };
let household: { id: number; head_name: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('sanwanjie-admin');
  [member] = await api.sql(`select m.id, m.name, m.org_node_id from party_member m join org_node b on b.id = m.org_node_id
    where b.name = '三湾街社区第一网格党支部' and m.archived_at is null order by m.id limit 1`);
  [household] = await api.sql(`select h.id, h.head_name from household h join org_node c on c.id = h.community_id where c.name = '三湾街社区' order by h.id limit 1`);
});
afterAll(() => api?.close());

const RECORD = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) {
  visit { id kind findings visitorName opinions fixedOnSpot peopleReached visitorMember { name } household { id } orgNode { name }
    demands { id title channel state timeline { kind body } } }
  userErrors { field message code } } }`;
const LEDGER = `query($g: VisitLedgerGroup, $f: VisitFilter) { visitLedger(groupBy: $g, filter: $f) { key label visits households peopleReached opinions fixedOnSpot demandsRaised } }`;

describe('visits (民情日记)', () => {
  it('a visit that raises two demands creates both, with the visit in their timelines', async () => {
    const before = await api.sql<{ n: number }>(`select count(*)::int as n from demand`);
    const res = await api.gql(RECORD, { input: {
      visitorMemberId: globalId('PartyMember', member.id), householdId: globalId('Household', household.id), kind: 'CARE',
      findings: '老人独居，楼道灯坏了，门口有积水', peopleReached: 2,
      demands: [{ title: '楼道灯不亮', category: 'FACILITIES' }, { title: '门口积水', category: 'ENVIRONMENT', resolvedOnSpot: true }],
    } }, admin);
    expect(res.errors).toBeUndefined();
    const { visit, userErrors } = res.data.recordVisit;
    expect(userErrors).toEqual([]);
    expect(visit).toMatchObject({ kind: 'CARE', visitorName: member.name, visitorMember: { name: member.name }, opinions: 2, fixedOnSpot: 1, peopleReached: 2 });
    expect(visit.demands.map((d: any) => [d.title, d.channel, d.state])).toEqual([['楼道灯不亮', 'VISIT', 'SUBMITTED'], ['门口积水', 'VISIT', 'RESOLVED']]);
    for (const d of visit.demands) expect(d.timeline.map((e: any) => e.body)).toContain(`走访（${member.name}）时登记，见民情日记`);
    const after = await api.sql<{ n: number }>(`select count(*)::int as n from demand`);
    expect(after[0].n).toBe(before[0].n + 2);
  });

  it('in one transaction: a bad second demand leaves neither the visit nor the first demand behind', async () => {
    const count = async () => (await api.sql<{ v: number; d: number }>(`select (select count(*)::int from visit) as v, (select count(*)::int from demand) as d`))[0];
    const before = await count();
    const res = await api.gql(RECORD, { input: {
      visitorMemberId: globalId('PartyMember', member.id), householdId: globalId('Household', household.id),
      demands: [{ title: '垃圾清运不及时', category: 'ENVIRONMENT' }, { title: '长'.repeat(101), category: 'OTHER' }],
    } }, admin);
    expect(res.data.recordVisit.visit).toBeNull();
    expect(res.data.recordVisit.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'demands', '1', 'title'] });
    expect(await count()).toEqual(before);
  });

  it('the ledger counts per member, per branch and per period', async () => {
    await api.gql(RECORD, { input: { visitorMemberId: globalId('PartyMember', member.id), place: '三湾街一号院 3 号楼', opinions: 3, fixedOnSpot: 2, peopleReached: 4 } }, admin);
    const filter = { visitorMemberId: globalId('PartyMember', member.id) };
    const total = (await api.gql(LEDGER, { f: filter }, admin)).data.visitLedger;
    const [{ v, h, p, o, fx, d }] = await api.sql<any>(`select count(*)::int as v, count(distinct household_id)::int as h, sum(people_reached)::int as p,
      sum(opinions)::int as o, sum(fixed_on_spot)::int as fx, (select count(*)::int from visit_demand vd join visit x on x.id = vd.visit_id where x.visitor_member_id = ?) as d
      from visit where visitor_member_id = ?`, [member.id, member.id]);
    expect(total).toEqual([{ key: 'total', label: '合计', visits: v, households: h, peopleReached: p, opinions: o, fixedOnSpot: fx, demandsRaised: d }]);
    const byMember = (await api.gql(LEDGER, { g: 'MEMBER', f: filter }, admin)).data.visitLedger;
    expect(byMember).toEqual([{ ...total[0], key: globalId('PartyMember', member.id), label: member.name }]);
    const byBranch = (await api.gql(LEDGER, { g: 'BRANCH', f: filter }, admin)).data.visitLedger;
    expect(byBranch.map((r: any) => r.label)).toEqual(['三湾街社区第一网格党支部']);
    const byMonth = (await api.gql(LEDGER, { g: 'MONTH', f: filter }, admin)).data.visitLedger;
    expect(byMonth.reduce((n: number, r: any) => n + r.visits, 0)).toBe(v);
    expect(byMonth[0].label).toMatch(/^\d{4}年\d{1,2}月$/);
  });

  it('other communities’ staff and partners see no visits', async () => {
    const other = await api.login('hongkang-admin');
    const list = await api.gql(`{ visits(first: 50, filter: { visitorMemberId: "${globalId('PartyMember', member.id)}" }) { totalCount } }`, {}, other);
    expect(list.data.visits.totalCount).toBe(0);
    const unit = await testUnit(api, '走访测试单位');
    const token = await partnerToken(api, unit.id, ['unit:read'], '三湾街社区');
    const partner = await api.gql(`{ visits(first: 5) { totalCount } }`, {}, token);
    expect(partner.data.visits.totalCount).toBe(0);
    const refused = await api.gql(RECORD, { input: { place: '三湾街一号院', orgNodeId: globalId('Branch', member.org_node_id) } }, other);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a page of visits costs the same statements for 2 and 50', async () => {
    const q = `query($n: Int) { visits(first: $n) { edges { node { id visitorName household { id } orgNode { name } demands { id title } } } } }`;
    const small = await api.countStatements(() => api.gql(q, { n: 2 }, admin));
    const large = await api.countStatements(() => api.gql(q, { n: 50 }, admin));
    expect(large.statements).toBe(small.statements);
  });
});
