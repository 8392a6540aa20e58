import { buildDemoGovernance } from '@tongxin/demo-data';
import { sql } from '../sql.js';
import { idFor, insertRows, reserveIds, type SeedContext } from './util.js';

/**
 * Meetings and schedules (逢三说事, 党建联席会议, the branches' own with a few missed), the 百日大走访 visits with
 * the demands they raised, 红康社区's hazards and patrols, and 上街区's project ledger (packages/demo-data
 * `buildDemoGovernance`). Plain multi-row inserts.
 */
export async function seedGovernance(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const now = new Date();
  const g = buildDemoGovernance(dataset, now);
  const org = (key: string) => idFor(ctx, 'org', key);
  const unitByName = new Map((await sql<{ id: number; name: string }>(em, `select id, name from co_building_unit`)).map((u) => [u.name, u.id]));
  const unitNames = new Map(dataset.streets.flatMap((s) => s.communities).flatMap((c) => c.units).map((u) => [u.key, u.name]));
  const unit = (key: string): number => {
    const id = ctx.ids.unit?.get(key) ?? unitByName.get(unitNames.get(key) ?? '');
    if (id == null) throw new Error(`demo data: no unit with key "${key}"`);
    return id;
  };

  // the demo's branches are long established: they owed their meetings over the whole demo period (the
  // missed-meeting warning leaves out periods before a branch was set up)
  await sql(em, `update org_node set created_at = ? where level = 'BRANCH' and created_at > ?`, [new Date(now.getTime() - 2 * 365 * 86_400_000), new Date(now.getTime() - 365 * 86_400_000)]);

  const scheduleIds = await reserveIds(em, 'meeting_schedule', g.schedules.length);
  const scheduleId = new Map(g.schedules.map((s, i) => [s.key, scheduleIds[i]]));
  await insertRows(em, 'meeting_schedule', g.schedules.map((s, i) => ({
    id: scheduleIds[i], community_id: org(s.communityKey), org_node_id: org(s.nodeKey), kind: s.kind, title: s.title, rule: s.rule, weekday: s.weekday,
    month_days: `{${s.monthDays.join(',')}}`, start_date: s.startDate, start_time: s.startTime, place: s.place,
  })));

  const meetingIds = await reserveIds(em, 'meeting', g.meetings.length);
  await insertRows(em, 'meeting', g.meetings.map((m, i) => ({
    id: meetingIds[i], community_id: org(m.communityKey), org_node_id: org(m.nodeKey), kind: m.kind, title: m.title, starts_at: m.startsAt, ends_at: m.endsAt,
    place: m.place, status: m.status, minutes: m.minutes, schedule_id: m.scheduleKey ? scheduleId.get(m.scheduleKey) : null, schedule_date: m.scheduleDate ?? null,
    unit_ids: `{${[...new Set(m.attendees.filter((a) => a.unitKey).map((a) => unit(a.unitKey!)))].join(',')}}`,
  })));
  await insertRows(em, 'meeting_attendee', g.meetings.flatMap((m, i) => m.attendees.map((a) => ({
    meeting_id: meetingIds[i], kind: a.kind, member_id: a.memberKey ? idFor(ctx, 'member', a.memberKey) : null, unit_id: a.unitKey ? unit(a.unitKey) : null,
    name: a.name.slice(0, 50), attendance: a.attendance,
  }))));
  await insertRows(em, 'meeting_agenda_item', g.meetings.flatMap((m, i) => m.agenda.map((item, k) => ({
    meeting_id: meetingIds[i], position: k + 1, title: item.title, decision: item.decision, decided_at: item.decision ? m.endsAt : null,
  }))));

  // visits: households by position in each community
  const households = new Map<number, number[]>();
  for (const key of new Set(g.visits.map((v) => v.communityKey))) {
    households.set(org(key), (await sql<{ id: number }>(em, `select id from household where community_id = ? order by id`, [org(key)])).map((h) => h.id));
  }
  await insertRows(em, 'visit', g.visits.map((v) => {
    const list = households.get(org(v.communityKey)) ?? [];
    return {
      community_id: org(v.communityKey), org_node_id: org(v.nodeKey), visitor_member_id: idFor(ctx, 'member', v.visitorMemberKey),
      household_id: list.length ? list[v.householdIndex % list.length] : null, place: list.length ? null : '辖区住户', visited_at: v.visitedAt, kind: v.kind,
      findings: v.findings, follow_up: v.followUp, people_reached: v.peopleReached, opinions: v.opinions, fixed_on_spot: v.fixedOnSpot,
    };
  }));
  // the demands taken in on visits in those weeks were raised from the nearest visit of their community
  const visitCommunities = [...households.keys()];
  if (visitCommunities.length) {
    await sql(em,
      `insert into visit_demand (visit_id, demand_id)
       select (select v.id from visit v where v.community_id = d.community_id and v.visited_at <= d.created_at order by v.visited_at desc limit 1), d.id
       from demand d where d.channel = 'VISIT' and d.community_id = any(?::int[]) and d.created_at >= ?
         and exists (select 1 from visit v where v.community_id = d.community_id and v.visited_at <= d.created_at)`,
      [visitCommunities, new Date(now.getTime() - 100 * 86_400_000)]);
    await sql(em, `update visit v set opinions = greatest(v.opinions, x.n) from (select visit_id, count(*)::int as n from visit_demand group by visit_id) x where x.visit_id = v.id`);
  }

  const patrolIds = await reserveIds(em, 'patrol', g.patrols.length);
  const patrolId = new Map(g.patrols.map((p, i) => [p.key, patrolIds[i]]));
  await insertRows(em, 'patrol', g.patrols.map((p, i) => ({
    id: patrolIds[i], community_id: org(p.communityKey), org_node_id: org(p.nodeKey), kind: p.kind, route: p.route, patrolled_at: p.patrolledAt,
    patrollers: p.patrollers, billboards_checked: p.billboardsChecked, notes: p.notes,
  })));
  await insertRows(em, 'hazard', g.hazards.map((h) => ({
    community_id: org(h.communityKey), org_node_id: org(h.nodeKey), kind: h.kind, title: h.title, place: h.place, found_by: h.foundBy, photo_urls: '{}',
    state: h.state, assignee: h.assignee, deadline: h.deadline, patrol_id: h.patrolKey ? patrolId.get(h.patrolKey) ?? null : null,
    found_at: h.foundAt, assigned_at: h.assignedAt, fixed_at: h.fixedAt, verified_at: h.verifiedAt,
  })));

  const projectIds = await reserveIds(em, 'party_project', g.projects.length);
  await insertRows(em, 'party_project', g.projects.map((p, i) => ({
    id: projectIds[i], community_id: org(p.communityKey), org_node_id: org(p.nodeKey), title: p.title, area: p.area, goals: p.goals,
    unit_ids: `{${p.unitKeys.map(unit).join(',')}}`, start_date: p.startDate, due_date: p.dueDate, status: p.status, completed_on: p.completedOn,
  })));
  await insertRows(em, 'party_project_progress', g.projects.flatMap((p, i) => p.progress.map((x) => ({ project_id: projectIds[i], noted_on: x.notedOn, body: x.body }))));

  Object.assign(ctx.counts, { meetings: g.meetings.length, visits: g.visits.length, hazards: g.hazards.length, patrols: g.patrols.length, partyProjects: g.projects.length });
}
