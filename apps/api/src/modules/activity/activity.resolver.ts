import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf, PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { fail, payload, UserErrorCode } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { ListBound } from '../../graphql/cost.js';
import { ORG_TYPE_NAMES } from '../org/index.js';
import { loadNode } from '../org/index.js';
import { OrgNode, PartyCommittee } from '../org/index.js';
import { CoBuildingUnit } from '../unit/index.js';
import { ActivityEntity, ActivitySeriesEntity, ActivityStatus, VenueEntity } from './activity.entity.js';
import * as activities from './activity.service.js';
import * as venues from './venue.service.js';
import {
  ActivitiesArgs, Activity, ActivityCancelInput, ActivityCancelPayload, ActivityConnection, ActivityCreateInput, ActivityCreatePayload,
  ActivityDoorStaffSetInput, ActivityDoorStaffSetPayload, DoorStaff,
  ActivityPublishInput, ActivityPublishPayload, ActivitySeries, ActivityUpdateInput, ActivityUpdatePayload, Venue, VenueConnection,
  VenueCreateInput, VenueCreatePayload, VenueUpdateInput, VenueUpdatePayload,
} from './activity.types.js';
import { RegistrationStatus } from './registration.entity.js';
import { registrationCountOf, registrationsOfActivity } from './registration.service.js';
import { RegistrationConnection } from './registration.types.js';
import { canWorkDoor } from './activity.policy.js';
import { Notification, NotificationDelivery, notificationCountOfActivity, notificationsOfActivity, type NotificationEntity } from '../notification/index.js';
import { Connection } from '../../graphql/relay.js';
import { findVisibleRegistration } from './registration.service.js';
import { Registration } from './registration.types.js';

export const NotificationConnection = Connection(Notification, 'Notification', 'message to a resident');

registerNodeType(ActivityEntity, 'Activity', (ctx, id) => activities.findVisibleActivity(ctx, id));
registerNodeType(VenueEntity, 'Venue', (ctx, id) => venues.loadVenue(ctx, id));
registerNodeType(ActivitySeriesEntity, 'ActivitySeries', (ctx, id) => activities.findVisibleSeries(ctx, id));

/** Decode a global ID from input of one of the given types, or refuse with NOT_FOUND on the field. */
export function requireId(globalId: string, field: string[], ...types: string[]): number {
  return idOf(globalId, ...types) ?? fail(UserErrorCode.NOT_FOUND, '找不到该对象（ID 无效）', field);
}

