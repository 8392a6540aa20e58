import { error } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { query } from '$lib/server/api';
import { TOKEN_SCOPES } from '$lib/units/filters';
import {
  AgreementCreate,
  AgreementRenew,
  AgreementTerminate,
  CrossAppointmentCreate,
  CrossAppointmentEnd,
  DoubleReportCreate,
  DoubleReportEnd,
  EvaluationRanking,
  EvaluationRecord,
  RevealUnitPhone,
  SeatCreate,
  SeatEnd,
  TokenCreate,
  TokenRevoke,
  TokenRotate,
  UnitPage,
} from './queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const [{ coBuildingUnit: unit }, { viewer }] = await Promise.all([query(event, UnitPage, { id: event.params.id }), event.parent()]);
  if (!unit) error(404, '共建单位不存在或您无权查看');
  // the firm's place in the latest ranking of the community that evaluated it last
  const latest = unit.evaluations.edges[0]?.node;
  const ranking = latest ? await query(event, EvaluationRanking, { communityId: latest.community.id, period: latest.period }) : null;
  const own = ranking?.propertyEvaluationRanking.edges.find((e) => e.node.evaluation.unit.id === unit.id);
  const managed = new Set(viewer.grants.filter((g) => g.role === 'COMMITTEE_ADMIN').map((g) => g.node.id));
  return {
    unit,
    ranking: latest && ranking ? { period: latest.period, community: latest.community.name, rank: own?.node.rank ?? null, of: ranking.propertyEvaluationRanking.totalCount, rows: ranking.propertyEvaluationRanking.edges.map((e) => e.node) } : null,
    // forms are offered for the unit's communities the person administers; the API still decides
    manageable: unit.communities.filter((c) => managed.has(c.id)),
    canReveal: viewer.grants.some((g) => g.role === 'COMMITTEE_ADMIN' || g.role === 'BRANCH_SECRETARY'),
    crumbs: { title: unit.name },
  };
};

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function agreementCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), title: text(form, 'title'), signedOn: text(form, 'signedOn'), termMonths: text(form, 'termMonths'), commitments: text(form, 'commitments') };
  const extra = { kind: 'agreementCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.communityId) fields.communityId = '请选择签约社区';
  if (!DATE.test(values.signedOn)) fields.signedOn = '请填写签订日期';
  const term = Number(values.termMonths);
  if (!Number.isInteger(term) || term < 1 || term > 120) fields.termMonths = '协议期限应为 1 到 120 个月';
  const commitments = values.commitments.split('\n').map((c) => c.trim()).filter(Boolean);
  if (commitments.length === 0) fields.commitments = '请至少写一项共建承诺（每行一项）';
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { agreementCreate: result } = await query(event, AgreementCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, title: values.title || null, signedOn: values.signedOn, termMonths: term, commitments },
  });
  if (result.agreement) return { kind: 'agreementCreate' as const, done: '已登记共建协议' };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'title', 'signedOn', 'termMonths', 'commitments'], values, extra, fallback: '登记失败，请重试' });
}

async function agreementRenew(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id'), termMonths: text(form, 'termMonths') };
  const extra = { kind: 'agreementRenew' as const, id: values.id };
  const term = values.termMonths ? Number(values.termMonths) : null;
  if (term != null && (!Number.isInteger(term) || term < 1 || term > 120)) return failForm(400, values, { fields: { termMonths: '协议期限应为 1 到 120 个月' } }, extra);
  const { agreementRenew: result } = await query(event, AgreementRenew, { input: { id: values.id, termMonths: term } });
  if (result.agreement) return { kind: 'agreementRenew' as const, done: `已续签，新协议 ${result.agreement.signedOn} 起至 ${result.agreement.endsOn}` };
  return failUserErrors(result.userErrors, { fields: ['termMonths'], values, extra, fallback: '续签失败，请重试' });
}

