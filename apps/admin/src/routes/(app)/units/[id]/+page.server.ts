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
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const [{ coBuildingUnit: unit }, { viewer }] = await Promise.all([query(event, UnitPage, { id: event.params.id }), event.parent()]);
  if (!unit) error(404, m.unit_not_found());
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
  if (!values.communityId) fields.communityId = m.unit_v_community();
  if (!DATE.test(values.signedOn)) fields.signedOn = m.unit_v_signed();
  const term = Number(values.termMonths);
  if (!Number.isInteger(term) || term < 1 || term > 120) fields.termMonths = m.unit_v_term();
  const commitments = values.commitments.split('\n').map((c) => c.trim()).filter(Boolean);
  if (commitments.length === 0) fields.commitments = m.unit_v_commitments();
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { agreementCreate: result } = await query(event, AgreementCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, title: values.title || null, signedOn: values.signedOn, termMonths: term, commitments },
  });
  if (result.agreement) return { kind: 'agreementCreate' as const, done: m.unit_agreement_added() };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'title', 'signedOn', 'termMonths', 'commitments'], values, extra, fallback: m.unit_add_failed() });
}

async function agreementRenew(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id'), termMonths: text(form, 'termMonths') };
  const extra = { kind: 'agreementRenew' as const, id: values.id };
  const term = values.termMonths ? Number(values.termMonths) : null;
  if (term != null && (!Number.isInteger(term) || term < 1 || term > 120)) return failForm(400, values, { fields: { termMonths: m.unit_v_term() } }, extra);
  const { agreementRenew: result } = await query(event, AgreementRenew, { input: { id: values.id, termMonths: term } });
  if (result.agreement) return { kind: 'agreementRenew' as const, done: m.unit_renewed({ from: result.agreement.signedOn, to: result.agreement.endsOn }) };
  return failUserErrors(result.userErrors, { fields: ['termMonths'], values, extra, fallback: m.unit_renew_failed() });
}

async function agreementTerminate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id'), reason: text(form, 'reason') };
  const extra = { kind: 'agreementTerminate' as const, id: values.id };
  if (!values.reason) return failForm(400, values, { fields: { reason: m.unit_v_reason() } }, extra);
  const { agreementTerminate: result } = await query(event, AgreementTerminate, { input: { id: values.id, reason: values.reason } });
  if (result.agreement) return { kind: 'agreementTerminate' as const, done: m.unit_terminated() };
  return failUserErrors(result.userErrors, { fields: ['reason'], values, extra, fallback: m.unit_terminate_failed() });
}

async function seatCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), representativeName: text(form, 'representativeName'), title: text(form, 'title'), since: text(form, 'since'), until: text(form, 'until') };
  const extra = { kind: 'seatCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.communityId) fields.communityId = m.unit_v_pick_community();
  if (!values.representativeName) fields.representativeName = m.unit_v_rep();
  if (!DATE.test(values.since)) fields.since = m.unit_v_since();
  if (values.until && !DATE.test(values.until)) fields.until = m.unit_v_date();
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { committeeSeatCreate: result } = await query(event, SeatCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, representativeName: values.representativeName, title: values.title || null, since: values.since, until: values.until || null },
  });
  if (result.seat) return { kind: 'seatCreate' as const, done: m.unit_seat_added() };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'representativeName', 'title', 'since', 'until'], values, extra, fallback: m.unit_add_failed() });
}

async function seatEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { committeeSeatEnd: result } = await query(event, SeatEnd, { input: { id: values.id } });
  if (result.seat) return { kind: 'seatEnd' as const, done: m.unit_seat_ended() };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'seatEnd' as const, id: values.id }, fallback: m.common_failed() });
}

async function tokenCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const scopes = form.getAll('scopes').map(String).filter((s) => TOKEN_SCOPES.some((t) => t.value === s));
  const values = { communityId: text(form, 'communityId'), name: text(form, 'name'), expiresOn: text(form, 'expiresOn'), scopes: scopes.join(',') };
  const extra = { kind: 'tokenCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.name) fields.name = m.unit_v_token_name();
  if (values.expiresOn && !DATE.test(values.expiresOn)) fields.expiresOn = m.unit_v_date();
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  // the token works through the whole expiry day, Beijing time
  const expiresAt = values.expiresOn ? new Date(`${values.expiresOn}T23:59:59+08:00`).toISOString() : null;
  const { partnerTokenCreate: result } = await query(event, TokenCreate, {
    input: { unitId: event.params.id, communityId: values.communityId || null, name: values.name, scopes: ['public:read', ...scopes], expiresAt },
  });
  if (result.secret && result.partnerToken) return { kind: 'tokenCreate' as const, done: m.unit_token_created({ name: result.partnerToken.name }), secret: result.secret };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'name', 'expiresAt', 'scopes'], values, extra, fallback: m.unit_create_failed() });
}

