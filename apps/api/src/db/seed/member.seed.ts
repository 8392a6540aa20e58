import { ETHNICITIES, LAPSED_COMMITTEE, MOBILE_PLACES, PENDING_TRANSFERS, SMALL_BRANCH, WORK_UNITS } from '@tongxin/demo-data';
import { sql } from '../sql.js';
import { lookupHash, seal } from '../../modules/privacy/index.js';
import { idFor, type SeedContext } from './util.js';

/** mulberry32: the same profiles on every seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    weighted: (items: [string, number][]) => {
      let roll = next() * items.reduce((s, [, w]) => s + w, 0);
      for (const [v, w] of items) if ((roll -= w) < 0) return v;
      return items[0][0];
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function education(r: ReturnType<typeof random>, birthYear: number): string {
  const roll = r.next();
  if (birthYear < 1955) return roll < 0.3 ? 'PRIMARY' : roll < 0.65 ? 'JUNIOR_HIGH' : roll < 0.9 ? 'SENIOR_HIGH' : 'JUNIOR_COLLEGE';
  if (birthYear < 1975) return roll < 0.15 ? 'JUNIOR_HIGH' : roll < 0.5 ? 'SENIOR_HIGH' : roll < 0.8 ? 'JUNIOR_COLLEGE' : 'BACHELOR';
  return roll < 0.1 ? 'SENIOR_HIGH' : roll < 0.35 ? 'JUNIOR_COLLEGE' : roll < 0.85 ? 'BACHELOR' : 'POSTGRADUATE';
}

/**
 * Members' full profiles (birth date, ethnicity, education, date made full, work unit; a few mobile and
 * double-report members), the pending transfers, and the branches that break a rule of the 支部工作条例.
 */
