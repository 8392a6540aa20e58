import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum ServiceSource { CHECK_IN = 'CHECK_IN', MANUAL = 'MANUAL', SERVICE_ORDER = 'SERVICE_ORDER' }

/** A volunteer (志愿者) of a community, possibly a Party member and possibly serving for a co-building unit. */
@Entity({ tableName: 'volunteer' })
export class VolunteerEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) name: string;
  /** Null once cleared by retention (contactClearedAt). */
  @Property({ type: 'text', nullable: true }) phone: string | null;
  @Property({ type: 'datetime', nullable: true }) contactClearedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Property({ type: 'integer', nullable: true }) unitId: number | null = null;
  @Property({ type: ArrayType }) skills: string[] = [];
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Volunteer', this.id); }
  get archived(): boolean { return this.archivedAt != null; }
}

/** A volunteer team (志愿服务队): 周五志愿服务队, 爱心义诊团, 非遗守艺人 ... */
@Entity({ tableName: 'volunteer_team' })
export class VolunteerTeamEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: ArrayType }) skills: string[] = [];
  @Property({ type: 'integer', nullable: true }) unitId: number | null = null;
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('VolunteerTeam', this.id); }
}

/** Hours of service (服务时长) a volunteer gave: from check-in to check-out, or entered by staff. */
@Entity({ tableName: 'service_record' })
export class ServiceRecordEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) volunteerId: number;
  @Property({ type: 'integer', nullable: true }) activityId: number | null = null;
  @Property({ type: 'integer', nullable: true }) registrationId: number | null = null;
  /** Set for hours given on a service order (modules/service). */
  @Property({ type: 'integer', nullable: true }) demandId: number | null = null;
  /** numeric(6,2) arrives as text; read through `hoursValue`. */
  @Property({ type: 'decimal', precision: 6, scale: 2 }) hours: string;
  @Property({ type: 'date' }) servedOn: string;
  @Enum({ items: () => ServiceSource, type: 'string' }) source: ServiceSource;
  @Property({ type: 'text', nullable: true }) note: string | null = null;
  @Property({ type: 'integer', nullable: true }) recordedBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('ServiceRecord', this.id); }
  get hoursValue(): number { return Number(this.hours); }
}

/** An annual recognition (表彰): 优秀志愿者 for a volunteer, 健康家庭 for a household. */
@Entity({ tableName: 'recognition' })
export class RecognitionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) year: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'integer', nullable: true }) volunteerId: number | null = null;
  @Property({ type: 'integer', nullable: true }) householdId: number | null = null;
  @Property({ type: 'text', nullable: true }) citation: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Recognition', this.id); }
}
