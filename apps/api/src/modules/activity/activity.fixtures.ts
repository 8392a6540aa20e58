/** Helpers the activity tests share: ids from the demo data and activities made through the API. */
import { randomBytes } from 'node:crypto';
import { globalId, type TestApi } from '../../test/harness.js';
import { tokenHash } from '../access/index.js';

export const ACTIVITY_FIELDS = `id title category status startsAt endsAt capacity confirmedCount waitlistCount seatsLeft registrationOpen audience recurrence version
  organizer { id name } community { id name } venue { id name } coHosts { id name }`;

const CREATE = `mutation($input: ActivityCreateInput!) { activityCreate(input: $input) {
  activity { ${ACTIVITY_FIELDS} } activities { id startsAt recurrence } userErrors { field message code } } }`;
const PUBLISH = `mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { activity { id status } activities { id } userErrors { field message code } } }`;

export async function communityId(api: TestApi, name: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'COMMUNITY'`, [name]);
  return globalId('PartyCommittee', row.id);
}

export async function firstBranchId(api: TestApi, communityName: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(
    `select b.id from org_node b join org_node c on c.id = b.parent_id where c.name = ? and b.level = 'BRANCH' order by b.id limit 1`, [communityName]);
  return globalId('Branch', row.id);
}

export async function venueId(api: TestApi, communityName: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(`select v.id from venue v join org_node c on c.id = v.community_id where c.name = ? order by v.id limit 1`, [communityName]);
  return globalId('Venue', row.id);
}

/** A unit row made for a test (the tests do not depend on the demo units). */
export async function testUnit(api: TestApi, name: string): Promise<{ id: number; globalId: string }> {
  const [row] = await api.sql<{ id: number }>(`insert into co_building_unit (name, kind) values (?, 'ENTERPRISE') returning id`, [name]);
  return { id: row.id, globalId: globalId('CoBuildingUnit', row.id) };
}

/** A partner token of the unit with the scopes, issued straight into the table by the community (linked to the unit here). */
export async function partnerToken(api: TestApi, unitId: number, scopes: string[], community = '红康社区'): Promise<string> {
  const token = `txp_test_${randomBytes(16).toString('hex')}`;
  const [{ id: communityId }] = await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'COMMUNITY'`, [community]);
  await api.sql(`insert into unit_community (unit_id, community_id) values (?, ?) on conflict do nothing`, [unitId, communityId]);
  await api.sql(`insert into partner_token (unit_id, community_id, name, token_hash, token_hint, scopes, expires_at) values (?, ?, '测试令牌', ?, 'txp_test…', ?::text[], now() + interval '1 day')`,
    [unitId, communityId, tokenHash(token), `{${scopes.join(',')}}`]);
  return token;
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export interface NewActivity {
  organizerId: string;
  title?: string;
  capacity?: number | null;
  startsInHours?: number;
  durationHours?: number;
  publish?: boolean;
  [field: string]: unknown;
}

/** Create (and by default publish) an activity through the API as `token`; returns the created activity. */
export async function makeActivity(api: TestApi, token: string, spec: NewActivity): Promise<any> {
  const { startsInHours = 48, durationHours = 2, publish = true, title = '测试活动', ...rest } = spec;
  const input = {
    title, category: 'VOLUNTEER_SERVICE', description: '测试用活动',
    startsAt: inHours(startsInHours), endsAt: inHours(startsInHours + durationHours),
    ...rest,
  };
  const res = await api.gql(CREATE, { input }, token);
  const created = res.data?.activityCreate;
  if (!created?.activity) throw new Error(`activityCreate failed: ${JSON.stringify(res)}`);
  if (publish) {
    const published = await api.gql(PUBLISH, { input: { id: created.activity.id, includeLaterOccurrences: true } }, token);
    if (published.data?.activityPublish?.userErrors?.length !== 0) throw new Error(`activityPublish failed: ${JSON.stringify(published)}`);
  }
  return created.activity;
}

export const SIGN_UP = `mutation($input: RegistrationCreateInput!) { registrationCreate(input: $input) {
  registration { code status waitlistPosition name phone } userErrors { field message code } } }`;
export const CANCEL = `mutation($input: RegistrationCancelInput!) { registrationCancel(input: $input) {
  registration { code status } userErrors { field message code } } }`;
export const BY_CODE = `query($code: String!) { registrationByCode(code: $code) { code status waitlistPosition name phone activity { id title } } }`;

let phoneSeq = 0;
/** A mainland mobile number unique within the test run. */
export function phone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}
