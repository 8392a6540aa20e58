/**
 * The explicit reveal request (`personalDataReveal`): a module registers which of its types hold sealed fields,
 * how to load a row the caller may read and how to open each field. The request opens the asked fields of one
 * record, after the type's `reveal` rule, with the reason given: one audit row for all of them.
 */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/relay.js';
import { revealFields } from '../access/index.js';

export interface Revealable<T> {
  /** The row if the caller may read it (null otherwise). */
  load(ctx: Context, id: number): Promise<T | null>;
  /** The org node the row hangs on (who reads its audit rows). */
  orgNodeId(ctx: Context, row: T): Promise<number | null> | number | null;
  /** Each sealed field, opened. */
  fields: Record<string, (row: T) => string | null>;
}

const revealables = new Map<string, Revealable<unknown>>();

export function registerRevealable<T>(type: string, spec: Revealable<T>): void {
  revealables.set(type, spec as Revealable<unknown>);
}

export interface RevealRequest { id: string; fields: string[]; reason: string }

/** Open the asked fields of one record in clear (FORBIDDEN without a role that needs them). */
export async function revealRecord(ctx: Context, input: RevealRequest): Promise<{ type: string; values: { field: string; value: string | null }[] }> {
  ctx.access.requireStaff();
  const reason = (input.reason ?? '').trim();
  if ([...reason].length < 2 || [...reason].length > 200) fail(UserErrorCode.INVALID_INPUT, '请填写查看原因（2 到 200 个字）', ['input', 'reason']);
  const ref = fromGlobalId(input.id);
  const spec = ref ? revealables.get(ref.type) : undefined;
  if (!ref || !spec) fail(UserErrorCode.NOT_FOUND, '找不到该记录', ['input', 'id']);
  const fields = [...new Set(input.fields)];
  if (fields.length === 0) fail(UserErrorCode.INVALID_INPUT, '请选择要查看的信息', ['input', 'fields']);
  const unknown = fields.filter((f) => !(f in spec.fields));
  if (unknown.length) fail(UserErrorCode.INVALID_INPUT, `没有这项信息：${unknown.join('、')}（可查看：${Object.keys(spec.fields).join('、')}）`, ['input', 'fields']);
  const row = await spec.load(ctx, ref.id);
  if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该记录', ['input', 'id']);
  const orgNodeId = await spec.orgNodeId(ctx, row);
  await ctx.em.transactional(async (em) => {
    await revealFields(ctx, ref.type, row, fields, { reason, em, orgNodeId, message: '无权查看该居民的完整信息 (your role cannot see this personal data)' });
  });
  return { type: ref.type, values: fields.map((field) => ({ field, value: spec.fields[field](row) })) };
}
