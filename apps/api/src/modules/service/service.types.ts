import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { Demand, PublicDemand } from '../demand/index.js';
import { ServiceAssigneeKind, ServiceCategory, ServiceProviderKind, type ServiceOrderEntity } from './service.entity.js';

registerEnumType(ServiceCategory, {
  name: 'ServiceCategory',
  description: 'What kind of service an offer of the service menu is.',
  valuesConfig: {
    REPAIR: { description: 'Repairs: water, power, locks, sharpening knives (维修).' },
    HOUSEKEEPING: { description: 'Washing mats and cars, cleaning (清洗家政).' },
    HEALTH: { description: 'Free clinics, blood pressure, health advice (健康义诊).' },
    ELDERLY: { description: 'Help for the elderly and disabled (助老助残).' },
    LEGAL: { description: 'Legal advice and mediation (法律调解).' },
    CULTURE: { description: 'Culture and intangible heritage (文化非遗).' },
    DELIVERY: { description: 'Bringing supplies, errands: 红色管家 carrying rice and oil (物资代办).' },
    OTHER: { description: 'Anything else (其他).' },
  },
});
registerEnumType(ServiceProviderKind, {
  name: 'ServiceProviderKind',
  description: 'Who offers a service.',
  valuesConfig: {
    MEMBER: { description: 'A Party member (党员).' },
    VOLUNTEER: { description: 'A volunteer (志愿者).' },
    VOLUNTEER_TEAM: { description: 'A volunteer team (志愿服务队).' },
    UNIT: { description: 'A co-building unit (共建单位).' },
  },
});
registerEnumType(ServiceAssigneeKind, {
  name: 'ServiceAssigneeKind',
  description: 'Who a service order is dispatched to (下单).',
  valuesConfig: {
    VOLUNTEER: { description: 'A volunteer.' },
    MEMBER: { description: 'A Party member (through their volunteer record).' },
    TEAM: { description: 'A volunteer team (or the talent team linked to it).' },
  },
});

@ObjectType('ServiceProvider', { description: 'Who offers a service, by name (public).' })
export class ServiceProvider {
  @Field(() => ServiceProviderKind, { description: 'Member, volunteer, team or unit.' }) kind: ServiceProviderKind;
  @Field(() => String, { description: 'Name: a team or unit in full, a person masked (张*).' }) name: string;
  @Field(() => ID, { nullable: true, description: 'The provider (PartyMember, Volunteer, VolunteerTeam or CoBuildingUnit global ID).' }) id: string | null;
}

@ObjectType('ServiceOffer', { implements: Node, description: 'One item of a community’s service menu (便民服务, 菜单式服务): residents order it (点单), the community dispatches it (下单), a member or volunteer takes it (接单). Published offers are public.' })
export class ServiceOffer extends Node {
  @Field(() => String, { description: 'Name, e.g. 修水电.' }) title: string;
  @Field(() => ServiceCategory, { description: 'Category.' }) category: ServiceCategory;
  @Field(() => String, { description: 'What is offered.' }) description: string;
  @Field(() => String, { description: 'When, in words (每周五 9:00-11:30).' }) schedule: string;
  @Field(() => String, { description: 'Where, in words.' }) place: string;
  @Field(() => Int, { description: 'How many orders it takes per week (Monday to Sunday, Asia/Shanghai).' }) capacityPerWeek: number;
  @Field(() => Boolean, { description: 'Listed on the public menu.' }) published: boolean;
  @Field(() => Boolean, { description: 'Taken off the menu for good.' }) archived: boolean;
  @Field(() => DateTimeResolver, { description: 'When added.' }) createdAt: Date;
}
export const ServiceOfferConnection = Connection(ServiceOffer, 'ServiceOffer', 'service offer');

@ObjectType('ServiceOrderAssignee', { description: 'Who a service order was dispatched to.' })
export class ServiceOrderAssignee {
  @Field(() => ServiceAssigneeKind, { description: 'Volunteer or team.' }) kind: ServiceAssigneeKind;
  @Field(() => ID, { description: 'Volunteer or VolunteerTeam global ID.' }) id: string;
  @Field(() => String, { description: 'Name.' }) name: string;
}

@ObjectType('ServiceOrder', { description: 'A service order (便民服务订单): a resident demand ordering an offer. Its state, timeline, deadlines and rating are the demand’s.' })
export class ServiceOrder {
  @Field(() => Demand, { description: 'The demand that carries the order’s lifecycle.' }) demand: unknown;
  @Field(() => String, { nullable: true, description: 'When the resident would like it, in words.' }) preferredTime: string | null;
  @Field(() => Float, { nullable: true, description: 'Hours it took (on completion).' }) hours: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When completed.' }) completedAt: Date | null;
  row: ServiceOrderEntity;
}
export const ServiceOrderConnection = Connection(ServiceOrder, 'ServiceOrder', 'service order');

@ObjectType('ServiceDispatchCandidate', { description: 'Someone a service order may be dispatched to.' })
export class ServiceDispatchCandidate {
  @Field(() => ServiceAssigneeKind, { description: 'Volunteer, member (a volunteer who is a Party member) or team.' }) kind: ServiceAssigneeKind;
  @Field(() => ID, { description: 'Volunteer or VolunteerTeam global ID (pass as `volunteerId` or `teamId`).' }) id: string;
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => [String], { description: 'Skills.' }) skills: string[];
  @Field(() => Boolean, { description: 'A volunteer with a sign-in, who can accept and complete the order themselves.' }) hasAccount: boolean;
  @Field(() => Int, { description: 'Open service orders dispatched to them now.' }) openOrders: number;
}

