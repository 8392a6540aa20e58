import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { filtered, notFoundForSubscription } from '../../graphql/live.js';
import { currentBus } from '../../cluster/bus.js';
import { findVisibleActivity } from './activity.service.js';
import { RegistrationEntity } from './registration.entity.js';
import { Registration } from './registration.types.js';
import { findVisibleRegistration, REGISTRATION_TOPIC, type RegistrationChangeMessage } from './registration.service.js';

/**
 * Live registrations of one activity (the door screen sees check-ins made at the other door): sign-ups,
 * cancellations, moves up from the waiting list, check-ins and check-outs, each reloaded under the
 * subscriber's access (staff over the organiser, as through `node(id:)`).
 */
@Resolver()
export class RegistrationLiveResolver {
  @Subscription(() => Registration, {
    description: 'Registrations each time one changes (sign-up, cancellation, promotion, check-in, check-out), for staff who may see their registrants: of one activity, or of every activity the subscriber may see. Over graphql-ws at /graphql.',
    subscribe: ({ args, context }) => registrationChanges(context as Context, (args.activityId as string | null | undefined) ?? null),
  })
  registrationChanged(
    @Root() registration: RegistrationEntity,
    @Arg('activityId', () => ID, { nullable: true, description: 'Only this activity.' }) _activityId: string | null,
    @Ctx() _ctx: Context,
  ): RegistrationEntity {
    return registration;
  }
}

async function registrationChanges(ctx: Context, activityGlobalId: string | null): Promise<AsyncIterable<RegistrationEntity>> {
  ctx.access.requireStaff();
  let only: number | null = null;
  if (activityGlobalId != null) {
    const activityId = idOf(activityGlobalId, 'Activity');
    const activity = activityId == null ? null : await findVisibleActivity(ctx, activityId);
    if (!activity) throw notFoundForSubscription('该活动');
    only = activity.id;
  }
  return filtered(ctx, currentBus().subscribe<RegistrationChangeMessage>(REGISTRATION_TOPIC), async (m) => {
    if (only != null && m.activityId !== only) return null;
    return findVisibleRegistration(ctx, m.registrationId);
  });
}
