import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { createContext } from '../../app/context.js';
import { Access, GrantRole, hashPassword, onReveal, type Principal, type RevealEvent } from '../access/index.js';
import { checkPolicy } from '../access/policy.check.js';
import { communityId, firstBranchId, partnerToken, phone, testUnit } from '../activity/activity.fixtures.js';
import { DemandState } from './demand.entity.js';
import { DEMAND_TRANSITIONS, DemandAction } from './demand.transitions.js';
import { escalateOverdue, startDemandEscalation } from './demand.escalation.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const DEMAND_FIELDS = `id ticketCode title state version channel category priority residentName residentPhone escalationLevel overdue
  firstResponseDueAt resolutionDueAt firstRespondedAt resolvedAt closedAt rating allowedActions resolvedOnSpot
  place { compound building text } orgNode { id name } community { name }
  assignedAccount { id displayName } assignedBranch { id name } assignedUnit { id name } duplicateOf { id }
  timeline { kind fromState toState body actorRole actorName public escalationLevel rating relatedDemandId }`;
const CREATE = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { ${DEMAND_FIELDS} } userErrors { field message code } } }`;
const SUBMIT = `mutation($input: SubmitDemandInput!) { submitDemand(input: $input) { ticketCode demand { ticketCode state title placeText communityName canRate
  timeline { kind toState body actorRole } } userErrors { field message code } } }`;
const TRANSITION = `mutation($input: TransitionDemandInput!) { transitionDemand(input: $input) { demand { ${DEMAND_FIELDS} } userErrors { field message code } } }`;
const COMMENT = `mutation($input: AddDemandCommentInput!) { addDemandComment(input: $input) { demand { id version timeline { kind body public actorRole actorName } } userErrors { field message code } } }`;
const RATE = `mutation($input: RateDemandInput!) { rateDemand(input: $input) { demand { state rating canRate } userErrors { field message code } } }`;
const BY_TICKET = `query($code: String!) { demandByTicket(code: $code) { ticketCode title category state placeText communityName rating canRate createdAt updatedAt
  timeline { kind toState body actorRole createdAt } replies { body actorRole } } }`;
const REVEAL = `mutation($input: RevealDemandContactInput!) { revealDemandContact(input: $input) { contact { name phone } userErrors { field message code } } }`;
const LIST = `query($filter: DemandFilter, $first: Int) { demands(filter: $filter, first: $first) { totalCount edges { node { id title state residentName residentPhone assignedAccount { displayName } timeline { kind body actorName public } } } } }`;

interface Made { id: string; rowId: number; ticketCode: string; version: number; state: string }