async function agreementTerminate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id'), reason: text(form, 'reason') };
  const extra = { kind: 'agreementTerminate' as const, id: values.id };
  if (!values.reason) return failForm(400, values, { fields: { reason: '请写明终止原因' } }, extra);
  const { agreementTerminate: result } = await query(event, AgreementTerminate, { input: { id: values.id, reason: values.reason } });
  if (result.agreement) return { kind: 'agreementTerminate' as const, done: '协议已终止' };
  return failUserErrors(result.userErrors, { fields: ['reason'], values, extra, fallback: '终止失败，请重试' });
}

async function seatCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), representativeName: text(form, 'representativeName'), title: text(form, 'title'), since: text(form, 'since'), until: text(form, 'until') };
  const extra = { kind: 'seatCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.communityId) fields.communityId = '请选择社区';
  if (!values.representativeName) fields.representativeName = '请填写兼职委员姓名';
  if (!DATE.test(values.since)) fields.since = '请填写任期开始日期';
  if (values.until && !DATE.test(values.until)) fields.until = '日期格式应为 年-月-日';
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { committeeSeatCreate: result } = await query(event, SeatCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, representativeName: values.representativeName, title: values.title || null, since: values.since, until: values.until || null },
  });
  if (result.seat) return { kind: 'seatCreate' as const, done: '已登记兼职委员' };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'representativeName', 'title', 'since', 'until'], values, extra, fallback: '登记失败，请重试' });
}

async function seatEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { committeeSeatEnd: result } = await query(event, SeatEnd, { input: { id: values.id } });
  if (result.seat) return { kind: 'seatEnd' as const, done: '任期已结束' };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'seatEnd' as const, id: values.id }, fallback: '操作失败，请重试' });
}

async function tokenCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const scopes = form.getAll('scopes').map(String).filter((s) => TOKEN_SCOPES.some((t) => t.value === s));
  const values = { communityId: text(form, 'communityId'), name: text(form, 'name'), expiresOn: text(form, 'expiresOn'), scopes: scopes.join(',') };
  const extra = { kind: 'tokenCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.name) fields.name = '请给令牌起个名字，例如 预约系统';
  if (values.expiresOn && !DATE.test(values.expiresOn)) fields.expiresOn = '日期格式应为 年-月-日';
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  // the token works through the whole expiry day, Beijing time
  const expiresAt = values.expiresOn ? new Date(`${values.expiresOn}T23:59:59+08:00`).toISOString() : null;
  const { partnerTokenCreate: result } = await query(event, TokenCreate, {
    input: { unitId: event.params.id, communityId: values.communityId || null, name: values.name, scopes: ['public:read', ...scopes], expiresAt },
  });
  if (result.secret && result.partnerToken) return { kind: 'tokenCreate' as const, done: `已创建令牌「${result.partnerToken.name}」`, secret: result.secret };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'name', 'expiresAt', 'scopes'], values, extra, fallback: '创建失败，请重试' });
}

async function tokenRotate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { partnerTokenRotate: result } = await query(event, TokenRotate, { input: { id: values.id } });
  if (result.secret && result.partnerToken) return { kind: 'tokenRotate' as const, done: `已更换令牌「${result.partnerToken.name}」的密钥，旧密钥立即失效`, secret: result.secret, id: values.id };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'tokenRotate' as const, id: values.id }, fallback: '更换失败，请重试' });
}

async function tokenRevoke(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { partnerTokenRevoke: result } = await query(event, TokenRevoke, { input: { id: values.id } });
  if (result.partnerToken) return { kind: 'tokenRevoke' as const, done: '令牌已吊销，使用它的请求将被拒绝' };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'tokenRevoke' as const, id: values.id }, fallback: '吊销失败，请重试' });
}

async function reveal(event: RequestEvent) {
  try {
    const { coBuildingUnit } = await query(event, RevealUnitPhone, { id: event.params.id });
    return { kind: 'reveal' as const, phone: coBuildingUnit?.contactPhone ?? null };
  } catch {
    return failForm(403, {}, { form: '您的职责不能查看完整联系电话' }, { kind: 'reveal' as const });
  }
}

