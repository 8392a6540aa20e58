/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who an activity is for. */
export type ActivityAudience =
  /** For Party members only (仅限党员); never shown to the public. */
  | 'MEMBERS_ONLY'
  /** Open to all residents (公开); listed on the public events page. */
  | 'PUBLIC';

/** What kind of activity it is (活动类别). */
export type ActivityCategory =
  /** Culture and arts (文化活动), e.g. 京剧班, 非遗. */
  | 'CULTURE'
  /** Free clinic and health talks (义诊 / 健康讲座). */
  | 'HEALTH_CLINIC'
  /** Lecture or class (讲座 / 课堂). */
  | 'LECTURE'
  /** Legal advice and aid (普法 / 法律援助), e.g. 普法茶水铺. */
  | 'LEGAL_AID'
  /** Anything else (其他), e.g. consultation meetings. */
  | 'OTHER'
  /** Themed Party day (主题党日). */
  | 'PARTY_DAY'
  /** Service fair / market (便民服务集市), e.g. 河畔集市. */
  | 'SERVICE_FAIR'
  /** Sports and fitness (体育健身), e.g. 健康跑. */
  | 'SPORTS'
  /** Volunteer service (志愿服务). */
  | 'VOLUNTEER_SERVICE';

/** Changes to one activity; omitted fields stay, null clears a nullable field. Partner tokens may change only title, description, times, capacity and venue. */
export type ActivityUpdateInput = {
  /** New audience. */
  audience?: ActivityAudience | null | undefined;
  /** New number of seats; null: no limit. Not below the seats already taken; more seats move waiting residents up. */
  capacity?: number | null | undefined;
  /** New category. */
  category?: ActivityCategory | null | undefined;
  /** The co-hosting units (replaces the list). */
  coHostIds?: Array<string | number> | null | undefined;
  /** New cover image URL; null clears it. */
  coverImageUrl?: string | null | undefined;
  /** New description. */
  description?: string | null | undefined;
  /** New end. */
  endsAt?: string | null | undefined;
  /** The `version` you last read; refused with CONFLICT if someone changed the activity since. */
  expectedVersion?: number | null | undefined;
  /** The activity. */
  id: string | number;
  /** New close of sign-up; null: at the start. */
  registrationClosesAt?: string | null | undefined;
  /** New opening of sign-up; null: on publishing. */
  registrationOpensAt?: string | null | undefined;
  /** New start. */
  startsAt?: string | null | undefined;
  /** New title. */
  title?: string | null | undefined;
  /** New venue; null clears it. */
  venueId?: string | number | null | undefined;
};

/** Where a co-building agreement stands, from its dates and any termination. */
export type AgreementStatus =
  /** In force (生效中): not terminated and the term has not ended. */
  | 'ACTIVE'
  /** The term ended (已到期) without renewal. */
  | 'EXPIRED'
  /** Ended early by the parties (已终止). */
  | 'TERMINATED';

/** Why a mutation was refused, for errors the user can fix. */
export type UserErrorCode =
  /** The activity is full; sign up again with `joinWaitlist: true` to join the waiting list. */
  | 'ACTIVITY_FULL'
  /** This phone number is already signed up for the activity. */
  | 'ALREADY_REGISTERED'
  /** The object is archived and cannot be changed. */
  | 'ARCHIVED'
  /** Someone else changed the object meanwhile; reload and try again. */
  | 'CONFLICT'
  /** The move would put a node under itself or one of its descendants. */
  | 'CYCLE'
  /** An object with the same key already exists. */
  | 'DUPLICATE'
  /** The node still has live children; move or archive them first. */
  | 'HAS_CHILDREN'
  /** Wrong username or password. */
  | 'INVALID_CREDENTIALS'
  /** A field is missing, malformed or out of range; `field` says which. */
  | 'INVALID_INPUT'
  /** The org chain does not allow this parent for this kind of node. */
  | 'INVALID_PARENT'
  /** The object is not in a state that allows this action. */
  | 'INVALID_STATE'
  /** The object does not exist or is not visible to the caller. */
  | 'NOT_FOUND'
  /** Sign-up is not open for this activity now. */
  | 'REGISTRATION_CLOSED';

export type MyAgreementsAndSeatsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAgreementsAndSeatsQuery = { partnerUnit: { id: string, name: string, agreements: { edges: Array<{ node: { id: string, title: string, signedOn: string, endsOn: string, status: AgreementStatus, daysUntilExpiry: number | null, renewalDue: boolean, commitments: Array<string>, community: { name: string } } }> }, committeeSeats: { edges: Array<{ node: { representativeName: string, title: string, since: string, community: { name: string } } }> } } | null };

export type UpcomingCoHostedQueryVariables = Exact<{
  unitId: string | number;
}>;


export type UpcomingCoHostedQuery = { activities: { totalCount: number, edges: Array<{ node: { id: string, title: string, startsAt: string, capacity: number | null, confirmedCount: number, waitlistCount: number, seatsLeft: number | null, viewerCanUpdate: boolean, version: number } }> } };

export type UpdateActivityMutationVariables = Exact<{
  input: ActivityUpdateInput;
}>;


export type UpdateActivityMutation = { activityUpdate: { activity: { id: string, title: string, description: string, capacity: number | null, version: number } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type MyBudgetQueryVariables = Exact<{ [key: string]: never; }>;


export type MyBudgetQuery = { partnerBudget: { remaining: number, maximum: number, refillPerSecond: number, fullAt: string, maxCostPerRequest: number, scopes: Array<string>, tokenExpiresAt: string } | null };


export const MyAgreementsAndSeatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAgreementsAndSeats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"daysUntilExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"renewalDue"}},{"kind":"Field","name":{"kind":"Name","value":"commitments"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"committeeSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"current"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"representativeName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyAgreementsAndSeatsQuery, MyAgreementsAndSeatsQueryVariables>;
export const UpcomingCoHostedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UpcomingCoHosted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"coHostId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"window"},"value":{"kind":"EnumValue","value":"UPCOMING"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedCount"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistCount"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanUpdate"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpcomingCoHostedQuery, UpcomingCoHostedQueryVariables>;
export const UpdateActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateActivityMutation, UpdateActivityMutationVariables>;
export const MyBudgetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyBudget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerBudget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"maximum"}},{"kind":"Field","name":{"kind":"Name","value":"refillPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fullAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxCostPerRequest"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}}]}}]}}]} as unknown as DocumentNode<MyBudgetQuery, MyBudgetQueryVariables>;