/** Decode an optional id: undefined stays undefined (no change), null stays null (clear). */
export function optionalId(globalId: string | null | undefined, field: string[], ...types: string[]): number | null | undefined {
  if (globalId === undefined) return undefined;
  if (globalId === null) return null;
  return requireId(globalId, field, ...types);
}

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => ActivityStatus, { description: 'Status; a published activity whose end has passed reads FINISHED.' })
  status(@Root() a: ActivityEntity) {
    return a.effectiveStatus();
  }

  @FieldResolver(() => OrgNode, { description: 'The org node that runs it: a community committee or a branch (主办).' })
  async organizer(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    // publishing an activity makes its organiser's name public, whatever the caller's grants
    return (await loadNode(ctx, a.organizerId))!;
  }

  @FieldResolver(() => PartyCommittee, { description: 'The community committee (社区党委) it belongs to.' })
  async community(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await loadNode(ctx, a.communityId))!;
  }

  @FieldResolver(() => [CoBuildingUnit], { description: 'Co-building units co-hosting it (共建单位), by name.' })
  coHosts(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return activities.coHostsOf(ctx, a.id);
  }

  @FieldResolver(() => Venue, { nullable: true, description: 'Where it happens (阵地).' })
  venue(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return a.venueId == null ? null : venues.loadVenue(ctx, a.venueId);
  }

  @FieldResolver(() => Int, { description: 'Seats taken: confirmed, checked in or checked out.' })
  async confirmedCount(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await activities.countsOf(ctx, a.id)).confirmed;
  }

  @FieldResolver(() => Int, { description: 'Residents on the waiting list (候补).' })
  async waitlistCount(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await activities.countsOf(ctx, a.id)).waitlisted;
  }

  @FieldResolver(() => Int, { description: 'Residents checked in at the door (签到), including those checked out since.' })
  async checkedInCount(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await activities.countsOf(ctx, a.id)).checkedIn;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free (剩余名额); null means no limit.' })
  async seatsLeft(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    if (a.capacity == null) return null;
    return Math.max(0, a.capacity - (await activities.countsOf(ctx, a.id)).confirmed);
  }

  @FieldResolver(() => Boolean, { description: 'Sign-up is possible now: PUBLISHED, inside the registration window, not yet started. A full activity stays open for the waiting list.' })
  registrationOpen(@Root() a: ActivityEntity) {
    return a.registrationOpen();
  }

  @FieldResolver(() => String, { nullable: true, description: 'How the series repeats, for display ("每周五", "每月第一个周六"); null for a one-off activity.' })
  async recurrence(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return a.seriesId == null ? null : ((await activities.loadSeries(ctx, a.seriesId))?.label ?? null);
  }

  @FieldResolver(() => ActivitySeries, { nullable: true, description: 'The recurring series this occurrence belongs to.' })
  series(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return a.seriesId == null ? null : activities.loadSeries(ctx, a.seriesId);
  }

  @FieldResolver(() => RegistrationConnection, { nullable: true, description: 'Sign-ups in order of sign-up; null unless you are staff over the organiser (never for partners or the public).' })
  async registrations(
    @Root() a: ActivityEntity,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('status', () => RegistrationStatus, { nullable: true, description: 'Only this status.' }) status: RegistrationStatus | null,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const rows = await registrationsOfActivity(ctx, a, { status }, page);
    return rows && toConnection(rows, page, () => registrationCountOf(ctx, a.id, { status }));
  }

  @FieldResolver(() => Boolean, { description: 'You may change this activity (staff over the organiser, or a co-hosting partner with activities:write).' })
  viewerCanUpdate(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return activities.canUpdateActivity(ctx, a);
  }

  @FieldResolver(() => [DoorStaff], { description: 'Staff accounts named to check residents in and out at the door (besides staff over the organiser and its subtree); empty unless you are staff over the organiser.' })
  @ListBound(activities.MAX_DOOR_STAFF)
  async doorStaff(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await activities.canSeeRegistrants(ctx, a)) ? activities.doorStaffOf(ctx, a.id) : [];
  }

  @FieldResolver(() => Boolean, { description: 'You may check residents in and out at its door: staff with a writing role over the organiser, staff of the organiser\'s own subtree (branch secretaries, grid workers), and the door staff it names.' })
  viewerCanCheckIn(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return canWorkDoor(ctx, a);
  }

  @FieldResolver(() => NotificationConnection, { nullable: true, description: 'Messages sent to its registrants (moved up, changed, cancelled), newest first; null unless you are staff over the organiser.' })
  async notifications(@Root() a: ActivityEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    if (!(await activities.canSeeRegistrants(ctx, a))) return null;
    const page = toPage(args);
    return toConnection(await notificationsOfActivity(ctx, a.id, page), page, () => notificationCountOfActivity(ctx, a.id));
  }

  @FieldResolver(() => Int, { description: 'Changes with every update; pass it as `expectedVersion` to avoid overwriting others.' })
  version(@Root() a: ActivityEntity) {
    return a.version;
  }
}

/** Staff over the activity a message is about; the resident sees only the text on the code page. */
async function staffOverMessage(ctx: Context, n: NotificationEntity): Promise<boolean> {
  if (n.activityId == null || !ctx.access.isStaff) return false;
  const activity = await activities.loadActivity(ctx, n.activityId);
  return activity != null && activities.canSeeRegistrants(ctx, activity);
}

