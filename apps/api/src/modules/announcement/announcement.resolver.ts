import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, OrgNode, registerTenantTable } from '../org/index.js';
import { attachmentsOf, AttachmentOwnerType, Media, MediaKind } from '../media/index.js';
import { AnnouncementEntity } from './announcement.entity.js';
import {
  Announcement, AnnouncementConnection, AnnouncementFilter, AnnouncementPayload, CreateAnnouncementInput, DeleteAnnouncementInput, UpdateAnnouncementInput,
} from './announcement.types.js';
import * as announcements from './announcement.service.js';

registerNodeType(AnnouncementEntity, 'Announcement', (ctx, id) => announcements.findVisibleAnnouncement(ctx, id));
registerTenantTable({ table: 'announcement', via: 'org_node_id' });

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Announcement)
export class AnnouncementFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The author node (community or branch).' })
  orgNode(@Root() a: AnnouncementEntity, @Ctx() ctx: Context) { return loadNode(ctx, a.orgNodeId); }

  @FieldResolver(() => String, { description: 'Name of the author node, for public pages.' })
  async authorName(@Root() a: AnnouncementEntity, @Ctx() ctx: Context) { return (await loadNode(ctx, a.orgNodeId))?.name ?? ''; }

  @FieldResolver(() => Media, { nullable: true, description: 'The recording (the first audio file attached), e.g. the weekly 红色小广播 briefing.' })
  async audio(@Root() a: AnnouncementEntity, @Ctx() ctx: Context) {
    return (await attachmentsOf(ctx, AttachmentOwnerType.ANNOUNCEMENT, a.id, MediaKind.AUDIO))[0] ?? null;
  }

  @FieldResolver(() => [Media], { description: 'Photos attached, oldest first (up to 20).' })
  @ListBound(announcements.MAX_MEDIA)
  images(@Root() a: AnnouncementEntity, @Ctx() ctx: Context) { return attachmentsOf(ctx, AttachmentOwnerType.ANNOUNCEMENT, a.id, MediaKind.IMAGE); }
}

@Resolver()
export class AnnouncementQueryResolver {
  @Query(() => AnnouncementConnection, { description: 'Announcements you may read (public ones shown now for everyone; members\' and staff ones by their rules), latest first.' })
  async announcements(@Arg('filter', () => AnnouncementFilter, { nullable: true, description: 'Which ones.' }) filter: AnnouncementFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await announcements.listAnnouncements(ctx, filter, page), page, () => announcements.countAnnouncements(ctx, filter));
  }

  @Query(() => AnnouncementConnection, { description: 'The public announcements of a community shown now (社区公告 on the events site), latest first; never members\' or staff ones, whoever asks.' })
  async publicAnnouncements(@Arg('communityId', () => ID, { description: 'The community (from publicCommunities).' }) communityId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const { rows, total } = await announcements.publicAnnouncements(ctx, communityId, page);
    return toConnection(rows, page, typeof total === 'number' ? async () => total : total);
  }
}

@Resolver()
export class AnnouncementMutationResolver {
  @Mutation(() => AnnouncementPayload, { description: 'Publish an announcement (or schedule it with publishAt), with uploaded recording and photos.' })
  createAnnouncement(@Arg('input', () => CreateAnnouncementInput, INPUT) input: CreateAnnouncementInput, @Ctx() ctx: Context) {
    return payload(async () => ({ announcement: await announcements.createAnnouncement(ctx, input) }), { announcement: null });
  }

  @Mutation(() => AnnouncementPayload, { description: 'Change an announcement.' })
  updateAnnouncement(@Arg('input', () => UpdateAnnouncementInput, INPUT) input: UpdateAnnouncementInput, @Ctx() ctx: Context) {
    return payload(async () => ({ announcement: await announcements.updateAnnouncement(ctx, input) }), { announcement: null });
  }

  @Mutation(() => AnnouncementPayload, { description: 'Delete an announcement (its files stay with their uploaders).' })
  deleteAnnouncement(@Arg('input', () => DeleteAnnouncementInput, INPUT) input: DeleteAnnouncementInput, @Ctx() ctx: Context) {
    return payload(async () => ({ announcement: await announcements.deleteAnnouncement(ctx, input.id) }), { announcement: null });
  }
}

export const announcementEntities = [AnnouncementEntity];
export const announcementResolvers = [AnnouncementFieldsResolver, AnnouncementQueryResolver, AnnouncementMutationResolver];
