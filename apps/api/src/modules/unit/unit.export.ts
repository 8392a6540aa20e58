/**
 * Spreadsheets of the co-building unit screens, with Chinese headers, for staff:
 * - `GET /export/units.xlsx?community=<id>&kind=<kind>&agreement=<status>`: the unit list with the same filters
 *   as `coBuildingUnits` (rows from the same `listUnits`, so the same scope);
 * - `GET /export/unit-<table>.xlsx?unit=<id>`, table one of agreements, seats, cross-appointments, double-reports,
 *   evaluations: one unit's rows as its page lists them (the same visibility rules).
 * Contact phones are masked: an export is a file that travels.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { AGREEMENT_STATUS_LABEL, CROSS_APPOINTMENT_ROLE_LABEL, EVALUATION_FLAG_LABEL, UNIT_KIND_LABEL } from '@tongxin/ui';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { maskPhone } from '../../graphql/mask.js';
import { sql } from '../../db/sql.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { AgreementEntity, CommitteeSeatEntity, CrossAppointmentEntity, DoubleReportEntity, PropertyEvaluationEntity, UnitKind, type CoBuildingUnitEntity } from './unit.entity.js';
import { AgreementStatus } from './unit.types.js';
import { contactNameOf, listUnits, loadUnit, unitRowsPage, type UnitRow, type UnitRowList } from './unit.service.js';
import { agreementFilter, agreementList, agreementStatus } from './agreement.service.js';
import { crossAppointmentList, isCurrent, seatList } from './seat.service.js';
import { evaluationList } from './evaluation.service.js';
import { doubleReportList } from './double-report.service.js';

const BATCH = 100;
/** The most rows one export holds. */
export const MAX_EXPORT_ROWS = 10_000;

const today = () => format(new TZDate(Date.now(), 'Asia/Shanghai'), 'yyyy-MM-dd');

