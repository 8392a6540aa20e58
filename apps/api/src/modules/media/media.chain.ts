/**
 * What files add to other modules' types: `attachments` on demands, hazards, visits and meetings, `cover` on
 * activities (beside their `coverImageUrl`), and the media table as a tenant table.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ListBound } from '../../graphql/cost.js';
import { registerTenantTable } from '../org/index.js';
import { Demand, type DemandEntity } from '../demand/index.js';
import { Hazard, type HazardEntity } from '../hazard/index.js';
import { Visit, type VisitEntity } from '../visit/index.js';
import { Meeting, type MeetingEntity } from '../meeting/index.js';
import { Activity, type ActivityEntity } from '../activity/index.js';
import { AttachmentOwnerType, MediaKind } from './media.entity.js';
import { Media } from './media.types.js';
import { attachmentsOf, MAX_ATTACHMENTS } from './media.service.js';

registerTenantTable({ table: 'media', via: 'org_node_id' });

const ATTACHMENTS = { description: 'Photos and recordings attached to it, oldest first (up to 20); as private as the record.' } as const;

@Resolver(() => Demand)
export class DemandMediaResolver {
  @FieldResolver(() => [Media], ATTACHMENTS)
  @ListBound(MAX_ATTACHMENTS)
  attachments(@Root() d: DemandEntity, @Ctx() ctx: Context) { return attachmentsOf(ctx, AttachmentOwnerType.DEMAND, d.id); }
}

@Resolver(() => Hazard)
export class HazardMediaResolver {
  @FieldResolver(() => [Media], ATTACHMENTS)
  @ListBound(MAX_ATTACHMENTS)
  attachments(@Root() h: HazardEntity, @Ctx() ctx: Context) { return attachmentsOf(ctx, AttachmentOwnerType.HAZARD, h.id); }
}

@Resolver(() => Visit)
export class VisitMediaResolver {
  @FieldResolver(() => [Media], ATTACHMENTS)
  @ListBound(MAX_ATTACHMENTS)
  attachments(@Root() v: VisitEntity, @Ctx() ctx: Context) { return attachmentsOf(ctx, AttachmentOwnerType.VISIT, v.id); }
}

@Resolver(() => Meeting)
export class MeetingMediaResolver {
  @FieldResolver(() => [Media], { description: 'Photos and recordings attached to it (the minutes, the sign-in sheet), oldest first (up to 20); as private as the meeting.' })
  @ListBound(MAX_ATTACHMENTS)
  attachments(@Root() m: MeetingEntity, @Ctx() ctx: Context) { return attachmentsOf(ctx, AttachmentOwnerType.MEETING, m.id); }
}

@Resolver(() => Activity)
export class ActivityMediaResolver {
  @FieldResolver(() => Media, { nullable: true, description: 'The uploaded cover photo (the first photo attached to the activity); `coverImageUrl` still works for a link.' })
  async cover(@Root() a: ActivityEntity, @Ctx() ctx: Context) {
    return (await attachmentsOf(ctx, AttachmentOwnerType.ACTIVITY, a.id, MediaKind.IMAGE))[0] ?? null;
  }
}

export const mediaChainResolvers = [DemandMediaResolver, HazardMediaResolver, VisitMediaResolver, MeetingMediaResolver, ActivityMediaResolver];
