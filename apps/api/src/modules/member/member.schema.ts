/**
 * What a valid member profile is, once, for both doors: the GraphQL mutations (memberCreate, memberUpdate) and the
 * spreadsheet import (`/import/members`). Messages are Chinese and name the field; the import maps each field to
 * its column header (MEMBER_COLUMNS) so a bad cell is reported as row + column + reason.
 */
import { z } from 'zod';
import { EDUCATION_LABEL, GENDER_LABEL, MEMBER_STATUS_LABEL } from '@tongxin/ui';
import { normalizePhone } from '../privacy/index.js';

const CONTROL = /[\u0000-\u001f\u007f]/;
const chars = (text: string) => [...text].length;

function text(label: string, max: number) {
  return z.string({ error: `${label}不能为空` })
    .trim()
    .refine((t) => t.length > 0, `${label}不能为空`)
    .refine((t) => chars(t) <= max, `${label}最多 ${max} 个字`)
    .refine((t) => !CONTROL.test(t), `${label}含有无法显示的控制字符`);
}

/** Optional text: absent, null or blank means "none". */
function optionalText(label: string, max: number) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text(label, max).nullish());
}

function isCalendarDate(t: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const time = Date.parse(`${t}T00:00:00Z`);
  return m != null && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === t && Number(m[1]) >= 1900 && Number(m[1]) <= 2100;
}

function optionalDate(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().replace(/[/.年月]/g, '-').replace(/日$/, '').replace(/-(\d)(?=-|$)/g, '-0$1')) : v),
    z.string().refine(isCalendarDate, `${label}应为有效日期，如 2001-07-01`).nullish(),
  );
}

function enumOf<T extends string>(values: readonly T[], label: string) {
  return z.enum(values as [T, ...T[]], { error: `${label}只能是：${values.join('、')}` });
}

export const GENDERS = ['MALE', 'FEMALE'] as const;
export const STATUSES = ['FULL', 'PROBATIONARY'] as const;
export const EDUCATIONS = ['PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'JUNIOR_COLLEGE', 'BACHELOR', 'POSTGRADUATE'] as const;

const phone = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : normalizePhone(v)) : v),
  z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位中国大陆手机号（1 开头，第二位 3-9）').nullish(),
);

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The fields of a member's profile (all but the branch, which each door names its own way). */
export const memberProfileShape = {
  name: text('姓名', 30),
  gender: enumOf(GENDERS, '性别'),
  birthDate: optionalDate('出生日期'),
  ethnicity: optionalText('民族', 20),
  education: z.preprocess((v) => (v === '' ? null : v), enumOf(EDUCATIONS, '学历').nullish()),
  joinedOn: optionalDate('入党日期'),
  status: enumOf(STATUSES, '党员状态'),
  fullOn: optionalDate('转正日期'),
  phone,
  workUnit: optionalText('工作单位', 100),
  mobileLocation: optionalText('外出流向', 100),
  mobileUntil: optionalDate('外出截止日期'),
};

type Profile = { birthDate?: string | null; joinedOn?: string | null; status?: string; fullOn?: string | null; mobileLocation?: string | null; mobileUntil?: string | null };

/** Rules across fields; `ctx.addIssue` paths name the field at fault. */
export function checkProfile(p: Profile, ctx: z.RefinementCtx): void {
  const now = today();
  if (p.birthDate && p.birthDate > now) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '出生日期不能晚于今天' });
  if (p.joinedOn && p.joinedOn > now) ctx.addIssue({ code: 'custom', path: ['joinedOn'], message: '入党日期不能晚于今天' });
  if (p.birthDate && p.joinedOn && Number(p.joinedOn.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) < 18) {
    ctx.addIssue({ code: 'custom', path: ['joinedOn'], message: '入党时应年满 18 周岁' });
  }
  if (p.fullOn && p.status === 'PROBATIONARY') ctx.addIssue({ code: 'custom', path: ['fullOn'], message: '预备党员没有转正日期' });
  if (p.fullOn && p.joinedOn && p.fullOn < p.joinedOn) ctx.addIssue({ code: 'custom', path: ['fullOn'], message: '转正日期不能早于入党日期' });
  if (p.fullOn && p.fullOn > now) ctx.addIssue({ code: 'custom', path: ['fullOn'], message: '转正日期不能晚于今天' });
  if (p.mobileUntil && !p.mobileLocation) ctx.addIssue({ code: 'custom', path: ['mobileLocation'], message: '填写外出截止日期时请同时填写外出流向' });
}

/** A whole profile (creating a member; one import row). */
export const memberProfileSchema = z.object(memberProfileShape).superRefine(checkProfile);
export type MemberProfile = z.infer<typeof memberProfileSchema>;