function one(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

function oneOf<T extends string>(values: Record<string, T>, raw: string | null, label: string): T | null {
  if (raw == null) return null;
  if (!(Object.values(values) as string[]).includes(raw)) throw new HttpError(400, 'INVALID_FILTER', `没有这个${label}：${raw}`);
  return raw as T;
}

/** Community names by id, one statement per batch. */
async function communityNames(ctx: Context, ids: number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await sql<{ id: number; name: string }>(ctx.em, `select id, name from org_node where id = any(?::int[])`, [wanted]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

interface UnitExportRow {
  unit: CoBuildingUnitEntity;
  communities: string;
  contactName: string | null;
  activeAgreements: number;
  nextExpiry: string | null;
  currentSeats: number;
}

const UNIT_COLUMNS: readonly XlsxColumn<UnitExportRow>[] = [
  { header: '单位名称', value: (r) => r.unit.name, width: 28 },
  { header: '单位类型', value: (r) => UNIT_KIND_LABEL[r.unit.kind] },
  { header: '单位党组织', value: (r) => r.unit.partyOrgName, width: 24 },
  { header: '共建社区', value: (r) => r.communities, width: 24 },
  { header: '联系人', value: (r) => r.contactName },
  { header: '联系电话', value: (r) => maskPhone(r.unit.contactPhone), width: 14 },
  { header: '生效协议数', value: (r) => r.activeAgreements },
  { header: '最近到期日', value: (r) => r.nextExpiry, width: 12 },
  { header: '现任兼职委员数', value: (r) => r.currentSeats },
];

async function* unitRows(ctx: Context, filter: Parameters<typeof listUnits>[1]): AsyncGenerator<UnitExportRow> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const { rows } = await listUnits(ctx, filter, { offset, limit: BATCH });
    const batch = rows.slice(0, BATCH);
    const ids = batch.map((u) => u.id);
    const [links, facts] = await Promise.all([
      sql<{ unit_id: number; community_id: number }>(ctx.em, `select unit_id, community_id from unit_community where unit_id = any(?::int[]) order by since nulls first, community_id`, [ids]),
      // the unit's active agreements and current seats, among those the caller may see
      Promise.all(batch.map(async (u) => {
        const agreements = await unitRowsPage(ctx, agreementList(AgreementStatus.ACTIVE), u.id, { offset: 0, limit: 100 });
        const seats = await unitRowsPage(ctx, seatList(true), u.id, { offset: 0, limit: 100 });
        return { agreements, seats };
      })),
    ]);
    const names = await communityNames(ctx, links.map((l) => l.community_id));
    for (const [i, unit] of batch.entries()) {
      const { agreements, seats } = facts[i];
      yield {
        unit,
        communities: links.filter((l) => l.unit_id === unit.id).map((l) => names.get(l.community_id) ?? '').join('、'),
        contactName: await contactNameOf(ctx, unit),
        activeAgreements: agreements.length,
        nextExpiry: agreements.map((a) => a.endsOn).sort()[0] ?? null,
        currentSeats: seats.length,
      };
    }
    if (rows.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/units.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const community = one(req, 'community');
    const communityId = community == null ? null : (idOf(community, 'PartyCommittee') ?? -1);
    const kind = oneOf(UnitKind, one(req, 'kind'), '单位类型');
    const status = oneOf(AgreementStatus, one(req, 'agreement'), '协议状态');
    const filter = { communityId, kind, agreement: status ? agreementFilter(ctx, status) : null };
    await sendXlsx(res, { filename: `共建单位-${today()}.xlsx`, sheet: '共建单位', columns: UNIT_COLUMNS, rows: unitRows(ctx, filter) });
  },
});

// ---- one unit's tables ------------------------------------------------------------------------------------

interface Named<E> { row: E; community: string }

interface UnitTable<E extends UnitRow> {
  label: string;
  list: UnitRowList<E>;
  columns: readonly XlsxColumn<Named<E>>[];
}

const community: XlsxColumn<Named<any>> = { header: '社区', value: (r) => r.community, width: 16 };

const TABLES: Record<string, UnitTable<UnitRow>> = {
  agreements: {
    label: '共建协议',
    list: agreementList(null),
    columns: [
      community,
      { header: '协议名称', value: (r: Named<AgreementEntity>) => r.row.title, width: 20 },
      { header: '签订日期', value: (r: Named<AgreementEntity>) => r.row.signedOn, width: 12 },
      { header: '期限（月）', value: (r: Named<AgreementEntity>) => r.row.termMonths },
      { header: '到期日', value: (r: Named<AgreementEntity>) => r.row.endsOn, width: 12 },
      { header: '状态', value: (r: Named<AgreementEntity>) => AGREEMENT_STATUS_LABEL[agreementStatus(r.row)] },
      { header: '共建承诺', value: (r: Named<AgreementEntity>) => r.row.commitments.join('；'), width: 40 },
      { header: '终止原因', value: (r: Named<AgreementEntity>) => r.row.terminationReason, width: 20 },
    ],
  } satisfies UnitTable<AgreementEntity> as unknown as UnitTable<UnitRow>,
  seats: {
    label: '兼职委员',
    list: seatList(null),
    columns: [
      community,
      { header: '兼职委员', value: (r: Named<CommitteeSeatEntity>) => r.row.representativeName },
      { header: '职务', value: (r: Named<CommitteeSeatEntity>) => r.row.title, width: 18 },
      { header: '任期开始', value: (r: Named<CommitteeSeatEntity>) => r.row.since, width: 12 },
      { header: '任期结束', value: (r: Named<CommitteeSeatEntity>) => r.row.until, width: 12 },
      { header: '是否在任', value: (r: Named<CommitteeSeatEntity>) => (isCurrent(r.row) ? '是' : '否') },
    ],
  } satisfies UnitTable<CommitteeSeatEntity> as unknown as UnitTable<UnitRow>,
  'cross-appointments': {
    label: '交叉任职',
    list: crossAppointmentList(null),
    columns: [
      community,
      { header: '姓名', value: (r: Named<CrossAppointmentEntity>) => r.row.personName },
      { header: '职务', value: (r: Named<CrossAppointmentEntity>) => CROSS_APPOINTMENT_ROLE_LABEL[r.row.role], width: 14 },
      { header: '方向', value: (r: Named<CrossAppointmentEntity>) => (r.row.side === 'COMMUNITY_IN_UNIT' ? '社区干部到单位任职' : '单位人员到社区任职'), width: 18 },
      { header: '起始日期', value: (r: Named<CrossAppointmentEntity>) => r.row.since, width: 12 },
      { header: '结束日期', value: (r: Named<CrossAppointmentEntity>) => r.row.until, width: 12 },
    ],
  } satisfies UnitTable<CrossAppointmentEntity> as unknown as UnitTable<UnitRow>,
  'double-reports': {
    label: '双报到党员',
    list: doubleReportList(null, null),
    columns: [
      community,
      { header: '姓名', value: (r: Named<DoubleReportEntity>) => r.row.personName },
      { header: '报到日期', value: (r: Named<DoubleReportEntity>) => r.row.since, width: 12 },
      { header: '停止日期', value: (r: Named<DoubleReportEntity>) => r.row.until, width: 12 },
      { header: '是否在报到', value: (r: Named<DoubleReportEntity>) => (isCurrent(r.row) ? '是' : '否') },
    ],
  } satisfies UnitTable<DoubleReportEntity> as unknown as UnitTable<UnitRow>,
  evaluations: {
    label: '物业测评',
    list: evaluationList,
    columns: [
      community,
      { header: '测评期', value: (r: Named<PropertyEvaluationEntity>) => r.row.period },
      { header: '服务', value: (r: Named<PropertyEvaluationEntity>) => r.row.serviceScore },
      { header: '环境', value: (r: Named<PropertyEvaluationEntity>) => r.row.environmentScore },
      { header: '安全', value: (r: Named<PropertyEvaluationEntity>) => r.row.safetyScore },
      { header: '响应', value: (r: Named<PropertyEvaluationEntity>) => r.row.responseScore },
      { header: '总分', value: (r: Named<PropertyEvaluationEntity>) => r.row.total },
      { header: '挂旗', value: (r: Named<PropertyEvaluationEntity>) => EVALUATION_FLAG_LABEL[r.row.flag] },
      { header: '备注', value: (r: Named<PropertyEvaluationEntity>) => r.row.note, width: 30 },
    ],
  } satisfies UnitTable<PropertyEvaluationEntity> as unknown as UnitTable<UnitRow>,
};

async function* tableRows<E extends UnitRow>(ctx: Context, table: UnitTable<E>, unitId: number): AsyncGenerator<Named<E>> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const rows = await unitRowsPage(ctx, table.list, unitId, { offset, limit: BATCH });
    const batch = rows.slice(0, BATCH);
    const names = await communityNames(ctx, batch.map((r) => r.communityId));
    for (const row of batch) yield { row, community: names.get(row.communityId) ?? '' };
    if (rows.length <= BATCH) return;
  }
}

for (const [name, table] of Object.entries(TABLES)) {
  registerHttpRoute({
    method: 'GET',
    path: `/export/unit-${name}.xlsx`,
    auth: 'staff',
    handler: async (ctx, req, res) => {
      const id = one(req, 'unit');
      const unitId = id == null ? null : idOf(id, 'CoBuildingUnit');
      const unit = unitId == null ? null : await loadUnit(ctx, unitId);
      if (!unit) throw new HttpError(404, 'NOT_FOUND', '找不到该共建单位');
      await sendXlsx(res, { filename: `${unit.name}-${table.label}-${today()}.xlsx`, sheet: table.label, columns: table.columns, rows: tableRows(ctx, table, unit.id) });
    },
  });
}
