import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { CoBuildingUnitEntity, UnitKind } from './unit.entity.js';
import { communityForWrite, communityIdsOf, ensureLinked, requireStaff, todayInChina, unitFromInput } from './unit.service.js';
import { optionalText, uniquely, validContactPhone, validDate, validText } from '../../graphql/validate.js';
import { assertCan } from '../access/index.js';

export interface UnitCreate { communityId: string; name: string; kind: UnitKind; partyOrgName?: string | null; contactName?: string | null; contactPhone?: string | null; since?: string | null }
export interface UnitUpdate { id: string; name?: string | null; kind?: UnitKind | null; partyOrgName?: string | null; contactName?: string | null; contactPhone?: string | null }

/** A new unit, working with the caller's community from `since`. Names are unique across the platform. */
export async function createUnit(ctx: Context, input: UnitCreate): Promise<CoBuildingUnitEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const name = validText(input.name, 100, ['input', 'name'], '单位名称');
  const partyOrgName = optionalText(input.partyOrgName, 100, ['input', 'partyOrgName'], '党组织名称') ?? null;
  const contactName = optionalText(input.contactName, 50, ['input', 'contactName'], '联系人') ?? null;
  const contactPhone = input.contactPhone?.trim() ? validContactPhone(input.contactPhone, ['input', 'contactPhone']) : null;
  const since = input.since == null ? todayInChina() : validDate(input.since, ['input', 'since'], '共建开始日期');
  const unit = await uniquely(() => ctx.em.transactional(async (em) => {
    const created = em.create(CoBuildingUnitEntity, { name, kind: input.kind, partyOrgName, contactName, contactPhone } as CoBuildingUnitEntity);
    await em.flush();
    await ensureLinked(em, created.id, community.id, since);
    return created;
  }), `已有名为「${name}」的共建单位；如需与本社区共建，请使用关联`, ['input', 'name']);
  ctx.loaders.clearAll();
  return unit;
}

/** Change a unit's profile: staff who may write one of the unit's communities. */
export async function updateUnit(ctx: Context, input: UnitUpdate): Promise<CoBuildingUnitEntity> {
  requireStaff(ctx);
  const found = await unitFromInput(ctx, input.id, ['input', 'id']);
  await assertCan(ctx, 'write', 'CoBuildingUnit', found);
  const name = input.name == null ? undefined : validText(input.name, 100, ['input', 'name'], '单位名称');
  const partyOrgName = optionalText(input.partyOrgName, 100, ['input', 'partyOrgName'], '党组织名称');
  const contactName = optionalText(input.contactName, 50, ['input', 'contactName'], '联系人');
  const contactPhone = input.contactPhone == null ? undefined : input.contactPhone.trim() ? validContactPhone(input.contactPhone, ['input', 'contactPhone']) : null;
  const unit = await uniquely(() => ctx.em.transactional(async (em) => {
    const row = await em.findOneOrFail(CoBuildingUnitEntity, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (name !== undefined) row.name = name;
    if (input.kind != null) row.kind = input.kind;
    if (partyOrgName !== undefined) row.partyOrgName = partyOrgName;
    if (contactName !== undefined) row.contactName = contactName;
    if (contactPhone !== undefined) row.contactPhone = contactPhone;
    await em.flush();
    return row;
  }), `已有名为「${name}」的共建单位`, ['input', 'name']);
  ctx.loaders.clearAll();
  return unit;
}

/** Start working with an existing unit in the caller's community. */
export async function linkUnit(ctx: Context, input: { unitId: string; communityId: string; since?: string | null }): Promise<CoBuildingUnitEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  const since = input.since == null ? todayInChina() : validDate(input.since, ['input', 'since'], '共建开始日期');
  if ((await communityIdsOf(ctx, unit.id)).includes(community.id)) fail(UserErrorCode.DUPLICATE, `${unit.name}已与${community.name}共建`, ['input', 'unitId']);
  await ctx.em.transactional((em) => ensureLinked(em, unit.id, community.id, since));
  ctx.loaders.clearAll();
  return unit;
}