/** A change to a profile: every field optional (absent keeps the stored value). */
export const memberPatchSchema = z.object(memberProfileShape).partial();
export type MemberPatch = z.infer<typeof memberPatchSchema>;

// ---- the spreadsheet ---------------------------------------------------------------------------------------

/** The import template's columns, in order; `field` is the profile field (or 'branch'). */
export const MEMBER_COLUMNS = [
  { field: 'name', header: '姓名', required: true, hint: '必填，最多 30 字', example: '李建华' },
  { field: 'gender', header: '性别', required: true, hint: '男 / 女', example: '男' },
  { field: 'branch', header: '所在支部', required: true, hint: '支部全称，须在您的管理范围内', example: '' },
  { field: 'status', header: '党员状态', required: true, hint: '正式党员 / 预备党员', example: '正式党员' },
  { field: 'joinedOn', header: '入党日期', required: false, hint: '如 2001-07-01', example: '2001-07-01' },
  { field: 'fullOn', header: '转正日期', required: false, hint: '正式党员填写，如 2002-07-01', example: '2002-07-01' },
  { field: 'birthDate', header: '出生日期', required: false, hint: '如 1975-03-12', example: '1975-03-12' },
  { field: 'ethnicity', header: '民族', required: false, hint: '如 汉族', example: '汉族' },
  { field: 'education', header: '学历', required: false, hint: Object.values(EDUCATION_LABEL).join(' / '), example: '本科' },
  { field: 'phone', header: '手机号', required: false, hint: '11 位手机号，加密保存', example: '13800138000' },
  { field: 'workUnit', header: '工作单位', required: false, hint: '最多 100 字', example: '' },
  { field: 'mobileLocation', header: '外出流向', required: false, hint: '流动党员填写现在所在地', example: '' },
  { field: 'mobileUntil', header: '外出截止日期', required: false, hint: '如 2027-06-30', example: '' },
] as const;
export type MemberColumnField = (typeof MEMBER_COLUMNS)[number]['field'];
export const HEADER_OF: Record<string, string> = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.field, c.header]));

const invert = (labels: Readonly<Record<string, string>>) => new Map(Object.entries(labels).flatMap(([code, label]) => [[label, code], [code, code]]));
const GENDER_OF = invert(GENDER_LABEL);
const STATUS_OF = invert({ ...MEMBER_STATUS_LABEL, FULL: '正式党员', PROBATIONARY: '预备党员' });
const EDUCATION_OF = new Map([...invert(EDUCATION_LABEL), ['高中', 'SENIOR_HIGH'], ['中专', 'SENIOR_HIGH'], ['小学', 'PRIMARY'], ['硕士', 'POSTGRADUATE'], ['博士', 'POSTGRADUATE'], ['硕士研究生', 'POSTGRADUATE'], ['博士研究生', 'POSTGRADUATE']]);

/** One spreadsheet row (header -> cell text) as the profile's raw input: Chinese labels become enum codes. */
export function rowToProfileInput(values: Record<string, string>): Record<string, unknown> {
  const cell = (field: MemberColumnField) => (values[HEADER_OF[field]] ?? '').trim();
  const coded = (map: Map<string, string>, field: MemberColumnField) => {
    const raw = cell(field);
    return raw === '' ? undefined : (map.get(raw) ?? raw);
  };
  return {
    name: cell('name'),
    gender: coded(GENDER_OF, 'gender'),
    status: coded(STATUS_OF, 'status'),
    joinedOn: cell('joinedOn'),
    fullOn: cell('fullOn'),
    birthDate: cell('birthDate'),
    ethnicity: cell('ethnicity'),
    education: coded(EDUCATION_OF, 'education') ?? null,
    phone: cell('phone'),
    workUnit: cell('workUnit'),
    mobileLocation: cell('mobileLocation'),
    mobileUntil: cell('mobileUntil'),
  };
}

/** Zod's messages in the words of the form: "性别只能是：MALE、FEMALE" reads better as the Chinese choices. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const field = String(issue.path[0] ?? '');
  if (issue.code === 'invalid_value' || (issue.code === 'invalid_type' && field in CHOICES)) {
    const choices = CHOICES[field];
    if (choices) return `${HEADER_OF[field]}只能是：${choices}`;
  }
  if (issue.code === 'invalid_type') return `${HEADER_OF[field] ?? field}不能为空`;
  return issue.message;
}
const CHOICES: Record<string, string> = {
  gender: Object.values(GENDER_LABEL).join('、'),
  status: '正式党员、预备党员',
  education: Object.values(EDUCATION_LABEL).join('、'),
};
