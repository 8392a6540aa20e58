import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { payload, UserError } from '../../graphql/errors.js';
import { Connection, PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { GrantRole } from './access.scope.js';
import * as accounts from './account.service.js';

@InputType('PasswordChangeInput', { description: 'The current password and the new one.' })
export class PasswordChangeInput {
  @Field(() => String, { description: 'The current password.' }) current: string;
  @Field(() => String, { description: `The new password: ${accounts.PASSWORD_MIN_LENGTH} to ${accounts.PASSWORD_MAX_LENGTH} characters, two kinds of letters, digits and symbols, not the username, not a published or common password.` }) next: string;
}

@ObjectType('PasswordChangePayload', { description: 'Result of changing the password.' })
export class PasswordChangePayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the password was changed.' }) changed: boolean | null;
  @Field(() => Int, { nullable: true, description: "How many of the account's other sessions were ended (this one stays)." }) sessionsEnded: number | null;
  @Field(() => [UserError], { description: 'Why not: INVALID_CREDENTIALS (current password wrong), INVALID_INPUT (new password too weak).' }) userErrors: UserError[];
}

@ObjectType('ManagedAccountGrant', { description: 'A grant of a managed account: role and org node name.' })
export class ManagedAccountGrant {
  @Field(() => GrantRole, { description: 'The role.' }) role: GrantRole;
  @Field(() => String, { description: 'The org node the grant covers.' }) node: string;
}

@ObjectType('ManagedAccount', { description: 'A staff account as a committee admin who manages it sees it (all its grants lie under theirs).' })
export class ManagedAccount {
  @Field(() => ID, { description: 'Global ID of the account.' }) id: string;
  @Field(() => String, { description: 'Sign-in name.' }) username: string;
  @Field(() => String, { description: 'Name shown in the admin site.' }) displayName: string;
  @Field(() => Boolean, { description: 'Disabled accounts cannot sign in.' }) disabled: boolean;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was disabled.' }) disabledAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Last request of any of its sessions.' }) lastActiveAt: Date | null;
  @Field(() => [ManagedAccountGrant], { description: 'Its grants.' }) grants: ManagedAccountGrant[];
}

function toManaged(row: accounts.ManagedAccountRow): ManagedAccount {
  return {
    id: toGlobalId('Account', row.id), username: row.username, displayName: row.display_name, disabled: row.disabled_at != null,
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null, lastActiveAt: row.last_used_at ? new Date(row.last_used_at) : null, grants: row.grants,
  };
}

const ManagedAccountConnection = Connection(ManagedAccount, 'ManagedAccount', 'managed account');

@InputType('AccountDisableInput', { description: 'The account to disable or enable.' })
export class AccountDisableInput {
  @Field(() => ID, { description: 'Global ID of the account (`ManagedAccount.id`).' }) id: string;
}

@ObjectType('AccountDisablePayload', { description: 'Result of disabling or enabling an account.' })
export class AccountDisablePayload {
  @Field(() => ManagedAccount, { nullable: true, description: 'The account as it is now.' }) account: ManagedAccount | null;
  @Field(() => [UserError], { description: 'Why not: NOT_FOUND (not an account you manage), INVALID_INPUT (your own account).' }) userErrors: UserError[];
}

@Resolver()
export class AccountAdminResolver {
  @Mutation(() => PasswordChangePayload, { description: "Change the signed-in account's password; its other sessions end, this one stays (staff)." })
  passwordChange(@Arg('input', () => PasswordChangeInput, { description: 'Current and new password.' }) input: PasswordChangeInput, @Ctx() ctx: Context) {
    return payload(async () => ({ changed: true, ...(await accounts.changePassword(ctx, input.current, input.next)) }), { changed: null, sessionsEnded: null });
  }

  @Query(() => ManagedAccountConnection, { description: 'Staff accounts you manage as a committee admin (all their grants lie under yours), by username.' })
  async managedAccounts(
    @Arg('search', () => String, { nullable: true, description: 'Part of the username or display name.' }) search: string | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, count } = await accounts.listManagedAccounts(ctx, search, page);
    return toConnection(rows.map(toManaged), page, count);
  }

  @Mutation(() => AccountDisablePayload, { description: 'Disable an account you manage (committee admins): it cannot sign in and all its sessions end at once.' })
  accountDisable(@Arg('input', () => AccountDisableInput, { description: 'The account.' }) input: AccountDisableInput, @Ctx() ctx: Context) {
    return payload(async () => ({ account: toManaged(await accounts.disableAccount(ctx, input.id)) }), { account: null });
  }

  @Mutation(() => AccountDisablePayload, { description: 'Enable a disabled account you manage again (committee admins); it signs in anew.' })
  accountEnable(@Arg('input', () => AccountDisableInput, { description: 'The account.' }) input: AccountDisableInput, @Ctx() ctx: Context) {
    return payload(async () => ({ account: toManaged(await accounts.enableAccount(ctx, input.id)) }), { account: null });
  }
}
