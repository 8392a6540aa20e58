import type { DemoActivity, DemoCommunity, DemoMember } from '@tongxin/demo-data';
import { roundedHours, shanghaiDay } from '../../modules/activity/activity.time.js';
import { newCode } from '../../modules/activity/registration.service.js';
import { sql } from '../sql.js';
import { idFor, insertRows, keyMap, reserveIds, type SeedContext } from './util.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Categories where volunteers serve, so attendance earns them service hours. */
const SERVICE_CATEGORIES = new Set(['VOLUNTEER_SERVICE', 'SERVICE_FAIR', 'HEALTH_CLINIC', 'LEGAL_AID']);

/** A small deterministic hash (FNV-1a): the same demo data gives the same registrations and hours. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A mobile number for a volunteer the dataset gives none, stable per community and name. */
function volunteerPhone(communityKey: string, name: string, taken: Set<string>): string {
  for (let salt = 0; ; salt++) {
    const h = hash(`${communityKey}/${name}/${salt}`);
    const phone = `1${['35', '36', '37', '38', '39', '58', '59', '87', '88'][h % 9]}${String(h % 100_000_000).padStart(8, '0')}`;
    if (!taken.has(phone)) { taken.add(phone); return phone; }
  }
}

interface Person { name: string; phone: string }
type VolunteerRow = { id: number; community_id: number; name: string; phone: string; member_id: number | null; unit_id: number | null; skills: string[] };

/**
 * Venues, activities (with series and co-hosts), volunteer teams and volunteers of every community; past
 * activities get sign-ups, check-ins and service hours so the roll-ups show numbers, upcoming ones a few
 * sign-ups; last year's 优秀志愿者 are recorded.
 */