@Resolver(() => Notification)
export class NotificationFieldsResolver {
  @FieldResolver(() => NotificationDelivery, { nullable: true, description: 'How it was delivered; null unless you are staff over the activity.' })
  async delivery(@Root() n: NotificationEntity, @Ctx() ctx: Context) {
    return (await staffOverMessage(ctx, n)) ? n : null;
  }

  @FieldResolver(() => Registration, { nullable: true, description: 'The registration it was sent to (name and phone masked); null unless you are staff over the activity.' })
  async registration(@Root() n: NotificationEntity, @Ctx() ctx: Context) {
    return n.registrationId != null && (await staffOverMessage(ctx, n)) ? findVisibleRegistration(ctx, n.registrationId) : null;
  }
}

@Resolver(() => Venue)
export class VenueFieldsResolver {
  @FieldResolver(() => PartyCommittee, { description: 'The community it belongs to.' })
  async community(@Root() v: VenueEntity, @Ctx() ctx: Context) {
    return (await loadNode(ctx, v.communityId))!;
  }
}

@Resolver(() => ActivitySeries)
export class ActivitySeriesFieldsResolver {
  @FieldResolver(() => ActivityConnection, { description: 'The occurrences you may see, in start order.' })
  async occurrences(@Root() s: ActivitySeriesEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await activities.occurrencesOf(ctx, s.id, page), page, () => activities.occurrenceCountOf(ctx, s.id));
  }
}

@Resolver()
export class ActivityQueryResolver {
  @Query(() => ActivityConnection, { description: 'Activities by start time, then id. Anonymous callers and partners see published (and finished) PUBLIC activities, partners also those their unit co-hosts; staff also drafts, member-only and cancelled ones within their scope.' })
  async activities(@Args(() => ActivitiesArgs) args: ActivitiesArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const f = args.filter ?? {};
    const decode = (globalId: string | null | undefined, ...types: string[]) => (globalId == null ? null : idOf(globalId, ...types) ?? -1);
    const communityId = decode(f.communityId, 'PartyCommittee');
    const organizerId = decode(f.organizerId, ...ORG_TYPE_NAMES);
    const coHostId = decode(f.coHostId, 'CoBuildingUnit');
    const { rows, total } = await activities.listActivities(ctx, {
      communityId, organizerId, coHostId,
      impossible: [communityId, organizerId, coHostId].includes(-1),
      category: f.category, window: f.window, from: f.from, to: f.to, search: f.search, status: f.status, audience: f.audience,
      includeCancelled: f.includeCancelled,
    }, page);
    return toConnection(rows, page, total);
  }

  @Query(() => Activity, { nullable: true, description: 'An activity by ID; null when it does not exist or you may not see it (drafts, member-only activities).' })
  activity(@Arg('id', () => ID, { description: 'Global ID of the activity.' }) id: string, @Ctx() ctx: Context) {
    const rowId = idOf(id, 'Activity');
    return rowId == null ? null : activities.findVisibleActivity(ctx, rowId);
  }

  @Query(() => [PartyCommittee], { description: 'Community committees that have public activities, for a community filter.' })
  @ListBound(activities.MAX_PUBLIC_COMMUNITIES)
  publicCommunities(@Ctx() ctx: Context) {
    return activities.publicCommunities(ctx);
  }

  @Query(() => VenueConnection, { description: "A community's venues (阵地), by name. Public." })
  async venues(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also archived venues.' }) includeArchived: boolean,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const id = idOf(communityId, 'PartyCommittee');
    if (id == null) return toConnection([], page, async () => 0);
    const { rows, total } = await venues.venuesOf(ctx, id, includeArchived, page);
    return toConnection(rows, page, total);
  }
}

const unitIds = (ids: string[] | null | undefined) => (ids == null ? ids : ids.map((id) => requireId(id, ['input', 'coHostIds'], 'CoBuildingUnit')));

