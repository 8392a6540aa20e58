import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, firstBranchId } from '../activity/activity.fixtures.js';
import { decisionTableMarkdown } from './decision.transitions.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const FIELDS = `id title state version solicitationOpen solicitOpensAt solicitClosesAt opinionCount allowedActions ownerName communityName
  steps { kind heldOn body record votesFor votesAgainst votesAbstain public } demands { id } meeting { id } project { id }`;
const CREATE = `mutation($input: CreateDecisionInput!) { createDecision(input: $input) { decision { ${FIELDS} } userErrors { field message code } } }`;
const ADVANCE = `mutation($input: AdvanceDecisionInput!) { advanceDecision(input: $input) { decision { ${FIELDS} } userErrors { field message code } } }`;
const OPINION = `mutation($input: SubmitDecisionOpinionInput!) { submitDecisionOpinion(input: $input) { accepted userErrors { field message code } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Decision { ${FIELDS} } } }`;

async function create(extra: Record<string, unknown> = {}, token = admin) {
  const res = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '老旧小区加装电梯方案', summary: '红康小区 3 栋加装电梯，征求居民意见', ...extra } }, token);
  expect(res.data.createDecision.userErrors).toEqual([]);
  return res.data.createDecision.decision;
}
async function advance(d: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}, token = admin) {
  const res = await api.gql(ADVANCE, { input: { decisionId: d.id, action, expectedVersion: d.version, record: `${action} 记录`, ...extra } }, token);
  return res;
}
async function step(d: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) {
  const res = (await advance(d, action, extra)).data.advanceDecision;
  expect(res.userErrors).toEqual([]);
  return res.decision;
}
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe('public decisions (一征三议两公开)', () => {
  it('go from draft through solicitation, the three 议 and both publications; the public sees only what is published', async () => {
    const [demand] = await api.sql<{ id: number }>(`select d.id from demand d join org_node c on c.id = d.community_id where c.name = '红康社区' order by d.id limit 1`);
    const [meeting] = await api.sql<{ id: number }>(`select m.id from meeting m join org_node c on c.id = m.community_id where c.name = '红康社区' order by m.id limit 1`);
    const [foreign] = await api.sql<{ id: number }>(`select d.id from demand d join org_node c on c.id = d.community_id where c.name = '红棉社区' order by d.id limit 1`);
    const refused = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '跨社区', demandIds: [globalId('Demand', foreign.id)] } }, admin);
    expect(refused.data.createDecision.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'demandIds', '0'] });

    let d = await create({ demandIds: [globalId('Demand', demand.id)], meetingId: globalId('Meeting', meeting.id) });
    expect(d).toMatchObject({ state: 'DRAFT', allowedActions: ['OPEN_SOLICITATION'], demands: [{ id: globalId('Demand', demand.id) }], meeting: { id: globalId('Meeting', meeting.id) } });
    // a draft is not public
    expect((await api.gql(NODE, { id: d.id })).data.node).toBeNull();
    // publishing before the three 议 is refused with its own code
    const early = (await advance(d, 'PUBLISH_DECISION')).data.advanceDecision;
    expect(early.userErrors[0]).toMatchObject({ code: 'DELIBERATION_REQUIRED', field: ['input', 'action'] });
    expect(early.userErrors[0].message).toContain('两委会商议');

    const noWindow = (await advance(d, 'OPEN_SOLICITATION')).data.advanceDecision;
    expect(noWindow.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'closesAt'] });
    d = await step(d, 'OPEN_SOLICITATION', { closesAt: inDays(7), record: '就加装电梯的出资和位置征求居民意见' });
    expect(d).toMatchObject({ state: 'SOLICITING', solicitationOpen: true });

    // residents send opinions anonymously; the same key twice records one
    const key = 'opinion-key-0001';
    const sent = { decisionId: d.id, body: '建议低层住户少出资', name: '王阿姨', phone: '13812345678', idempotencyKey: key };
    expect((await api.gql(OPINION, { input: sent })).data.submitDecisionOpinion).toEqual({ accepted: true, userErrors: [] });
    expect((await api.gql(OPINION, { input: sent })).data.submitDecisionOpinion.accepted).toBe(true);
    expect((await api.gql(OPINION, { input: { decisionId: d.id, body: '同意加装' } })).data.submitDecisionOpinion.accepted).toBe(true);
    const badPhone = (await api.gql(OPINION, { input: { decisionId: d.id, body: '同意', phone: '123' } })).data.submitDecisionOpinion;
    expect(badPhone.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'phone'] });
    const stored = await api.sql<{ name: Buffer; phone: Buffer }>(`select name, phone from decision_opinion where decision_id = (select id from decision where title = '老旧小区加装电梯方案' order by id desc limit 1) order by id`);
    expect(stored).toHaveLength(2);
    expect(stored[0].phone.toString('latin1')).not.toContain('13812345678');

    // the public sees the solicitation, never the opinions or who sent them
    const open = await api.gql(`query($id: ID!) { node(id: $id) { ... on Decision { state opinionCount steps { kind } opinions(first: 10) { totalCount edges { node { body name phone } } } } } }`, { id: d.id });
    expect(open.data.node).toMatchObject({ state: 'SOLICITING', opinionCount: 2, steps: [{ kind: 'SOLICITATION' }], opinions: { totalCount: 0, edges: [] } });
    const staffView = await api.gql(`query($id: ID!) { node(id: $id) { ... on Decision { opinions(first: 10) { totalCount edges { node { body name phone } } } } } }`, { id: d.id }, admin);
    expect(staffView.data.node.opinions.totalCount).toBe(2);
    expect(staffView.data.node.opinions.edges[1].node).toMatchObject({ body: '建议低层住户少出资', name: '王阿姨', phone: '138****5678' });

    // 一议: the proposal closes the solicitation
    d = await step(d, 'PROPOSE', { body: '红康社区党委', record: '按楼层分摊出资，一楼不出资' });
    expect(d.solicitationOpen).toBe(false);
    const late = (await api.gql(OPINION, { input: { decisionId: d.id, body: '我也有意见' } })).data.submitDecisionOpinion;
    expect(late).toMatchObject({ accepted: null, userErrors: [{ code: 'SOLICITATION_CLOSED', field: ['input', 'decisionId'] }] });
    expect(late.userErrors[0].message).toContain('截止');
    expect((await advance(d, 'PUBLISH_DECISION')).data.advanceDecision.userErrors[0].code).toBe('DELIBERATION_REQUIRED');

    // 二议: two rounds of the two committees
    d = await step(d, 'DELIBERATE', { record: '两委联席会第一次商议，修改分摊比例' });
    d = await step(d, 'DELIBERATE', { record: '第二次商议，确定施工时间' });
    expect(d.allowedActions).toEqual(['DELIBERATE', 'RESOLVE']);
    const stale = (await advance({ id: d.id, version: 1 }, 'RESOLVE')).data.advanceDecision;
    expect(stale.userErrors[0].code).toBe('STALE');
    // 三议: the resolution with votes (all three or none; more for than against)
    const partial = (await advance(d, 'RESOLVE', { votesFor: 30 })).data.advanceDecision;
    expect(partial.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'votesAgainst'] });
    const lost = (await advance(d, 'RESOLVE', { votesFor: 10, votesAgainst: 20, votesAbstain: 1 })).data.advanceDecision;
    expect(lost.userErrors[0].field).toEqual(['input', 'votesFor']);
    d = await step(d, 'RESOLVE', { body: '党员大会和居民代表会议', votesFor: 38, votesAgainst: 2, votesAbstain: 3, record: '通过加装电梯方案' });
    expect(d.state).toBe('RESOLVED');
    // still only the solicitation is public
    expect((await api.gql(NODE, { id: d.id })).data.node.steps.map((s: { kind: string }) => s.kind)).toEqual(['SOLICITATION']);

    d = await step(d, 'PUBLISH_DECISION', { record: '决议内容在社区公示栏和网上公示 7 天' });
    const published = (await api.gql(NODE, { id: d.id })).data.node;
    expect(published.state).toBe('DECISION_PUBLISHED');
    expect(published.steps.map((s: { kind: string }) => s.kind)).toEqual(['SOLICITATION', 'PROPOSAL', 'DELIBERATION', 'DELIBERATION', 'RESOLUTION', 'DECISION_NOTICE']);
    expect(published.steps[4]).toMatchObject({ votesFor: 38, votesAgainst: 2, votesAbstain: 3, body: '党员大会和居民代表会议', public: true });
    expect(published.allowedActions).toEqual([]);
    expect(published.demands).toEqual([]);
    expect(published.meeting).toBeNull();

    d = await step(d, 'PUBLISH_RESULT', { record: '电梯已完工并通过验收' });
    expect(d.state).toBe('RESULT_PUBLISHED');
    const done = (await advance(d, 'PUBLISH_RESULT')).data.advanceDecision;
    expect(done.userErrors[0].code).toBe('INVALID_TRANSITION');
    const list = await api.gql(`query($n: ID!) { decisions(first: 20, filter: { orgNodeId: $n, states: [RESULT_PUBLISHED] }) { totalCount edges { node { id steps { kind } } } } }`, { n: hongkang });
    expect(list.data.decisions.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(d.id);
    expect(list.data.decisions.edges.find((e: { node: { id: string } }) => e.node.id === d.id).node.steps).toHaveLength(7);
  });

  it('refuses opinions before the window opens, with a clear message', async () => {
    let d = await create({ title: '广场舞时间调整' });
    d = await step(d, 'OPEN_SOLICITATION', { opensAt: inDays(1), closesAt: inDays(3) });
    expect(d.solicitationOpen).toBe(false);
    const early = (await api.gql(OPINION, { input: { decisionId: d.id, body: '晚上八点以后不要跳' } })).data.submitDecisionOpinion;
    expect(early.userErrors[0]).toMatchObject({ code: 'SOLICITATION_CLOSED' });
    expect(early.userErrors[0].message).toContain('开始');
    const draft = await create({ title: '未公开事项' });
    const hidden = (await api.gql(OPINION, { input: { decisionId: draft.id, body: '看不到的事项' } })).data.submitDecisionOpinion;
    expect(hidden.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('only staff of the decision’s subtree change it; others see a public decision but may not edit it', async () => {
    const branch1 = await firstBranchId(api, '红康社区');
    const [second] = await api.sql<{ id: number }>(
      `select b.id from org_node b join org_node c on c.id = b.parent_id where c.name = '红康社区' and b.level = 'BRANCH' order by b.id offset 1 limit 1`);
    const branch2 = globalId('Branch', second.id);
    const secretary = await api.login('hongkang-branch1');
    const foreign = await api.login('hongmian-admin');
    // a branch secretary runs the matters of their own branch
    const own = await create({ orgNodeId: branch1, title: '支部自己的事项' }, secretary);
    expect(own.allowedActions).toEqual(['OPEN_SOLICITATION']);
    // a matter of another branch: the secretary of branch 1 does not see the draft at all
    let d = await create({ orgNodeId: branch2, title: '楼道堆物清理' });
    expect((await api.gql(NODE, { id: d.id }, secretary)).data.node).toBeNull();
    expect((await api.gql(NODE, { id: d.id }, foreign)).data.node).toBeNull();
    expect((await advance(d, 'OPEN_SOLICITATION', { closesAt: inDays(2) }, secretary)).data.advanceDecision.userErrors[0].code).toBe('NOT_FOUND');
    d = await step(d, 'OPEN_SOLICITATION', { closesAt: inDays(2) });
    expect(d.state).toBe('SOLICITING');
    // public now: readable, but not editable from outside the subtree
    expect((await api.gql(NODE, { id: d.id }, secretary)).data.node.allowedActions).toEqual([]);
    for (const token of [secretary, foreign]) {
      const res = await advance(d, 'PROPOSE', {}, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.advanceDecision ?? null).toBeNull();
    }
    expect((await api.gql(CREATE, { input: { orgNodeId: branch2, title: '越权发起' } }, secretary)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '越权发起' } }, foreign)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // opinions are the owner's staff's only
    await api.gql(OPINION, { input: { decisionId: d.id, body: '楼道里的自行车请挪走', phone: '13900001111' } });
    const seen = await api.gql(`query($id: ID!) { node(id: $id) { ... on Decision { opinionCount opinions(first: 5) { totalCount } } } }`, { id: d.id }, foreign);
    expect(seen.data.node).toEqual({ opinionCount: 1, opinions: { totalCount: 0 } });
  });

  it('the demo: 三湾街社区 published the 周盛 support project; the ledger exports to .xlsx with Chinese headers, no contact details', async () => {
    const sanwan = await api.login('sanwanjie-admin');
    const base = api.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/export/decisions.xlsx?q=${encodeURIComponent('周盛')}`, { headers: { authorization: `Bearer ${sanwan}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(['序号', '所属社区', '责任党组织', '议事事项', '当前状态', '征求意见开始', '征求意见截止', '收到意见数', '办理过程', '决议公开日期', '结果公开日期']);
    expect(ws.rowCount).toBe(2);
    const row = (ws.getRow(2).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    expect(row[3]).toContain('周盛');
    expect(row[4]).toBe('结果已公开');
    expect(row[8]).toContain('三议·会议决议（支部党员大会和居民代表会议，赞成/反对/弃权 41/0/2）');
    expect((await fetch(`${base}/export/decisions.xlsx?state=NOPE`, { headers: { authorization: `Bearer ${sanwan}` } })).status).toBe(400);
    expect((await fetch(`${base}/export/decisions.xlsx`)).status).toBe(401);
    // another community's admin exports none of 三湾街's
    const other = await fetch(`${base}/export/decisions.xlsx?q=${encodeURIComponent('周盛')}`, { headers: { authorization: `Bearer ${admin}` } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await other.arrayBuffer()) as never);
    expect(wb2.worksheets[0].rowCount).toBe(1);
  });

  it('docs/decisions.md shows the transition table', () => {
    const docs = readFileSync(new URL('../../../../../docs/decisions.md', import.meta.url), 'utf8');
    expect(docs).toContain(decisionTableMarkdown());
  });
});

describe('the opinion form is limited per address', () => {
  let limited: TestApi;
  beforeAll(async () => { limited = await startTestApi({ RATE_LIMITS: 'true', RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '3' }); });
  afterAll(() => limited?.close());

  it('answers 429 RATE_LIMITED after the allowance', async () => {
    const [row] = await limited.sql<{ id: number }>(`select id from decision where state = 'SOLICITING' order by id limit 1`);
    expect(row, 'the demo has a decision in solicitation').toBeTruthy();
    const input = { decisionId: globalId('Decision', row.id), body: '希望多组织几次议事会' };
    for (let i = 0; i < 3; i++) expect((await limited.gql(OPINION, { input })).data.submitDecisionOpinion.accepted).toBe(true);
    const over = await limited.gql(OPINION, { input });
    expect(over.status).toBe(429);
    expect(over.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
