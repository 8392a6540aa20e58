import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';
import { GrantRole } from './access.scope.js';

/** A staff account (community worker, branch secretary). */
@Entity({ tableName: 'account' })
export class AccountEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'text' }) username: string;
  @Property({ type: 'text', hidden: true }) passwordHash: string;
  @Property({ type: 'text' }) displayName: string;
  @Property({ type: 'datetime', nullable: true }) disabledAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Account', this.id); }
}

/** A bearer session; only the SHA-256 of its token is stored. */
@Entity({ tableName: 'account_session' })
export class AccountSessionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) accountId: number;
  @Property({ type: 'text', hidden: true }) tokenHash: string;
  @Property({ type: 'datetime' }) expiresAt: Date;
  @Property({ type: 'datetime', nullable: true }) revokedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) lastUsedAt: Date | null = null;
}

/** Ties an account to an org node with a role; covers the node's whole subtree. */
@Entity({ tableName: 'access_grant' })
export class AccessGrantEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) accountId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => GrantRole, type: 'string' }) role: GrantRole;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Grant', this.id); }
}
