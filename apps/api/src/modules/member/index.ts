/** What other modules may use of the members module. */
export { MemberPositionEntity, PartyMemberEntity } from './member.entity.js';
export { findVisibleMember, loadMember } from './member.service.js';
export { PartyMember } from './member.types.js';
