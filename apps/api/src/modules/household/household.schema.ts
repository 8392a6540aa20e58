/**
 * The rules for a household and a resident, written once with zod: the `householdCreate` / `residentCreate`
 * mutations and the spreadsheet import validate with the same schemas, so a row the import refuses is a row
 * the form would refuse, with the same Chinese message.
 */
import { z } from 'zod';
import { normalizeIdNumber, normalizePhone } from '../privacy/index.js';
import { CareCategory, ResidentRelation } from './household.entity.js';

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).optional().default('');

export const phoneSchema = z.string().trim().transform((v) => normalizePhone(v))
  .refine((v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{9,11}$/.test(v), '手机号应为 11 位手机号码或带区号的固定电话');

/** 18-digit resident ID number with its check character (GB 11643). */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export const idNumberSchema = z.string().trim().transform((v) => normalizeIdNumber(v)).refine(validIdNumber, '身份证号应为 18 位，且校验位正确');

export const careSchema = z.array(z.enum(CareCategory, { error: '关爱类别不正确' })).max(6).default([]);

export const householdFields = {
  compound: text('小区', 100),
  building: text('楼栋', 50),
  unit: optionalText('单元', 20),
  room: text('房号', 20),
  headName: text('户主姓名', 50),
  size: z.coerce.number({ error: '人口数应为数字' }).int('人口数应为整数').min(1, '人口数至少为 1').max(50, '人口数最多 50'),
  phone: phoneSchema.nullish(),
  careCategories: careSchema,
  careNote: z.string().trim().max(500, '关爱说明最多 500 个字').nullish(),
};

export const householdSchema = z.object(householdFields);
export type HouseholdInputData = z.infer<typeof householdSchema>;

export const residentSchema = z.object({
  name: text('姓名', 50),
  relation: z.enum(ResidentRelation, { error: '与户主关系不正确' }).default(ResidentRelation.OTHER),
  birthYear: z.coerce.number({ error: '出生年份应为数字' }).int('出生年份应为整数').min(1900, '出生年份不早于 1900').max(new Date().getFullYear(), '出生年份不能晚于今年').nullish(),
  phone: phoneSchema.nullish(),
  idNumber: idNumberSchema.nullish(),
  careCategories: careSchema,
  careNote: z.string().trim().max(500, '关爱说明最多 500 个字').nullish(),
});
export type ResidentInputData = z.infer<typeof residentSchema>;

/** The first problem of a zod result as (field path, Chinese message). */
export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: String(issue.path[0] ?? ''), message: issue.message };
}