export async function seedMembers(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const r = random(20261203);
  const cityOf = new Map<number, string>();
  const communityKeyOf = new Map<number, string>();
  for (const street of dataset.streets) {
    for (const c of street.communities) {
      cityOf.set(idFor(ctx, 'org', c.key), street.city);
      communityKeyOf.set(idFor(ctx, 'org', c.key), c.key);
    }
  }

  // a newly founded branch with fewer than 3 full members
  const small = dataset.streets.flatMap((s) => s.communities).find((c) => c.key === SMALL_BRANCH.community);
  if (small) {
    const communityId = idFor(ctx, 'org', small.key);
    const [{ path }] = await sql<{ path: string }>(em, `select path from org_node where id = ?`, [communityId]);
    const [{ id }] = await sql<{ id: number }>(em, `select nextval(pg_get_serial_sequence('org_node', 'id'))::int as id`);
    await sql(em, `insert into org_node (id, parent_id, community_id, level, branch_kind, name, path, depth) values (?, ?, ?, 'BRANCH', ?, ?, ?, 2)`,
      [id, communityId, communityId, SMALL_BRANCH.kind, SMALL_BRANCH.name, `${path}${id}/`]);
    ctx.ids.org.set(`${small.key}-new`, id);
    let n = 0;
    for (const m of SMALL_BRANCH.members) {
      const phone = `1775566${String(1000 + n++).slice(-4)}`;
      const [row] = await sql<{ id: number }>(em,
        `insert into party_member (community_id, org_node_id, name, gender, joined_on, status, phone_sealed, phone_hash) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [communityId, id, m.name, m.gender, m.joinedOn, m.status, seal(phone), lookupHash('phone', phone)]);
      if ('position' in m) await sql(em, `insert into member_position (community_id, member_id, org_node_id, role, since) values (?, ?, ?, ?, ?)`, [communityId, row.id, id, m.position, '2025-11-01']);
    }
  }

  // profiles for everyone
  const members = await sql<{ id: number; joined_on: string; status: string; community_id: number }>(em,
    `select id, to_char(joined_on, 'YYYY-MM-DD') as joined_on, status, community_id from party_member order by id`);
  const units = await sql<{ id: number; name: string; community_id: number }>(em,
    `select u.id, u.name, uc.community_id from co_building_unit u join unit_community uc on uc.unit_id = u.id
     where u.kind in ('GOVERNMENT_OFFICE', 'HOSPITAL', 'SCHOOL', 'ENTERPRISE') order by u.id`);
  const unitsOf = new Map<number, { id: number; name: string }[]>();
  for (const u of units) unitsOf.set(u.community_id, [...(unitsOf.get(u.community_id) ?? []), u]);
  const doubleReported = new Map<number, number>();

  const cols = { id: [] as number[], birth: [] as string[], eth: [] as string[], edu: [] as string[], full: [] as string[], work: [] as string[], unit: [] as string[], where: [] as string[], until: [] as string[] };
  for (const m of members) {
    const joined = Number(m.joined_on.slice(0, 4));
    const birthYear = Math.min(2006, Math.max(1936, joined - r.int(18, 34)));
    const birth = `${birthYear}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
    const key = communityKeyOf.get(m.community_id) ?? 'default';
    const ethnicity = r.weighted(ETHNICITIES[key] ?? ETHNICITIES.default);
    const fullOn = m.status === 'FULL' ? `${joined + 1}${m.joined_on.slice(4)}` : '';
    let work = birthYear < 1966 ? '退休' : r.pick(WORK_UNITS[cityOf.get(m.community_id) ?? ''] ?? WORK_UNITS['郑州市']);
    let unit = '';
    const candidates = unitsOf.get(m.community_id) ?? [];
    if (birthYear >= 1966 && candidates.length && (doubleReported.get(m.community_id) ?? 0) < 12 && r.next() < 0.05) {
      const u = r.pick(candidates);
      unit = String(u.id);
      work = u.name;
      doubleReported.set(m.community_id, (doubleReported.get(m.community_id) ?? 0) + 1);
    }
    const mobile = birthYear >= 1975 && r.next() < 0.03;
    cols.id.push(m.id);
    cols.birth.push(birth);
    cols.eth.push(ethnicity);
    cols.edu.push(education(r, birthYear));
    cols.full.push(fullOn);
    cols.work.push(work);
    cols.unit.push(unit);
    cols.where.push(mobile ? r.pick(MOBILE_PLACES) : '');
    cols.until.push(mobile ? `2027-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : '');
  }
  for (let i = 0; i < cols.id.length; i += 2000) {
    const part = <T>(a: T[]) => a.slice(i, i + 2000);
    await sql(em,
      `update party_member m set birth_date = v.birth::date, ethnicity = v.eth, education = v.edu, full_on = nullif(v.fullon, '')::date, work_unit = v.work,
         double_report_unit_id = nullif(v.unit, '')::int, mobile_location = nullif(v.loc, ''), mobile_until = nullif(v.until, '')::date
       from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as v(id, birth, eth, edu, fullon, work, unit, loc, until)
       where m.id = v.id`,
      [part(cols.id), part(cols.birth), part(cols.eth), part(cols.edu), part(cols.full), part(cols.work), part(cols.unit), part(cols.where), part(cols.until)]);
  }

  // a branch whose committee left office without a new one
  const lapsed = dataset.streets.flatMap((s) => s.communities).find((c) => c.key === LAPSED_COMMITTEE.community)?.branches[LAPSED_COMMITTEE.branch];
  if (lapsed) {
    await sql(em, `update member_position set until = ? where org_node_id = ? and role in ('DEPUTY_SECRETARY', 'COMMITTEE_MEMBER') and until is null`,
      [LAPSED_COMMITTEE.endedOn, idFor(ctx, 'org', lapsed.key)]);
  }

  // transfers waiting for a decision
  const [admin] = await sql<{ id: number }>(em, `select id from account order by id limit 1`);
  for (const t of PENDING_TRANSFERS) {
    const community = dataset.streets.flatMap((s) => s.communities).find((c) => c.key === t.community);
    if (!community) continue;
    const from = t.fromBranch == null ? null : idFor(ctx, 'org', community.branches[t.fromBranch].key);
    const to = t.toBranch == null ? null : idFor(ctx, 'org', community.branches[t.toBranch].key);
    let memberId: number | null = null;
    let name = t.incoming?.name ?? '';
    if (from != null) {
      // a member without a position, the last one on the roll not already moving
      const [m] = await sql<{ id: number; name: string }>(em,
        `select m.id, m.name from party_member m where m.org_node_id = ? and m.archived_at is null
           and not exists (select 1 from member_position p where p.member_id = m.id and p.until is null)
           and not exists (select 1 from member_transfer t where t.member_id = m.id and t.state = 'PENDING')
         order by m.id desc limit 1`, [from]);
      memberId = m.id;
      name = m.name;
    }
    const incoming = t.incoming ? JSON.stringify({ ...t.incoming, status: 'FULL', fullOn: `${Number(t.incoming.joinedOn.slice(0, 4)) + 1}${t.incoming.joinedOn.slice(4)}`, ethnicity: '汉族' }) : null;
    await sql(em,
      `insert into member_transfer (member_id, kind, from_org_node_id, to_org_node_id, outside_organization, person_name, incoming, note, requested_by, requested_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now() - interval '3 days')`,
      [memberId, t.kind, from, to, t.outsideOrganization ?? null, name, incoming, t.note, admin?.id ?? null]);
  }
  ctx.counts.pendingTransfers = PENDING_TRANSFERS.length;
}
