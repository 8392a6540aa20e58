/**
 * Access policies of activities, their series, venues and registrations.
 *
 * - Activity: public activities that were published are open to everyone (cancelled ones too, once published);
 *   staff read those whose organiser their grants cover and change them with a writing role there; partner
 *   tokens read (unit:read) and change (activities:write) the activities their unit co-hosts in the token's
 *   community.
 * - ActivitySeries: visible when one of its occurrences is.
 * - Venue: public; changed by staff who may change its community.
 * - Registration (names and phones of residents who signed up): staff over the activity's organiser read
 *   them; roles that need contact details see them in clear. Never partners or the public.
 * - ActivityDoor (who may check residents in and out at an activity's door, `registrationCheckIn` /
 *   `registrationCheckOut`): staff with a writing role over the organiser; staff of the organiser's own
 *   subtree (a branch secretary or grid worker under the community committee that runs it); and the accounts
 *   the activity names as door staff (activity_door_staff). Viewers and partners never.
 */
import type { Context } from '../../graphql/context.js';
import { and, condition, definePolicy, everyone, inSubtree, nodeInSubtree, or, rule, anyOf, type Condition } from '../access/index.js';
import { GrantRole, PERSONAL_DATA_ROLES, WRITE_ROLES } from '../access/index.js';
import { loadNode, underNode } from '../org/index.js';
import { ActivityAudience, ActivityEntity, ActivitySeriesEntity, ActivityStatus, VenueEntity } from './activity.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { coHostIdsOf, doorStaffOf, loadActivity, occurrenceCountOf } from './activity.service.js';

/** Public activities anyone may open: published or over, or cancelled after having been published. */
export function isPubliclyVisible(a: ActivityEntity): boolean {
  if (a.audience !== ActivityAudience.PUBLIC) return false;
  return a.status === ActivityStatus.PUBLISHED || a.status === ActivityStatus.FINISHED || (a.status === ActivityStatus.CANCELLED && a.publishedAt != null);
}

/** Public activities that lists show to everyone: published or over (cancelled ones only open by id). */
export const listedPublicly = (t: string): Condition => ({ sql: `(${t}.audience = 'PUBLIC' and ${t}.status in ('PUBLISHED', 'FINISHED'))`, params: [] });

const publicActivity = rule<ActivityEntity>(
  (_ctx, a) => isPubliclyVisible(a),
  (_ctx, t) => or(listedPublicly(t), { sql: `(${t}.audience = 'PUBLIC' and ${t}.status = 'CANCELLED' and ${t}.published_at is not null)`, params: [] }),
);

/** Staff whose grants cover the organiser. */
export const staffOverOrganizer = underNode<ActivityEntity>((_ctx, a) => a.organizerId, (t) => `${t}.organizer_id`);

definePolicy<ActivityEntity>({
  type: 'Activity',
  table: 'activity',
  entity: ActivityEntity,
  read: anyOf(publicActivity, staffOverOrganizer),
  write: underNode((_ctx, a) => a.organizerId, (t) => `${t}.organizer_id`, WRITE_ROLES),
  unit: {
    unitIdsOf: (ctx, a) => coHostIdsOf(ctx, a.id),
    communityIdsOf: (_ctx, a) => [a.communityId],
    unitSql: (t) => `exists (select 1 from activity_co_host h where h.activity_id = ${t}.id and h.unit_id = ?)`,
    communitySql: (t) => `${t}.community_id = ?`,
    scopes: { read: 'unit:read', write: 'activities:write' },
  },
});

definePolicy<ActivitySeriesEntity>({
  type: 'ActivitySeries',
  table: 'activity_series',
  entity: ActivitySeriesEntity,
  read: rule(
    async (ctx, s) => (await occurrenceCountOf(ctx, s.id)) > 0,
    (ctx, t) => seriesCondition(ctx, t),
  ),
});

function seriesCondition(ctx: Context, t: string): Condition {
  const visible = condition(ctx, 'read', 'Activity', 'sa');
  return { sql: `exists (select 1 from activity sa where sa.series_id = ${t}.id and ${visible.sql})`, params: visible.params };
}

