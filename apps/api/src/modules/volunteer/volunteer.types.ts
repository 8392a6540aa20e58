import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { ServiceSource, type RecognitionEntity, type ServiceRecordEntity, type VolunteerEntity, type VolunteerTeamEntity } from './volunteer.entity.js';

registerEnumType(ServiceSource, {
  name: 'ServiceSource',
  description: 'Where service hours come from.',
  valuesConfig: {
    CHECK_IN: { description: 'From check-in to check-out at an activity (签到签退).' },
    MANUAL: { description: 'Entered by staff (手工录入).' },
    SERVICE_ORDER: { description: 'Completing a service order from the service menu (便民服务).' },
  },
});

@ObjectType('Volunteer', { implements: Node, description: 'A volunteer (志愿者) of a community. Visible to staff with a grant in the community, and to the partner token of the unit the volunteer serves for (name masked).' })
export class Volunteer extends Node {
  @Field(() => [String], { description: 'Skills, e.g. 水电维修, 法律咨询.' }) skills: string[];
  @Field(() => Boolean, { description: 'No longer on the roll (the record and hours stay).' }) archived: boolean;
  @Field(() => DateTimeResolver, { description: 'When added to the roll.' }) createdAt: Date;
}
export const VolunteerConnection = Connection(Volunteer, 'Volunteer', 'volunteer');

@ObjectType('VolunteerTeam', { implements: Node, description: 'A volunteer team (志愿服务队), e.g. 周五志愿服务队, 爱心义诊团, 非遗守艺人. Name, skills and hours are public; the roster is for staff.' })
export class VolunteerTeam extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => [String], { description: 'What the team does.' }) skills: string[];
}
export const VolunteerTeamConnection = Connection(VolunteerTeam, 'VolunteerTeam', 'volunteer team');

@ObjectType('ServiceRecord', { implements: Node, description: 'Hours of volunteer service (服务时长): from check-in to check-out at an activity, or entered by staff.' })
export class ServiceRecord extends Node {
  @Field(() => Float, { name: 'hours', description: 'Hours, e.g. 2.5.' }) hoursValue: number;
  @Field(() => String, { description: 'Day of service, YYYY-MM-DD (Asia/Shanghai).' }) servedOn: string;
  @Field(() => ServiceSource, { description: 'Check-in or entered by staff.' }) source: ServiceSource;
  @Field(() => String, { nullable: true, description: 'What was done, e.g. 盘龙江河道巡查.' }) note: string | null;
  @Field(() => DateTimeResolver, { description: 'When recorded.' }) createdAt: Date;
}
export const ServiceRecordConnection = Connection(ServiceRecord, 'ServiceRecord', 'service record');

@ObjectType('Recognition', { implements: Node, description: 'An annual recognition (表彰): 优秀志愿者 for a volunteer, 健康家庭 for a household. Visible to staff with a grant in the community.' })
export class Recognition extends Node {
  @Field(() => Int, { description: 'The year it is for.' }) year: number;
  @Field(() => String, { description: 'Title, e.g. 优秀志愿者, 健康家庭.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Short citation of what was done.' }) citation: string | null;
  @Field(() => DateTimeResolver, { description: 'When recorded.' }) createdAt: Date;
}
export const RecognitionConnection = Connection(Recognition, 'Recognition', 'recognition');

@ObjectType('VolunteerHours', { description: "A community's volunteer service hours (志愿服务时长) in a year or all time: totals only, public." })
export class VolunteerHours {
  @Field(() => Int, { nullable: true, description: 'The year; null: all time.' }) year: number | null;
  @Field(() => Float, { description: 'Total hours.' }) totalHours: number;
  @Field(() => Int, { description: 'Number of service records.' }) recordCount: number;
  @Field(() => Int, { description: 'Volunteers with at least one record.' }) volunteerCount: number;
  communityId: number;
}

@InputType('VolunteerCreateInput', { description: 'Add a volunteer to a community roll.' })
export class VolunteerCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 20 characters.' }) name: string;
  @Field(() => String, { description: 'Mainland mobile number, unique in the community; check-ins with this phone count as this volunteer.' }) phone: string;
  @Field(() => ID, { nullable: true, description: 'The Party member this volunteer is (e.g. a double-reporting member, 双报到).' }) memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The co-building unit the volunteer serves for.' }) unitId?: string | null;
  @Field(() => [String], { nullable: true, description: 'Skills, up to 20.' }) skills?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Teams of the same community to join.' }) teamIds?: string[] | null;
}

@InputType('VolunteerUpdateInput', { description: 'Changes to a volunteer; omitted fields stay, null clears member or unit.' })
export class VolunteerUpdateInput {
  @Field(() => ID, { description: 'The volunteer.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New phone.' }) phone?: string | null;
  @Field(() => ID, { nullable: true, description: 'The Party member; null clears.' }) memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The unit; null clears.' }) unitId?: string | null;
  @Field(() => [String], { nullable: true, description: 'New skills (replaces the list).' }) skills?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Take off the roll (true) or put back (false).' }) archived?: boolean | null;
}