export async function seedActivities(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const now = new Date();
  const venueIds = keyMap(ctx, 'venue');
  const activityIds = keyMap(ctx, 'activity');
  const teamIds = keyMap(ctx, 'volunteerTeam');
  const communities = dataset.streets.flatMap((s) => s.communities);

  // units come from the units seeder (by dataset key); a database without it falls back to names
  const unitByName = new Map((await sql<{ id: number; name: string }>(em, `select id, name from co_building_unit`)).map((u) => [u.name, u.id]));
  const unitId = (c: DemoCommunity, key: string): number | null =>
    ctx.ids.unit?.get(key) ?? unitByName.get(c.units.find((u) => u.key === key)?.name ?? '') ?? null;

  const totals = { venues: 0, activities: 0, volunteers: 0, volunteerTeams: 0, registrations: 0, serviceRecords: 0, recognitions: 0 };
  const codes = new Set<string>();
  const code = () => { for (;;) { const c = newCode(); if (!codes.has(c)) { codes.add(c); return c; } } };
  const lastYear = Number(shanghaiDay(now).slice(0, 4)) - 1;

  for (const c of communities) {
    const communityId = idFor(ctx, 'org', c.key);

    // ---- venues
    const vids = await reserveIds(em, 'venue', c.venues.length);
    c.venues.forEach((v, i) => venueIds.set(v.key, vids[i]));
    await insertRows(em, 'venue', c.venues.map((v, i) => ({ id: vids[i], community_id: communityId, name: v.name, address: v.address, capacity: v.capacity })));

    // ---- series: occurrences sharing a title and a recurrence text
    const seriesKeys = [...new Set(c.activities.filter((a) => a.recurrence).map((a) => `${a.title}|${a.recurrence}`))];
    const sids = await reserveIds(em, 'activity_series', seriesKeys.length);
    const seriesId = new Map(seriesKeys.map((k, i) => [k, sids[i]]));
    await insertRows(em, 'activity_series', seriesKeys.map((k, i) => {
      const label = k.split('|')[1];
      return { id: sids[i], community_id: communityId, frequency: label.startsWith('每月') ? 'MONTHLY' : 'WEEKLY', interval: 1, label };
    }));

    // ---- activities and co-hosts
    const aids = await reserveIds(em, 'activity', c.activities.length);
    const activityRows = c.activities.map((a, i) => {
      activityIds.set(a.key, aids[i]);
      const startsAt = new Date(a.startsAt);
      const published = a.status !== 'DRAFT';
      return {
        id: aids[i], community_id: communityId,
        organizer_id: idFor(ctx, 'org', a.organizerBranchKey ?? c.key),
        series_id: a.recurrence ? seriesId.get(`${a.title}|${a.recurrence}`)! : null,
        title: a.title, category: a.category, description: a.description, venue_id: idFor(ctx, 'venue', a.venueKey),
        starts_at: startsAt, ends_at: new Date(a.endsAt), capacity: a.capacity, audience: a.audience, status: a.status,
        cover_image_url: a.coverImageUrl ?? null,
        published_at: published ? new Date(Math.min(startsAt.getTime() - 14 * DAY, now.getTime() - DAY)) : null,
        cancelled_at: a.status === 'CANCELLED' ? new Date(Math.min(startsAt.getTime() - DAY, now.getTime() - HOUR)) : null,
        created_at: new Date(Math.min(startsAt.getTime() - 20 * DAY, now.getTime() - 2 * DAY)),
      };
    });
    await insertRows(em, 'activity', activityRows);
    const coHosts = c.activities.flatMap((a) => a.coHostUnitKeys.map((k) => unitId(c, k)).filter((u): u is number => u != null).map((u) => ({ activity_id: activityIds.get(a.key), unit_id: u })));
    await insertRows(em, 'activity_co_host', coHosts);

    // ---- volunteers: team members (a Party member when the name is one, with their phone) and units' double-reporting members
    const members = new Map<string, DemoMember>([...c.committeeMembers, ...c.branches.flatMap((b) => b.members)].map((m) => [m.name, m]));
    const phones = new Set<string>([...members.values()].map((m) => m.phone));
    const volunteers = new Map<string, VolunteerRow>();
    const memberships: { team: string; name: string }[] = [];
    const wanted: { name: string; unitKey?: string; skills: string[] }[] = [];
    for (const team of c.volunteerTeams) for (const name of team.memberNames) { wanted.push({ name, skills: team.skills.slice(0, 2) }); memberships.push({ team: team.key, name }); }
    c.units.forEach((u, i) => {
      for (const name of u.doubleReportMemberNames ?? []) {
        wanted.push({ name, unitKey: u.key, skills: [] });
        if (c.volunteerTeams.length > 0) memberships.push({ team: c.volunteerTeams[i % c.volunteerTeams.length].key, name });
      }
    });
    const unique = wanted.filter((w, i) => wanted.findIndex((x) => x.name === w.name) === i);
    const volIds = await reserveIds(em, 'volunteer', unique.length);
    unique.forEach((w, i) => {
      const member = members.get(w.name);
      volunteers.set(w.name, {
        id: volIds[i], community_id: communityId, name: w.name,
        phone: member?.phone ?? volunteerPhone(c.key, w.name, phones),
        member_id: member ? idFor(ctx, 'member', member.key) : null,
        unit_id: w.unitKey ? unitId(c, w.unitKey) : null,
        skills: w.skills,
      });
    });
    await insertRows(em, 'volunteer', [...volunteers.values()]);
    const tids = await reserveIds(em, 'volunteer_team', c.volunteerTeams.length);
    c.volunteerTeams.forEach((t, i) => teamIds.set(t.key, tids[i]));
    await insertRows(em, 'volunteer_team', c.volunteerTeams.map((t, i) => ({ id: tids[i], community_id: communityId, name: t.name, skills: t.skills })));
    const seen = new Set<string>();
    await insertRows(em, 'volunteer_team_member', memberships
      .map((m) => ({ team_id: teamIds.get(m.team)!, volunteer_id: volunteers.get(m.name)!.id }))
      .filter((m) => { const k = `${m.team_id}/${m.volunteer_id}`; if (seen.has(k)) return false; seen.add(k); return true; }));

    // ---- registrations, check-ins and service hours
    const residents: Person[] = c.branches.flatMap((b) => b.buildingGroups.flatMap((g) => g.memberHouseholds.flatMap((h) => h.linkedHouseholds)))
      .map((h) => ({ name: h.headName, phone: h.phone }));
    const partyMembers: Person[] = [...members.values()].map((m) => ({ name: m.name, phone: m.phone }));
    const volunteerList = [...volunteers.values()];
    const registrations: Record<string, unknown>[] = [];
    const records: Record<string, unknown>[] = [];
    const hoursByVolunteer = new Map<number, number>();
    const rids = await reserveIds(em, 'registration', countRegistrations(c.activities, now, volunteerList.length));
    let nextId = 0;

    for (const a of c.activities) {
      const aid = activityIds.get(a.key)!;
      const startsAt = new Date(a.startsAt);
      const endsAt = new Date(a.endsAt);
      const plan = planFor(a, now, volunteerList.length);
      const pool = a.audience === 'MEMBERS_ONLY' ? partyMembers : residents;
      const offset = hash(a.key) % Math.max(1, pool.length);
      const people: (Person & { volunteer?: VolunteerRow })[] = [];
      for (let i = 0; i < plan.volunteers; i++) { const v = volunteerList[(hash(a.key) + i) % volunteerList.length]; if (!people.some((p) => p.phone === v.phone)) people.push({ name: v.name, phone: v.phone, volunteer: v }); }
      for (let i = 0; people.length < plan.total && i < pool.length; i++) {
        const p = pool[(offset + i) % pool.length];
        if (!people.some((x) => x.phone === p.phone)) people.push(p);
      }
      people.forEach((p, i) => {
        const id = rids[nextId++];
        const h = hash(`${a.key}/${i}`);
        const createdAt = new Date(Math.min(startsAt.getTime() - (2 + (h % 10)) * DAY + (h % 600) * 60_000, now.getTime() - (i + 1) * 60_000));
        const row: Record<string, unknown> = { id, community_id: communityId, activity_id: aid, code: code(), name: p.name, phone: p.phone, created_at: createdAt, updated_at: createdAt };
        const seated = a.capacity == null || i < a.capacity;
        if (plan.past) {
          const roll = p.volunteer ? 0 : h % 20;
          if (roll >= 17) Object.assign(row, { status: 'CANCELLED', cancelled_at: new Date(createdAt.getTime() + DAY) });
          else if (roll >= 15 || !seated) Object.assign(row, { status: seated ? 'CONFIRMED' : 'WAITLISTED' });
          else {
            const checkedInAt = new Date(startsAt.getTime() - (h % 20) * 60_000);
            const checkedOutAt = new Date(endsAt.getTime() + ((h >>> 5) % 25) * 60_000);
            Object.assign(row, { status: 'CHECKED_OUT', checked_in_at: checkedInAt, checked_out_at: checkedOutAt, volunteer_id: p.volunteer?.id ?? null });
            const hours = Math.min(24, roundedHours(checkedInAt, checkedOutAt));
            if (p.volunteer && hours > 0) {
              records.push({ community_id: communityId, volunteer_id: p.volunteer.id, activity_id: aid, registration_id: id, hours, served_on: shanghaiDay(checkedInAt), source: 'CHECK_IN', created_at: checkedOutAt });
              hoursByVolunteer.set(p.volunteer.id, (hoursByVolunteer.get(p.volunteer.id) ?? 0) + hours);
            }
          }
        } else {
          Object.assign(row, { status: seated ? 'CONFIRMED' : 'WAITLISTED' });
        }
        registrations.push(row);
      });
    }
    await insertRows(em, 'registration', registrations);

    // hours entered by staff: river patrols, home visits ... two to four per volunteer over the past year and a half
    for (const v of volunteerList) {
      const h = hash(`${c.key}/${v.name}/manual`);
      for (let i = 0; i < 2 + (h % 3); i++) {
        const hours = [1, 1.5, 2, 2.5, 3, 4][(h >>> (i * 3)) % 6];
        const day = new Date(now.getTime() - (7 + ((h >>> (i * 4)) % 520)) * DAY);
        const team = c.volunteerTeams.find((t) => teamIds.get(t.key) != null && memberships.some((m) => m.team === t.key && m.name === v.name));
        records.push({ community_id: communityId, volunteer_id: v.id, activity_id: null, registration_id: null, hours, served_on: shanghaiDay(day), source: 'MANUAL', note: team?.skills[i % team.skills.length] ?? '志愿服务', created_at: day });
        if (shanghaiDay(day).startsWith(String(lastYear))) hoursByVolunteer.set(v.id, (hoursByVolunteer.get(v.id) ?? 0) + hours);
      }
    }
    await insertRows(em, 'service_record', records);

    // ---- last year's 优秀志愿者: the two with the most hours (from check-ins, all time, and last year's entered hours)
    const best = [...hoursByVolunteer.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 2);
    const recognitions: Record<string, unknown>[] = best.map(([volunteerId]) => ({ community_id: communityId, year: lastYear, title: '优秀志愿者', volunteer_id: volunteerId, citation: `${c.name}${lastYear}年度优秀志愿者` }));
    if (c.key === 'hongmian') {
      const [household] = await sql<{ id: number }>(em, `select id from household where community_id = ? order by id limit 1`, [communityId]);
      if (household) recognitions.push({ community_id: communityId, year: lastYear, title: '健康家庭', household_id: household.id, citation: '食品安全知识竞赛优胜家庭' });
    }
    await insertRows(em, 'recognition', recognitions);

    totals.venues += c.venues.length;
    totals.activities += c.activities.length;
    totals.volunteers += volunteers.size;
    totals.volunteerTeams += c.volunteerTeams.length;
    totals.registrations += registrations.length;
    totals.serviceRecords += records.length;
    totals.recognitions += recognitions.length;
  }
  Object.assign(ctx.counts, totals);
}

