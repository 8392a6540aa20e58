import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let base: string;
let admin: string;
let writer: string;
let reader: string;
let hongkang: string;
let hongmian: string;

const RESIDENT = { first_name: '秀兰', last_name: '欧阳', phone: '13912345678' };

async function token(scopes: string[]): Promise<string> {
  const [unit] = await api.sql<{ id: number }>(`select id from co_building_unit where name = '昆明市口腔医院'`);
  const res = await api.gql(`mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret userErrors { code message } } }`,
    { input: { unitId: globalId('CoBuildingUnit', unit.id), name: `Open311 ${scopes.join(' ')}`, scopes } }, admin);
  expect(res.data.partnerTokenCreate.userErrors).toEqual([]);
  return res.data.partnerTokenCreate.secret;
}

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields) });
const get = (path: string) => fetch(`${base}${path}`);

/** The spec's error answer: an array of { code, description }, code equal to the HTTP status. */
async function expectError(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  const text = await res.text();
  const body = JSON.parse(text);
  expect(body).toEqual([{ code: status, description: expect.any(String) }]);
  expect(text).not.toMatch(/at \w+ \(|node_modules/);
  return body[0].description;
}

const SPEC_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url', 'jurisdiction_id'];

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = await api.login('hongkang-admin');
  writer = await token(['demands:write']);
  reader = await token(['unit:read']);
  const ids = await api.sql<{ id: number; name: string }>(`select id, name from org_node where level = 'COMMUNITY' and name in ('红康社区', '红棉社区')`);
  hongkang = globalId('PartyCommittee', ids.find((r) => r.name === '红康社区')!.id);
  hongmian = globalId('PartyCommittee', ids.find((r) => r.name === '红棉社区')!.id);
});
afterAll(async () => api?.close());

describe('Open311 services', () => {
  it('lists the seven categories as services, in JSON and XML', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.status).toBe(200);
    const services = await res.json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['ENVIRONMENT', 'PROPERTY', 'SAFETY', 'NEIGHBOUR_DISPUTE', 'FACILITIES', 'ELDERLY_CARE', 'OTHER']);
    expect(services[2]).toEqual({ service_code: 'SAFETY', service_name: '安全隐患', description: expect.any(String), metadata: false, type: 'realtime', keywords: expect.any(String), group: '平安建设' });
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>ENVIRONMENT<\/service_code><service_name>环境卫生<\/service_name>/);
    expect(text.match(/<service>/g)).toHaveLength(7);
  });

  it('answers an unknown format in the spec\'s error format', async () => {
    await expectError(await get('/open311/v2/services.yaml'), 404);
  });
});

