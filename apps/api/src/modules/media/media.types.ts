import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { MediaKind, MediaVisibility, type MediaEntity } from './media.entity.js';

registerEnumType(MediaKind, {
  name: 'MediaKind',
  description: 'What an uploaded file is, read from its content.',
  valuesConfig: { IMAGE: { description: 'A photo (stored upright, at most 1600 px, without metadata).' }, AUDIO: { description: 'An audio recording.' } },
});
registerEnumType(MediaVisibility, {
  name: 'MediaVisibility',
  description: 'Who may fetch an uploaded file.',
  valuesConfig: {
    PUBLIC: { description: 'Anyone (served with long-lived caching headers).' },
    PRIVATE: { description: 'Its uploader and whoever may read a record it is attached to.' },
  },
});

@ObjectType('Media', { implements: Node, description: 'An uploaded photo or audio recording. Upload with `POST /media`; fetch the bytes at `url`.' })
export class Media extends Node {
  @Field(() => MediaKind, { description: 'Photo or audio.' }) kind: MediaKind;
  @Field(() => String, { description: 'MIME type, detected from the content.' }) mime: string;
  @Field(() => Int, { description: 'Size in bytes as stored.' }) sizeBytes: number;
  @Field(() => Int, { nullable: true, description: 'Width in pixels (photos).' }) width: number | null;
  @Field(() => Int, { nullable: true, description: 'Height in pixels (photos).' }) height: number | null;
  @Field(() => MediaVisibility, { description: 'Who may fetch it.' }) visibility: MediaVisibility;
  @Field(() => DateTimeResolver, { description: 'When it was uploaded.' }) createdAt: Date;
}

/** The fields computed from the row (url, duration). */
export function mediaUrl(m: Pick<MediaEntity, 'id'>): string {
  return `/media/${m.id}`;
}
export function durationSeconds(m: Pick<MediaEntity, 'durationMs'>): number | null {
  return m.durationMs == null ? null : Math.round(m.durationMs / 100) / 10;
}

@InputType('AttachMediaInput', { description: 'Attach an uploaded file to a record.' })
export class AttachMediaInput {
  @Field(() => ID, { description: 'The file (from `POST /media`).' }) mediaId: string;
  @Field(() => ID, { description: 'The record: a Demand, Hazard, Visit, Meeting, Activity or Announcement you may change.' }) ownerId: string;
}

@InputType('DetachMediaInput', { description: 'Remove a file from a record.' })
export class DetachMediaInput {
  @Field(() => ID, { description: 'The file.' }) mediaId: string;
  @Field(() => ID, { description: 'The record it is attached to.' }) ownerId: string;
}

@ObjectType('AttachMediaPayload', { description: 'Result of attachMedia or detachMedia.' })
export class AttachMediaPayload {
  @Field(() => Media, { nullable: true, description: 'The file; null when refused.' }) media: MediaEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