async function tokenRotate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { partnerTokenRotate: result } = await query(event, TokenRotate, { input: { id: values.id } });
  if (result.secret && result.partnerToken) return { kind: 'tokenRotate' as const, done: m.unit_token_rotated({ name: result.partnerToken.name }), secret: result.secret, id: values.id };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'tokenRotate' as const, id: values.id }, fallback: m.unit_rotate_failed() });
}

async function tokenRevoke(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { partnerTokenRevoke: result } = await query(event, TokenRevoke, { input: { id: values.id } });
  if (result.partnerToken) return { kind: 'tokenRevoke' as const, done: m.unit_token_revoked() };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'tokenRevoke' as const, id: values.id }, fallback: m.unit_revoke_failed() });
}

async function reveal(event: RequestEvent) {
  try {
    const { coBuildingUnit } = await query(event, RevealUnitPhone, { id: event.params.id });
    return { kind: 'reveal' as const, phone: coBuildingUnit?.contactPhone ?? null };
  } catch {
    return failForm(403, {}, { form: m.unit_no_reveal() }, { kind: 'reveal' as const });
  }
}

const CROSS_ROLES = ['PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'OPINION_LIAISON', 'SOCIAL_SUPERVISOR'] as const;

async function crossCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), role: text(form, 'role'), personName: text(form, 'personName'), since: text(form, 'since') };
  const extra = { kind: 'crossCreate' as const };
  const fields: Record<string, string> = {};
  const role = CROSS_ROLES.find((r) => r === values.role);
  if (!role) fields.role = m.mem_pick_role();
  if (!values.personName) fields.personName = m.unit_v_person();
  if (!DATE.test(values.since)) fields.since = m.unit_v_from();
  if (!role || Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { crossAppointmentCreate: result } = await query(event, CrossAppointmentCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, role, personName: values.personName, since: values.since },
  });
  if (result.crossAppointment) return { kind: 'crossCreate' as const, done: m.unit_cross_added() };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'role', 'personName', 'since'], values, extra, fallback: m.unit_add_failed() });
}

async function crossEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { crossAppointmentEnd: result } = await query(event, CrossAppointmentEnd, { input: { id: values.id } });
  if (result.crossAppointment) return { kind: 'crossEnd' as const, done: m.unit_cross_ended() };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'crossEnd' as const, id: values.id }, fallback: m.common_failed() });
}

async function reportCreate(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { communityId: text(form, 'communityId'), personName: text(form, 'personName'), since: text(form, 'since') };
  const extra = { kind: 'reportCreate' as const };
  const fields: Record<string, string> = {};
  if (!values.personName) fields.personName = m.unit_v_member();
  if (values.since && !DATE.test(values.since)) fields.since = m.unit_v_date();
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { doubleReportMemberCreate: result } = await query(event, DoubleReportCreate, {
    input: { unitId: event.params.id, communityId: values.communityId, personName: values.personName, since: values.since || null },
  });
  if (result.doubleReportMember) return { kind: 'reportCreate' as const, done: m.unit_report_added() };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'personName', 'since'], values, extra, fallback: m.unit_add_failed() });
}

async function reportEnd(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { id: text(form, 'id') };
  const { doubleReportMemberEnd: result } = await query(event, DoubleReportEnd, { input: { id: values.id } });
  if (result.doubleReportMember) return { kind: 'reportEnd' as const, done: m.unit_report_ended() };
  return failUserErrors(result.userErrors, { fields: [], values, extra: { kind: 'reportEnd' as const, id: values.id }, fallback: m.common_failed() });
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
  if (!/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/.test(values.period)) fields.period = m.unit_v_period();
  const scores = Object.fromEntries(SCORES.map((k) => [k, Number(values[k])])) as Record<(typeof SCORES)[number], number>;
  for (const k of SCORES) if (values[k] === '' || !Number.isInteger(scores[k]) || scores[k] < 0 || scores[k] > 100) fields[k] = m.unit_v_score();
  if (values.flag !== 'RED' && values.flag !== 'YELLOW') fields.flag = m.unit_v_flag();
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);
  const { propertyEvaluationRecord: result } = await query(event, EvaluationRecord, {
    input: { unitId: event.params.id, communityId: values.communityId, period: values.period, ...scores, flag: values.flag as 'RED' | 'YELLOW', note: values.note || null },
  });
  if (result.evaluation) return { kind: 'evaluationRecord' as const, done: m.unit_eval_recorded({ period: values.period, total: result.evaluation.total }) };
  return failUserErrors(result.userErrors, { fields: ['communityId', 'period', 'flag', 'note', ...SCORES], values, extra, fallback: m.unit_record_failed() });
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