async function intake(token = admin, input: Record<string, unknown> = {}): Promise<any> {
  const res = await api.gql(CREATE, {
    input: {
      orgNodeId: hongkang, channel: 'WALK_IN', category: 'ENVIRONMENT', title: '楼道堆放杂物', description: '3 单元楼道堆满纸箱，有消防隐患',
      place: { compound: '红康小区', building: '5 栋', text: '3 单元楼道' }, residentName: '王秀英', residentPhone: '13812341234',
      ...input,
    },
  }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createDemand;
}

async function made(token = admin, input: Record<string, unknown> = {}): Promise<Made> {
  const created = await intake(token, input);
  expect(created.userErrors).toEqual([]);
  const d = created.demand;
  const rowId = Number(Buffer.from(d.id, 'base64url').toString('utf8').split(':').pop());
  return { id: d.id, rowId, ticketCode: d.ticketCode, version: d.version, state: d.state };
}

async function step(d: { id: string }, action: DemandAction, version: number, extra: Record<string, unknown> = {}, token = admin) {
  const res = await api.gql(TRANSITION, { input: { demandId: d.id, action, expectedVersion: version, ...extra } }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.transitionDemand;
}

let unit: { id: number; globalId: string };
let branch: string;

beforeAll(async () => {
  unit = await testUnit(api, '测试物业公司');
  await api.sql(`insert into unit_community (unit_id, community_id) select ?, id from org_node where name = '红康社区' and level = 'COMMUNITY'`, [unit.id]);
  branch = await firstBranchId(api, '红康社区');
});

/** What each need is filled with when the step needs it. */
async function needsFor(action: DemandAction, original: Made): Promise<Record<string, unknown>> {
  const t = DEMAND_TRANSITIONS.find((x) => x.action === action)!;
  const extra: Record<string, unknown> = {};
  if (t.needs.includes('reason')) extra.reason = '测试原因';
  if (t.needs.includes('duplicateOf')) extra.duplicateOfId = original.id;
  if (t.needs.includes('assignee')) extra.assignee = { unitId: unit.globalId };
  return extra;
}

describe('the transition table', () => {
  it('allows exactly the steps of the table from every state, and names the allowed ones when refusing', async () => {
    const original = await made(admin, { title: '原诉求' });
    for (const from of Object.values(DemandState)) {
      const allowed = DEMAND_TRANSITIONS.filter((t) => t.from === from);
      for (const action of Object.values(DemandAction)) {
        const d = await made();
        // put the demand in `from` (the lifecycle's own paths are tested below)
        await api.sql(`update demand set state = ?, duplicate_of_id = case when ? = 'DUPLICATE' then ? else null end where id = ?`, [from, from, original.rowId, d.rowId]);
        const res = await step(d, action, d.version, await needsFor(action, original));
        const rule = allowed.find((t) => t.action === action);
        if (rule) {
          expect(res.userErrors, `${from} ${action}`).toEqual([]);
          expect(res.demand.state, `${from} ${action}`).toBe(rule.to);
          expect(res.demand.version).toBe(d.version + 1);
          expect(res.demand.allowedActions).toEqual([...new Set(DEMAND_TRANSITIONS.filter((t) => t.from === rule.to).map((t) => t.action))]);
          const last = res.demand.timeline.at(-1);
          expect(last).toMatchObject({ fromState: from, toState: rule.to, actorRole: '社区工作人员' });
        } else {
          expect(res.demand, `${from} ${action}`).toBeNull();
          expect(res.userErrors).toHaveLength(1);
          expect(res.userErrors[0].code, `${from} ${action}`).toBe('INVALID_TRANSITION');
          for (const t of allowed) expect(res.userErrors[0].message).toContain(t.action);
          if (allowed.length === 0) expect(res.userErrors[0].message).toContain('没有');
          const [row] = await api.sql<{ state: string; version: number }>(`select state, version from demand where id = ?`, [d.rowId]);
          expect(row).toEqual({ state: from, version: d.version });
        }
      }
    }
  });

  it('asks for what a step needs: a reason to reject, the original of a duplicate, an assignee', async () => {
    const d = await made();
    const noReason = await step(d, DemandAction.REJECT, d.version);
    expect(noReason.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'reason'] });
    const noOriginal = await step(d, DemandAction.MARK_DUPLICATE, d.version);
    expect(noOriginal.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'duplicateOfId'] });
    const self = await step(d, DemandAction.MARK_DUPLICATE, d.version, { duplicateOfId: d.id });
    expect(self.userErrors[0].field).toEqual(['input', 'duplicateOfId']);
    const accepted = await step(d, DemandAction.ACCEPT, d.version);
    const noOne = await step(d, DemandAction.ASSIGN, accepted.demand.version);
    expect(noOne.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee'] });
    const [outsider] = await api.sql<{ id: number }>(`select id from account where username = 'zhenxing-admin'`);
    const wrongPerson = await step(d, DemandAction.ASSIGN, accepted.demand.version, { assignee: { accountId: globalId('Account', outsider.id) } });
    expect(wrongPerson.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee', 'accountId'] });
    const two = await step(d, DemandAction.ASSIGN, accepted.demand.version, { assignee: { unitId: unit.globalId, orgNodeId: branch } });
    expect(two.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee'] });
    const stranger = await testUnit(api, '未共建单位');
    const notLinked = await step(d, DemandAction.ASSIGN, accepted.demand.version, { assignee: { unitId: stranger.globalId } });
    expect(notLinked.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee', 'unitId'] });
  });

  it('links a duplicate both ways in the timeline', async () => {
    const original = await made(admin, { title: '路灯不亮' });
    const copy = await made(admin, { title: '路灯坏了' });
    const res = await step(copy, DemandAction.MARK_DUPLICATE, copy.version, { duplicateOfId: original.id });
    expect(res.demand).toMatchObject({ state: 'DUPLICATE', duplicateOf: { id: original.id } });
    expect(res.demand.timeline.at(-1)).toMatchObject({ toState: 'DUPLICATE', relatedDemandId: original.id });
    const back = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { timeline { kind relatedDemandId body public } } } }`, { id: original.id }, admin)).data.node;
    expect(back.timeline.at(-1)).toMatchObject({ kind: 'DUPLICATE_LINKED', relatedDemandId: copy.id, public: false });
    expect(back.timeline.at(-1).body).toContain(copy.ticketCode);
  });

  it('takes an on-the-spot fix (立行立改) in already resolved, recorded in the timeline', async () => {
    const created = await intake(admin, { channel: 'GRID_PATROL', resolvedOnSpot: true, resolution: '当场清理了楼道杂物' });
    expect(created.userErrors).toEqual([]);
    expect(created.demand).toMatchObject({ state: 'RESOLVED', resolvedOnSpot: true });
    expect(created.demand.resolvedAt).not.toBeNull();
    expect(created.demand.timeline.map((e: any) => [e.kind, e.toState])).toEqual([['CREATED', 'SUBMITTED'], ['TRANSITION', 'RESOLVED']]);
    expect(created.demand.timeline[1].body).toContain('当场清理了楼道杂物');
  });

  it('walks the whole closed loop: accept, assign to a branch, start, resolve, close', async () => {
    const d = await made();
    let v = d.version;
    const accepted = await step(d, DemandAction.ACCEPT, v);
    expect(accepted.demand.firstRespondedAt).not.toBeNull();
    const assigned = await step(d, DemandAction.ASSIGN, (v = accepted.demand.version), { assignee: { orgNodeId: branch } });
    expect(assigned.demand.assignedBranch.id).toBe(branch);
    const started = await step(d, DemandAction.START, (v = assigned.demand.version));
    const resolved = await step(d, DemandAction.RESOLVE, (v = started.demand.version));
    expect(resolved.demand.resolvedAt).not.toBeNull();
    const closed = await step(d, DemandAction.CLOSE, resolved.demand.version);
    expect(closed.demand).toMatchObject({ state: 'CLOSED', allowedActions: [], version: d.version + 5 });
    expect(closed.demand.timeline.map((e: any) => e.toState)).toEqual(['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']);
    expect(closed.demand.timeline[0].actorName).not.toBeNull();
  });
});

describe('concurrent changes', () => {
  it('lets one of two changes on the same version win; the other gets STALE with the current state', async () => {
    const d = await made();
    const [a, b] = await Promise.all([
      step(d, DemandAction.ACCEPT, d.version),
      step(d, DemandAction.REJECT, d.version, { reason: '不属于社区职责' }),
    ]);
    const winners = [a, b].filter((r) => r.userErrors.length === 0);
    const losers = [a, b].filter((r) => r.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers[0].userErrors[0].code).toBe('STALE');
    const now = winners[0].demand.state as string;
    expect(losers[0].userErrors[0].message).toContain(now);
    expect(losers[0].userErrors[0].message).toContain(`版本 ${d.version + 1}`);
    const comment = await api.gql(COMMENT, { input: { demandId: d.id, body: '已电话联系', visibility: 'INTERNAL', expectedVersion: d.version } }, admin);
    expect(comment.data.addDemandComment.userErrors[0].code).toBe('STALE');
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from demand_event where demand_id = ?`, [d.rowId]);
    expect(Number(count)).toBe(2);
  });

  it('makes one demand for the same idempotency key sent many times at once', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => intake(admin, { idempotencyKey: key, title: '重复提交' })));
    const ids = new Set(results.map((r) => r.demand?.id));
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    const rows = await api.sql(`select id from demand where idempotency_key = ?`, [key]);
    expect(rows).toHaveLength(1);
    const events = await api.sql(`select id from demand_event where demand_id = ? and kind = 'CREATED'`, [(rows[0] as any).id]);
    expect(events).toHaveLength(1);

    const residentKey = randomUUID();
    const input = { communityId: hongkang, category: 'SAFETY', description: '小区门口井盖松动', name: '李大爷', phone: phone(), idempotencyKey: residentKey };
    const filed = await Promise.all(Array.from({ length: 4 }, () => api.gql(SUBMIT, { input })));
    expect(new Set(filed.map((r) => r.data.submitDemand.ticketCode)).size).toBe(1);
    expect(await api.sql(`select id from demand where idempotency_key = ?`, [residentKey])).toHaveLength(1);
  });
});