definePolicy<VenueEntity>({
  type: 'Venue',
  table: 'venue',
  entity: VenueEntity,
  read: everyone(),
  write: underNode((_ctx, v) => v.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

/** The organiser of a registration's activity. */
async function organizerOf(ctx: Context, r: RegistrationEntity): Promise<number | null> {
  return (await loadActivity(ctx, r.activityId))?.organizerId ?? null;
}

function overOrganizerOfActivity(roles?: typeof PERSONAL_DATA_ROLES) {
  const js = underNode<RegistrationEntity>(organizerOf, () => 'null', roles);
  return rule<RegistrationEntity>(
    (ctx, r) => js.check(ctx, r),
    (ctx, t) => {
      const inScope = nodeInSubtree(ctx.access, 'ra.organizer_id', roles);
      return inScope.sql === 'false' ? inScope : and({ sql: `exists (select 1 from activity ra where ra.id = ${t}.activity_id and ${inScope.sql})`, params: inScope.params });
    },
  );
}

/** May the caller see an activity's sign-ups (names, phones)? Staff over the organiser only. */
export function canSeeRegistrants(ctx: Context, a: ActivityEntity): Promise<boolean> {
  return Promise.resolve(staffOverOrganizer.check(ctx, a));
}

definePolicy<RegistrationEntity>({
  type: 'Registration',
  table: 'registration',
  entity: RegistrationEntity,
  read: overOrganizerOfActivity(),
  reveal: overOrganizerOfActivity(PERSONAL_DATA_ROLES),
});

/** Roles that may work the door of an activity organised above them (viewers only look). */
export const DOOR_ROLES = [GrantRole.COMMITTEE_ADMIN, GrantRole.BRANCH_SECRETARY, GrantRole.GRID_WORKER];

const staffAccountId = (ctx: Context) => (ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null);

/** Grants of door roles on the organiser or below it: their paths start with the organiser's. */
function doorGrantPaths(ctx: Context): string[] {
  return ctx.access.grants.filter((g) => DOOR_ROLES.includes(g.role)).map((g) => g.path);
}

/** Who may check residents in and out at an activity's door (see the top of this file). */
export const atTheDoor = rule<ActivityEntity>(
  async (ctx, a) => {
    const accountId = staffAccountId(ctx);
    if (accountId == null) return false;
    const organizer = await loadNode(ctx, a.organizerId);
    if (!organizer) return false;
    if (ctx.access.canWrite(organizer.path)) return true;
    if (doorGrantPaths(ctx).some((p) => p.startsWith(organizer.path))) return true;
    return (await doorStaffOf(ctx, a.id)).some((s) => s.accountId === accountId);
  },
  (ctx, t) => {
    const accountId = staffAccountId(ctx);
    if (accountId == null) return { sql: 'false', params: [] };
    const over = inSubtreeOf(ctx, 'dn.path');
    const below = doorGrantPaths(ctx);
    const organiser = [over.sql, ...below.map(() => 'starts_with(?, dn.path)')].filter((c) => c !== 'false');
    const named = { sql: `exists (select 1 from activity_door_staff ds where ds.activity_id = ${t}.id and ds.account_id = ?)`, params: [accountId] as unknown[] };
    if (organiser.length === 0) return named;
    return or(
      { sql: `exists (select 1 from org_node dn where dn.id = ${t}.organizer_id and (${organiser.join(' or ')}))`, params: [...over.params, ...below] },
      named,
    );
  },
);

function inSubtreeOf(ctx: Context, pathSql: string): Condition {
  return inSubtree(ctx.access, pathSql, WRITE_ROLES);
}

definePolicy<ActivityEntity>({
  type: 'ActivityDoor',
  table: 'activity',
  entity: ActivityEntity,
  read: atTheDoor,
  write: atTheDoor,
});

/** May the caller check residents in and out at this activity's door? */
export function canWorkDoor(ctx: Context, a: ActivityEntity): Promise<boolean> {
  return Promise.resolve(atTheDoor.check(ctx, a));
}