/** How many sign-ups an activity gets in the demo: past ones a realistic crowd, upcoming ones a few. */
function planFor(a: DemoActivity, now: Date, volunteerCount: number): { total: number; volunteers: number; past: boolean } {
  if (a.status === 'DRAFT') return { total: 0, volunteers: 0, past: false };
  const past = new Date(a.endsAt).getTime() <= now.getTime();
  const h = hash(a.key);
  const volunteers = SERVICE_CATEGORIES.has(a.category) && a.audience === 'PUBLIC' ? Math.min(volunteerCount, 3 + (h % 4)) : 0;
  if (past && a.status !== 'CANCELLED') {
    const crowd = a.capacity == null ? 18 + (h % 12) : Math.max(3, Math.round(a.capacity * (0.55 + (h % 30) / 100)));
    return { total: Math.min(crowd, 40), volunteers, past: true };
  }
  // upcoming (or cancelled): a few sign-ups; 普法茶水铺 is popular and already has a waiting list
  if (a.title.startsWith('普法茶水铺') && a.capacity != null && !past) return { total: a.capacity + 2, volunteers: 0, past: false };
  return { total: 2 + (h % 5), volunteers: 0, past: false };
}

/** An upper bound of the sign-ups planned, to reserve their ids in one statement. */
function countRegistrations(activities: DemoActivity[], now: Date, volunteers: number): number {
  return activities.reduce((n, a) => { const p = planFor(a, now, volunteers); return n + p.total + p.volunteers; }, 0);
}
