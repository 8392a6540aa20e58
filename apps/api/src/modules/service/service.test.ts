import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { hashPassword } from '../access/index.js';
import { communityId } from '../activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;
let teamId: number;
let volunteer: { id: number; gid: string };
let volunteerToken: string;
const tag = Date.now().toString(36);

const OFFER_FIELDS = `id title category schedule place capacityPerWeek published remainingThisWeek provider { kind name }`;
const CREATE_OFFER = `mutation($input: ServiceOfferInput!) { createServiceOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { code field message } } }`;
const ORDER = `mutation($input: OrderServiceInput!) { orderService(input: $input) { ticketCode order { state title serviceOfferTitle placeText } userErrors { code field message } } }`;
const DEMAND_FIELDS = `id version state assignedAccount { id } timeline { kind toState body public actorRole }`;
const DISPATCH = `mutation($input: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $input) { demand { ${DEMAND_FIELDS} } userErrors { code field message } } }`;
const ACCEPT = `mutation($input: AcceptServiceOrderInput!) { acceptServiceOrder(input: $input) { demand { ${DEMAND_FIELDS} } userErrors { code field message } } }`;
const COMPLETE = `mutation($input: CompleteServiceOrderInput!) { completeServiceOrder(input: $input) { demand { ${DEMAND_FIELDS} } userErrors { code field message } } }`;
const BY_TICKET = `query($code: String!) { demandByTicket(code: $code) { state serviceOfferTitle canRate rating timeline { toState body actorRole } } }`;
const RATE = `mutation($input: RateDemandInput!) { rateDemand(input: $input) { demand { state rating } userErrors { code message } } }`;
const ORDERS = `query($c: ID, $mine: Boolean) { serviceOrders(communityId: $c, mine: $mine, first: 50) { totalCount edges { node { demand { id ticketCode state residentPhone } address preferredTime hours assignee { kind name } dispatchedToMe offer { title } } } } }`;
const HOURS = `query($id: ID!) { node(id: $id) { ... on Volunteer { serviceHours serviceRecords(first: 10) { edges { node { hours source note } } } } } }`;

async function newOffer(capacityPerWeek: number, providerId: string, title = `修水电${tag}`) {
  const res = await api.gql(CREATE_OFFER, { input: { communityId: hongkang, title, category: 'REPAIR', description: '上门检修水龙头、开关插座', schedule: '每周五 9:00-11:30', place: '上门服务', capacityPerWeek, providerId } }, admin);
  expect(res.errors).toBeUndefined();
  expect(res.data.createServiceOffer.userErrors).toEqual([]);
  return res.data.createServiceOffer.offer;
}

