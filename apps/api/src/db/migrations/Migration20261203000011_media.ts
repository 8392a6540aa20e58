import { Migration } from '@mikro-orm/migrations';

/**
 * Uploaded files and announcements.
 *
 * - `media`: one uploaded photo or audio recording. The bytes live in the media store (a folder under the data
 *   directory, or S3-compatible object storage) under `storage_key`; the row holds what was read from the
 *   content itself (`mime` from the magic bytes, never from the file name; image size; audio duration).
 *   Images are stored re-encoded, turned upright, at most 1600 px and without metadata (no EXIF GPS).
 *   `visibility`: PUBLIC files anyone may fetch (cached); PRIVATE ones their uploader and whoever may read a
 *   record they are attached to.
 * - `attachment`: links a file to the record it belongs to (a demand, hazard, visit, meeting, activity or
 *   announcement); reading the file through an attachment follows the record's own read rule.
 * - `announcement`: a notice or the weekly audio briefing (红色小广播) of an org node, for the public (the events
 *   site), the members of the node's subtree or its staff, shown from `publish_at` until `expires_at`.
 */
export const MEDIA_KINDS = ['IMAGE', 'AUDIO'];
export const MEDIA_VISIBILITIES = ['PUBLIC', 'PRIVATE'];
export const ATTACHMENT_OWNER_TYPES = ['DEMAND', 'HAZARD', 'VISIT', 'MEETING', 'ACTIVITY', 'ANNOUNCEMENT'];
export const ANNOUNCEMENT_AUDIENCES = ['PUBLIC', 'MEMBERS', 'STAFF'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const MEDIA_UP = [
  `create table media (
     id serial primary key,
     community_id integer references org_node (id),
     org_node_id integer not null references org_node (id),
     kind text not null check (kind in (${list(MEDIA_KINDS)})),
     mime text not null,
     size_bytes integer not null check (size_bytes > 0),
     width integer,
     height integer,
     duration_ms integer,
     storage_key text not null unique,
     visibility text not null default 'PRIVATE' check (visibility in (${list(MEDIA_VISIBILITIES)})),
     original_name text,
     created_by integer references account (id),
     created_at timestamptz not null default now()
   )`,
  `create index media_org_node_idx on media (org_node_id, id)`,
  `create index media_created_by_idx on media (created_by, id)`,
  `create table attachment (
     id serial primary key,
     media_id integer not null references media (id) on delete cascade,
     owner_type text not null check (owner_type in (${list(ATTACHMENT_OWNER_TYPES)})),
     owner_id integer not null,
     created_by integer references account (id),
     created_at timestamptz not null default now(),
     unique (media_id, owner_type, owner_id)
   )`,
  `create index attachment_owner_idx on attachment (owner_type, owner_id, id)`,
  `create table announcement (
     id serial primary key,
     community_id integer references org_node (id),
     org_node_id integer not null references org_node (id),
     title text not null check (length(title) between 1 and 100),
     body text not null default '' check (length(body) <= 5000),
     audience text not null default 'PUBLIC' check (audience in (${list(ANNOUNCEMENT_AUDIENCES)})),
     publish_at timestamptz not null,
     expires_at timestamptz,
     created_by integer references account (id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check (expires_at is null or expires_at > publish_at)
   )`,
  `create index announcement_community_idx on announcement (community_id, publish_at desc, id desc)`,
  `create index announcement_org_node_idx on announcement (org_node_id, publish_at desc)`,
];

export const MEDIA_DOWN = [`drop table announcement`, `drop table attachment`, `drop table media`];

export class Migration20261203000011_media extends Migration {
  override async up(): Promise<void> {
    for (const statement of MEDIA_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of MEDIA_DOWN) this.addSql(statement);
  }
}
