import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import type { OrgNodeEntity } from '../org/index.js';
import { findVisibleNode, MemberHousehold, OrgLevel, OrgNode } from '../org/index.js';
import { registerRevealable } from '../audit/index.js';
import { unseal } from '../privacy/index.js';
import { BuildingEntity, CompoundEntity, GridEntity, HouseholdEntity, ResidentEntity } from './household.entity.js';
import { loadCompound, loadHousehold } from './household.loaders.js';
import * as households from './household.service.js';
import * as grids from './grid.service.js';
import { HouseholdOrgStatsResolver } from './household.chain.js';
import {
  Building, CareRecord, Compound, Grid, GridPayload, GridUpdateInput, GridWorker, Household, HouseholdConnection, HouseholdCoverage, HouseholdCreateInput, HouseholdFilter, HouseholdLinkInput,
  HouseholdPayload, HouseholdUnlinkInput, HouseholdUpdateInput, MemberHouseholdLoad, Resident, ResidentErasePayload, ResidentEraseInput, ResidentPayload, ResidentSaveInput,
} from './household.types.js';
import './household.export.js';
import './household.import.js';
import { eraseResident } from './household.privacy.js';

registerNodeType(HouseholdEntity, 'Household', (ctx, id) => households.findVisibleHousehold(ctx, id));
registerNodeType(ResidentEntity, 'Resident', (ctx, id) => households.findVisibleResident(ctx, id));
registerNodeType(CompoundEntity, 'Compound', (ctx, id) => households.findVisibleCompound(ctx, id));
registerNodeType(BuildingEntity, 'Building', (ctx, id) => households.findVisibleBuilding(ctx, id));
registerNodeType(GridEntity, 'Grid', (ctx, id) => grids.findVisibleGrid(ctx, id));

const careText = (sealed: Buffer | null, part: 'categories' | 'note') => {
  const care = households.openCare(sealed);
  if (!care) return null;
  return part === 'categories' ? care.categories.join(',') : care.note || null;
};
registerRevealable<HouseholdEntity>('Household', {
  load: (ctx, id) => households.findVisibleHousehold(ctx, id),
  orgNodeId: (_ctx, h) => h.orgNodeId,
  fields: { phone: (h) => unseal(h.phone), careCategories: (h) => careText(h.care, 'categories'), careNote: (h) => careText(h.care, 'note') },
});
registerRevealable<ResidentEntity>('Resident', {
  load: (ctx, id) => households.findVisibleResident(ctx, id),
  orgNodeId: async (ctx, r) => (await loadHousehold(ctx, r.householdId))?.orgNodeId ?? null,
  fields: { phone: (r) => unseal(r.phone), idNumber: (r) => unseal(r.idNumber), careCategories: (r) => careText(r.care, 'categories'), careNote: (r) => careText(r.care, 'note') },
});

