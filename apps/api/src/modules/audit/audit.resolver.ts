import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { Connection, Node, PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { payload, UserError } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { readable } from '../access/index.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { PersonalDataAuditEntity } from './audit.entity.js';
import * as audit from './audit.service.js';
import { revealRecord } from './audit.reveal.js';
import './audit.export.js';

@ObjectType('PersonalDataAudit', { implements: Node, description: 'One clear read, write or export of residents’ sealed personal data (append-only; nobody edits or deletes it).' })
export class PersonalDataAudit extends Node {
  @Field(() => String, { description: 'Kind of record (Household, Resident, PartyMember ...).' }) recordType: string;
  @Field(() => [String], { description: 'Fields shown or written in clear.' }) fields: string[];
  @Field(() => String, { description: 'READ (shown in clear), WRITE (sealed values written) or EXPORT (a spreadsheet with clear values).' }) action: string;
  @Field(() => String, { nullable: true, description: 'The reason the caller gave.' }) reason: string | null;
  @Field(() => DateTimeResolver, { description: 'When.' }) createdAt: Date;
  @Field(() => String, { description: 'Who: staff, partner or anonymous.' }) principalKind: string;
}

export const PersonalDataAuditConnection = Connection(PersonalDataAudit, 'PersonalDataAudit', 'personal-data audit row');

@InputType('PersonalDataAuditFilter', { description: 'Narrow the audit log.' })
export class PersonalDataAuditFilter {
  @Field(() => ID, { nullable: true, description: 'Only records under this org node.' }) orgNodeId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this kind of record (Household, Resident ...).' }) recordType?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this record (its global ID).' }) recordId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this staff account.' }) accountId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'From this time on.' }) since?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Before this time.' }) until?: Date | null;
}

@InputType('PersonalDataRevealInput', { description: 'Ask to see sealed personal data of one record in clear, with a reason.' })
export class PersonalDataRevealInput {
  @Field(() => ID, { description: 'The record (a Household or Resident global ID).' }) id: string;
  @Field(() => [String], { description: 'Which fields: phone, idNumber, careCategories, careNote.' }) fields: string[];
  @Field(() => String, { description: 'Why (2 to 200 characters), kept in the audit log.' }) reason: string;
}

@ObjectType('RevealedField', { description: 'One field in clear.' })
export class RevealedField {
  @Field(() => String, { description: 'The field name.' }) field: string;
  @Field(() => String, { nullable: true, description: 'Its value in clear (care categories as comma-separated codes); null when empty.' }) value: string | null;
}

@ObjectType('PersonalDataRevealPayload', { description: 'Result of personalDataReveal.' })
export class PersonalDataRevealPayload {
  @Field(() => [RevealedField], { nullable: true, description: 'The fields in clear; null when refused.' }) values: RevealedField[] | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

registerNodeType(PersonalDataAuditEntity, 'PersonalDataAudit', async (ctx, id) => {
  const rows = await sql(ctx.em, `select * from personal_data_audit where id = ?`, [id]);
  return readable(ctx, 'PersonalDataAudit', fromRows(ctx.em, PersonalDataAuditEntity, rows)[0] ?? null);
});

@Resolver(() => PersonalDataAudit)
export class PersonalDataAuditResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Display name of the staff account, if any.' })
  accountName(@Root() row: PersonalDataAuditEntity, @Ctx() ctx: Context) {
    return audit.accountNameOf(ctx, row.accountId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global ID of the record.' })
  recordId(@Root() row: PersonalDataAuditEntity) {
    return row.recordId == null ? null : toGlobalId(row.recordType, row.recordId);
  }

  @Query(() => PersonalDataAuditConnection, { description: 'The personal-data audit log, newest first: committee admins, for records under their grants.' })
  async personalDataAudit(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => PersonalDataAuditFilter, { nullable: true, description: 'Narrow the log.' }) filter: PersonalDataAuditFilter | null, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await audit.listAudit(ctx, filter, page), page, () => audit.countAudit(ctx, filter));
  }

  @Mutation(() => PersonalDataRevealPayload, { description: 'Show sealed personal data of one record in clear (roles that need it), with a reason: one audit row.' })
  personalDataReveal(@Arg('input', () => PersonalDataRevealInput, { description: 'The record, the fields and the reason.' }) input: PersonalDataRevealInput, @Ctx() ctx: Context) {
    return payload(async () => ({ values: (await revealRecord(ctx, input)).values }), { values: null });
  }
}

export const auditResolvers = [PersonalDataAuditResolver];
export const auditEntities = [PersonalDataAuditEntity];
