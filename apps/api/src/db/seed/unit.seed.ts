import type { EntityManager } from '@mikro-orm/postgresql';
import { tokenHash } from '../../modules/access/access.service.js';
import { addMonths } from '../../modules/unit/unit.service.js';
import { CrossAppointmentRole } from '../../modules/unit/unit.entity.js';
import { sql } from '../sql.js';
import { idFor, insertRows, keyMap, reserveIds, type SeedContext } from './util.js';

/**
 * The demo partner token: a fixed secret so the start command can print the same working token on every
 * start. Anyone with the demo data has it; it reads only 昆明市口腔医院's own data with 红康社区, which issued it.
 */
export const DEMO_PARTNER_TOKEN = 'txp_demo_kunming_stomatology_hospital_2026';
export const DEMO_PARTNER_UNIT = '昆明市口腔医院';
const DEMO_PARTNER_SCOPES = ['public:read', 'unit:read', 'activities:write'];

const CROSS_ROLES: Record<string, CrossAppointmentRole> = {
  党建指导员: CrossAppointmentRole.PARTY_BUILDING_INSTRUCTOR,
  党建联络员: CrossAppointmentRole.PARTY_BUILDING_LIAISON,
  民意联络员: CrossAppointmentRole.OPINION_LIAISON,
  社情监督员: CrossAppointmentRole.SOCIAL_SUPERVISOR,
};

/** Co-building units of every community, with their agreements, seats, cross-appointments, evaluations, double reports. */
export async function seedUnits(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const unitIds = keyMap(ctx, 'unit');
  const communities = dataset.streets.flatMap((s) => s.communities);
  const all = communities.flatMap((c) => c.units.map((unit) => ({ community: c, unit })));

  // a unit working with several communities appears once per community in the dataset: one row by name
  const byName = new Map<string, number>();
  const names = [...new Set(all.map((x) => x.unit.name))];
  const ids = await reserveIds(em, 'co_building_unit', names.length);
  names.forEach((name, i) => byName.set(name, ids[i]));
  const unitRows = names.map((name) => {
    const unit = all.find((x) => x.unit.name === name)!.unit;
    return { id: byName.get(name), name, kind: unit.kind, party_org_name: unit.partyOrgName ?? null, contact_name: unit.contactName, contact_phone: unit.contactPhone };
  });
  await insertRows(em, 'co_building_unit', unitRows);

  const links: Record<string, unknown>[] = [];
  const agreements: Record<string, unknown>[] = [];
  const seats: Record<string, unknown>[] = [];
  const cross: Record<string, unknown>[] = [];
  const evaluations: Record<string, unknown>[] = [];
  const doubleReports: Record<string, unknown>[] = [];
  for (const { community, unit } of all) {
    const unitId = byName.get(unit.name)!;
    const communityId = idFor(ctx, 'org', community.key);
    unitIds.set(unit.key, unitId);
    const since = unit.agreement?.signedOn ?? unit.committeeSeat?.since ?? unit.crossAppointments?.[0]?.since ?? '2025-01-01';
    links.push({ unit_id: unitId, community_id: communityId, since });
    if (unit.agreement) {
      const { signedOn, termMonths, commitments } = unit.agreement;
      agreements.push({ unit_id: unitId, community_id: communityId, title: '共驻共建协议', signed_on: signedOn, term_months: termMonths, ends_on: addMonths(signedOn, termMonths), commitments });
    }
    if (unit.committeeSeat) {
      const seat = unit.committeeSeat;
      seats.push({ unit_id: unitId, community_id: communityId, representative_name: seat.representativeName, title: seat.title, since: seat.since });
    }
    for (const x of unit.crossAppointments ?? []) {
      const role = CROSS_ROLES[x.role];
      if (!role) throw new Error(`demo data: unknown cross-appointment role ${x.role}`);
      cross.push({ unit_id: unitId, community_id: communityId, role, person_name: x.personName, since: x.since });
    }
    for (const e of unit.evaluations ?? []) {
      const s = e.scores;
      evaluations.push({ unit_id: unitId, community_id: communityId, period: e.period, service_score: s.service, environment_score: s.environment, safety_score: s.safety, response_score: s.response, flag: e.flag });
    }
    for (const name of unit.doubleReportMemberNames ?? []) {
      doubleReports.push({ unit_id: unitId, community_id: communityId, person_name: name, since });
    }
  }
  await insertRows(em, 'unit_community', links);
  await insertRows(em, 'agreement', agreements);
  await insertRows(em, 'committee_seat', seats);
  await insertRows(em, 'cross_appointment', cross);
  await insertRows(em, 'property_evaluation', evaluations);
  await insertRows(em, 'double_report', doubleReports);

  const demoUnitId = byName.get(DEMO_PARTNER_UNIT);
  const demoCommunity = all.find((x) => x.unit.name === DEMO_PARTNER_UNIT)?.community;
  if (demoUnitId == null || !demoCommunity) throw new Error(`demo data: no unit named ${DEMO_PARTNER_UNIT}`);
  // issued by the unit's (first) community, 红康社区: it sees the hospital's relationship with that community
  await sql(em,
    `insert into partner_token (unit_id, community_id, name, token_hash, token_hint, scopes, expires_at)
     values (?, ?, '演示令牌', ?, ?, ?::text[], now() + interval '10 years')`,
    [demoUnitId, idFor(ctx, 'org', demoCommunity.key), tokenHash(DEMO_PARTNER_TOKEN), `${DEMO_PARTNER_TOKEN.slice(0, 8)}…`, DEMO_PARTNER_SCOPES]);
  ctx.announce.push(`DEMO_PARTNER_TOKEN ${DEMO_PARTNER_TOKEN} ${DEMO_PARTNER_UNIT}`);

  Object.assign(ctx.counts, {
    units: unitRows.length, agreements: agreements.length, committeeSeats: seats.length, crossAppointments: cross.length,
    propertyEvaluations: evaluations.length, doubleReportMembers: doubleReports.length, partnerTokens: 1,
  });
}

/** What the start command prints on a database seeded earlier: the demo partner token, while it still works. */
export async function unitAnnouncements(em: EntityManager): Promise<string[]> {
  const [row] = await sql<{ name: string }>(em,
    `select u.name from partner_token t join co_building_unit u on u.id = t.unit_id
     where t.token_hash = ? and t.revoked_at is null and t.expires_at > now()`, [tokenHash(DEMO_PARTNER_TOKEN)]);
  return row ? [`DEMO_PARTNER_TOKEN ${DEMO_PARTNER_TOKEN} ${row.name}`] : [];
}
