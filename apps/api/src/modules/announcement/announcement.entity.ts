import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

/** Who an announcement is for. */
export enum AnnouncementAudience { PUBLIC = 'PUBLIC', MEMBERS = 'MEMBERS', STAFF = 'STAFF' }

/** A notice or the weekly audio briefing (红色小广播) of an org node. */
@Entity({ tableName: 'announcement' })
export class AnnouncementEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'text' }) body: string = '';
  @Enum({ items: () => AnnouncementAudience, type: 'string' }) audience: AnnouncementAudience = AnnouncementAudience.PUBLIC;
  @Property({ type: 'datetime' }) publishAt: Date;
  @Property({ type: 'datetime', nullable: true }) expiresAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Announcement', this.id); }
}

/** Published and not expired at `now`. */
export function isLive(a: Pick<AnnouncementEntity, 'publishAt' | 'expiresAt'>, now = new Date()): boolean {
  return a.publishAt.getTime() <= now.getTime() && (a.expiresAt == null || a.expiresAt.getTime() > now.getTime());
}
export const LIVE_SQL = (t: string) => `(${t}.publish_at <= now() and (${t}.expires_at is null or ${t}.expires_at > now()))`;
