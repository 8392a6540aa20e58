import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

/** One clear read, write or export of sealed personal data (append-only: the database refuses changes). */
@Entity({ tableName: 'personal_data_audit' })
export class PersonalDataAuditEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true }) id: string;
  @Property({ type: 'integer', nullable: true }) accountId: number | null = null;
  @Property({ type: 'text' }) principalKind: string;
  @Property({ type: 'text' }) principalLabel: string = '';
  @Property({ type: 'text' }) recordType: string;
  @Property({ type: 'integer', nullable: true }) recordId: number | null = null;
  @Property({ type: 'integer', nullable: true }) orgNodeId: number | null = null;
  @Property({ type: ArrayType, columnType: 'text[]' }) fields: string[] = [];
  @Property({ type: 'text' }) action: string;
  @Property({ type: 'text', nullable: true }) reason: string | null = null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('PersonalDataAudit', this.id); }
}
