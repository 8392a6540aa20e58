/** What other modules may use of the talent pool module (治理人才库). */
export { ApplicantStatus, RecruitmentCallEntity, TalentApplicantEntity, TalentTeamEntity } from './talent.entity.js';
export { teamStats } from './talent.service.js';
