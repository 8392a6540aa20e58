import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { AnnouncementAudience, type AnnouncementEntity } from './announcement.entity.js';

registerEnumType(AnnouncementAudience, {
  name: 'AnnouncementAudience',
  description: 'Who an announcement is for.',
  valuesConfig: {
    PUBLIC: { description: 'Residents: shown on the public events site (社区公告) and its feed.' },
    MEMBERS: { description: 'The Party members and staff of the author node\'s subtree (admin site only).' },
    STAFF: { description: 'Staff over the author node (admin site only).' },
  },
});

@ObjectType('Announcement', { implements: Node, description: 'A notice (公告, 公示) or the weekly audio briefing (红色小广播) of an org node, with optional recording and photos.' })
export class Announcement extends Node {
  @Field(() => String, { description: 'Title.' }) title: string;
  @Field(() => String, { description: 'Text (plain, line breaks kept).' }) body: string;
  @Field(() => AnnouncementAudience, { description: 'Who it is for.' }) audience: AnnouncementAudience;
  @Field(() => DateTimeResolver, { description: 'Shown from.' }) publishAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Shown until (none: no end).' }) expiresAt: Date | null;
  @Field(() => DateTimeResolver, { description: 'Last changed.' }) updatedAt: Date;
}

export const AnnouncementConnection = Connection(Announcement, 'Announcement', 'announcement');

@InputType('AnnouncementFilter', { description: 'Which announcements.' })
export class AnnouncementFilter {
  @Field(() => ID, { nullable: true, description: 'Written by this node or under it.' }) orgNodeId?: string | null;
  @Field(() => AnnouncementAudience, { nullable: true, description: 'Only this audience.' }) audience?: AnnouncementAudience | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only those shown now (published, not expired).' }) liveOnly?: boolean | null;
}

@InputType('CreateAnnouncementInput', { description: 'A new announcement.' })
export class CreateAnnouncementInput {
  @Field(() => ID, { description: 'The author node (a community or branch you may write for).' }) orgNodeId: string;
  @Field(() => String, { description: 'Title, 1 to 100 characters.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Text, up to 5000 characters.' }) body?: string | null;
  @Field(() => AnnouncementAudience, { description: 'Who it is for.' }) audience: AnnouncementAudience;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Shown from (default: now).' }) publishAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Shown until (default: no end).' }) expiresAt?: Date | null;
  @Field(() => [ID], { nullable: true, description: 'Uploaded files to attach (the recording and photos; up to 20).' }) mediaIds?: string[] | null;
}

@InputType('UpdateAnnouncementInput', { description: 'Change an announcement; fields left out stay.' })
export class UpdateAnnouncementInput {
  @Field(() => ID, { description: 'The announcement.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Title.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'Text.' }) body?: string | null;
  @Field(() => AnnouncementAudience, { nullable: true, description: 'Who it is for.' }) audience?: AnnouncementAudience | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Shown from.' }) publishAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Shown until; send null to remove the end.' }) expiresAt?: Date | null;
}

@InputType('DeleteAnnouncementInput', { description: 'Delete an announcement.' })
export class DeleteAnnouncementInput {
  @Field(() => ID, { description: 'The announcement.' }) id: string;
}

@ObjectType('AnnouncementPayload', { description: 'Result of createAnnouncement, updateAnnouncement or deleteAnnouncement.' })
export class AnnouncementPayload {
  @Field(() => Announcement, { nullable: true, description: 'The announcement now (as it was, for a deletion); null when refused.' }) announcement: AnnouncementEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
