/**
 * A resident's rights over their personal data (个人信息保护法 第四十五条、第四十七条), for committee admins whose
 * grant covers the resident's household:
 * - `GET /export/resident-data.json?resident=<id>&reason=<why>`: everything the platform holds about the resident, in
 *   clear, as JSON (the resident row, their household, and the rows found under the same phone). One audit row (EXPORT).
 * - `residentErase`: in one transaction the resident's name becomes 已删除 and their sealed phone, ID number and care
 *   data (and lookup hashes) are cleared, and the household's contact phone when it is the same number; activity
 *   sign-ups and volunteer rows under the same phone lose the name but are kept, so the statistics that count them do
 *   not change (their phone column must hold a mobile number, so the phone stays there). One audit row (WRITE). A second erasure changes nothing.
 */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { announceReveal, GrantRole, type Rule } from '../access/index.js';
import { underNode } from '../org/index.js';
import { lookupHash, unseal } from '../privacy/index.js';
import { ResidentEntity } from './household.entity.js';
import { loadHousehold, loadResident } from './household.loaders.js';
import { openCare } from './household.service.js';

export const ERASED_NAME = '已删除';

const committeeAdmin: Rule<ResidentEntity> = underNode(
  async (ctx, r) => (await loadHousehold(ctx, r.householdId))?.orgNodeId ?? null,
  (t) => `(select rh.org_node_id from household rh where rh.id = ${t}.household_id)`,
  [GrantRole.COMMITTEE_ADMIN],
);

function checkReason(reason: string | null | undefined): string | null {
  const r = reason?.trim() ?? '';
  return [...r].length >= 2 && [...r].length <= 200 ? r : null;
}

/** The resident, when the caller is a committee admin over their household; null otherwise. */
async function residentForRights(ctx: Context, globalId: string | null | undefined): Promise<ResidentEntity | null> {
  const id = globalId ? idOf(globalId, 'Resident') : null;
  const r = id == null ? null : await loadResident(ctx, id);
  if (!r || !(await committeeAdmin.check(ctx, r))) return null;
  return r;
}

interface Matches {
  searched: string[];
  notSearched: string[];
  registrations: { id: number; activityId: number; activity: string; name: string; phone: string; status: string; createdAt: string }[];
  volunteers: { id: number; name: string; phone: string; archived: boolean }[];
  partyMembers: { id: number; name: string }[];
  householdPhone: boolean;
}

/** Rows held elsewhere under the resident's phone (exact matches only). */
async function matchesOf(ctx: Context, r: ResidentEntity, householdId: number): Promise<Matches> {
  const phone = unseal(r.phone);
  const out: Matches = {
    searched: [], registrations: [], volunteers: [], partyMembers: [], householdPhone: false,
    notSearched: ['demand.resident_phone: 诉求的报事人电话为密封存储，无查找哈希，无法精确匹配 (sealed without a lookup hash)'],
  };
  if (!phone) { out.notSearched.push('居民无电话，未按电话查找其他记录 (no phone on record)'); return out; }
  out.searched.push('registration.phone = 居民电话 (activity sign-ups)', 'volunteer.phone = 居民电话 (volunteers)', 'party_member.phone_hash (Party members)', 'household.phone_hash (the household contact phone)');
  const hash = lookupHash('phone', phone).toString('hex');
  out.registrations = (await sql<any>(ctx.em, `select g.id, g.activity_id as "activityId", a.title as activity, g.name, g.phone, g.status, g.created_at as "createdAt"
    from registration g join activity a on a.id = g.activity_id where g.phone = ? order by g.id`, [phone]));
  out.volunteers = (await sql<any>(ctx.em, `select id, name, phone, archived_at is not null as archived from volunteer where phone = ? order by id`, [phone]));
  out.partyMembers = await sql<any>(ctx.em, `select id, name from party_member where phone_hash = decode(?, 'hex') order by id`, [hash]);
  out.householdPhone = (await sql(ctx.em, `select 1 from household where id = ? and phone_hash = decode(?, 'hex')`, [householdId, hash])).length > 0;
  return out;
}

