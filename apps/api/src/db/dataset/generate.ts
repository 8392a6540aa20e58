/**
 * A city-sized data set, generated deterministically and loaded with COPY (`npm run gen:dataset`).
 *
 * Per community (the tenant): 50 branches, 200 building groups, 1,000 member households (党员中心户), 1,000 Party
 * members with positions, 10 compounds of 10 buildings, 10,000 households (10 per member household, 联户) with
 * about 2 residents each, 10 level-4 and 20 level-5 grids, 51 staff accounts with grants plus 20 grid workers,
 * 5 co-building units, 3 venues, 2,000 activities with sign-ups, 5,000 demands with their timelines, 60 meetings
 * with attendees and 500 visits (some raising a demand). Every ten communities share a street committee.
 *
 * Personal data goes through the same code as the API: `seal` for the sealed columns and `lookupHash` (after
 * `normalizePhone` / `normalizeIdNumber`) for the keyed hash columns, so searches by phone or ID number work on
 * generated rows. The clear values come from a seeded generator (same seed, same people); the sealed bytes differ
 * from run to run because every seal draws a fresh nonce.
 *
 * Ids are assigned here, above whatever the tables already hold, and the sequences are moved past them at the
 * end, so the data set may be loaded on top of the demo communities. Each community is one transaction.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../../modules/access/access.service.js';
import { lookupHash, normalizeIdNumber, normalizePhone, seal } from '../../modules/privacy/index.js';

export const DATASET_PASSWORD = 'tongxin-demo';

/** Rows per community, kept in one place so the docs, the bench and the tests agree. */
export const PER_COMMUNITY = {
  branches: 50,
  buildingGroupsPerBranch: 4,
  memberHouseholdsPerGroup: 5,
  householdsPerMemberHousehold: 10,
  compounds: 10,
  buildingsPerCompound: 10,
  grids4: 10,
  grids5PerGrid4: 2,
  units: 5,
  venues: 3,
  activities: 2000,
  demands: 5000,
  meetings: 60,
  visits: 500,
} as const;

