import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, OrgNode } from '../org/index.js';
import { CoBuildingUnit, loadUnit } from '../unit/index.js';
import { PartyProjectEntity, PartyProjectProgressEntity } from './project.entity.js';
import * as projects from './project.service.js';
import {
  CreatePartyProjectInput, CreatePartyProjectPayload, PartyProject, PartyProjectAreaCount, PartyProjectConnection, PartyProjectFilter, PartyProjectProgress,
  UpdatePartyProjectInput, UpdatePartyProjectPayload,
} from './project.types.js';
import { ProjectOrgStatsResolver } from './project.chain.js';
import './project.export.js'; // GET /export/party-projects.xlsx

registerNodeType(PartyProjectEntity, 'PartyProject', (ctx, id) => projects.findVisibleProject(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => PartyProject)
export class PartyProjectFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The owner: community committee or branch.' })
  owner(@Root() p: PartyProjectEntity, @Ctx() ctx: Context) { return loadNode(ctx, p.orgNodeId); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() p: PartyProjectEntity, @Ctx() ctx: Context) { return loadNode(ctx, p.communityId); }

  @FieldResolver(() => [CoBuildingUnit], { description: 'Partner units (up to 10).' })
  @ListBound(10)
  async partnerUnits(@Root() p: PartyProjectEntity, @Ctx() ctx: Context) {
    return (await Promise.all(p.unitIds.map((id) => loadUnit(ctx, id)))).filter((u) => u != null);
  }

  @FieldResolver(() => [PartyProjectProgress], { description: 'Progress notes, oldest first (the latest 50).' })
  @ListBound(projects.PROGRESS_LIMIT)
  progress(@Root() p: PartyProjectEntity, @Ctx() ctx: Context): Promise<PartyProjectProgressEntity[]> { return projects.progressOf(ctx, p.id); }

  @FieldResolver(() => Boolean, { description: 'Not completed or suspended by its due date.' })
  overdue(@Root() p: PartyProjectEntity): boolean { return p.overdueOn(projects.todayIn()); }
}

@Resolver()
export class PartyProjectQueryResolver {
  @Query(() => PartyProjectConnection, { description: 'The project ledger you may read, by community, area and due date.' })
  async partyProjects(@Arg('filter', () => PartyProjectFilter, { nullable: true, description: 'Which projects.' }) filter: PartyProjectFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await projects.listProjects(ctx, filter, page), page, () => projects.countProjects(ctx, filter));
  }

  @Query(() => [PartyProjectAreaCount], { description: 'Projects per area (all five listed) for a filter; its `areas` is ignored.' })
  @ListBound(5)
  partyProjectAreaCounts(@Arg('filter', () => PartyProjectFilter, { nullable: true, description: 'Which projects.' }) filter: PartyProjectFilter | null, @Ctx() ctx: Context) {
    return projects.areaCounts(ctx, filter);
  }
}

@Resolver()
export class PartyProjectMutationResolver {
  @Mutation(() => CreatePartyProjectPayload, { description: 'Enter a project in the ledger.' })
  createPartyProject(@Arg('input', () => CreatePartyProjectInput, INPUT) input: CreatePartyProjectInput, @Ctx() ctx: Context) {
    return payload(async () => ({ project: await projects.createProject(ctx, input) }), { project: null });
  }

  @Mutation(() => UpdatePartyProjectPayload, { description: 'Change a project’s status, due date or goals, and/or add a progress note.' })
  updatePartyProject(@Arg('input', () => UpdatePartyProjectInput, INPUT) input: UpdatePartyProjectInput, @Ctx() ctx: Context) {
    return payload(async () => ({ project: await projects.updateProject(ctx, input) }), { project: null });
  }
}

export const projectEntities = [PartyProjectEntity, PartyProjectProgressEntity];
export const projectResolvers = [PartyProjectFieldsResolver, PartyProjectQueryResolver, PartyProjectMutationResolver, ProjectOrgStatsResolver];