@Resolver()
export class ActivityMutationResolver {
  @Mutation(() => ActivityCreatePayload, { description: 'Create an activity as a DRAFT under a committee or branch you manage; with `recurrence`, every occurrence of the series at once (at most 52).' })
  activityCreate(@Arg('input', () => ActivityCreateInput, { description: 'What to do (see the input type).' }) input: ActivityCreateInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const created = await activities.createActivity(ctx, {
        ...input,
        organizerId: requireId(input.organizerId, ['input', 'organizerId'], ...ORG_TYPE_NAMES),
        venueId: optionalId(input.venueId, ['input', 'venueId'], 'Venue'),
        coHostIds: unitIds(input.coHostIds),
      });
      return { activity: created[0], activities: created };
    }, { activity: null, activities: null });
  }

  @Mutation(() => ActivityUpdatePayload, { description: 'Change an activity (staff over the organiser; a co-hosting partner with activities:write may change title, description, times, capacity and venue).' })
  activityUpdate(@Arg('input', () => ActivityUpdateInput, { description: 'What to do (see the input type).' }) input: ActivityUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      activity: await activities.updateActivity(ctx, {
        ...input,
        id: requireId(input.id, ['input', 'id'], 'Activity'),
        venueId: optionalId(input.venueId, ['input', 'venueId'], 'Venue'),
        coHostIds: unitIds(input.coHostIds),
      }),
    }), { activity: null });
  }

  @Mutation(() => ActivityPublishPayload, { description: 'Publish a draft: a PUBLIC activity appears on the events page and sign-up opens per its window.' })
  activityPublish(@Arg('input', () => ActivityPublishInput, { description: 'What to do (see the input type).' }) input: ActivityPublishInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const changed = await activities.publishActivity(ctx, requireId(input.id, ['input', 'id'], 'Activity'), input.includeLaterOccurrences ?? false);
      return { activity: changed.find((a) => idOf(input.id, 'Activity') === a.id)!, activities: changed };
    }, { activity: null, activities: null });
  }

  @Mutation(() => ActivityCancelPayload, { description: 'Cancel an activity that is not over; registrations stay readable by their codes.' })
  activityCancel(@Arg('input', () => ActivityCancelInput, { description: 'What to do (see the input type).' }) input: ActivityCancelInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const changed = await activities.cancelActivity(ctx, requireId(input.id, ['input', 'id'], 'Activity'), input.includeLaterOccurrences ?? false);
      return { activity: changed.find((a) => idOf(input.id, 'Activity') === a.id)!, activities: changed };
    }, { activity: null, activities: null });
  }

  @Mutation(() => ActivityDoorStaffSetPayload, { description: 'Name the staff accounts that may check residents in and out at an activity, besides staff over its organiser and its subtree (staff over the organiser).' })
  activityDoorStaffSet(@Arg('input', () => ActivityDoorStaffSetInput, { description: 'What to do (see the input type).' }) input: ActivityDoorStaffSetInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      activity: await activities.setDoorStaff(ctx, requireId(input.id, ['input', 'id'], 'Activity'), input.usernames),
    }), { activity: null });
  }

  @Mutation(() => VenueCreatePayload, { description: 'Add a venue to a community you manage.' })
  venueCreate(@Arg('input', () => VenueCreateInput, { description: 'What to do (see the input type).' }) input: VenueCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      venue: await venues.createVenue(ctx, { ...input, communityId: requireId(input.communityId, ['input', 'communityId'], 'PartyCommittee') }),
    }), { venue: null });
  }

  @Mutation(() => VenueUpdatePayload, { description: 'Change, archive or restore a venue of a community you manage.' })
  venueUpdate(@Arg('input', () => VenueUpdateInput, { description: 'What to do (see the input type).' }) input: VenueUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      venue: await venues.updateVenue(ctx, { ...input, id: requireId(input.id, ['input', 'id'], 'Venue') }),
    }), { venue: null });
  }
}

export const activityResolvers = [ActivityFieldsResolver, NotificationFieldsResolver, VenueFieldsResolver, ActivitySeriesFieldsResolver, ActivityQueryResolver, ActivityMutationResolver];
