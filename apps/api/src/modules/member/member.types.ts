import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, Node } from '../../graphql/relay.js';
import { Gender, MemberStatus, PositionRole } from './member.entity.js';

registerEnumType(Gender, { name: 'Gender', description: 'Gender (性别).', valuesConfig: { MALE: { description: 'Male (男).' }, FEMALE: { description: 'Female (女).' } } });
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Party membership status.',
  valuesConfig: { FULL: { description: 'Full member (正式党员).' }, PROBATIONARY: { description: 'Probationary member (预备党员).' } },
});
registerEnumType(PositionRole, {
  name: 'PositionRole',
  description: 'A position held in an org node.',
  valuesConfig: {
    SECRETARY: { description: 'Secretary (书记).' },
    DEPUTY_SECRETARY: { description: 'Deputy secretary (副书记).' },
    COMMITTEE_MEMBER: { description: 'Committee member (委员).' },
    BUILDING_HEAD: { description: 'Member building head (党员楼栋长), leads a building group.' },
    HOUSEHOLD_HEAD: { description: 'Head of a member household (党员中心户户主).' },
  },
});

@ObjectType('PartyMember', { implements: Node, description: 'A Party member (党员). Visible only to staff whose grants cover the member.' })
export class PartyMember extends Node {
  @Field(() => String, { description: 'Full name.' }) name: string;
  @Field(() => Gender, { description: 'Gender.' }) gender: Gender;
  @Field(() => String, { nullable: true, description: 'Date joined the Party (入党日期), YYYY-MM-DD.' }) joinedOn: string | null;
  @Field(() => MemberStatus, { description: 'Full or probationary.' }) status: MemberStatus;
}

@ObjectType('MemberPosition', { implements: Node, description: 'A position a member holds in an org node, e.g. secretary of a branch.' })
export class MemberPosition extends Node {
  @Field(() => PositionRole, { description: 'The position.' }) role: PositionRole;
  @Field(() => String, { nullable: true, description: 'Held since, YYYY-MM-DD.' }) since: string | null;
}

export const PartyMemberConnection = Connection(PartyMember, 'PartyMember', 'Party member');

export enum LeaderState {
  SET = 'SET',
  NOT_SET = 'NOT_SET',
  HIDDEN = 'HIDDEN',
}
registerEnumType(LeaderState, {
  name: 'LeaderState',
  description: "Whether a node has a leader (secretary, building head, household head), as the viewer may know it: a leader the viewer may not see is HIDDEN, never NOT_SET.",
  valuesConfig: {
    SET: { description: 'Has a leader, shown in `leader`.' },
    NOT_SET: { description: 'Nobody holds the position (未设置).' },
    HIDDEN: { description: 'Somebody holds it, outside your access (无权查看): `leader` is null.' },
  },
});
