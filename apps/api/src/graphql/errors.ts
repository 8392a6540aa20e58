import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLError } from 'graphql';

/** Machine-readable reasons a mutation did not do what was asked; the user can fix each of these. */
export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_PARENT = 'INVALID_PARENT',
  CYCLE = 'CYCLE',
  HAS_CHILDREN = 'HAS_CHILDREN',
  ARCHIVED = 'ARCHIVED',
  CONFLICT = 'CONFLICT',
  DUPLICATE = 'DUPLICATE',
  ACTIVITY_FULL = 'ACTIVITY_FULL',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  INVALID_STATE = 'INVALID_STATE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  STALE = 'STALE',
  DELIBERATION_REQUIRED = 'DELIBERATION_REQUIRED',
  SOLICITATION_CLOSED = 'SOLICITATION_CLOSED',
  SERVICE_FULL = 'SERVICE_FULL',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused, for errors the user can fix.',
  valuesConfig: {
    INVALID_INPUT: { description: 'A field is missing, malformed or out of range; `field` says which.' },
    NOT_FOUND: { description: 'The object does not exist or is not visible to the caller.' },
    INVALID_CREDENTIALS: { description: 'Wrong username or password.' },
    INVALID_PARENT: { description: 'The org chain does not allow this parent for this kind of node.' },
    CYCLE: { description: 'The move would put a node under itself or one of its descendants.' },
    HAS_CHILDREN: { description: 'The node still has live children; move or archive them first.' },
    ARCHIVED: { description: 'The object is archived and cannot be changed.' },
    INVALID_TRANSITION: { description: 'The object\'s current state does not allow this step; the message names the steps it allows.' },
    STALE: { description: 'Someone changed the object after you read it; the message gives its current state. Reload and try again.' },
    CONFLICT: { description: 'Someone else changed the object meanwhile; reload and try again.' },
    DUPLICATE: { description: 'An object with the same key already exists.' },
    ACTIVITY_FULL: { description: 'The activity is full; sign up again with `joinWaitlist: true` to join the waiting list.' },
    ALREADY_REGISTERED: { description: 'This phone number is already signed up for the activity.' },
    REGISTRATION_CLOSED: { description: 'Sign-up is not open for this activity now.' },
    INVALID_STATE: { description: 'The object is not in a state that allows this action.' },
    DELIBERATION_REQUIRED: { description: 'A decision cannot be published before its proposal, deliberation and resolution (三议) are on record.' },
    SOLICITATION_CLOSED: { description: 'The decision is not taking opinions now: its solicitation window has not opened or has closed.' },
    SERVICE_FULL: { description: 'The service offer has taken as many orders as it can this week; choose another offer or order next week.' },
  },
});

@ObjectType('UserError', { description: 'A problem with the input of a mutation that the user can fix.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "name"].' })
  field: string[] | null;
  @Field(() => String, { description: "Human-readable message in the caller's language: Chinese by default, English with Accept-Language: en." })
  message: string;
  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code: UserErrorCode;
}

export function userError(code: UserErrorCode, message: string, field?: string[]): UserError {
  return { code, message, field: field ?? null };
}

/** Thrown inside services for user-fixable problems; resolvers turn it into `userErrors`. */
export class UserFacingError extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export function fail(code: UserErrorCode, message: string, field?: string[]): never {
  throw new UserFacingError([userError(code, message, field)]);
}

/** Run a mutation body; user-fixable failures become the payload's `userErrors`. */
export async function payload<T extends object>(run: () => Promise<T>, empty: { [K in keyof T]: null }): Promise<{ [K in keyof T]: T[K] | null } & { userErrors: UserError[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserFacingError) return { ...empty, userErrors: error.errors };
    throw error;
  }
}

export function forbidden(message = '无权执行此操作 (outside your scope)'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message = '请先登录 (sign in first)'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}
