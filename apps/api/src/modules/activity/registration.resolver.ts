import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { forbidden, payload } from '../../graphql/errors.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { Activity } from './activity.types.js';
import { optionalId } from './activity.resolver.js';
import { RegistrationEntity } from './registration.entity.js';
import * as registrations from './registration.service.js';
import {
  Registration, RegistrationCancelInput, RegistrationCancelPayload, RegistrationCheckInInput, RegistrationCheckInPayload,
  RegistrationCheckOutInput, RegistrationCheckOutPayload, RegistrationCreateInput, RegistrationCreatePayload,
  RegistrationPromoteInput, RegistrationPromotePayload, RegistrationStaffCancelInput, RegistrationStaffCancelPayload,
} from './registration.types.js';
import { idOf as rowIdOf } from '../../graphql/relay.js';
import { ListBound } from '../../graphql/cost.js';
import { MAX_REGISTRATION_NOTIFICATIONS, Notification, notificationsOfRegistration } from '../notification/index.js';
import { Volunteer } from '../volunteer/index.js';
import { rateLimitField } from '../../graphql/rate-limit.js';

// residents sign up and look up without an account: per-address limits (graphql/rate-limit.ts)
rateLimitField('registrationCreate', 'publicWrite');
rateLimitField('registrationCancel', 'publicWrite');
rateLimitField('registrationByCode', 'lookup');

registerNodeType(RegistrationEntity, 'Registration', (ctx, id) => registrations.findVisibleRegistration(ctx, id));

const REVEAL = { defaultValue: false, description: 'Ask for the full value (staff over the organiser whose role needs contact details; FORBIDDEN otherwise).' };

@Resolver(() => Registration)
export class RegistrationFieldsResolver {
  @FieldResolver(() => String, { description: 'Name of the resident, masked (张*华) unless revealed.' })
  name(@Root() r: RegistrationEntity, @Arg('reveal', () => Boolean, REVEAL) reveal: boolean, @Ctx() ctx: Context) {
    return registrations.registrantField(ctx, r, 'name', reveal);
  }

  @FieldResolver(() => String, { description: 'Mobile number, masked (138****5678) unless revealed.' })
  phone(@Root() r: RegistrationEntity, @Arg('reveal', () => Boolean, REVEAL) reveal: boolean, @Ctx() ctx: Context) {
    return registrations.registrantField(ctx, r, 'phone', reveal);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Place on the waiting list, 1-based, only while WAITLISTED.' })
  waitlistPosition(@Root() r: RegistrationEntity, @Ctx() ctx: Context) {
    return registrations.waitlistPositionOf(ctx, r);
  }

  @FieldResolver(() => [Notification], { description: "Messages to the resident about this sign-up (moved up, activity changed or cancelled), newest first, at most 20. Shown on the resident's code page whether or not an SMS went out." })
  @ListBound(MAX_REGISTRATION_NOTIFICATIONS)
  notifications(@Root() r: RegistrationEntity, @Ctx() ctx: Context) {
    return notificationsOfRegistration(ctx, r.id);
  }

  @FieldResolver(() => Activity, { description: 'The activity signed up for.' })
  activity(@Root() r: RegistrationEntity, @Ctx() ctx: Context) {
    return registrations.activityOfRegistration(ctx, r);
  }

  @FieldResolver(() => Volunteer, { nullable: true, description: 'The volunteer whose service this attendance counts as (staff only).' })
  volunteer(@Root() r: RegistrationEntity, @Ctx() ctx: Context) {
    return registrations.volunteerOfRegistration(ctx, r);
  }
}

@Resolver()
export class RegistrationQueryResolver {
  @Query(() => Registration, { nullable: true, description: "A registration by its confirmation code (the resident's key; case, spaces and dashes ignored); null when there is none. Name and phone are masked." })
  registrationByCode(@Arg('code', () => String, { description: 'Confirmation code, 8 characters.' }) code: string, @Ctx() ctx: Context) {
    return registrations.registrationByCode(ctx, code);
  }
}

@Resolver()
export class RegistrationMutationResolver {
  @Mutation(() => RegistrationCreatePayload, { description: 'Sign up for an activity with name and mobile number (no account needed). Full: ACTIVITY_FULL, unless `joinWaitlist` puts you on the waiting list.' })
  registrationCreate(@Arg('input', () => RegistrationCreateInput, { description: 'What to do (see the input type).' }) input: RegistrationCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      registration: await registrations.createRegistration(ctx, { ...input, activityId: idOf(input.activityId, 'Activity') }),
    }), { registration: null });
  }

  @Mutation(() => RegistrationCancelPayload, { description: 'Cancel a sign-up with its code and the phone used; a freed seat goes to the first on the waiting list.' })
  registrationCancel(@Arg('input', () => RegistrationCancelInput, { description: 'What to do (see the input type).' }) input: RegistrationCancelInput, @Ctx() ctx: Context) {
    return payload(async () => ({ registration: await registrations.cancelRegistration(ctx, input) }), { registration: null });
  }

  @Mutation(() => RegistrationCheckInPayload, { description: 'Check a resident in at the door by code (staff who manage the organiser).' })
  registrationCheckIn(@Arg('input', () => RegistrationCheckInInput, { description: 'What to do (see the input type).' }) input: RegistrationCheckInInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      registration: await registrations.checkIn(ctx, { code: input.code, volunteerId: optionalId(input.volunteerId, ['input', 'volunteerId'], 'Volunteer') }),
    }), { registration: null });
  }

  @Mutation(() => RegistrationCheckOutPayload, { description: 'Check a resident out by code (staff); a volunteer gets service hours from check-in to check-out, rounded to the half hour.' })
  registrationCheckOut(@Arg('input', () => RegistrationCheckOutInput, { description: 'What to do (see the input type).' }) input: RegistrationCheckOutInput, @Ctx() ctx: Context) {
    return payload(() => registrations.checkOut(ctx, input), { registration: null, serviceRecord: null });
  }
}

@Resolver()
export class RegistrationStaffMutationResolver {
  @Mutation(() => RegistrationPromotePayload, { description: 'Move a resident up from the waiting list out of turn (staff who may change the activity); the resident is notified.' })
  registrationPromote(@Arg('input', () => RegistrationPromoteInput, { description: 'What to do (see the input type).' }) input: RegistrationPromoteInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      registration: await registrations.promoteRegistration(ctx, { id: rowIdOf(input.id, 'Registration'), addSeat: input.addSeat }),
    }), { registration: null });
  }

  @Mutation(() => RegistrationStaffCancelPayload, { description: 'Cancel a sign-up for the resident (staff who may change the activity); a freed seat goes to the first on the waiting list, who is notified.' })
  registrationStaffCancel(@Arg('input', () => RegistrationStaffCancelInput, { description: 'What to do (see the input type).' }) input: RegistrationStaffCancelInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      registration: await registrations.staffCancelRegistration(ctx, { id: rowIdOf(input.id, 'Registration') }),
    }), { registration: null });
  }
}

export const registrationResolvers = [RegistrationFieldsResolver, RegistrationQueryResolver, RegistrationMutationResolver, RegistrationStaffMutationResolver];