@InputType('VolunteerTeamCreateInput', { description: 'A new volunteer team of a community.' })
export class VolunteerTeamCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 50 characters, unique in the community.' }) name: string;
  @Field(() => [String], { nullable: true, description: 'What the team does.' }) skills?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The co-building unit that fields the team, if any.' }) unitId?: string | null;
}

@InputType('VolunteerTeamUpdateInput', { description: 'Changes to a volunteer team.' })
export class VolunteerTeamUpdateInput {
  @Field(() => ID, { description: 'The team.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => [String], { nullable: true, description: 'New skills (replaces the list).' }) skills?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The unit; null clears.' }) unitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Archive (true) or restore (false).' }) archived?: boolean | null;
}

@InputType('VolunteerTeamMemberInput', { description: 'A volunteer and a team of the same community.' })
export class VolunteerTeamMemberInput {
  @Field(() => ID, { description: 'The team.' }) teamId: string;
  @Field(() => ID, { description: 'The volunteer.' }) volunteerId: string;
}

@InputType('ServiceRecordCreateInput', { description: 'Service hours entered by staff.' })
export class ServiceRecordCreateInput {
  @Field(() => ID, { description: 'The volunteer.' }) volunteerId: string;
  @Field(() => Float, { description: 'Hours, more than 0 and at most 24, up to two decimals.' }) hours: number;
  @Field(() => String, { description: 'Day of service, YYYY-MM-DD, not in the future.' }) servedOn: string;
  @Field(() => ID, { nullable: true, description: 'The activity of the same community it was for, if any.' }) activityId?: string | null;
  @Field(() => String, { nullable: true, description: 'What was done, up to 200 characters.' }) note?: string | null;
}

@InputType('ServiceRecordDeleteInput', { description: 'Remove a service record entered in error.' })
export class ServiceRecordDeleteInput {
  @Field(() => ID, { description: 'The record.' }) id: string;
}

@InputType('RecognitionCreateInput', { description: 'Record an annual recognition for a volunteer or a household (one of the two).' })
export class RecognitionCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => Int, { description: 'The year it is for.' }) year: number;
  @Field(() => String, { description: 'Title, e.g. 优秀志愿者, 健康家庭.' }) title: string;
  @Field(() => ID, { nullable: true, description: 'The volunteer recognised.' }) volunteerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The household recognised.' }) householdId?: string | null;
  @Field(() => String, { nullable: true, description: 'Short citation, up to 500 characters.' }) citation?: string | null;
}

@InputType('RecognitionDeleteInput', { description: 'Remove a recognition recorded in error.' })
export class RecognitionDeleteInput {
  @Field(() => ID, { description: 'The recognition.' }) id: string;
}

function VolunteerPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Volunteer, { nullable: true, description: 'The volunteer as it is now; null when refused.' }) volunteer: VolunteerEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const VolunteerCreatePayload = VolunteerPayload('VolunteerCreatePayload', 'volunteerCreate');
export const VolunteerUpdatePayload = VolunteerPayload('VolunteerUpdatePayload', 'volunteerUpdate');

function TeamPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => VolunteerTeam, { nullable: true, description: 'The team as it is now; null when refused.' }) team: VolunteerTeamEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}

function RosterPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => VolunteerTeam, { nullable: true, description: 'The team as it is now; null when refused.' }) team: VolunteerTeamEntity | null;
    @Field(() => Volunteer, { nullable: true, description: 'The volunteer added or removed; null when refused.' }) volunteer: VolunteerEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const VolunteerTeamCreatePayload = TeamPayload('VolunteerTeamCreatePayload', 'volunteerTeamCreate');
export const VolunteerTeamUpdatePayload = TeamPayload('VolunteerTeamUpdatePayload', 'volunteerTeamUpdate');
export const VolunteerTeamMemberAddPayload = RosterPayload('VolunteerTeamMemberAddPayload', 'volunteerTeamMemberAdd');
export const VolunteerTeamMemberRemovePayload = RosterPayload('VolunteerTeamMemberRemovePayload', 'volunteerTeamMemberRemove');

@ObjectType('ServiceRecordCreatePayload', { description: 'Result of serviceRecordCreate.' })
export class ServiceRecordCreatePayload {
  @Field(() => ServiceRecord, { nullable: true, description: 'The new record; null when refused.' }) serviceRecord: ServiceRecordEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('RecognitionCreatePayload', { description: 'Result of recognitionCreate.' })
export class RecognitionCreatePayload {
  @Field(() => Recognition, { nullable: true, description: 'The new recognition; null when refused.' }) recognition: RecognitionEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

function DeletePayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => ID, { nullable: true, description: 'Global ID of what was deleted; null when refused.' }) deletedId: string | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const ServiceRecordDeletePayload = DeletePayload('ServiceRecordDeletePayload', 'serviceRecordDelete');
export const RecognitionDeletePayload = DeletePayload('RecognitionDeletePayload', 'recognitionDelete');