describe('Open311 filing', () => {
  const fields = { service_code: 'SAFETY', lat: '25.0612345', long: '102.7012345', address_string: '金水湾3幢楼道',
    description: '3幢楼道堆放纸箱堵住消防通道，请联系我13912345678', media_url: 'https://example.org/p/1.jpg', ...RESIDENT };

  it('refuses without a key, with a bad key and with a key lacking demands:write', async () => {
    await expectError(await post('/open311/v2/requests.json', fields), 401);
    await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: 'txp_not_a_token' }), 403);
    expect(await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: reader }), 403)).toMatch(/demands:write/);
  });

  it('checks the fields: service_code, location, the resident\'s contact', async () => {
    await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: writer, service_code: 'NOISE' }), 400);
    await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: writer, lat: '', long: '', address_string: '' }), 400);
    await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: writer, phone: '' }), 400);
    expect(await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: writer, phone: '12345' }), 400)).toMatch(/phone/);
    await expectError(await post('/open311/v2/requests.json', { ...fields, api_key: writer, jurisdiction_id: hongmian }), 403);
  });

  it('files into the token\'s community once per idempotency key, and reads back without personal data', async () => {
    const first = await post('/open311/v2/requests.json', { ...fields, api_key: writer, idempotency_key: 'open311-test-0001' });
    expect(first.status).toBe(201);
    const [created] = await first.json();
    expect(created).toEqual({ service_request_id: expect.any(String), service_notice: expect.stringContaining('已受理'), account_id: null });
    const again = await post('/open311/v2/requests.json', { ...fields, api_key: writer }, { 'idempotency-key': 'open311-test-0001' });
    expect(again.status).toBe(201);
    expect((await again.json())[0].service_request_id).toBe(created.service_request_id);
    const rows = await api.sql<{ community: string; channel: string; state: string; source: string; unit: string }>(
      `select c.name as community, d.channel, d.state, d.source, u.name as unit from demand d join org_node c on c.id = d.community_id
         join demand_event e on e.demand_id = d.id and e.kind = 'CREATED' join co_building_unit u on u.id = e.actor_unit_id
        where d.idempotency_key = 'open311-test-0001'`);
    // relayed by the unit: recorded as the unit's, in the token's community
    expect(rows).toEqual([{ community: '红康社区', channel: 'ONLINE', state: 'SUBMITTED', source: 'PARTNER', unit: '昆明市口腔医院' }]);

    const res = await get(`/open311/v2/requests/${created.service_request_id}.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const [request] = JSON.parse(text);
    expect(Object.keys(request).sort()).toEqual([...SPEC_FIELDS].sort());
    expect(request).toMatchObject({
      service_request_id: created.service_request_id, status: 'open', status_notes: '待受理', service_code: 'SAFETY', service_name: '安全隐患',
      agency_responsible: '红康社区', lat: 25.061, long: 102.701, media_url: 'https://example.org/p/1.jpg', jurisdiction_id: hongkang,
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
    });
    // the resident's name and phone appear nowhere, not even inside the text they wrote
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('秀兰');
    expect(text).not.toContain('欧阳');
    expect(request.description).toContain('***********');

    const xml = await (await get(`/open311/v2/requests/${created.service_request_id}.xml`)).text();
    expect(xml).toContain(`<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><status>open</status>`);
  });

  it('lets staff file with their session into their community, and hides sensitive categories\' details', async () => {
    const res = await post('/open311/v2/requests.json', { service_code: 'ELDERLY_CARE', lat: '25.06', long: '102.70', description: '独居老人张阿婆行动不便需要助餐', media_url: 'https://example.org/a.jpg' },
      { authorization: `Bearer ${admin}` });
    expect(res.status).toBe(201);
    const [created] = await res.json();
    const [request] = await (await get(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(request).toMatchObject({ service_code: 'ELDERLY_CARE', description: '养老服务', lat: null, long: null, media_url: null, jurisdiction_id: hongkang });

    // a JSON body works too, with numbers for the coordinates
    const json = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ service_code: 'FACILITIES', lat: 25.0601, long: 102.7002, description: '路灯不亮', jurisdiction_id: hongkang }) });
    expect(json.status).toBe(201);
    const [filed] = await json.json();
    expect((await (await get(`/open311/v2/requests/${filed.service_request_id}.json`)).json())[0]).toMatchObject({ lat: 25.06, long: 102.7, description: '路灯不亮' });
  });
});

describe('Open311 reads', () => {
  let safetyId: string;
  beforeAll(async () => {
    const res = await post('/open311/v2/requests.json', { service_code: 'FACILITIES', address_string: '江畔雅居路灯', description: '2幢门口路灯不亮', api_key: writer, ...RESIDENT });
    safetyId = (await res.json())[0].service_request_id;
  });

  it('filters by id list, service code, status, jurisdiction and dates', async () => {
    const byIds = await (await get(`/open311/v2/requests.json?service_request_id=${safetyId},${globalId('Demand', 999999)}`)).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([safetyId]);
    const open = await (await get(`/open311/v2/requests.json?service_code=FACILITIES,SAFETY&status=open&jurisdiction_id=${hongkang}`)).json();
    expect(open.some((r: { service_request_id: string }) => r.service_request_id === safetyId)).toBe(true);
    expect(open.every((r: { status: string; service_code: string; jurisdiction_id: string }) => r.status === 'open' && ['FACILITIES', 'SAFETY'].includes(r.service_code) && r.jurisdiction_id === hongkang)).toBe(true);
    const closed = await (await get(`/open311/v2/requests.json?service_code=FACILITIES&status=closed`)).json();
    expect(closed.some((r: { service_request_id: string }) => r.service_request_id === safetyId)).toBe(false);
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const other = await (await get(`/open311/v2/requests.json?jurisdiction_id=${hongmian}&service_code=FACILITIES`)).json();
    expect(other.some((r: { service_request_id: string }) => r.service_request_id === safetyId)).toBe(false);
    const old = await (await get(`/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).json();
    expect(old).toEqual([]);
  });

  it('answers bad filters and unknown requests in the spec\'s error format', async () => {
    await expectError(await get('/open311/v2/requests.json?status=pending'), 400);
    await expectError(await get('/open311/v2/requests.json?start_date=yesterday'), 400);
    await expectError(await get('/open311/v2/requests.json?start_date=2025-01-01&end_date=2025-12-31'), 400);
    await expectError(await get('/open311/v2/requests.json?jurisdiction_id=nowhere'), 404);
    await expectError(await get(`/open311/v2/requests/${globalId('Demand', 999999)}.json`), 404);
    await expectError(await get('/open311/v2/requests/not-an-id.json'), 404);
  });

  it('carries no personal data in any listed request', async () => {
    const res = await get('/open311/v2/requests.json');
    expect(res.status).toBe(200);
    const text = await res.text();
    const list = JSON.parse(text);
    expect(list.length).toBeGreaterThan(2);
    for (const r of list) expect(Object.keys(r).sort()).toEqual([...SPEC_FIELDS].sort());
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/first_name|last_name|"phone"|"email"/);
    expect(text).not.toContain('秀兰');
  });
});