export interface DatasetOptions {
  communities: number;
  seed?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface DatasetSummary {
  communities: number;
  seed: number;
  /** The community committees' ids, in order. */
  communityIds: number[];
  /** Rows written per table. */
  rows: Record<string, number>;
  seconds: number;
}

// ---- deterministic randomness ------------------------------------------------------------------------------

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (a: number, b: number) => a + Math.floor(next() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof random>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['秀兰', '桂英', '建国', '志强', '丽华', '明辉', '晓燕', '子涵', '浩然', '欣怡', '宇轩', '雨萱', '梓豪', '文博', '佳琪', '思远', '嘉怡', '春梅', '海燕', '永胜', '建伟', '丽萍', '志红', '国强', '淑珍', '玉兰', '德明', '俊杰', '婷婷', '晨阳'];
const PLACE = ['红康', '同心', '和平', '光明', '幸福', '长青', '龙泉', '锦绣', '阳光', '滨河', '翠湖', '金桂', '银杏', '丰收', '康宁', '河畔', '南湖', '北辰', '东风', '西苑'];
const STREET_PLACE = ['华山', '金水', '五华', '盘龙', '福田', '建阳', '南城', '东城', '北门', '西关'];
const BRANCH_KINDS = ['GRID', 'RESIDENTIAL', 'COURTYARD', 'PROPERTY', 'UNIT'] as const;
const BRANCH_SUFFIX: Record<string, string> = { GRID: '网格党支部', RESIDENTIAL: '居民区党支部', COURTYARD: '庭院党支部', PROPERTY: '物业党支部', UNIT: '机关党支部' };
const UNIT_KINDS = ['GOVERNMENT_OFFICE', 'HOSPITAL', 'SCHOOL', 'ENTERPRISE', 'PROPERTY_MANAGEMENT'] as const;
const UNIT_NAME: Record<string, string> = { GOVERNMENT_OFFICE: '区司法局', HOSPITAL: '社区卫生服务中心', SCHOOL: '实验小学', ENTERPRISE: '供电公司', PROPERTY_MANAGEMENT: '物业服务有限公司' };
const CARE = ['ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'EMPTY_NEST', 'HARDSHIP', 'LEFT_BEHIND_CHILD'];
const CARE_NOTE: Record<string, string> = { ELDERLY_ALONE: '独居老人，每周上门探望', LOW_INCOME: '低保户，协助办理年审', DISABLED: '行动不便，需定期上门服务', EMPTY_NEST: '空巢老人，子女在外地', HARDSHIP: '困难家庭，主要劳动力患病', LEFT_BEHIND_CHILD: '与祖父母同住，关注课后辅导' };
const ACTIVITY_KINDS: [string, string][] = [['PARTY_DAY', '主题党日'], ['VOLUNTEER_SERVICE', '周五志愿服务'], ['SERVICE_FAIR', '河畔集市'], ['LEGAL_AID', '普法茶水铺'], ['HEALTH_CLINIC', '爱心义诊'], ['CULTURE', '京剧班'], ['LECTURE', '党课'], ['SPORTS', '健康跑']];
const DEMAND_KINDS: [string, string][] = [['ENVIRONMENT', '楼道堆放杂物'], ['PROPERTY', '电梯故障'], ['SAFETY', '电动车楼道充电'], ['NEIGHBOUR_DISPUTE', '楼上噪音扰民'], ['FACILITIES', '路灯不亮'], ['ELDERLY_CARE', '独居老人需助餐'], ['OTHER', '停车位紧张']];
const CHANNELS = ['VISIT', 'HOTLINE', 'ONLINE', 'MEETING', 'GRID_PATROL', 'WALK_IN'];
const MEETING_KINDS: [string, string][] = [['DELIBERATION', '板凳议事会'], ['JOINT_CONFERENCE', '党建联席会议'], ['GRID_GOVERNANCE', '网格综治会'], ['RESIDENT_TALK', '小板凳恳谈会'], ['BRANCH_ASSEMBLY', '支部党员大会']];
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const EDUCATION = ['JUNIOR_HIGH', 'SENIOR_HIGH', 'JUNIOR_COLLEGE', 'BACHELOR', 'POSTGRADUATE'];

/** 8 characters from the code alphabet, unique per (kind, n): a bijective scramble of n, then base 32. */
export function codeFor(kind: number, n: number): string {
  // 40 bits: 4 bits of kind, 36 of n; multiply by an odd constant mod 2^40 (a bijection) to spread them
  const MOD = 2n ** 40n;
  let v = ((BigInt(kind) << 36n) | BigInt(n)) % MOD;
  v = (v * 0x9e3779b97fn) % MOD;
  let out = '';
  for (let i = 0; i < 8; i++) {
    out += CODE_ALPHABET[Number(v & 31n)];
    v >>= 5n;
  }
  return out;
}

/** A mobile number unique per (kind, n): 1[3-9] + 9 digits. */
export function phoneFor(kind: number, n: number): string {
  const prefix = 13 + (kind % 7);
  return `${prefix}${String(n % 1_000_000_000).padStart(9, '0')}`;
}

/** A valid 18-digit resident ID number (GB 11643 check character), unique per n. */
export function idNumberFor(n: number, birthYear: number, female: boolean): string {
  const region = '530102';
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  // sequence digits: 3 digits (odd for men, even for women), plus uniqueness via the region tail
  const seq = (n % 500) * 2 + (female ? 0 : 1);
  const regionTail = String(Math.floor(n / 500) % 1_000_000).padStart(6, '0');
  const body = `${regionTail === '000000' ? region : regionTail}${birthYear}${month}${day}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

// ---- COPY text format ---------------------------------------------------------------------------------------

type Cell = string | number | boolean | null | Date | Buffer | readonly (string | number)[];

function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return escape(`{${v.map((x) => (typeof x === 'number' ? String(x) : `"${String(x).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`);
  return escape(v as string);
}
function escape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

class Table {
  lines: string[] = [];
  total = 0;
  constructor(readonly name: string, readonly columns: readonly string[]) {}
  add(...values: Cell[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.name}: ${values.length} values for ${this.columns.length} columns`);
    this.lines.push(values.map(cell).join('\t'));
  }
  async flush(client: pg.PoolClient | pg.Client): Promise<void> {
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.total += lines.length;
    const stream = client.query(copyFrom(`copy ${this.name} (${this.columns.join(', ')}) from stdin`));
    const CHUNK = 2000;
    async function* chunks() {
      for (let i = 0; i < lines.length; i += CHUNK) yield lines.slice(i, i + CHUNK).join('\n') + '\n';
    }
    await pipeline(chunks, stream as unknown as Writable);
  }
}

const SERIAL_TABLES = ['org_node', 'party_member', 'member_position', 'account', 'access_grant', 'co_building_unit', 'compound', 'building', 'household', 'resident', 'grid', 'venue', 'activity', 'registration', 'demand', 'demand_event', 'meeting', 'meeting_attendee', 'visit'] as const;
type SerialTable = (typeof SERIAL_TABLES)[number];

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Generate `communities` communities into the (migrated) database at `url`. */
export async function generateDataset(url: string, opts: DatasetOptions): Promise<DatasetSummary> {
  const started = Date.now();
  const seed = opts.seed ?? 1;
  const log = opts.log ?? (() => {});
  const P = PER_COMMUNITY;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // FK triggers off for the load where the role may (superuser): ids are consistent by construction, and the
    // test checks the foreign keys afterwards. CHECK constraints and unique indexes still apply.
    const fkOff = await client.query(`set session_replication_role = replica`).then(() => true, () => false);
    await client.query(`set synchronous_commit = off`);
    const next = {} as Record<SerialTable, number>;
    for (const t of SERIAL_TABLES) {
      const { rows } = await client.query<{ max: number }>(`select coalesce(max(id), 0)::int as max from ${t}`);
      next[t] = rows[0]!.max;
    }
    const id = (t: SerialTable) => ++next[t];
    const { rows: codeBase } = await client.query<{ d: number; r: number; u: number; a: number }>(
      `select (select count(*) from demand)::int d, (select count(*) from registration)::int r,
              (select count(*) from co_building_unit)::int u, (select count(*) from account)::int a`,
    );
    const base = codeBase[0]!;
    const passwordHash = await hashPassword(DATASET_PASSWORD);
    const anchor = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    const now = new Date(anchor);

    const T = {
      org_node: new Table('org_node', ['id', 'parent_id', 'community_id', 'level', 'branch_kind', 'name', 'path', 'depth', 'brand', 'address', 'buildings', 'created_at', 'updated_at']),
      account: new Table('account', ['id', 'username', 'password_hash', 'display_name']),
      access_grant: new Table('access_grant', ['id', 'account_id', 'org_node_id', 'role']),
      party_member: new Table('party_member', ['id', 'community_id', 'org_node_id', 'name', 'gender', 'joined_on', 'status', 'full_on', 'birth_date', 'ethnicity', 'education', 'phone_sealed', 'phone_hash']),
      member_position: new Table('member_position', ['id', 'community_id', 'member_id', 'org_node_id', 'role', 'since']),
      co_building_unit: new Table('co_building_unit', ['id', 'name', 'kind', 'party_org_name', 'contact_name', 'contact_phone']),
      unit_community: new Table('unit_community', ['unit_id', 'community_id', 'since']),
      compound: new Table('compound', ['id', 'community_id', 'org_node_id', 'name', 'address']),
      building: new Table('building', ['id', 'community_id', 'compound_id', 'org_node_id', 'name']),
      household: new Table('household', ['id', 'community_id', 'org_node_id', 'building_id', 'unit', 'room', 'head_name', 'size', 'phone', 'phone_hash', 'care']),
      resident: new Table('resident', ['id', 'household_id', 'name', 'relation', 'birth_year', 'phone', 'phone_hash', 'id_number', 'id_number_hash', 'care']),
      grid: new Table('grid', ['id', 'community_id', 'parent_id', 'level', 'name', 'worker_account_id', 'branch_id']),
      grid_building: new Table('grid_building', ['grid_id', 'building_id']),
      venue: new Table('venue', ['id', 'community_id', 'name', 'address', 'capacity']),
      activity: new Table('activity', ['id', 'community_id', 'organizer_id', 'title', 'category', 'description', 'venue_id', 'starts_at', 'ends_at', 'capacity', 'registration_opens_at', 'registration_closes_at', 'audience', 'status', 'published_at', 'cancelled_at', 'created_at']),
      activity_co_host: new Table('activity_co_host', ['activity_id', 'unit_id']),
      registration: new Table('registration', ['id', 'community_id', 'activity_id', 'code', 'name', 'phone', 'status', 'checked_in_at', 'created_at']),
      demand: new Table('demand', ['id', 'community_id', 'org_node_id', 'ticket_code', 'title', 'description', 'channel', 'category', 'priority', 'state', 'version', 'place_compound', 'place_building', 'resident_name', 'resident_phone', 'source', 'created_by', 'assigned_account_id', 'assigned_branch_id', 'assigned_unit_id', 'first_response_due_at', 'resolution_due_at', 'first_responded_at', 'resolved_at', 'closed_at', 'rating', 'rated_at', 'created_at', 'updated_at']),
      demand_event: new Table('demand_event', ['id', 'demand_id', 'kind', 'from_state', 'to_state', 'body', 'public', 'actor_kind', 'actor_account_id', 'actor_unit_id', 'rating', 'created_at']),
      meeting: new Table('meeting', ['id', 'community_id', 'org_node_id', 'kind', 'title', 'starts_at', 'ends_at', 'place', 'status', 'minutes', 'unit_ids', 'created_by', 'created_at']),
      meeting_attendee: new Table('meeting_attendee', ['id', 'meeting_id', 'kind', 'member_id', 'unit_id', 'name', 'attendance']),
      visit: new Table('visit', ['id', 'community_id', 'org_node_id', 'visitor_member_id', 'visitor_account_id', 'household_id', 'place', 'visited_at', 'kind', 'findings', 'people_reached', 'opinions', 'fixed_on_spot', 'created_at']),
      visit_demand: new Table('visit_demand', ['visit_id', 'demand_id']),
    };
    // parents before children (foreign keys hold at every commit even with the triggers on)
    const order: Table[] = [T.org_node, T.account, T.access_grant, T.co_building_unit, T.unit_community, T.party_member, T.member_position,
      T.compound, T.building, T.household, T.resident, T.grid, T.grid_building, T.venue, T.activity, T.activity_co_host, T.registration,
      T.demand, T.demand_event, T.meeting, T.meeting_attendee, T.visit, T.visit_demand];
    const flushAll = async () => {
      for (const t of order) await t.flush(client);
    };

    const communityIds: number[] = [];
    let genMs = 0;
    let copyMs = 0;
    let streetId = 0;
    let streetPath = '';
    let personSeq = base.a * 1000 + 1; // unique phones and ID numbers across runs on the same database
    let demandSeq = base.d;
    let regSeq = base.r;
    const unitSeq = base.u;

    for (let c = 0; c < opts.communities; c++) {
      const rng = random(seed * 100_003 + c);
      const name = (r: Rng) => `${SURNAMES[r.int(0, SURNAMES.length - 1)]}${r.pick(GIVEN)}`;
      const communityStart = Date.now();
      await client.query('begin');
      const created = new Date(anchor - 400 * DAY);
      if (c % 10 === 0) {
        streetId = id('org_node');
        streetPath = `/${streetId}/`;
        T.org_node.add(streetId, null, null, 'STREET', null, `${STREET_PLACE[(c / 10) % STREET_PLACE.length]}街道党工委${c >= 100 ? Math.floor(c / 100) + 1 : ''}`, streetPath, 0, null, null, [], created, created);
      }
      const cid = id('org_node');
      communityIds.push(cid);
      const cPath = `${streetPath}${cid}/`;
      const cName = `${PLACE[c % PLACE.length]}${c >= PLACE.length ? Math.floor(c / PLACE.length) + 1 : ''}社区`;
      T.org_node.add(cid, streetId, cid, 'COMMUNITY', null, `${cName}党委`, cPath, 1, '同心聚力', `${cName}党群服务中心`, [], created, created);

      // staff
      const tag = `ds${seed}-c${c + 1}`;
      const adminAccount = id('account');
      T.account.add(adminAccount, `${tag}-admin`, passwordHash, `${cName}管理员`);
      T.access_grant.add(id('access_grant'), adminAccount, cid, 'COMMITTEE_ADMIN');

      // units
      const unitIds: number[] = [];
      for (let u = 0; u < P.units; u++) {
        const uid = id('co_building_unit');
        unitIds.push(uid);
        const kind = UNIT_KINDS[u % UNIT_KINDS.length]!;
        T.co_building_unit.add(uid, `${cName}${UNIT_NAME[kind]}${unitSeq + c * P.units + u + 1}号`, kind, `${UNIT_NAME[kind]}党支部`, name(rng), phoneFor(6, personSeq++));
        T.unit_community.add(uid, cid, new Date(anchor - 300 * DAY).toISOString().slice(0, 10));
      }

      // chain: branches -> building groups -> member households, members and positions
      const branchIds: number[] = [];
      const branchSecretary: number[] = [];
      const bgIds: number[] = [];
      const mhIds: number[] = [];
      const members: { id: number; name: string; branch: number }[] = [];
      for (let b = 0; b < P.branches; b++) {
        const bid = id('org_node');
        branchIds.push(bid);
        const kind = b < P.grids4 ? 'GRID' : BRANCH_KINDS[b % BRANCH_KINDS.length]!;
        const bPath = `${cPath}${bid}/`;
        T.org_node.add(bid, cid, cid, 'BRANCH', kind, `第${b + 1}${BRANCH_SUFFIX[kind]}`, bPath, 2, null, null, [], created, created);
        const acc = id('account');
        branchSecretary.push(acc);
        T.account.add(acc, `${tag}-b${b + 1}`, passwordHash, `第${b + 1}支部书记`);
        T.access_grant.add(id('access_grant'), acc, bid, 'BRANCH_SECRETARY');
        const perBranch = P.buildingGroupsPerBranch * P.memberHouseholdsPerGroup;
        const branchMembers: number[] = [];
        for (let m = 0; m < perBranch; m++) {
          const mid = id('party_member');
          const female = rng.chance(0.5);
          const mname = name(rng);
          const birthYear = rng.int(1945, 2000);
          const joined = new Date(Date.UTC(rng.int(Math.max(birthYear + 19, 1970), 2024), rng.int(0, 11), rng.int(1, 28)));
          const probationary = rng.chance(0.05);
          const full = probationary ? null : new Date(joined.getTime() + 366 * DAY);
          const phone = phoneFor(0, personSeq++);
          T.party_member.add(mid, cid, bid, mname, female ? 'FEMALE' : 'MALE', joined.toISOString().slice(0, 10), probationary ? 'PROBATIONARY' : 'FULL',
            full ? full.toISOString().slice(0, 10) : null, `${birthYear}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, '汉族', rng.pick(EDUCATION), seal(phone), lookupHash('phone', normalizePhone(phone)));
          members.push({ id: mid, name: mname, branch: bid });
          branchMembers.push(mid);
        }
        T.member_position.add(id('member_position'), cid, branchMembers[0]!, bid, 'SECRETARY', '2023-01-01');
        T.member_position.add(id('member_position'), cid, branchMembers[1]!, bid, 'DEPUTY_SECRETARY', '2023-01-01');
        for (let g = 0; g < P.buildingGroupsPerBranch; g++) {
          const gid = id('org_node');
          bgIds.push(gid);
          const gPath = `${bPath}${gid}/`;
          T.org_node.add(gid, bid, cid, 'BUILDING_GROUP', null, `第${g + 1}楼栋党小组`, gPath, 3, null, null, [`${b * 2 + (g >> 1) + 1}栋`], created, created);
          T.member_position.add(id('member_position'), cid, branchMembers[g * P.memberHouseholdsPerGroup]!, gid, 'BUILDING_HEAD', '2023-01-01');
          for (let h = 0; h < P.memberHouseholdsPerGroup; h++) {
            const hid = id('org_node');
            mhIds.push(hid);
            const head = members[members.length - perBranch + g * P.memberHouseholdsPerGroup + h]!;
            T.org_node.add(hid, gid, cid, 'MEMBER_HOUSEHOLD', null, `${head.name}家`, `${gPath}${hid}/`, 4, null, null, [], created, created);
            T.member_position.add(id('member_position'), cid, head.id, hid, 'HOUSEHOLD_HEAD', '2023-01-01');
          }
        }
        branchSecretary[b] = acc;
      }

      // territory: compounds, buildings, households, residents
      const buildingIds: number[] = [];
      const buildingNames: [string, string][] = [];
      for (let k = 0; k < P.compounds; k++) {
        const kid = id('compound');
        const kname = `${PLACE[(c + k) % PLACE.length]}${['花园', '小区', '家园', '苑', '新村'][k % 5]}${k + 1}期`;
        T.compound.add(kid, cid, cid, kname, `${cName}${kname}`);
        for (let j = 0; j < P.buildingsPerCompound; j++) {
          const b = k * P.buildingsPerCompound + j;
          const bid = id('building');
          buildingIds.push(bid);
          buildingNames.push([kname, `${j + 1}栋`]);
          T.building.add(bid, cid, kid, branchIds[Math.floor(b / 2) % branchIds.length]!, `${j + 1}栋`);
        }
      }
      const householdIds: number[] = [];
      const householdsPerBuilding = (mhIds.length * P.householdsPerMemberHousehold) / buildingIds.length;
      for (let m = 0; m < mhIds.length; m++) {
        for (let h = 0; h < P.householdsPerMemberHousehold; h++) {
          const n = m * P.householdsPerMemberHousehold + h;
          const b = Math.floor(n / householdsPerBuilding);
          const hid = id('household');
          householdIds.push(hid);
          const size = rng.int(1, 4);
          const headName = name(rng);
          const phone = phoneFor(1, personSeq);
          const care = rng.chance(0.08) ? [rng.pick(CARE)] : [];
          const careSealed = care.length ? seal(JSON.stringify({ categories: care, note: CARE_NOTE[care[0]!] })) : null;
          const inBuilding = n % householdsPerBuilding;
          const unit = `${1 + Math.floor(inBuilding / 50)}单元`;
          const room = `${1 + Math.floor((inBuilding % 50) / 4)}0${1 + (inBuilding % 4)}`;
          T.household.add(hid, cid, mhIds[m]!, buildingIds[b]!, unit, room, headName, size, seal(phone), lookupHash('phone', normalizePhone(phone)), careSealed);
          // residents: the head (with the household's phone), then some of the family
          const residents = Math.min(size, rng.int(1, 3));
          for (let r = 0; r < residents; r++) {
            const seqN = personSeq++;
            const female = rng.chance(0.5);
            const birthYear = r === 0 ? rng.int(1940, 1995) : rng.int(1940, 2020);
            const rPhone = r === 0 ? phone : rng.chance(0.6) ? phoneFor(2, seqN) : null;
            const idn = idNumberFor(seqN, birthYear, female);
            T.resident.add(id('resident'), hid, r === 0 ? headName : name(rng), r === 0 ? 'HEAD' : rng.pick(['SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD']), birthYear,
              rPhone ? seal(rPhone) : null, rPhone ? lookupHash('phone', normalizePhone(rPhone)) : null,
              seal(idn), lookupHash('id_number', normalizeIdNumber(idn)), r === 0 ? careSealed && seal(JSON.stringify({ categories: care, note: CARE_NOTE[care[0]!] })) : null);
          }
        }
      }

      // grids: level 4 tied to the GRID branches, level 5 under them with a worker each
      const grid5: number[] = [];
      for (let g = 0; g < P.grids4; g++) {
        const g4 = id('grid');
        T.grid.add(g4, cid, null, 4, `第${g + 1}网格`, null, branchIds[g]!);
        for (let s = 0; s < P.grids5PerGrid4; s++) {
          const g5 = id('grid');
          grid5.push(g5);
          const worker = id('account');
          T.account.add(worker, `${tag}-grid${grid5.length}`, passwordHash, `网格员${grid5.length}`);
          T.access_grant.add(id('access_grant'), worker, branchIds[g]!, 'GRID_WORKER');
          T.grid.add(g5, cid, g4, 5, `第${g + 1}-${s + 1}微网格`, worker, null);
        }
      }
      buildingIds.forEach((bid, i) => T.grid_building.add(grid5[Math.floor((i * grid5.length) / buildingIds.length)]!, bid));

      // venues, activities, registrations
      const venueIds: number[] = [];
      for (let v = 0; v < P.venues; v++) {
        const vid = id('venue');
        venueIds.push(vid);
        T.venue.add(vid, cid, ['党群服务中心', '红色庭院', '红色长廊'][v]!, `${cName}${v + 1}号`, [200, 60, 40][v]!);
      }
      for (let a = 0; a < P.activities; a++) {
        const aid = id('activity');
        const [category, label] = rng.pick(ACTIVITY_KINDS);
        const organizer = rng.chance(0.2) ? cid : branchIds[rng.int(0, branchIds.length - 1)]!;
        const startsAt = anchor - 330 * DAY + Math.floor((a / P.activities) * 365 * DAY / HOUR) * HOUR + 9 * HOUR;
        const past = startsAt < anchor;
        const status = past ? (rng.chance(0.95) ? 'FINISHED' : 'CANCELLED') : rng.chance(0.9) ? 'PUBLISHED' : 'DRAFT';
        const audience = rng.chance(0.9) ? 'PUBLIC' : 'MEMBERS_ONLY';
        const capacity = rng.chance(0.7) ? rng.int(20, 80) : null;
        const createdAt = new Date(startsAt - 14 * DAY);
        T.activity.add(aid, cid, organizer, `${label}·第${a + 1}期`, category, `${cName}${label}，欢迎居民参加。`, rng.pick(venueIds), new Date(startsAt), new Date(startsAt + 2 * HOUR),
          capacity, createdAt, new Date(startsAt - HOUR), audience, status, status === 'DRAFT' ? null : createdAt, status === 'CANCELLED' ? new Date(startsAt - DAY) : null, createdAt);
        if (rng.chance(0.1)) T.activity_co_host.add(aid, rng.pick(unitIds));
        if (status === 'FINISHED' || status === 'PUBLISHED') {
          const regs = Math.min(capacity ?? 99, rng.int(0, 6));
          for (let r = 0; r < regs; r++) {
            const rid = id('registration');
            const checkedIn = status === 'FINISHED' && rng.chance(0.8);
            T.registration.add(rid, cid, aid, codeFor(1, ++regSeq), name(rng), phoneFor(3, regSeq), checkedIn ? 'CHECKED_IN' : 'CONFIRMED',
              checkedIn ? new Date(startsAt + 5 * 60_000) : null, new Date(startsAt - rng.int(1, 10) * DAY));
          }
        }
      }

      // demands with their timelines
      const demandIds: number[] = [];
      const demandPaths: Record<string, string[]> = {
        SUBMITTED: [], ACCEPTED: ['ACCEPTED'], ASSIGNED: ['ACCEPTED', 'ASSIGNED'], IN_PROGRESS: ['ACCEPTED', 'ASSIGNED', 'IN_PROGRESS'],
        RESOLVED: ['ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'], CLOSED: ['ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'], REJECTED: ['REJECTED'],
      };
      for (let d = 0; d < P.demands; d++) {
        const did = id('demand');
        demandIds.push(did);
        const createdAt = anchor - 365 * DAY + Math.floor((d / P.demands) * 365 * 24) * HOUR + rng.int(0, 59) * 60_000;
        const age = (anchor - createdAt) / DAY;
        const r = rng.next();
        const state = age > 30
          ? r < 0.7 ? 'CLOSED' : r < 0.9 ? 'RESOLVED' : r < 0.95 ? 'REJECTED' : 'IN_PROGRESS'
          : r < 0.2 ? 'SUBMITTED' : r < 0.35 ? 'ACCEPTED' : r < 0.5 ? 'ASSIGNED' : r < 0.7 ? 'IN_PROGRESS' : r < 0.9 ? 'RESOLVED' : 'CLOSED';
        const branchIdx = rng.int(0, branchIds.length - 1);
        const orgNode = rng.chance(0.85) ? branchIds[branchIdx]! : cid;
        const actor = orgNode === cid ? adminAccount : branchSecretary[branchIdx]!;
        const [category, title] = rng.pick(DEMAND_KINDS);
        const [compoundName, buildingName] = rng.pick(buildingNames);
        const steps = demandPaths[state]!;
        const stepAt = (i: number) => createdAt + (i + 1) * rng.int(2, 30) * HOUR;
        const times = steps.map((_, i) => stepAt(i));
        for (let i = 1; i < times.length; i++) if (times[i]! <= times[i - 1]!) times[i] = times[i - 1]! + HOUR;
        const at = (s: string) => { const i = steps.indexOf(s); return i < 0 ? null : new Date(times[i]!); };
        const last = times.length ? times[times.length - 1]! : createdAt;
        const rating = state === 'CLOSED' && rng.chance(0.7) ? rng.int(3, 5) : null;
        const assignedUnit = steps.includes('ASSIGNED') && rng.chance(0.2) ? rng.pick(unitIds) : null;
        const channel = rng.pick(CHANNELS);
        const rPhone = phoneFor(4, ++demandSeq);
        T.demand.add(did, cid, orgNode, codeFor(2, demandSeq), `${compoundName}${buildingName}${title}`, `居民反映：${title}，请尽快处理。`, channel, category,
          rng.pick(['LOW', 'NORMAL', 'NORMAL', 'HIGH', 'URGENT']), state, 1 + steps.length, compoundName, buildingName, seal(name(rng)), seal(rPhone),
          channel === 'ONLINE' ? 'RESIDENT' : 'STAFF', channel === 'ONLINE' ? null : actor, steps.includes('ASSIGNED') && !assignedUnit ? actor : null,
          steps.includes('ASSIGNED') && !assignedUnit ? (orgNode === cid ? branchIds[branchIdx]! : orgNode) : null, assignedUnit,
          new Date(createdAt + 24 * HOUR), new Date(createdAt + 168 * HOUR), steps.length ? new Date(times[0]!) : null, at('RESOLVED'), at('CLOSED'),
          rating, rating ? new Date(last + HOUR) : null, new Date(createdAt), new Date(rating ? last + HOUR : last));
        T.demand_event.add(id('demand_event'), did, 'CREATED', null, 'SUBMITTED', null, true, channel === 'ONLINE' ? 'RESIDENT' : 'STAFF', channel === 'ONLINE' ? null : actor, null, null, new Date(createdAt));
        let from = 'SUBMITTED';
        steps.forEach((to, i) => {
          T.demand_event.add(id('demand_event'), did, 'TRANSITION', from, to, to === 'REJECTED' ? '不属于社区受理范围，已告知居民' : to === 'RESOLVED' ? '已处理完毕' : null, to !== 'ASSIGNED',
            to === 'RESOLVED' && assignedUnit ? 'PARTNER' : 'STAFF', to === 'RESOLVED' && assignedUnit ? null : actor, to === 'RESOLVED' && assignedUnit ? assignedUnit : null, null, new Date(times[i]!));
          from = to;
        });
        if (rating) T.demand_event.add(id('demand_event'), did, 'RATED', null, null, '满意', true, 'RESIDENT', null, null, rating, new Date(last + HOUR));
      }

      // meetings with attendees
      for (let m = 0; m < P.meetings; m++) {
        const mid = id('meeting');
        const [kind, label] = rng.pick(MEETING_KINDS);
        const startsAt = anchor - 360 * DAY + m * 6 * DAY + 14 * HOUR;
        const held = startsAt < anchor;
        const host = kind === 'BRANCH_ASSEMBLY' ? branchIds[rng.int(0, branchIds.length - 1)]! : cid;
        T.meeting.add(mid, cid, host, kind, `${label}（${m + 1}）`, new Date(startsAt), new Date(startsAt + 90 * 60_000), '党群服务中心',
          held ? 'HELD' : 'PLANNED', held ? '与会人员讨论了近期居民反映的问题，形成处理意见。' : null, kind === 'JOINT_CONFERENCE' ? unitIds.slice(0, 2) : [], adminAccount, new Date(startsAt - 7 * DAY));
        for (let a = 0; a < 5; a++) {
          const member = members[rng.int(0, members.length - 1)]!;
          T.meeting_attendee.add(id('meeting_attendee'), mid, 'MEMBER', member.id, null, member.name, held ? (rng.chance(0.9) ? 'PRESENT' : 'ABSENT') : 'INVITED');
        }
        if (kind === 'JOINT_CONFERENCE') T.meeting_attendee.add(id('meeting_attendee'), mid, 'UNIT', null, unitIds[0]!, '共建单位代表', held ? 'PRESENT' : 'INVITED');
      }

      // visits; every fifth raises one of the demands that came in on a visit
      const visitDemands = demandIds.filter((_, i) => i % 10 === 3);
      for (let v = 0; v < P.visits; v++) {
        const vid = id('visit');
        const member = members[rng.int(0, members.length - 1)]!;
        const visitedAt = new Date(anchor - rng.int(1, 360) * DAY + 10 * HOUR);
        const opinions = rng.int(0, 3);
        T.visit.add(vid, cid, member.branch, member.id, null, rng.pick(householdIds), null, visitedAt, rng.pick(['ROUTINE', 'CARE', 'DISPUTE', 'SURVEY']),
          '入户走访，了解家庭近况。', rng.int(1, 4), opinions, Math.min(opinions, rng.int(0, 2)), visitedAt);
        if (v % 5 === 0 && visitDemands[v / 5] !== undefined) T.visit_demand.add(vid, visitDemands[v / 5]!);
      }

      const flushStart = Date.now();
      genMs += flushStart - communityStart;
      await flushAll();
      await client.query('commit');
      copyMs += Date.now() - flushStart;
      log(`community ${c + 1}/${opts.communities} (${cName}): ${T.household.total.toLocaleString('en')} households, ${T.demand.total.toLocaleString('en')} demands, ` +
        `${T.activity.total.toLocaleString('en')} activities so far, ${((Date.now() - started) / 1000).toFixed(0)} s ` +
        `(generating and sealing ${(genMs / 1000).toFixed(0)} s, COPY ${(copyMs / 1000).toFixed(0)} s)`);
    }

    // move the sequences past the ids used here
    for (const t of SERIAL_TABLES) {
      await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), greatest((select coalesce(max(id), 0) from ${t}), 1))`);
    }
    if (fkOff) {
      await client.query(`set session_replication_role = origin`);
      // the roll-up counters' triggers were off too: recount them once (with the triggers on they kept up)
      log('recounting the roll-up counters');
      await client.query(`select org_rollup_rebuild()`);
    }
    log('analyzing the tables');
    await client.query('analyze');
    const rows = Object.fromEntries(order.map((t) => [t.name, t.total]));
    return { communities: opts.communities, seed, communityIds, rows, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