const order = (offerId: string, extra: Record<string, unknown> = {}) =>
  api.gql(ORDER, { input: { offerId, name: '王秀英', phone: '13987654321', address: '红康小区 3栋 2单元 501', preferredTime: '周五上午', note: '厨房水龙头漏水', ...extra } });

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
  [{ id: teamId }] = await api.sql<{ id: number }>(`select t.id from volunteer_team t join org_node n on n.id = t.community_id where n.name = '红康社区' and t.name = '周五志愿服务队'`);
  // a volunteer of the team with their own sign-in (no grants): the one orders are dispatched to
  const [a] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) values (?, ?, ?) returning id`, [`vol-${tag}`, await hashPassword('tongxin-demo'), '志愿者李师傅']);
  const [v] = await api.sql<{ id: number }>(`insert into volunteer (community_id, name, phone, skills) select id, '李建国', '13811112222', '{水电维修}' from org_node where name = '红康社区' and level = 'COMMUNITY' returning id`);
  await api.sql(`insert into volunteer_team_member (team_id, volunteer_id) values (?, ?)`, [teamId, v.id]);
  volunteer = { id: v.id, gid: globalId('Volunteer', v.id) };
  const link = await api.gql(`mutation($input: LinkVolunteerAccountInput!) { linkVolunteerAccount(input: $input) { linked userErrors { code message } } }`, { input: { volunteerId: volunteer.gid, username: `vol-${tag}` } }, admin);
  expect(link.data.linkVolunteerAccount).toEqual({ linked: true, userErrors: [] });
  volunteerToken = await api.login(`vol-${tag}`);
  expect(a.id).toBeGreaterThan(0);
});
afterAll(() => api?.close());

describe('service menu: 点单 -> 下单 -> 接单 -> 完成 -> 评价', () => {
  it('moves an order through its lifecycle under the access policy, and the hours roll up', async () => {
    const offer = await newOffer(5, globalId('VolunteerTeam', teamId));
    expect(offer.provider).toEqual({ kind: 'VOLUNTEER_TEAM', name: '周五志愿服务队' });
    // the public menu lists it, anonymously
    const menu = await api.gql(`query($c: ID!) { serviceOffers(communityId: $c, category: REPAIR, first: 50) { edges { node { id title remainingThisWeek } } } }`, { c: hongkang });
    expect(menu.data.serviceOffers.edges.map((e: any) => e.node)).toContainEqual({ id: offer.id, title: offer.title, remainingThisWeek: 5 });

    // 点单: anonymous, a code to follow it; the address is not on the public view
    const placed = await order(offer.id);
    expect(placed.data.orderService.userErrors).toEqual([]);
    const code = placed.data.orderService.ticketCode as string;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(placed.data.orderService.order).toMatchObject({ state: 'SUBMITTED', title: `便民服务：${offer.title}`, serviceOfferTitle: offer.title, placeText: null });
    expect(JSON.stringify(placed.data)).not.toContain('501');

    const staffList = (await api.gql(ORDERS, { c: hongkang }, admin)).data.serviceOrders;
    const row = staffList.edges.map((e: any) => e.node).find((n: any) => n.demand.ticketCode === code);
    expect(row).toMatchObject({ preferredTime: '周五上午', offer: { title: offer.title }, demand: { state: 'SUBMITTED', residentPhone: '139****4321' } });
    expect(row.address).toBe('红康小区 3栋 2单元 501'); // committee admin: a role that needs contact details
    const demandId = row.demand.id as string;
    const [{ version }] = await api.sql<{ version: number }>(`select version from demand where ticket_code = ?`, [code]);

    // anonymous cannot dispatch; another community's staff cannot see it
    const anon = await api.gql(DISPATCH, { input: { demandId, expectedVersion: version, volunteerId: volunteer.gid } });
    expect(anon.data?.dispatchServiceOrder?.demand ?? null).toBeNull();
    expect(anon.data?.dispatchServiceOrder?.userErrors?.[0]?.code ?? anon.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|UNAUTHENTICATED/);
    const other = await api.login('zhenxing-admin');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: demandId }, other)).data.node).toBeNull();
    expect((await api.gql(ORDERS, { c: hongkang }, other)).data.serviceOrders.edges.map((e: any) => e.node).map((n: any) => n.demand.ticketCode)).not.toContain(code);
    const otherDispatch = (await api.gql(DISPATCH, { input: { demandId, expectedVersion: version, volunteerId: volunteer.gid } }, other)).data.dispatchServiceOrder;
    expect(otherDispatch.userErrors[0].code).toBe('NOT_FOUND');
    // before dispatch the volunteer cannot take it
    expect((await api.gql(ACCEPT, { input: { demandId, expectedVersion: version } }, volunteerToken)).data.acceptServiceOrder.userErrors[0].code).toBe('NOT_FOUND');

    // 下单: the community dispatches it to the volunteer (ACCEPT + ASSIGN in the timeline)
    const dispatched = (await api.gql(DISPATCH, { input: { demandId, expectedVersion: version, volunteerId: volunteer.gid, note: '请周五上午上门' } }, admin)).data.dispatchServiceOrder;
    expect(dispatched.userErrors).toEqual([]);
    expect(dispatched.demand.state).toBe('ASSIGNED');
    expect(dispatched.demand.timeline.map((e: any) => e.toState)).toEqual(['SUBMITTED', 'ACCEPTED', 'ASSIGNED']);
    expect(dispatched.demand.timeline[2].body).toBe('派单给志愿者李*国：请周五上午上门');

    // the volunteer's own account sees it among theirs, with the address, and takes it (接单)
    const mine = (await api.gql(ORDERS, { mine: true }, volunteerToken)).data.serviceOrders;
    expect(mine.edges.map((e: any) => e.node).map((n: any) => n.demand.ticketCode)).toEqual([code]);
    expect(mine.edges[0].node).toMatchObject({ dispatchedToMe: true, address: '红康小区 3栋 2单元 501', assignee: { kind: 'VOLUNTEER', name: '李建国' } });
    const accepted = (await api.gql(ACCEPT, { input: { demandId, expectedVersion: dispatched.demand.version } }, volunteerToken)).data.acceptServiceOrder;
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.demand.state).toBe('IN_PROGRESS');

    // bad hours are a userError, not a 500
    const bad = (await api.gql(COMPLETE, { input: { demandId, expectedVersion: accepted.demand.version, hours: 0 } }, volunteerToken)).data.completeServiceOrder;
    expect(bad.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'hours'] });

    const before = (await api.gql(`query($c: ID!) { volunteerHours(communityId: $c) { totalHours } }`, { c: hongkang })).data.volunteerHours.totalHours;
    const teamBefore = (await api.gql(`query($id: ID!) { node(id: $id) { ... on VolunteerTeam { serviceHours } } }`, { id: globalId('VolunteerTeam', teamId) })).data.node.serviceHours;
    const done = (await api.gql(COMPLETE, { input: { demandId, expectedVersion: accepted.demand.version, hours: 1.5, note: '更换了水龙头阀芯' } }, volunteerToken)).data.completeServiceOrder;
    expect(done.userErrors).toEqual([]);
    expect(done.demand.state).toBe('RESOLVED');
    // hours: the volunteer's record, the team's and the community's totals (the same roll-up activity hours use)
    const hours = (await api.gql(HOURS, { id: volunteer.gid }, admin)).data.node;
    expect(hours.serviceHours).toBe(1.5);
    expect(hours.serviceRecords.edges.map((e: any) => e.node)).toEqual([{ hours: 1.5, source: 'SERVICE_ORDER', note: `便民服务：${offer.title}` }]);
    expect((await api.gql(`query($c: ID!) { volunteerHours(communityId: $c) { totalHours } }`, { c: hongkang })).data.volunteerHours.totalHours).toBeCloseTo(before + 1.5);
    expect((await api.gql(`query($id: ID!) { node(id: $id) { ... on VolunteerTeam { serviceHours } } }`, { id: globalId('VolunteerTeam', teamId) })).data.node.serviceHours).toBeCloseTo(teamBefore + 1.5);

    // the resident's code page: done, may rate; rating closes it
    const page = (await api.gql(BY_TICKET, { code: code.toLowerCase() })).data.demandByTicket;
    expect(page).toMatchObject({ state: 'RESOLVED', serviceOfferTitle: offer.title, canRate: true, rating: null });
    expect(page.timeline.map((e: any) => e.toState)).toEqual(['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED']);
    const rated = (await api.gql(RATE, { input: { ticketCode: code, rating: 5, comment: '师傅很专业' } })).data.rateDemand;
    expect(rated).toEqual({ demand: { state: 'CLOSED', rating: 5 }, userErrors: [] });
  });

  it('the volunteer account cannot dispatch, nor take orders dispatched to someone else', async () => {
    const offer = await newOffer(5, globalId('VolunteerTeam', teamId), `磨刀${tag}`);
    const code = (await order(offer.id)).data.orderService.ticketCode;
    const [{ id, version }] = await api.sql<{ id: number; version: number }>(`select id, version from demand where ticket_code = ?`, [code]);
    const demandId = globalId('Demand', id);
    const own = (await api.gql(DISPATCH, { input: { demandId, expectedVersion: version, volunteerId: volunteer.gid } }, volunteerToken)).data.dispatchServiceOrder;
    expect(own.userErrors[0].code).toBe('NOT_FOUND');
    // dispatched to the team: a member of the team (the volunteer) may take it and records hours for themselves
    const d = (await api.gql(DISPATCH, { input: { demandId, expectedVersion: version, teamId: globalId('VolunteerTeam', teamId) } }, admin)).data.dispatchServiceOrder;
    expect(d.userErrors).toEqual([]);
    expect(d.demand.timeline.at(-1).body).toBe('派单给周五志愿服务队');
    const hoursBefore = (await api.gql(HOURS, { id: volunteer.gid }, admin)).data.node.serviceHours as number;
    const a = (await api.gql(ACCEPT, { input: { demandId, expectedVersion: d.demand.version } }, volunteerToken)).data.acceptServiceOrder;
    expect(a.userErrors).toEqual([]);
    const c = (await api.gql(COMPLETE, { input: { demandId, expectedVersion: a.demand.version, hours: 2 } }, volunteerToken)).data.completeServiceOrder;
    expect(c.userErrors).toEqual([]);
    expect((await api.gql(HOURS, { id: volunteer.gid }, admin)).data.node.serviceHours).toBe(hoursBefore + 2);
  });

  it('refuses an order past the weekly capacity with SERVICE_FULL, also when orders race', async () => {
    const offer = await newOffer(3, globalId('VolunteerTeam', teamId), `洗地垫${tag}`);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => order(offer.id, { phone: `1390000000${i}` })));
    const ok = results.filter((r) => r.data.orderService.ticketCode);
    const full = results.filter((r) => r.data.orderService.userErrors[0]?.code === 'SERVICE_FULL');
    expect(ok).toHaveLength(3);
    expect(full).toHaveLength(3);
    expect(full[0].data.orderService.userErrors[0].message).toContain('本周 3 个名额已约满');
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from service_order so join service_offer o on o.id = so.offer_id where o.title = ?`, [offer.title]);
    expect(Number(count)).toBe(3);
  });

  it('makes one order of a form sent twice with the same idempotency key', async () => {
    const offer = await newOffer(10, globalId('VolunteerTeam', teamId), `洗车${tag}`);
    const key = `order-${tag}-1`;
    const a = await order(offer.id, { idempotencyKey: key });
    const b = await order(offer.id, { idempotencyKey: key });
    expect(b.data.orderService.ticketCode).toBe(a.data.orderService.ticketCode);
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from service_order where offer_id = (select id from service_offer where title = ?)`, [offer.title]);
    expect(Number(count)).toBe(1);
  });

  it('answers bad order input with userErrors', async () => {
    const offer = await newOffer(10, globalId('VolunteerTeam', teamId), `检修${tag}`);
    expect((await order(offer.id, { address: '' })).data.orderService.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'address'] });
    expect((await order(offer.id, { phone: '12345' })).data.orderService.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'phone'] });
    expect((await order(globalId('ServiceOffer', 999999))).data.orderService.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('service order ledger export', () => {
  const sheet = async (path: string, token: string) => {
    const res = await fetch(`${api.url.replace(/\/graphql$/, '')}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const rows = Array.from({ length: ws.rowCount }, (_, i) => Array.from((ws.getRow(i + 1).values as unknown[]).slice(1), (v) => (v == null ? "" : String(v))));
    return { headers: rows[0], rows: rows.slice(1) };
  };

  it('exports the orders the caller may read to .xlsx with Chinese headers, contact details masked', async () => {
    const offer = await newOffer(10, globalId('VolunteerTeam', teamId), `通下水道${tag}`);
    const code = (await order(offer.id, { phone: '13987650001' })).data.orderService.ticketCode as string;
    const { headers, rows } = await sheet(`/export/service-orders.xlsx?community=${encodeURIComponent(hongkang)}&state=SUBMITTED,ACCEPTED`, admin);
    expect(headers).toEqual(['序号', '受理编号', '所属社区', '服务项目', '服务类别', '状态', '居民', '联系电话', '服务地址', '希望时间', '点单时间', '接单人', '服务时长（小时）', '完成时间', '居民评分']);
    const row = rows.find((r) => r[1] === code)!;
    expect(row.slice(2, 10)).toEqual(['红康社区', offer.title, '维修', '已点单', '王*英', '139****0001', '红康小区 3****', '周五上午']);
    expect(JSON.stringify(rows)).not.toContain('13987650001');
    expect(JSON.stringify(rows)).not.toContain('501');
    // another community's admin: none of 红康社区's orders, even when asking for that community
    const other = await api.login('zhenxing-admin');
    expect((await sheet(`/export/service-orders.xlsx?community=${encodeURIComponent(hongkang)}`, other)).rows).toEqual([]);
    expect((await sheet('/export/service-orders.xlsx', other)).rows.map((r) => r[1])).not.toContain(code);
    // the volunteer's own orders only
    expect((await sheet('/export/service-orders.xlsx?mine=1', volunteerToken)).rows.map((r) => r[1])).not.toContain(code);
    const base = api.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/export/service-orders.xlsx?state=NOPE`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(400);
    expect((await fetch(`${base}/export/service-orders.xlsx`)).status).toBe(401);
  });
});
