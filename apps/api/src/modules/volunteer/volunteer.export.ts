/**
 * Spreadsheet exports of the volunteers screen, with Chinese headers, for staff who read the community's roll:
 *
 * - `GET /export/volunteers.xlsx?community=<ID>&year=2026`: the roll with teams, unit, skills, the year's and
 *   all-time service hours and the year's recognitions; phones masked.
 * - `GET /export/volunteer-teams.xlsx?community=<ID>&year=2026`: teams with their size and hours.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { maskPhone } from '../../graphql/mask.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { loadUnit } from '../unit/index.js';
import type { VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import {
  canReadCommunityId, listTeams, listVolunteers, memberCountOfTeam, recognitionsOfVolunteer, serviceHoursOf, teamsOfVolunteer,
} from './volunteer.service.js';

const BATCH = 200;
const MAX_EXPORT_ROWS = 20_000;
const TIME_ZONE = 'Asia/Shanghai';
const thisYear = () => Number(format(new TZDate(Date.now(), TIME_ZONE), 'yyyy'));

/** The community (a community committee the caller reads) and the year of the export; 400 or 404 otherwise. */
async function scopeOf(ctx: Context, req: Request): Promise<{ communityId: number; year: number }> {
  const community = typeof req.query.community === 'string' ? req.query.community : '';
  const communityId = idOf(community, 'PartyCommittee');
  if (communityId == null || !(await canReadCommunityId(ctx, communityId))) throw new HttpError(404, 'NOT_FOUND', '找不到该社区的志愿者名册');
  const raw = typeof req.query.year === 'string' && req.query.year !== '' ? Number(req.query.year) : thisYear();
  if (!Number.isInteger(raw) || raw < 2000 || raw > 2100) throw new HttpError(400, 'INVALID_FILTER', '年份应为 2000 到 2100');
  return { communityId, year: raw };
}

interface VolunteerRow { v: VolunteerEntity; teams: string; unit: string | null; yearHours: number; allHours: number; recognitions: string }

function volunteerColumns(year: number): XlsxColumn<VolunteerRow>[] {
  return [
    { header: '姓名', value: (r) => r.v.name },
    { header: '手机号', value: (r) => maskPhone(r.v.phone), width: 14 },
    { header: '服务队', value: (r) => r.teams || null, width: 24 },
    { header: '共建单位', value: (r) => r.unit, width: 20 },
    { header: '技能', value: (r) => r.v.skills.join('、') || null, width: 20 },
    { header: `${year}年服务时长（小时）`, value: (r) => r.yearHours, width: 20 },
    { header: '累计服务时长（小时）', value: (r) => r.allHours, width: 20 },
    { header: `${year}年表彰`, value: (r) => r.recognitions || null, width: 20 },
  ];
}

async function* volunteerRows(ctx: Context, communityId: number, year: number): AsyncGenerator<VolunteerRow> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const { rows } = await listVolunteers(ctx, communityId, {}, { offset, limit: BATCH });
    const batch = rows.slice(0, BATCH);
    yield* await Promise.all(batch.map(async (v): Promise<VolunteerRow> => {
      const [teams, unit, yearHours, allHours, recognitions] = await Promise.all([
        teamsOfVolunteer(ctx, v.id),
        v.unitId == null ? null : loadUnit(ctx, v.unitId),
        serviceHoursOf(ctx, 'volunteer', v.id, year),
        serviceHoursOf(ctx, 'volunteer', v.id, null),
        recognitionsOfVolunteer(ctx, v.id),
      ]);
      return {
        v, teams: teams.map((t) => t.name).join('、'), unit: unit?.name ?? null, yearHours, allHours,
        recognitions: recognitions.filter((r) => r.year === year).map((r) => r.title).join('、'),
      };
    }));
    if (rows.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/volunteers.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const { communityId, year } = await scopeOf(ctx, req);
    await sendXlsx(res, { filename: `志愿者-${year}.xlsx`, sheet: '志愿者', columns: volunteerColumns(year), rows: volunteerRows(ctx, communityId, year) });
  },
});

interface TeamRow { t: VolunteerTeamEntity; members: number; yearHours: number; allHours: number }

async function* teamRows(ctx: Context, communityId: number, year: number): AsyncGenerator<TeamRow> {
  const { rows } = await listTeams(ctx, communityId, { offset: 0, limit: 500 });
  yield* await Promise.all(rows.slice(0, 500).map(async (t) => ({
    t,
    members: await memberCountOfTeam(ctx, t.id),
    yearHours: await serviceHoursOf(ctx, 'team', t.id, year),
    allHours: await serviceHoursOf(ctx, 'team', t.id, null),
  })));
}

registerHttpRoute({
  method: 'GET',
  path: '/export/volunteer-teams.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const { communityId, year } = await scopeOf(ctx, req);
    const columns: XlsxColumn<TeamRow>[] = [
      { header: '服务队', value: (r) => r.t.name, width: 24 },
      { header: '服务内容', value: (r) => r.t.skills.join('、') || null, width: 24 },
      { header: '队员人数', value: (r) => r.members },
      { header: `${year}年服务时长（小时）`, value: (r) => r.yearHours, width: 20 },
      { header: '累计服务时长（小时）', value: (r) => r.allHours, width: 20 },
    ];
    await sendXlsx(res, { filename: `志愿服务队-${year}.xlsx`, sheet: '志愿服务队', columns, rows: teamRows(ctx, communityId, year) });
  },
});
