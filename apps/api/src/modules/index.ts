/**
 * The domain modules. Each module owns its entities and resolvers; adding a module means adding it here.
 */
import type { NonEmptyArray } from 'type-graphql';
import { OrgNodeEntity } from './org/org.entity.js';
import { MemberPositionEntity, MemberTransferEntity, PartyMemberEntity } from './member/member.entity.js';
import { BuildingEntity, CompoundEntity, GridEntity, HouseholdEntity, ResidentEntity } from './household/household.entity.js';
import { auditEntities, auditResolvers } from './audit/audit.resolver.js';
import { AccessGrantEntity, AccountEntity, AccountSessionEntity } from './access/access.entity.js';
import {
  AgreementEntity, CoBuildingUnitEntity, CommitteeSeatEntity, CrossAppointmentEntity, DoubleReportEntity, PartnerTokenEntity, PropertyEvaluationEntity,
} from './unit/unit.entity.js';
import { orgResolvers } from './org/org.resolver.js';
import { memberResolvers } from './member/member.resolver.js';
import { householdResolvers } from './household/household.resolver.js';
import { accessResolvers } from './access/access.resolver.js';
import { unitResolvers } from './unit/unit.resolver.js';
import { activityEntities, activityModuleResolvers } from './activity/activity.module.js';
import { volunteerEntities, volunteerResolvers } from './volunteer/volunteer.module.js';
import { demandEntities, demandResolvers } from './demand/demand.module.js';
import { demandMetricsResolvers } from './demand/demand.metrics.js';
import { meetingEntities, meetingResolvers } from './meeting/meeting.module.js';
import { visitEntities, visitResolvers } from './visit/visit.module.js';
import { hazardEntities, hazardResolvers } from './hazard/hazard.module.js';
import { projectEntities, projectResolvers } from './project/project.module.js';
import { notificationEntities } from './notification/notification.module.js';
import { decisionEntities, decisionResolvers } from './decision/decision.module.js';
import { serviceEntities, serviceResolvers } from './service/service.module.js';
import { talentEntities, talentResolvers } from './talent/talent.module.js';
import { mediaEntities, mediaResolvers } from './media/media.module.js';
import { announcementEntities, announcementResolvers } from './announcement/announcement.module.js';
import { NodeResolver } from '../graphql/node.resolver.js';
import { UserErrorResolver } from '../graphql/user-errors.i18n.js';

export const entities = [
  OrgNodeEntity,
  PartyMemberEntity,
  MemberPositionEntity,
  MemberTransferEntity,
  HouseholdEntity,
  ResidentEntity,
  CompoundEntity,
  BuildingEntity,
  GridEntity,
  ...auditEntities,
  AccountEntity,
  AccountSessionEntity,
  AccessGrantEntity,
  CoBuildingUnitEntity,
  AgreementEntity,
  CommitteeSeatEntity,
  CrossAppointmentEntity,
  PropertyEvaluationEntity,
  DoubleReportEntity,
  PartnerTokenEntity,
  ...activityEntities,
  ...volunteerEntities,
  ...demandEntities,
  ...meetingEntities,
  ...visitEntities,
  ...hazardEntities,
  ...projectEntities,
  ...notificationEntities,
  ...decisionEntities,
  ...serviceEntities,
  ...talentEntities,
  ...mediaEntities,
  ...announcementEntities,
];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  UserErrorResolver,
  ...orgResolvers,
  ...memberResolvers,
  ...householdResolvers,
  ...auditResolvers,
  ...accessResolvers,
  ...unitResolvers,
  ...activityModuleResolvers,
  ...volunteerResolvers,
  ...demandResolvers,
  ...demandMetricsResolvers,
  ...meetingResolvers,
  ...visitResolvers,
  ...hazardResolvers,
  ...projectResolvers,
  ...decisionResolvers,
  ...serviceResolvers,
  ...talentResolvers,
  ...mediaResolvers,
  ...announcementResolvers,
];
