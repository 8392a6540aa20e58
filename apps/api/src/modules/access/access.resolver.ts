import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { Node } from '../../graphql/relay.js';
import { payload, UserError } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode } from '../org/index.js';
import { OrgNode } from '../org/index.js';
import { AccessGrantEntity, AccountEntity } from './access.entity.js';
import { GrantRole } from './access.scope.js';
import * as accessService from './access.service.js';
import { AccountAdminResolver } from './account.resolver.js';

registerEnumType(GrantRole, {
  name: 'GrantRole',
  description: "A staff account's role over an org node's subtree.",
  valuesConfig: {
    COMMITTEE_ADMIN: { description: 'Community (or street) committee administrator (社区党委管理员): reads and changes everything under the node.' },
    BRANCH_SECRETARY: { description: 'Branch secretary (支部书记): reads and changes their branch and below.' },
    GRID_WORKER: { description: 'Grid worker (网格员): reads the subtree, sees contact details to do their rounds.' },
    VIEWER: { description: 'Read-only access to the subtree, personal data masked.' },
  },
});

@ObjectType('Account', { implements: Node, description: 'A staff account (community worker, branch secretary).' })
export class Account extends Node {
  @Field(() => String, { description: 'Sign-in name.' }) username: string;
  @Field(() => String, { description: 'Name shown in the admin site.' }) displayName: string;
}

@ObjectType('Grant', { implements: Node, description: 'An access grant: a role over an org node and its whole subtree.' })
export class Grant extends Node {
  @Field(() => GrantRole, { description: 'The role.' }) role: GrantRole;
}

@InputType('SessionCreateInput', { description: 'Credentials of a staff account.' })
export class SessionCreateInput {
  @Field(() => String, { description: 'Sign-in name.' }) username: string;
  @Field(() => String, { description: 'Password.' }) password: string;
}

@ObjectType('SessionCreatePayload', { description: 'Result of signing in.' })
export class SessionCreatePayload {
  @Field(() => String, { nullable: true, description: 'Bearer token for `Authorization: Bearer <token>`; shown once.' }) token: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the token stops working.' }) expiresAt: Date | null;
  @Field(() => Account, { nullable: true, description: 'The signed-in account.' }) viewer: AccountEntity | null;
  @Field(() => [UserError], { description: 'Why sign-in failed (INVALID_CREDENTIALS), if it did.' }) userErrors: UserError[];
}

@ObjectType('SessionRevokePayload', { description: 'Result of signing out.' })
export class SessionRevokePayload {
  @Field(() => Boolean, { description: 'True when the token of this request was revoked.' }) revoked: boolean | null;
  @Field(() => [UserError], { description: 'Problems, if any.' }) userErrors: UserError[];
}

registerNodeType(AccountEntity, 'Account', (ctx, id) => accessService.findVisibleAccount(ctx, id));
registerNodeType(AccessGrantEntity, 'Grant', (ctx, id) => accessService.findVisibleGrant(ctx, id));

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'The signed-in staff account; null for anonymous callers and partner tokens.' })
  viewer(@Ctx() ctx: Context) {
    return accessService.viewerAccount(ctx);
  }

  @FieldResolver(() => [Grant], { description: 'What the account may see and change.' })
  grants(@Root() account: AccountEntity, @Ctx() ctx: Context) {
    return accessService.grantsOf(ctx, account);
  }

  @Mutation(() => SessionCreatePayload, { description: 'Sign in with username and password; returns a bearer token.' })
  sessionCreate(@Arg('input', () => SessionCreateInput, { description: 'Username and password.' }) input: SessionCreateInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const { token, expiresAt, account } = await accessService.createSession(ctx, input.username, input.password);
      // the payload's viewer (and its grants) is answered as the account that just signed in; the rest of
      // this request stays the caller's
      const principal = await accessService.principalOfNewSession(ctx.em, token);
      if (principal) accessService.signedInAs(account, principal);
      return { token, expiresAt, viewer: account };
    }, { token: null, expiresAt: null, viewer: null });
  }

  @Mutation(() => SessionRevokePayload, { description: 'Sign out: revoke the bearer token of this request.' })
  sessionRevoke(@Ctx() ctx: Context) {
    return payload(async () => ({ revoked: await accessService.revokeSession(ctx) }), { revoked: null });
  }
}

@Resolver(() => Grant)
export class GrantResolver {
  @FieldResolver(() => OrgNode, { description: 'The node whose subtree the grant covers.' })
  node(@Root() grant: AccessGrantEntity, @Ctx() ctx: Context) {
    return loadNode(ctx, grant.orgNodeId);
  }
}

export const accessResolvers = [AccountResolver, GrantResolver, AccountAdminResolver];
