/** The talent pool module (治理人才库): recruitment calls, applicants, talent teams. */
import { RecruitmentCallEntity, TalentApplicantEntity, TalentTeamEntity } from './talent.entity.js';
import {
  RecruitmentCallFieldsResolver, TalentApplicantFieldsResolver, TalentMutationResolver, TalentQueryResolver, TalentTeamFieldsResolver,
} from './talent.resolver.js';

export const talentEntities = [RecruitmentCallEntity, TalentTeamEntity, TalentApplicantEntity];
export const talentResolvers = [RecruitmentCallFieldsResolver, TalentTeamFieldsResolver, TalentApplicantFieldsResolver, TalentQueryResolver, TalentMutationResolver];
