import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { PartyProjectArea, PartyProjectStatus, type PartyProjectEntity } from './project.entity.js';

registerEnumType(PartyProjectArea, {
  name: 'PartyProjectArea',
  description: 'The five areas of the Party-building project ledger.',
  valuesConfig: {
    POSITION_BUILDING: { description: 'Building positions: service centres, red courtyards (阵地建设).' },
    BASIC_SYSTEMS: { description: 'Carrying out the basic systems: 三会一课, organisational life (基本制度落实).' },
    REGIONAL_CO_BUILDING: { description: 'Regional co-building with units (区域化党建联建).' },
    MEMBER_EDUCATION: { description: 'Educating and managing members (党员教育管理).' },
    SERVING_MASSES: { description: 'Serving the residents (服务群众).' },
  },
});
registerEnumType(PartyProjectStatus, {
  name: 'PartyProjectStatus',
  description: 'Where a project is.',
  valuesConfig: {
    PLANNED: { description: 'Not started (未启动).' },
    IN_PROGRESS: { description: 'Under way (推进中).' },
    COMPLETED: { description: 'Completed (已完成).' },
    SUSPENDED: { description: 'Suspended (已暂停).' },
  },
});

@ObjectType('PartyProjectProgress', { description: 'A dated progress note of a project.' })
export class PartyProjectProgress {
  @Field(() => String, { description: 'Date (YYYY-MM-DD).' }) notedOn: string;
  @Field(() => String, { description: 'What was done.' }) body: string;
}

@ObjectType('PartyProject', { implements: Node, description: 'A Party-building project (党建项目) in the ledger: area, owner branch, partner units, goals, dates, progress, status. Staff read projects under their grants; a partner token with unit:read reads those naming its unit.' })
export class PartyProject extends Node {
  @Field(() => String, { description: 'Title.' }) title: string;
  @Field(() => PartyProjectArea, { description: 'Area.' }) area: PartyProjectArea;
  @Field(() => String, { description: 'Goals.' }) goals: string;
  @Field(() => String, { description: 'Start date (YYYY-MM-DD).' }) startDate: string;
  @Field(() => String, { description: 'Due date (YYYY-MM-DD).' }) dueDate: string;
  @Field(() => PartyProjectStatus, { description: 'Status.' }) status: PartyProjectStatus;
  @Field(() => String, { nullable: true, description: 'When completed (YYYY-MM-DD).' }) completedOn: string | null;
  @Field(() => Int, { description: 'Grows with every change.' }) version: number;
  @Field(() => DateTimeResolver, { description: 'When entered in the ledger.' }) createdAt: Date;
}
export const PartyProjectConnection = Connection(PartyProject, 'PartyProject', 'party project');

@ObjectType('PartyProjectAreaCount', { description: 'Projects of one area.' })
export class PartyProjectAreaCount {
  @Field(() => PartyProjectArea, { description: 'The area.' }) area: PartyProjectArea;
  @Field(() => Int, { description: 'Projects.' }) total: number;
  @Field(() => Int, { description: 'Completed.' }) completed: number;
  @Field(() => Int, { description: 'Overdue.' }) overdue: number;
}

@InputType('PartyProjectFilter', { description: 'Which projects.' })
export class PartyProjectFilter {
  @Field(() => ID, { nullable: true, description: 'Owned under this org node (street, community, branch).' }) orgNodeId?: string | null;
  @Field(() => [PartyProjectArea], { nullable: true, description: 'Only these areas.' }) areas?: PartyProjectArea[] | null;
  @Field(() => [PartyProjectStatus], { nullable: true, description: 'Only these statuses.' }) statuses?: PartyProjectStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones.' }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only those with this partner unit.' }) unitId?: string | null;
  @Field(() => String, { nullable: true, description: 'Text in the title or goals, up to 50 characters.' }) query?: string | null;
}

@InputType('CreatePartyProjectInput', { description: 'A new project in the ledger.' })
export class CreatePartyProjectInput {
  @Field(() => ID, { description: 'The owner: a community committee or branch.' }) orgNodeId: string;
  @Field(() => String, { description: 'Title, 1 to 100 characters.' }) title: string;
  @Field(() => PartyProjectArea, { description: 'Area.' }) area: PartyProjectArea;
  @Field(() => String, { nullable: true, description: 'Goals, up to 2000 characters.' }) goals?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Partner units working with the community, up to 10.' }) unitIds?: string[] | null;
  @Field(() => String, { description: 'Start date (YYYY-MM-DD).' }) startDate: string;
  @Field(() => String, { description: 'Due date (YYYY-MM-DD), not before the start.' }) dueDate: string;
}

@InputType('UpdatePartyProjectInput', { description: 'Change a project; absent fields stay. A progress note may come with it.' })
export class UpdatePartyProjectInput {
  @Field(() => ID, { description: 'The project.' }) projectId: string;
  @Field(() => Int, { description: 'The version you saw.' }) expectedVersion: number;
  @Field(() => PartyProjectStatus, { nullable: true, description: 'New status; COMPLETED records today as the completion date.' }) status?: PartyProjectStatus | null;
  @Field(() => String, { nullable: true, description: 'New due date.' }) dueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'New goals.' }) goals?: string | null;
  @Field(() => String, { nullable: true, description: 'A progress note, 1 to 2000 characters.' }) progress?: string | null;
  @Field(() => String, { nullable: true, description: 'Date of the note (YYYY-MM-DD), default today.' }) progressOn?: string | null;
}

function ProjectPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => PartyProject, { nullable: true, description: 'The project now; null when refused.' }) project: PartyProjectEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const CreatePartyProjectPayload = ProjectPayload('CreatePartyProjectPayload', 'createPartyProject');
export const UpdatePartyProjectPayload = ProjectPayload('UpdatePartyProjectPayload', 'updatePartyProject');
