import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { RegistrationStatus, type RegistrationEntity } from './registration.entity.js';
import { ServiceRecord, type ServiceRecordEntity } from '../volunteer/index.js';

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where a sign-up stands.',
  valuesConfig: {
    CONFIRMED: { description: 'Has a seat (已报名).' },
    WAITLISTED: { description: 'On the waiting list (候补); moves up in order when a seat frees.' },
    CANCELLED: { description: 'Cancelled (已取消) by the resident.' },
    CHECKED_IN: { description: 'Checked in at the door (已签到).' },
    CHECKED_OUT: { description: 'Checked out (已签退); a volunteer got service hours.' },
  },
});

@ObjectType('Registration', { implements: Node, description: "A resident's sign-up (报名) for an activity, made without an account; the confirmation code is the resident's key. Through `node(id:)` only for staff over the organiser." })
export class Registration extends Node {
  @Field(() => String, { description: 'Confirmation code, 8 characters from A-Z and 2-9 (no 0/O/1/I): shown at the door, used to view or cancel.' }) code: string;
  @Field(() => RegistrationStatus, { description: 'Where the sign-up stands.' }) status: RegistrationStatus;
  @Field(() => DateTimeResolver, { description: 'When the resident signed up.' }) createdAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When checked in at the door.' }) checkedInAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When checked out.' }) checkedOutAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When cancelled.' }) cancelledAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When moved up from the waiting list.' }) promotedAt: Date | null;
}

export const RegistrationConnection = Connection(Registration, 'Registration', 'registration');

@InputType('RegistrationCreateInput', { description: 'Sign up for an activity: name and mobile number, no account.' })
export class RegistrationCreateInput {
  @Field(() => ID, { description: 'The activity.' }) activityId: string;
  @Field(() => String, { description: 'Name, 1 to 20 characters.' }) name: string;
  @Field(() => String, { description: 'Mainland mobile number, 11 digits 1[3-9]xxxxxxxxx (spaces and dashes are ignored).' }) phone: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'When the activity is full, join the waiting list instead of being refused with ACTIVITY_FULL.' }) joinWaitlist?: boolean | null;
}

@ObjectType('RegistrationCreatePayload', { description: 'Result of registrationCreate. Codes: ACTIVITY_FULL, ALREADY_REGISTERED, REGISTRATION_CLOSED, INVALID_INPUT (field: name or phone), NOT_FOUND.' })
export class RegistrationCreatePayload {
  @Field(() => Registration, { nullable: true, description: 'The new registration (CONFIRMED or WAITLISTED); null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@InputType('RegistrationCancelInput', { description: 'Cancel a sign-up: the code and the phone used at sign-up, so a leaked code alone cannot cancel.' })
export class RegistrationCancelInput {
  @Field(() => String, { description: 'Confirmation code (case, spaces and dashes ignored).' }) code: string;
  @Field(() => String, { description: 'The mobile number used at sign-up.' }) phone: string;
}

@ObjectType('RegistrationCancelPayload', { description: 'Result of registrationCancel. Codes: NOT_FOUND (code and phone do not match a registration), REGISTRATION_CLOSED (the activity has started), INVALID_STATE (already checked in).' })
export class RegistrationCancelPayload {
  @Field(() => Registration, { nullable: true, description: 'The registration, now CANCELLED; null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@InputType('RegistrationCheckInInput', { description: 'Check a resident in at the door by confirmation code (staff).' })
export class RegistrationCheckInInput {
  @Field(() => String, { description: 'Confirmation code.' }) code: string;
  @Field(() => ID, { nullable: true, description: "Count the attendance as this volunteer's service; default: the community's volunteer with the registration's phone, if any." }) volunteerId?: string | null;
}

@InputType('RegistrationCheckOutInput', { description: 'Check a resident out by confirmation code (staff); a volunteer gets service hours.' })
export class RegistrationCheckOutInput {
  @Field(() => String, { description: 'Confirmation code.' }) code: string;
}

@ObjectType('RegistrationCheckInPayload', { description: 'Result of registrationCheckIn.' })
export class RegistrationCheckInPayload {
  @Field(() => Registration, { nullable: true, description: 'The registration, now CHECKED_IN; null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused (NOT_FOUND, INVALID_STATE), if it was.' }) userErrors: UserError[];
}

@ObjectType('RegistrationCheckOutPayload', { description: 'Result of registrationCheckOut.' })
export class RegistrationCheckOutPayload {
  @Field(() => Registration, { nullable: true, description: 'The registration, now CHECKED_OUT; null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => ServiceRecord, { nullable: true, description: 'Service hours credited to the volunteer (check-in to check-out, rounded to the half hour); null for residents who are not volunteers.' }) serviceRecord: ServiceRecordEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused (NOT_FOUND, INVALID_STATE), if it was.' }) userErrors: UserError[];
}

@InputType('RegistrationPromoteInput', { description: 'Move a resident up from the waiting list out of turn (staff who may change the activity).' })
export class RegistrationPromoteInput {
  @Field(() => ID, { description: 'The registration (WAITLISTED).' }) id: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'When no seat is free, add one to the capacity (an extra chair) instead of being refused with ACTIVITY_FULL.' }) addSeat?: boolean | null;
}

@ObjectType('RegistrationPromotePayload', { description: 'Result of registrationPromote. Codes: NOT_FOUND, INVALID_STATE (not on the waiting list, or the activity is not open), ACTIVITY_FULL (no free seat and addSeat not given).' })
export class RegistrationPromotePayload {
  @Field(() => Registration, { nullable: true, description: 'The registration, now CONFIRMED; null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@InputType('RegistrationStaffCancelInput', { description: 'Cancel a sign-up for the resident (staff who may change the activity).' })
export class RegistrationStaffCancelInput {
  @Field(() => ID, { description: 'The registration.' }) id: string;
}

@ObjectType('RegistrationStaffCancelPayload', { description: 'Result of registrationStaffCancel. Codes: NOT_FOUND, INVALID_STATE (already checked in).' })
export class RegistrationStaffCancelPayload {
  @Field(() => Registration, { nullable: true, description: 'The registration, now CANCELLED; null when refused.' }) registration: RegistrationEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
