import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { payload } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { PartnerTokenEntity } from './unit.entity.js';
import { loadNode } from '../org/index.js';
import { loadUnit } from './unit.service.js';
import * as partners from './partner.service.js';
import {
  CoBuildingUnit, PartnerBudget, PartnerToken, PartnerTokenCreateInput, PartnerTokenCreatePayload, PartnerTokenRevokeInput,
  PartnerTokenRevokePayload, PartnerTokenRotateInput, PartnerTokenRotatePayload, PartnerTokenStatus, PartyCommittee,
} from './unit.types.js';

registerNodeType(PartnerTokenEntity, 'PartnerToken', (ctx, id) => partners.findVisibleToken(ctx, id));

@Resolver(() => PartnerToken)
export class PartnerTokenResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The unit the token acts for.' })
  unit(@Root() token: PartnerTokenEntity, @Ctx() ctx: Context) {
    return loadUnit(ctx, token.unitId);
  }

  @FieldResolver(() => PartnerTokenStatus, { description: 'Whether it still works.' })
  status(@Root() token: PartnerTokenEntity) {
    return partners.tokenStatus(token);
  }

  @FieldResolver(() => PartyCommittee, { description: "The community committee that issued the token: it reaches the unit's objects of this community only." })
  community(@Root() token: PartnerTokenEntity, @Ctx() ctx: Context) {
    return token.communityId == null ? null : loadNode(ctx, token.communityId);
  }
}

@Resolver()
export class PartnerQueryResolver {
  @Query(() => PartnerBudget, { nullable: true, description: "The query budget of the partner token making the request (after charging this request); null for other callers." })
  partnerBudget(@Ctx() ctx: Context) {
    return partners.partnerBudgetOf(ctx);
  }
}

@Resolver()
export class PartnerMutationResolver {
  @Mutation(() => PartnerTokenCreatePayload, { description: "Create an API token for a co-building unit, issued by one of the unit's communities that you administer; it sees the unit's relationship with that community only. The secret is returned only here." })
  partnerTokenCreate(@Arg('input', () => PartnerTokenCreateInput, { description: 'What to do; see the input type.' }) input: PartnerTokenCreateInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const { token, secret } = await partners.createToken(ctx, input);
      return { partnerToken: token, secret };
    }, { partnerToken: null, secret: null });
  }

  @Mutation(() => PartnerTokenRotatePayload, { description: "Replace the secret of a token (committee admins of the token's community): the old secret stops working at once; scopes, expiry and budget stay. The new secret is returned only here." })
  partnerTokenRotate(@Arg('input', () => PartnerTokenRotateInput, { description: 'What to do; see the input type.' }) input: PartnerTokenRotateInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const { token, secret } = await partners.rotateToken(ctx, input.id);
      return { partnerToken: token, secret };
    }, { partnerToken: null, secret: null });
  }

  @Mutation(() => PartnerTokenRevokePayload, { description: "Revoke a token for good (committee admins of the token's community): requests with it are UNAUTHENTICATED from now on." })
  partnerTokenRevoke(@Arg('input', () => PartnerTokenRevokeInput, { description: 'What to do; see the input type.' }) input: PartnerTokenRevokeInput, @Ctx() ctx: Context) {
    return payload(async () => ({ partnerToken: await partners.revokeToken(ctx, input.id) }), { partnerToken: null });
  }
}

export const partnerResolvers = [PartnerTokenResolver, PartnerQueryResolver, PartnerMutationResolver];