const CROSS_ROLES = ['PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'OPINION_LIAISON', 'SOCIAL_SUPERVISOR'] as const;

async function crossCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), role: text(form, 'role'), personName: text(form, 'personName'), since: text(form, 'since') };
  const extra = { kind: 'crossCreate' as const };
  const fields: Record<string, string> = {};
  const role = CROSS_ROLES.find((r) => r === values.role);
  if (!role) fields.role = '请选择职务';
  if (!values.personName) fields.personName = '请填写任职人姓名';
  if (!DATE.test(values.since)) fields.since = '请填写起始日期';
  if (!role || Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { crossAppointmentCreate: result } = await query(event, CrossAppointmentCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, role, personName: values.personName, since: values.since },
  });
  if (result.crossAppointment) return { kind: 'crossCreate' as const, done: '已登记交叉任职' };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'role', 'personName', 'since'], values, extra, fallback: '登记失败，请重试' });
}

async function crossEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { crossAppointmentEnd: result } = await query(event, CrossAppointmentEnd, { input: { id: values.id } });
  if (result.crossAppointment) return { kind: 'crossEnd' as const, done: '交叉任职已结束' };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'crossEnd' as const, id: values.id }, fallback: '操作失败，请重试' });
}

async function reportCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), personName: text(form, 'personName'), since: text(form, 'since') };
  const extra = { kind: 'reportCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.personName) fields.personName = '请填写党员姓名';
  if (values.since && !DATE.test(values.since)) fields.since = '日期格式应为 年-月-日';
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { doubleReportMemberCreate: result } = await query(event, DoubleReportCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, personName: values.personName, since: values.since || null },
  });
  if (result.doubleReportMember) return { kind: 'reportCreate' as const, done: '已登记双报到党员' };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'personName', 'since'], values, extra, fallback: '登记失败，请重试' });
}

async function reportEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { doubleReportMemberEnd: result } = await query(event, DoubleReportEnd, { input: { id: values.id } });
  if (result.doubleReportMember) return { kind: 'reportEnd' as const, done: '已停止报到' };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'reportEnd' as const, id: values.id }, fallback: '操作失败，请重试' });
}

const SCORES = ['serviceScore', 'environmentScore', 'safetyScore', 'responseScore'] as const;

async function evaluationRecord(event: RequestEvent) {
  const form = await event.request.formData();
  const values = {
    communityId: text(form, 'communityId'), period: text(form, 'period').toUpperCase(), flag: text(form, 'flag'), note: text(form, 'note'),
    ...Object.fromEntries(SCORES.map((k) => [k, text(form, k)])),
  } as Record<string, string>;
  const extra = { kind: 'evaluationRecord' as const };
  const fields: Record<string, string> = {};
  if (!/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/.test(values.period)) fields.period = '测评期写作 2026-Q4（季度）或 2026-11（月份）';
  const scores = Object.fromEntries(SCORES.map((k) => [k, Number(values[k])])) as Record<(typeof SCORES)[number], number>;
  for (const k of SCORES) if (values[k] === '' || !Number.isInteger(scores[k]) || scores[k] < 0 || scores[k] > 100) fields[k] = '请填写 0 到 100 的整数';
  if (values.flag !== 'RED' && values.flag !== 'YELLOW') fields.flag = '请选择红旗或黄旗';
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { propertyEvaluationRecord: result } = await query(event, EvaluationRecord, {
    input: { unitId: event.params.id, communityId: values.communityId, period: values.period, ...scores, flag: values.flag as 'RED' | 'YELLOW', note: values.note || null },
  });
  if (result.evaluation) return { kind: 'evaluationRecord' as const, done: `已记录 ${values.period} 测评，总分 ${result.evaluation.total}` };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'period', 'flag', 'note', ...SCORES], values, extra, fallback: '记录失败，请重试' });
}

export const actions: Actions = {
  crossCreate,
  crossEnd,
  reportCreate,
  reportEnd,
  evaluationRecord,
  reveal,
  agreementCreate,
  agreementRenew,
  agreementTerminate,
  seatCreate,
  seatEnd,
  tokenCreate,
  tokenRotate,
  tokenRevoke,
};