describe('the timeline is append-only', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on demand_event', async () => {
    const d = await made();
    await expect(api.sql(`update demand_event set body = '改写' where demand_id = ?`, [d.rowId])).rejects.toThrow(/append-only/);
    await expect(api.sql(`delete from demand_event where demand_id = ?`, [d.rowId])).rejects.toThrow(/append-only/);
    await expect(api.sql(`truncate demand_event cascade`)).rejects.toThrow(/append-only/);
    expect(await api.sql(`select id from demand_event where demand_id = ?`, [d.rowId])).toHaveLength(1);
  });
});

describe('residents', () => {
  it('file without signing in, look up by ticket code without personal data, and rate once: 1-2 reopens', async () => {
    const p = phone();
    const filed = (await api.gql(SUBMIT, { input: {
      communityId: hongkang, category: 'PROPERTY', description: '电梯经常停运，老人上下楼困难', name: '赵桂兰', phone: p,
      place: { compound: '红康小区', building: '2 栋' },
    } })).data.submitDemand;
    expect(filed.userErrors).toEqual([]);
    expect(filed.ticketCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(filed.demand).toMatchObject({ state: 'SUBMITTED', communityName: '红康社区', placeText: '红康小区 2 栋', canRate: false });
    const [row] = await api.sql<{ id: number; resident_phone: Buffer; channel: string }>(`select id, resident_phone, channel from demand where ticket_code = ?`, [filed.ticketCode]);
    expect(row.channel).toBe('ONLINE');
    expect(row.resident_phone.toString('latin1')).not.toContain(p); // sealed at rest
    const d = { id: globalId('Demand', row.id) };

    let v = 1;
    const staffView = async () => (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { version residentName residentPhone } } }`, { id: d.id }, admin)).data.node;
    expect(await staffView()).toMatchObject({ residentName: '赵桂兰', residentPhone: `${p.slice(0, 3)}****${p.slice(-4)}` });
    v = (await step(d, DemandAction.ACCEPT, v)).demand.version;
    v = (await api.gql(COMMENT, { input: { demandId: d.id, body: '内部：联系物业张经理 13900001111', visibility: 'INTERNAL', expectedVersion: v } }, admin)).data.addDemandComment.demand.version;
    v = (await api.gql(COMMENT, { input: { demandId: d.id, body: '已联系物业公司检修电梯', visibility: 'PUBLIC', expectedVersion: v } }, admin)).data.addDemandComment.demand.version;
    v = (await step(d, DemandAction.START, v)).demand.version;

    const early = (await api.gql(RATE, { input: { ticketCode: filed.ticketCode, rating: 5 } })).data.rateDemand;
    expect(early.userErrors[0].code).toBe('INVALID_STATE');
    v = (await step(d, DemandAction.RESOLVE, v)).demand.version;

    const publicView = await api.gql(BY_TICKET, { code: filed.ticketCode.toLowerCase() });
    const text = JSON.stringify(publicView.data);
    expect(publicView.data.demandByTicket).toMatchObject({ state: 'RESOLVED', canRate: true, category: 'PROPERTY' });
    expect(text).not.toContain('赵桂兰');
    expect(text).not.toContain(p.slice(-4));
    expect(text).not.toContain('张经理');
    expect(text).not.toContain('13900001111');
    const staffName = (await api.sql<{ display_name: string }>(`select display_name from account where username = 'hongkang-admin'`))[0].display_name;
    expect(text).not.toContain(staffName);
    expect(publicView.data.demandByTicket.timeline.map((e: any) => e.kind)).toEqual(['CREATED', 'TRANSITION', 'REPLY', 'TRANSITION', 'TRANSITION']);
    expect(publicView.data.demandByTicket.timeline.map((e: any) => e.actorRole)).toEqual(['居民', '社区工作人员', '社区工作人员', '社区工作人员', '社区工作人员']);
    expect(publicView.data.demandByTicket.replies).toEqual([{ body: '已联系物业公司检修电梯', actorRole: '社区工作人员' }]);
    expect((await api.gql(BY_TICKET, { code: 'ABCDEFGH' })).data.demandByTicket).toBeNull();

    const low = (await api.gql(RATE, { input: { ticketCode: filed.ticketCode, rating: 2, comment: '电梯还是停' } })).data.rateDemand;
    expect(low).toMatchObject({ userErrors: [], demand: { state: 'REOPENED', rating: 2, canRate: false } });
    const again = (await api.gql(RATE, { input: { ticketCode: filed.ticketCode, rating: 5 } })).data.rateDemand;
    expect(again.userErrors[0]).toMatchObject({ code: 'INVALID_STATE' });
    expect(again.userErrors[0].message).toContain('只能评价一次');
    // back to work after the reopen, and resolved again: still no second rating
    const reopened = await staffView();
    const restarted = await step(d, DemandAction.START, reopened.version);
    await step(d, DemandAction.RESOLVE, restarted.demand.version);
    expect((await api.gql(RATE, { input: { ticketCode: filed.ticketCode, rating: 5 } })).data.rateDemand.userErrors[0].code).toBe('INVALID_STATE');
  });

  it('a rating of 3 to 5 closes the demand', async () => {
    const d = await made(admin, { resolvedOnSpot: true });
    const res = (await api.gql(RATE, { input: { ticketCode: d.ticketCode, rating: 5, comment: '很满意' } })).data.rateDemand;
    expect(res).toMatchObject({ userErrors: [], demand: { state: 'CLOSED', rating: 5 } });
  });

  it('refuses bad input with a field and a Chinese message', async () => {
    const res = (await api.gql(SUBMIT, { input: { communityId: hongkang, category: 'OTHER', description: '', name: '张三', phone: '123' } })).data.submitDemand;
    expect(res.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'description'] });
    const badPhone = (await api.gql(SUBMIT, { input: { communityId: hongkang, category: 'OTHER', description: '噪音扰民', name: '张三', phone: '123' } })).data.submitDemand;
    expect(badPhone.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'phone'] });
    const anonymous = await api.gql(CREATE, { input: { orgNodeId: hongkang, channel: 'HOTLINE', category: 'OTHER', title: 'x' } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('personal data', () => {
  it('shows the phone masked; in clear only through revealDemandContact, which is recorded', async () => {
    const d = await made();
    const announced: RevealEvent[] = [];
    const stop = onReveal((event) => announced.push(event));
    const res = await api.gql(REVEAL, { input: { demandId: d.id, reason: '电话回访' } }, admin).finally(stop);
    expect(announced.filter((e) => e.type === 'Demand' && e.id === d.rowId).map((e) => e.field).sort()).toEqual(['residentName', 'residentPhone']);
    expect(res.data.revealDemandContact).toMatchObject({ userErrors: [], contact: { name: '王秀英', phone: '13812341234' } });
    const timeline = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { residentPhone version timeline { kind body public } } } }`, { id: d.id }, admin)).data.node;
    expect(timeline.residentPhone).toBe('138****1234');
    expect(timeline.timeline.at(-1)).toMatchObject({ kind: 'CONTACT_REVEALED', public: false, body: '查看联系方式：电话回访' });
    expect(timeline.version).toBe(d.version);
    // a viewer over the community reads it with the name masked and may not reveal
    const [viewer] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values ('hongkang-viewer', ?, '查看员') returning id`, [await hashPassword('tongxin-demo')]);
    await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, id, 'VIEWER' from org_node where name = '红康社区' and level = 'COMMUNITY'`, [viewer.id]);
    const viewerToken = await api.login('hongkang-viewer');
    const seen = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { residentName residentPhone allowedActions } } }`, { id: d.id }, viewerToken)).data.node;
    expect(seen).toEqual({ residentName: '王*英', residentPhone: '138****1234', allowedActions: [] });
    expect((await api.gql(REVEAL, { input: { demandId: d.id, reason: '电话回访' } }, viewerToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const outsider = await api.login('zhenxing-admin');
    const refused = await api.gql(REVEAL, { input: { demandId: d.id, reason: '电话回访' } }, outsider);
    expect(refused.data.revealDemandContact.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('partner units', () => {
  it('see only the demands assigned to their unit, never the resident, and may only resolve', async () => {
    // a unit of its own: other tests assign to the shared one
    const unit = await testUnit(api, '测试电梯公司');
    await api.sql(`insert into unit_community (unit_id, community_id) select ?, id from org_node where name = '红康社区' and level = 'COMMUNITY'`, [unit.id]);
    const mine = await made(admin, { title: '物业：电梯维修' });
    const other = await made(admin, { title: '别的单位的诉求' });
    const accepted = await step(mine, DemandAction.ACCEPT, mine.version);
    const assigned = await step(mine, DemandAction.ASSIGN, accepted.demand.version, { assignee: { unitId: unit.globalId } });
    expect(assigned.demand.assignedUnit.name).toBe('测试电梯公司');
    await api.gql(COMMENT, { input: { demandId: mine.id, body: '内部备注：居民情绪激动', visibility: 'INTERNAL', expectedVersion: assigned.demand.version } }, admin);

    const reader = await partnerToken(api, unit.id, ['public:read', 'demands:read']);
    const writer = await partnerToken(api, unit.id, ['public:read', 'demands:read', 'demands:write']);
    const noScope = await partnerToken(api, unit.id, ['public:read', 'unit:read']);

    const listed = await api.gql(LIST, { first: 5 }, reader);
    expect(listed.errors).toBeUndefined();
    const list = listed.data.demands;
    expect(list.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    expect(list.totalCount).toBe(1);
    const node = list.edges[0].node;
    expect(node.residentName).toBeNull();
    expect(node.residentPhone).toBeNull();
    expect(node.assignedAccount).toBeNull();
    expect(JSON.stringify(node)).not.toContain('情绪激动');
    expect(node.timeline.every((e: any) => e.public && e.actorName == null)).toBe(true);
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: other.id }, reader)).data.node).toBeNull();
    expect((await api.gql(LIST, { first: 5 }, noScope)).data.demands.totalCount).toBe(0);

    // a partner's program may relay a resident's request into its own community only
    const relay = { category: 'SAFETY', description: '电梯困人，已解救，请检修', name: '钱师傅', phone: phone() };
    const relayed = (await api.gql(SUBMIT, { input: { ...relay, communityId: hongkang } }, writer)).data.submitDemand;
    expect(relayed.userErrors).toEqual([]);
    expect(relayed.demand.timeline[0].actorRole).toBe('合作单位');
    const elsewhere = (await api.gql(SUBMIT, { input: { ...relay, communityId: await communityId(api, '振兴社区') } }, writer)).data.submitDemand;
    expect(elsewhere.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'communityId'] });

    // read-only token: cannot change it
    const readerTry = await api.gql(TRANSITION, { input: { demandId: mine.id, action: 'START', expectedVersion: assigned.demand.version + 1 } }, reader);
    expect(readerTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // staff start it; the unit may not ACCEPT/CLOSE, only RESOLVE from IN_PROGRESS
    const [{ version }] = await api.sql<{ version: number }>(`select version from demand where id = ?`, [mine.rowId]);
    const started = await step(mine, DemandAction.START, version);
    const partnerView = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { allowedActions version } } }`, { id: mine.id }, writer)).data.node;
    expect(partnerView.allowedActions).toEqual(['RESOLVE']);
    const assign = await step(mine, DemandAction.ASSIGN, started.demand.version, { assignee: { orgNodeId: branch } }, writer);
    expect(assign.userErrors[0].code).toBe('INVALID_TRANSITION');
    expect(assign.userErrors[0].message).toContain('RESOLVE');
    const note = await api.gql(COMMENT, { input: { demandId: mine.id, body: '已派维修工，明天上午到场', visibility: 'PUBLIC', expectedVersion: started.demand.version } }, writer);
    expect(note.data.addDemandComment.userErrors).toEqual([]);
    const resolved = await step(mine, DemandAction.RESOLVE, note.data.addDemandComment.demand.version, {}, writer);
    expect(resolved.userErrors).toEqual([]);
    expect(resolved.demand.state).toBe('RESOLVED');
    expect(resolved.demand.residentPhone).toBeNull();
    expect(resolved.demand.timeline.at(-1)).toMatchObject({ actorRole: '合作单位', actorName: '测试电梯公司' });
    // staff see who did it
    const staffTimeline = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { timeline { actorName body } } } }`, { id: mine.id }, admin)).data.node.timeline;
    expect(staffTimeline.some((e: any) => e.body?.includes('情绪激动'))).toBe(true);
  });
});

describe('deadlines and escalation', () => {
  it('uses 24 hours for the first response and the community’s own resolution hours', async () => {
    const before = await made(admin, { category: 'FACILITIES' });
    const [row] = await api.sql<{ first: number; resolution: number }>(
      `select extract(epoch from first_response_due_at - created_at) / 3600 as first, extract(epoch from resolution_due_at - created_at) / 3600 as resolution from demand where id = ?`, [before.rowId]);
    expect(Math.round(Number(row.first))).toBe(24);
    expect(Math.round(Number(row.resolution))).toBe(360);
    const set = await api.gql(`mutation($input: SetDemandDeadlineInput!) { setDemandDeadline(input: $input) { deadline { category firstResponseHours resolutionHours custom } userErrors { field code message } } }`,
      { input: { communityId: hongkang, category: 'FACILITIES', firstResponseHours: 12, resolutionHours: 120 } }, admin);
    expect(set.data.setDemandDeadline).toMatchObject({ userErrors: [], deadline: { firstResponseHours: 12, resolutionHours: 120, custom: true } });
    const after = await made(admin, { category: 'FACILITIES' });
    const [row2] = await api.sql<{ first: number; resolution: number }>(
      `select extract(epoch from first_response_due_at - created_at) / 3600 as first, extract(epoch from resolution_due_at - created_at) / 3600 as resolution from demand where id = ?`, [after.rowId]);
    expect([Math.round(Number(row2.first)), Math.round(Number(row2.resolution))]).toEqual([12, 120]);
    const list = (await api.gql(`query($c: ID!) { demandDeadlines(communityId: $c) { category firstResponseHours resolutionHours custom } }`, { c: hongkang }, admin)).data.demandDeadlines;
    expect(list).toHaveLength(7);
    expect(list.find((x: any) => x.category === 'ENVIRONMENT')).toMatchObject({ firstResponseHours: 24, custom: false });
    const branchSecretary = await api.login('hongkang-branch1');
    const refused = await api.gql(`mutation($input: SetDemandDeadlineInput!) { setDemandDeadline(input: $input) { userErrors { code } } }`,
      { input: { communityId: hongkang, category: 'FACILITIES', firstResponseHours: 1, resolutionHours: 2 } }, branchSecretary);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('runs passes on its own when started, as the API does at start', async () => {
    const d = await made(admin, { title: '自动升级' });
    await api.sql(`update demand set first_response_due_at = now() - interval '1 minute' where id = ?`, [d.rowId]);
    const level = async () => (await api.sql<{ escalation_level: number }>(`select escalation_level from demand where id = ?`, [d.rowId]))[0].escalation_level;
    expect(await level()).toBe(0);
    const stop = startDemandEscalation(api.orm, 1);
    try {
      for (let i = 0; i < 100 && (await level()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
    }
    expect(await level()).toBe(1);
  });

  it('escalates an overdue demand exactly once per level, even with two runners at once, and the street sees it', async () => {
    const d = await made(admin, { orgNodeId: branch, title: '超时未办' });
    const other = await made(admin, { title: '按时处理' });
    await step(other, DemandAction.ACCEPT, other.version);
    const [{ due }] = await api.sql<{ due: Date }>(`select first_response_due_at as due from demand where id = ?`, [d.rowId]);
    const justAfter = new Date(new Date(due).getTime() + 60_000);

    const first = await Promise.all([escalateOverdue(api.orm, justAfter), escalateOverdue(api.orm, justAfter)]);
    const level1 = first.flat().filter((e) => e.demandId === d.rowId);
    expect(level1).toEqual([{ demandId: d.rowId, level: 1, communityId: expect.any(Number) }]);
    expect(first.flat().some((e) => e.demandId === other.rowId)).toBe(false);
    // again at the same moment: nothing more
    expect((await escalateOverdue(api.orm, justAfter)).filter((e) => e.demandId === d.rowId)).toEqual([]);

    const dayLater = new Date(justAfter.getTime() + 25 * 3_600_000);
    const second = await Promise.all([escalateOverdue(api.orm, dayLater), escalateOverdue(api.orm, dayLater), escalateOverdue(api.orm, dayLater)]);
    expect(second.flat().filter((e) => e.demandId === d.rowId)).toEqual([{ demandId: d.rowId, level: 2, communityId: expect.any(Number) }]);
    expect((await escalateOverdue(api.orm, new Date(dayLater.getTime() + 100 * 3_600_000))).filter((e) => e.demandId === d.rowId)).toEqual([]);

    const events = await api.sql<{ escalation_level: number }>(`select escalation_level from demand_event where demand_id = ? and kind = 'ESCALATED' order by id`, [d.rowId]);
    expect(events.map((e) => e.escalation_level)).toEqual([1, 2]);
    const [row] = await api.sql<{ escalation_level: number; version: number }>(`select escalation_level, version from demand where id = ?`, [d.rowId]);
    expect(row).toEqual({ escalation_level: 2, version: d.version + 2 });

    // a street worker (level 2) finds it among the escalated demands and may act on it
    const [account] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values ('street-worker', ?, '街道督办员') returning id`, [await hashPassword('tongxin-demo')]);
    await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, parent_id, 'COMMITTEE_ADMIN' from org_node where name = '红康社区' and level = 'COMMUNITY'`, [account.id]);
    const street = await api.login('street-worker');
    const escalated = (await api.gql(`query { demands(filter: { escalated: true }, first: 50) { edges { node { id escalationLevel allowedActions } } } }`, {}, street)).data.demands.edges.map((e: any) => e.node);
    expect(escalated).toContainEqual({ id: d.id, escalationLevel: 2, allowedActions: ['ACCEPT', 'REJECT', 'MARK_DUPLICATE'] });
  });
});

describe('reads', () => {
  it('decide the same in JS on one demand as in SQL for lists, for staff of every role and level, partners and anonymous', async () => {
    // demands under the committee and under a branch, assigned to a branch, a unit and nobody
    const underBranch = await made(admin, { orgNodeId: branch, title: '支部诉求' });
    const toUnit = await made(admin, { title: '给单位' });
    const a = await step(toUnit, DemandAction.ACCEPT, toUnit.version);
    await step(toUnit, DemandAction.ASSIGN, a.demand.version, { assignee: { unitId: unit.globalId } });
    const [{ id: secretaryBranch }] = await api.sql<{ id: number }>(`select org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
    const toBranch = await made(admin, { title: '给支部' });
    const b = await step(toBranch, DemandAction.ACCEPT, toBranch.version);
    await step(toBranch, DemandAction.ASSIGN, b.demand.version, { assignee: { orgNodeId: globalId('Branch', secretaryBranch) } });
    expect(underBranch.rowId).toBeGreaterThan(0);

    const nodes = await api.sql<{ id: number; path: string; community_id: number | null; level: string }>(
      `select id, path, community_id, level from org_node where (name = '红康社区' and level = 'COMMUNITY') or id = (select parent_id from org_node where name = '红康社区' and level = 'COMMUNITY')
       or id in (select id from org_node where level = 'BRANCH' and community_id = (select id from org_node where name = '红康社区' and level = 'COMMUNITY') order by id limit 2)`);
    const callers: Principal[] = [{ kind: 'anonymous' }];
    for (const n of nodes) {
      for (const role of Object.values(GrantRole)) {
        callers.push({ kind: 'staff', accountId: -1, sessionId: 0, grants: [{ grantId: -1, nodeId: n.id, role, path: n.path, communityId: n.level === 'STREET' ? null : (n.community_id ?? n.id) }] });
      }
    }
    const [{ id: hongkangId }] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
    for (const scopes of [['public:read'], ['public:read', 'demands:read'], ['public:read', 'demands:read', 'demands:write'], ['public:read', 'demands:write']]) {
      callers.push({ kind: 'partner', tokenId: 0, unitId: unit.id, communityId: hongkangId, scopes });
    }
    const found: unknown[] = [];
    for (const principal of callers) {
      for (const action of ['read', 'write', 'reveal'] as const) {
        const ctx = createContext(api.orm.em, api.config, new Access(principal));
        const disagreement = await checkPolicy(ctx, 'Demand', action);
        if (disagreement) found.push({ principal, ...disagreement });
      }
    }
    expect(found).toEqual([]);
    // and the branch's secretary reads the demand assigned to the branch though it hangs on the committee
    const secretary = await api.login('hongkang-branch1');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toBranch.id }, secretary)).data.node).toEqual({ id: toBranch.id });
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toUnit.id }, secretary)).data.node).toBeNull();
    // and may call the resident back
    expect((await api.gql(REVEAL, { input: { demandId: toBranch.id, reason: '电话回访' } }, secretary)).data.revealDemandContact.contact).toEqual({ name: '王秀英', phone: '13812341234' });
  });

  it('loads a page of demands with their timelines, nodes and assignees in a fixed number of statements', async () => {
    const QUERY = `query($first: Int) { demands(first: $first) { totalCount edges { node { id state residentName residentPhone allowedActions overdue
      orgNode { name } community { name } assignedAccount { displayName } assignedBranch { name } assignedUnit { name } duplicateOf { id }
      timeline { kind actorRole actorName } } } } }`;
    for (let i = 0; i < 10; i++) {
      const d = await made(admin, { title: `批量 ${i}` });
      await step(d, DemandAction.ACCEPT, d.version);
    }
    const small = await api.countStatements(() => api.gql(QUERY, { first: 2 }, admin));
    const large = await api.countStatements(() => api.gql(QUERY, { first: 10 }, admin));
    expect((large.result as any).data.demands.edges).toHaveLength(10);
    expect(large.statements).toBe(small.statements);
  });

  it('filters the list and counts the board by state', async () => {
    const [me] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-admin'`);
    const mark = `筛选${Date.now()}`;
    const late = await made(admin, { title: `${mark} 过期`, orgNodeId: branch, channel: 'HOTLINE', category: 'SAFETY' });
    await api.sql(`update demand set first_response_due_at = now() - interval '1 hour' where id = ?`, [late.rowId]);
    const mine = await made(admin, { title: `${mark} 我的`, channel: 'VISIT' });
    const acc = await step(mine, DemandAction.ACCEPT, mine.version);
    await step(mine, DemandAction.ASSIGN, acc.demand.version, { assignee: { accountId: globalId('Account', me.id) } });
    const ids = async (filter: Record<string, unknown>) =>
      (await api.gql(`query($filter: DemandFilter) { demands(filter: $filter, first: 50) { totalCount edges { node { id } } } }`, { filter: { query: mark, ...filter } }, admin)).data.demands;
    expect((await ids({})).totalCount).toBe(2);
    expect((await ids({ overdue: true })).edges).toEqual([{ node: { id: late.id } }]);
    expect((await ids({ overdue: false })).edges).toEqual([{ node: { id: mine.id } }]);
    expect((await ids({ assignedToMe: true })).edges).toEqual([{ node: { id: mine.id } }]);
    expect((await ids({ orgNodeId: branch })).edges).toEqual([{ node: { id: late.id } }]);
    expect((await ids({ channels: ['HOTLINE'], categories: ['SAFETY'] })).edges).toEqual([{ node: { id: late.id } }]);
    expect((await ids({ states: ['ASSIGNED'] })).edges).toEqual([{ node: { id: mine.id } }]);
    expect((await ids({ createdFrom: new Date(Date.now() + 3_600_000).toISOString() })).totalCount).toBe(0);
    const counts = (await api.gql(`query($filter: DemandFilter) { demandStateCounts(filter: $filter) { state count } }`, { filter: { query: mark } }, admin)).data.demandStateCounts;
    expect(counts).toHaveLength(9);
    expect(counts.filter((c: any) => c.count > 0)).toEqual([{ state: 'SUBMITTED', count: 1 }, { state: 'ASSIGNED', count: 1 }]);
    const assigned = (await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { assignedAccount { id displayName } timeline { kind public body } } } }`, { id: mine.id }, admin)).data.node;
    expect(assigned.assignedAccount.id).toBe(globalId('Account', me.id));
    // an assignment to a person is not shown to the resident
    expect(assigned.timeline.at(-1)).toMatchObject({ kind: 'ASSIGNED', public: false });
    expect(JSON.stringify((await api.gql(BY_TICKET, { code: mine.ticketCode })).data)).not.toContain(assigned.assignedAccount.displayName);
  });

  it("shows a committee's board over its whole subtree, no other community's demands, and only what the caller may read", async () => {
    const mark = `社区看板${Date.now()}`;
    const own = await made(admin, { title: `${mark} 社区` });
    const underBranch = await made(admin, { title: `${mark} 支部`, orgNodeId: branch });
    const [other] = await api.sql<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'zhenxing-admin'`);
    await made(await api.login('zhenxing-admin'), { title: `${mark} 别的社区`, orgNodeId: globalId('PartyCommittee', other.id) });
    // staff over both communities
    const [account] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values ('two-committees', ?, '两个社区') returning id`, [await hashPassword('tongxin-demo')]);
    await api.sql(`insert into access_grant (account_id, org_node_id, role) select ?, id, 'COMMITTEE_ADMIN' from org_node where id = ? or (name = '红康社区' and level = 'COMMUNITY')`, [account.id, other.id]);
    const both = await api.login('two-committees');
    const board = async (token: string) => {
      const data = (await api.gql(`query($filter: DemandFilter) { demands(filter: $filter, first: 50) { totalCount edges { node { id } } }
        demandStateCounts(filter: $filter) { state count } }`, { filter: { query: mark, orgNodeId: hongkang } }, token)).data;
      return { ids: data.demands.edges.map((e: any) => e.node.id).sort(), total: data.demands.totalCount, counted: data.demandStateCounts.reduce((n: number, c: any) => n + c.count, 0) };
    };
    const whole = { ids: [own.id, underBranch.id].sort(), total: 2, counted: 2 };
    expect(await board(both)).toEqual(whole);
    expect(await board(admin)).toEqual(whole);
    // a branch secretary filtering by the committee sees what their grant lets them read, nothing more
    const secretary = await api.login('hongkang-branch1');
    const readable: string[] = [];
    for (const d of [own, underBranch]) {
      if ((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: d.id }, secretary)).data.node) readable.push(d.id);
    }
    expect(await board(secretary)).toEqual({ ids: readable.sort(), total: readable.length, counted: readable.length });
  });
});
