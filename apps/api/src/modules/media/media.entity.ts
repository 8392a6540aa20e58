import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum MediaKind { IMAGE = 'IMAGE', AUDIO = 'AUDIO' }
export enum MediaVisibility { PUBLIC = 'PUBLIC', PRIVATE = 'PRIVATE' }
/** The records files are attached to; each maps to the GraphQL type whose read rule the file follows. */
export enum AttachmentOwnerType { DEMAND = 'DEMAND', HAZARD = 'HAZARD', VISIT = 'VISIT', MEETING = 'MEETING', ACTIVITY = 'ACTIVITY', ANNOUNCEMENT = 'ANNOUNCEMENT' }

export const OWNER_GRAPHQL_TYPE: Record<AttachmentOwnerType, string> = {
  DEMAND: 'Demand',
  HAZARD: 'Hazard',
  VISIT: 'Visit',
  MEETING: 'Meeting',
  ACTIVITY: 'Activity',
  ANNOUNCEMENT: 'Announcement',
};

/** An uploaded photo or audio recording. */
@Entity({ tableName: 'media' })
export class MediaEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => MediaKind, type: 'string' }) kind: MediaKind;
  @Property({ type: 'text' }) mime: string;
  @Property({ type: 'integer' }) sizeBytes: number;
  @Property({ type: 'integer', nullable: true }) width: number | null = null;
  @Property({ type: 'integer', nullable: true }) height: number | null = null;
  @Property({ type: 'integer', nullable: true }) durationMs: number | null = null;
  @Property({ type: 'text' }) storageKey: string;
  @Enum({ items: () => MediaVisibility, type: 'string' }) visibility: MediaVisibility = MediaVisibility.PRIVATE;
  @Property({ type: 'text', nullable: true }) originalName: string | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Media', this.id); }
}

/** A file attached to a record. */
@Entity({ tableName: 'attachment' })
export class AttachmentEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) mediaId: number;
  @Enum({ items: () => AttachmentOwnerType, type: 'string' }) ownerType: AttachmentOwnerType;
  @Property({ type: 'integer' }) ownerId: number;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
}