const revealArg = { defaultValue: false, description: 'Ask for the value in clear (roles that need it; leaves an audit row).' };

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => String, { description: 'Residential compound (小区).' })
  async compound(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return (await households.placeOf(ctx, h)).compound; }

  @FieldResolver(() => String, { description: 'Building (楼栋).' })
  async building(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return (await households.placeOf(ctx, h)).building; }

  @FieldResolver(() => Building, { nullable: true, description: 'The building, as a node.' })
  buildingNode(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return households.findVisibleBuilding(ctx, h.buildingId); }

  @FieldResolver(() => String, { description: 'Full address line.' })
  address(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return households.addressOf(ctx, h); }

  @FieldResolver(() => String, { nullable: true, description: 'Contact phone, masked (138****1234) unless `reveal` is true and your role needs it.' })
  phone(@Root() h: HouseholdEntity, @Arg('reveal', () => Boolean, revealArg) reveal: boolean, @Ctx() ctx: Context) {
    return households.householdPhone(ctx, h, reveal);
  }

  @FieldResolver(() => CareRecord, { nullable: true, description: 'Care categories and note: null unless `reveal` is true and your role needs them (committee admin, branch secretary, grid worker).' })
  care(@Root() h: HouseholdEntity, @Arg('reveal', () => Boolean, revealArg) reveal: boolean, @Ctx() ctx: Context) {
    return households.householdCare(ctx, h, reveal);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the household or a resident is in a care category; null for roles that may not see care data.' })
  hasCare(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return households.hasCare(ctx, h); }

  @ListBound(50)
  @FieldResolver(() => [Resident], { description: 'The people of the household (at most 50).' })
  residents(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return households.residentsOf(ctx, h); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The org node that looks after the household (a member household when linked).' })
  lookedAfterBy(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return households.lookedAfterBy(ctx, h); }

  @FieldResolver(() => MemberHousehold, { nullable: true, description: 'The member household (党员中心户) that links it (联户); null when none does.' })
  async linkedBy(@Root() h: HouseholdEntity, @Ctx() ctx: Context) {
    const node = await households.lookedAfterBy(ctx, h);
    return node?.level === OrgLevel.MEMBER_HOUSEHOLD ? node : null;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid (level 5 if any) covering its building.' })
  grid(@Root() h: HouseholdEntity, @Ctx() ctx: Context) { return grids.gridOfBuilding(ctx, h.buildingId); }
}

@Resolver(() => Resident)
export class ResidentResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Phone, masked unless `reveal` is true and your role needs it.' })
  phone(@Root() r: ResidentEntity, @Arg('reveal', () => Boolean, revealArg) reveal: boolean, @Ctx() ctx: Context) {
    return households.residentField(ctx, r, 'phone', reveal);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Resident ID number, masked (1101**********1234) unless `reveal` is true and your role needs it.' })
  idNumber(@Root() r: ResidentEntity, @Arg('reveal', () => Boolean, revealArg) reveal: boolean, @Ctx() ctx: Context) {
    return households.residentField(ctx, r, 'idNumber', reveal);
  }

  @FieldResolver(() => CareRecord, { nullable: true, description: 'Care categories and note: null unless `reveal` is true and your role needs them.' })
  care(@Root() r: ResidentEntity, @Arg('reveal', () => Boolean, revealArg) reveal: boolean, @Ctx() ctx: Context) {
    return households.residentCare(ctx, r, reveal);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household.' })
  household(@Root() r: ResidentEntity, @Ctx() ctx: Context) { return households.findVisibleHousehold(ctx, r.householdId); }
}

@Resolver(() => Compound)
export class CompoundResolver {
  @ListBound(200)
  @FieldResolver(() => [Building], { description: 'Its buildings.' })
  buildings(@Root() c: CompoundEntity, @Ctx() ctx: Context) { return households.buildingsOf(ctx, c); }
}

@Resolver(() => Building)
export class BuildingResolver {
  @FieldResolver(() => Compound, { nullable: true, description: 'The compound.' })
  compound(@Root() b: BuildingEntity, @Ctx() ctx: Context) { return loadCompound(ctx, b.compoundId); }

  @FieldResolver(() => Int, { description: 'Households you may read in it.' })
  householdCount(@Root() b: BuildingEntity, @Ctx() ctx: Context) { return households.householdCountOfBuilding(ctx, b); }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid covering it (level 5 if any).' })
  grid(@Root() b: BuildingEntity, @Ctx() ctx: Context) { return grids.gridOfBuilding(ctx, b.id); }
}

@Resolver(() => Grid)
export class GridResolver {
  @FieldResolver(() => Grid, { nullable: true, description: 'The level-4 grid above a level-5 one.' })
  async parent(@Root() g: GridEntity, @Ctx() ctx: Context) { return g.parentId == null ? null : grids.findVisibleGrid(ctx, g.parentId); }

  @ListBound(20)
  @FieldResolver(() => [Grid], { description: 'Its level-5 grids.' })
  children(@Root() g: GridEntity, @Ctx() ctx: Context) { return grids.childrenOf(ctx, g); }

  @ListBound(200)
  @FieldResolver(() => [Building], { description: 'The buildings it covers (a level-4 grid: with its level-5 grids’).' })
  buildings(@Root() g: GridEntity, @Ctx() ctx: Context) { return grids.buildingsOfGrid(ctx, g); }

  @FieldResolver(() => GridWorker, { nullable: true, description: 'Its grid worker (网格员).' })
  worker(@Root() g: GridEntity, @Ctx() ctx: Context) { return grids.workerOf(ctx, g); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The grid branch (网格党支部) tied to it, if any.' })
  branch(@Root() g: GridEntity, @Ctx() ctx: Context) { return g.branchId == null ? null : findVisibleNode(ctx, g.branchId); }

  @FieldResolver(() => HouseholdConnection, { description: 'Households in its buildings that you may read.' })
  async households(@Root() g: GridEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const filter = { gridId: g.globalId };
    return toConnection(await households.listHouseholds(ctx, filter, page), page, () => households.countHouseholds(ctx, filter));
  }
}

@Resolver(() => MemberHouseholdLoad)
export class MemberHouseholdLoadResolver {
  @FieldResolver(() => MemberHousehold, { description: 'The member household (党员中心户).' })
  memberHousehold(@Root() l: households.MemberLoad) { return l.node; }
}

@Resolver(() => HouseholdCoverage)
export class HouseholdCoverageResolver {
  @FieldResolver(() => OrgNode, { description: 'The org node reported on.' })
  node(@Root() c: households.Coverage) { return c.node; }

  @ListBound(households.COVERAGE_UNCOVERED_LIMIT)
  @FieldResolver(() => [Household], { description: 'Care-category households no member household links (联户缺口), at most 200; empty for roles that may not see care data.' })
  uncovered(@Root() c: households.Coverage) { return c.uncovered; }

  @ListBound(households.COVERAGE_LOADS_LIMIT)
  @FieldResolver(() => [MemberHouseholdLoad], { description: 'Each member household under your grants and how many households it links, at most 300.' })
  memberHouseholds(@Root() c: households.Coverage) { return c.loads; }
}

@Resolver()
export class HouseholdQueryResolver {
  @Query(() => HouseholdConnection, { description: 'Households you may read, by compound, building and room.' })
  async households(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => HouseholdFilter, { nullable: true, description: 'Narrow the list.' }) filter: HouseholdFilter | null, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await households.listHouseholds(ctx, filter, page), page, () => households.countHouseholds(ctx, filter));
  }

  @ListBound(200)
  @Query(() => [Compound], { description: 'Compounds (小区) of the communities you work in, or of one community.' })
  compounds(@Arg('communityId', () => ID, { nullable: true, description: 'Only this community.' }) communityId: string | null, @Ctx() ctx: Context) {
    return households.listCompounds(ctx, communityId);
  }

  @ListBound(100)
  @Query(() => [Grid], { description: 'Grids (网格) you may read, level 4 with their level-5 grids after them.' })
  grids(@Arg('communityId', () => ID, { nullable: true, description: 'Only this community.' }) communityId: string | null, @Ctx() ctx: Context) {
    return grids.listGrids(ctx, communityId);
  }

  @Query(() => HouseholdCoverage, { nullable: true, description: 'The 联户 coverage of an org node’s subtree: care households no member links, and each member household’s load. Null for a node you cannot see.' })
  householdCoverage(@Arg('orgNodeId', () => ID, { description: 'The org node (community, branch ...).' }) orgNodeId: string, @Ctx() ctx: Context) {
    return households.coverage(ctx, orgNodeId);
  }

  @Mutation(() => HouseholdPayload, { description: 'Register a household (committee admin, branch secretary).' })
  householdCreate(@Arg('input', () => HouseholdCreateInput, { description: 'The household.' }) input: HouseholdCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ household: await households.createHousehold(ctx, input) }), { household: null });
  }

  @Mutation(() => HouseholdPayload, { description: 'Change a household.' })
  householdUpdate(@Arg('input', () => HouseholdUpdateInput, { description: 'What changes.' }) input: HouseholdUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ household: await households.updateHousehold(ctx, input) }), { household: null });
  }

  @Mutation(() => ResidentPayload, { description: 'Add a resident to a household, or change one.' })
  residentSave(@Arg('input', () => ResidentSaveInput, { description: 'The resident.' }) input: ResidentSaveInput, @Ctx() ctx: Context) {
    return payload(async () => ({ resident: await households.saveResident(ctx, input) }), { resident: null });
  }

  @Mutation(() => ResidentErasePayload, { description: 'Erase a resident\'s personal data on request (个人信息保护法): name becomes 已删除, sealed phone, ID number and care data are cleared, activity sign-ups and volunteer rows under the same phone lose the name but keep counting. Committee admins only; audited; a second call changes nothing.' })
  residentErase(@Arg('input', () => ResidentEraseInput, { description: 'The resident and the reason.' }) input: ResidentEraseInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const done = await eraseResident(ctx, input);
      return { resident: done.resident, alreadyErased: done.alreadyErased };
    }, { resident: null, alreadyErased: null });
  }

  @Mutation(() => HouseholdPayload, { description: 'Link a household to a member household (联户); it leaves the coverage gaps at once.' })
  householdLink(@Arg('input', () => HouseholdLinkInput, { description: 'The household and the member household.' }) input: HouseholdLinkInput, @Ctx() ctx: Context) {
    return payload(async () => ({ household: await households.linkHousehold(ctx, input) }), { household: null });
  }

  @Mutation(() => GridPayload, { description: 'Change a grid’s worker, buildings or grid branch (committee admins).' })
  gridUpdate(@Arg('input', () => GridUpdateInput, { description: 'What changes.' }) input: GridUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ grid: await grids.updateGrid(ctx, input) }), { grid: null });
  }

  @Mutation(() => HouseholdPayload, { description: 'Take a household off its member household.' })
  householdUnlink(@Arg('input', () => HouseholdUnlinkInput, { description: 'The household.' }) input: HouseholdUnlinkInput, @Ctx() ctx: Context) {
    return payload(async () => ({ household: await households.unlinkHousehold(ctx, input) }), { household: null });
  }
}

@Resolver(() => MemberHousehold)
export class MemberHouseholdResolver {
  @FieldResolver(() => HouseholdConnection, { description: 'The neighbour households this member household links (联户).' })
  async households(@Root() node: OrgNodeEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await households.householdsOf(ctx, node, page), page, () => households.householdCountOf(ctx, node));
  }
}


export const householdResolvers = [
  HouseholdResolver, ResidentResolver, CompoundResolver, BuildingResolver, GridResolver, MemberHouseholdLoadResolver, HouseholdCoverageResolver,
  HouseholdQueryResolver, MemberHouseholdResolver, HouseholdOrgStatsResolver,
];