registerHttpRoute({
  method: 'GET',
  path: '/export/resident-data.json',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : null);
    const r = await residentForRights(ctx, q('resident'));
    if (!r) throw new HttpError(404, 'NOT_FOUND', '找不到该居民，或您不是该居民所在社区的管理员');
    const reason = checkReason(q('reason'));
    if (!reason) throw new HttpError(400, 'REASON_REQUIRED', '导出个人信息需要填写原因（2 到 200 个字）');
    const h = (await loadHousehold(ctx, r.householdId))!;
    const [place] = await sql<{ compound: string; compoundAddress: string; building: string }>(ctx.em,
      `select c.name as compound, c.address as "compoundAddress", b.name as building from building b join compound c on c.id = b.compound_id where b.id = ?`, [h.buildingId]);
    const matches = await matchesOf(ctx, r, h.id);
    const care = openCare(r.care);
    await announceReveal(ctx, 'Resident', r, ['name', 'phone', 'idNumber', 'careCategories', 'careNote'], { action: 'EXPORT', reason, orgNodeId: h.orgNodeId });
    const body = {
      exportedAt: new Date().toISOString(),
      resident: {
        id: r.globalId, name: r.name, erased: r.name === ERASED_NAME && !r.phone && !r.idNumber, relation: r.relation, birthYear: r.birthYear,
        phone: unseal(r.phone), idNumber: unseal(r.idNumber), careCategories: care?.categories ?? [], careNote: care?.note ?? null,
        createdAt: r.createdAt, updatedAt: r.updatedAt,
      },
      household: {
        id: h.globalId, compound: place?.compound ?? '', compoundAddress: place?.compoundAddress ?? '', building: place?.building ?? '', unit: h.unit, room: h.room,
        headName: h.headName, size: h.size, phone: matches.householdPhone ? unseal(h.phone) : null,
      },
      alsoHeld: {
        searched: matches.searched, notSearched: matches.notSearched,
        notErasable: ['registration.phone, volunteer.phone: 删除时只清除姓名，电话列必须是手机号，保留 (the column requires a mobile number)'],
      activityRegistrations: matches.registrations, volunteers: matches.volunteers, partyMembers: matches.partyMembers,
      },
    };
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="resident-data.json"; filename*=UTF-8''${encodeURIComponent(`居民个人信息-${r.id}.json`)}`);
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(body, null, 2));
  },
});

export interface EraseResult { resident: ResidentEntity; alreadyErased: boolean; fields: string[] }

/** Erase a resident's personal data (see the file comment). */
export async function eraseResident(ctx: Context, input: { id: string; reason: string }): Promise<EraseResult> {
  ctx.access.requireStaff();
  const r = await residentForRights(ctx, input.id);
  if (!r) fail(UserErrorCode.NOT_FOUND, '找不到该居民，或您不是该居民所在社区的管理员', ['input', 'id']);
  const reason = checkReason(input.reason);
  if (!reason) fail(UserErrorCode.INVALID_INPUT, '删除个人信息需要填写原因（2 到 200 个字）', ['input', 'reason']);
  const h = (await loadHousehold(ctx, r!.householdId))!;
  const result = await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ name: string; phone: string | null; id_number: string | null; care: string | null; phone_hash: string | null; id_number_hash: string | null }>(em,
      `select name, encode(phone, 'hex') as phone, encode(id_number, 'hex') as id_number, encode(care, 'hex') as care, encode(phone_hash, 'hex') as phone_hash, encode(id_number_hash, 'hex') as id_number_hash
       from resident where id = ? for update`, [r!.id]);
    if (row.name === ERASED_NAME && !row.phone && !row.id_number && !row.care && !row.phone_hash && !row.id_number_hash) return { fields: [] as string[], already: true };
    const fields = ['name'];
    if (row.phone || row.phone_hash) fields.push('phone');
    if (row.id_number || row.id_number_hash) fields.push('idNumber');
    if (row.care) fields.push('careCategories', 'careNote');
    const phone = row.phone ? unseal(Buffer.from(row.phone, 'hex')) : null;
    if (phone) {
      const hash = lookupHash('phone', phone).toString('hex');
      // kept rows (counted by statistics) lose the name; their phone column must hold a mobile number, so it stays
      const regs = await sql(em, `update registration set name = ?, updated_at = now() where phone = ? and name <> ? returning id`, [ERASED_NAME, phone, ERASED_NAME]);
      const vols = await sql(em, `update volunteer set name = ?, updated_at = now() where phone = ? and name <> ? returning id`, [ERASED_NAME, phone, ERASED_NAME]);
      const hh = await sql(em, `update household set phone = null, phone_hash = null, updated_at = now() where id = ? and phone_hash = decode(?, 'hex') returning id`, [h.id, hash]);
      if (regs.length) fields.push(`registration×${regs.length}`);
      if (vols.length) fields.push(`volunteer×${vols.length}`);
      if (hh.length) fields.push('household.phone');
    }
    if (r!.relation === 'HEAD') {
      const heads = await sql(em, `update household set head_name = ?, updated_at = now() where id = ? and head_name = ? returning id`, [ERASED_NAME, h.id, row.name]);
      if (heads.length) fields.push('household.headName');
    }
    await sql(em, `update resident set name = ?, phone = null, phone_hash = null, id_number = null, id_number_hash = null, care = null, updated_at = now() where id = ?`, [ERASED_NAME, r!.id]);
    await announceReveal(ctx, 'Resident', r, fields, { em, action: 'WRITE', reason: `删除个人信息：${reason}`, orgNodeId: h.orgNodeId });
    return { fields, already: false };
  });
  ctx.loaders.clearAll();
  return { resident: (await loadResident(ctx, r!.id))!, alreadyErased: result.already, fields: result.fields };
}