@InputType('ServiceOfferInput', { description: 'A new service offer.' })
export class ServiceOfferCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 50 characters.' }) title: string;
  @Field(() => ServiceCategory, { description: 'Category.' }) category: ServiceCategory;
  @Field(() => String, { nullable: true, description: 'What is offered, up to 1000 characters.' }) description?: string | null;
  @Field(() => String, { description: 'When, 1 to 100 characters.' }) schedule: string;
  @Field(() => String, { description: 'Where, 1 to 100 characters.' }) place: string;
  @Field(() => Int, { description: 'Orders per week, 1 to 500.' }) capacityPerWeek: number;
  @Field(() => ID, { description: 'Who offers it: a PartyMember, Volunteer, VolunteerTeam or CoBuildingUnit of the community.' }) providerId: string;
  @Field(() => Boolean, { nullable: true, description: 'List it on the public menu (default true).' }) published?: boolean | null;
}

@InputType('ServiceOfferUpdateInput', { description: 'Changes to a service offer; omitted fields stay.' })
export class ServiceOfferUpdateInput {
  @Field(() => ID, { description: 'The offer.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Name.' }) title?: string | null;
  @Field(() => ServiceCategory, { nullable: true, description: 'Category.' }) category?: ServiceCategory | null;
  @Field(() => String, { nullable: true, description: 'Description.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'When.' }) schedule?: string | null;
  @Field(() => String, { nullable: true, description: 'Where.' }) place?: string | null;
  @Field(() => Int, { nullable: true, description: 'Orders per week.' }) capacityPerWeek?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Listed on the public menu.' }) published?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Take it off the menu for good (true).' }) archived?: boolean | null;
}

@ObjectType('ServiceOfferPayload', { description: 'Result of creating or changing a service offer.' })
export class ServiceOfferPayload {
  @Field(() => ServiceOffer, { nullable: true, description: 'The offer.' }) offer: unknown;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}

@InputType('OrderServiceInput', { description: 'A resident orders a service from the menu (点单), without an account.' })
export class OrderServiceInput {
  @Field(() => ID, { description: 'The offer.' }) offerId: string;
  @Field(() => String, { description: 'Your name, 1 to 20 characters.' }) name: string;
  @Field(() => String, { description: 'Your mainland mobile number; never shown publicly.' }) phone: string;
  @Field(() => String, { description: 'Where to serve you (address), 1 to 100 characters; sealed, shown to staff only.' }) address: string;
  @Field(() => String, { nullable: true, description: 'When you would like it, up to 50 characters.' }) preferredTime?: string | null;
  @Field(() => String, { nullable: true, description: 'Anything to add, up to 500 characters.' }) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Client-made key (8 to 100 characters): sending the form twice makes one order.' }) idempotencyKey?: string | null;
}

@ObjectType('OrderServicePayload', { description: 'Result of ordering a service.' })
export class OrderServicePayload {
  @Field(() => String, { nullable: true, description: 'The code to follow and rate the order (same as a demand’s ticket code).' }) ticketCode: string | null;
  @Field(() => PublicDemand, { nullable: true, description: 'The order as the resident sees it.' }) order: unknown;
  @Field(() => [UserError], { description: 'Problems with the input; SERVICE_FULL when the offer is fully booked this week.' }) userErrors: UserError[];
}

@InputType('DispatchServiceOrderInput', { description: 'Dispatch a service order (下单) to a volunteer, a member or a team: exactly one.' })
export class DispatchServiceOrderInput {
  @Field(() => ID, { description: 'The order’s demand.' }) demandId: string;
  @Field(() => Int, { description: 'The demand version you saw.' }) expectedVersion: number;
  @Field(() => ID, { nullable: true, description: 'A volunteer of the community.' }) volunteerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Party member of the community who is on the volunteer roll.' }) memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A volunteer team of the community.' }) teamId?: string | null;
  @Field(() => String, { nullable: true, description: 'A note for the timeline.' }) note?: string | null;
}

@InputType('AcceptServiceOrderInput', { description: 'Take a dispatched service order (接单).' })
export class AcceptServiceOrderInput {
  @Field(() => ID, { description: 'The order’s demand.' }) demandId: string;
  @Field(() => Int, { description: 'The demand version you saw.' }) expectedVersion: number;
}

@InputType('CompleteServiceOrderInput', { description: 'Report a service order done, with the hours it took (counted as service hours).' })
export class CompleteServiceOrderInput {
  @Field(() => ID, { description: 'The order’s demand.' }) demandId: string;
  @Field(() => Int, { description: 'The demand version you saw.' }) expectedVersion: number;
  @Field(() => Float, { description: 'Hours it took per person, more than 0 and at most 24, two decimals at most.' }) hours: number;
  @Field(() => [ID], { nullable: true, description: 'For an order dispatched to a team: the team’s volunteers who served (default: you, when you are one).' }) volunteerIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'What was done (shown to the resident).' }) note?: string | null;
}

@ObjectType('ServiceOrderPayload', { description: 'Result of a step of a service order.' })
export class ServiceOrderPayload {
  @Field(() => Demand, { nullable: true, description: 'The order’s demand after the step.' }) demand: unknown;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}

@InputType('LinkVolunteerAccountInput', { description: 'Give a volunteer their sign-in (or take it away with null), so they accept and complete service orders themselves.' })
export class LinkVolunteerAccountInput {
  @Field(() => ID, { description: 'The volunteer.' }) volunteerId: string;
  @Field(() => String, { nullable: true, description: 'The account’s username; null unlinks.' }) username?: string | null;
}

@ObjectType('LinkVolunteerAccountPayload', { description: 'Result of linking a volunteer’s account.' })
export class LinkVolunteerAccountPayload {
  @Field(() => Boolean, { nullable: true, description: 'The volunteer now has a linked account; null when refused.' }) linked: boolean | null;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}
