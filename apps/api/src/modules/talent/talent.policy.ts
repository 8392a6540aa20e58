/**
 * Access policy of the talent pool (治理人才库).
 *
 * - RecruitmentCall: published calls are public (the events site shows them with their sign-up form); others are
 *   read by staff whose grants cover the community. Written by the community's writing roles.
 * - TalentTeam: public (name, focus, counts), like volunteer teams; written by the community's writing roles.
 * - TalentApplicant: residents' applications, personal data: read by staff whose grants cover the community; the
 *   phone is sealed and shown masked; written (reviewed, placed) by the community's writing roles.
 */
import { anyOf, definePolicy, everyone, PERSONAL_DATA_ROLES, rule, WRITE_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { RecruitmentCallEntity, TalentApplicantEntity, TalentTeamEntity } from './talent.entity.js';

definePolicy<RecruitmentCallEntity>({
  type: 'RecruitmentCall',
  table: 'recruitment_call',
  entity: RecruitmentCallEntity,
  read: anyOf(
    rule<RecruitmentCallEntity>((_ctx, c) => c.published, (_ctx, t) => ({ sql: `${t}.published`, params: [] })),
    underNode((_ctx, c) => c.communityId, (t) => `${t}.community_id`),
  ),
  write: underNode((_ctx, c) => c.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

definePolicy<TalentTeamEntity>({
  type: 'TalentTeam',
  table: 'talent_team',
  entity: TalentTeamEntity,
  read: everyone(),
  write: underNode((_ctx, t) => t.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

definePolicy<TalentApplicantEntity>({
  type: 'TalentApplicant',
  table: 'talent_applicant',
  entity: TalentApplicantEntity,
  read: underNode((_ctx, a) => a.communityId, (t) => `${t}.community_id`),
  write: underNode((_ctx, a) => a.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
  reveal: underNode((_ctx, a) => a.communityId, (t) => `${t}.community_id`, PERSONAL_DATA_ROLES),
});
