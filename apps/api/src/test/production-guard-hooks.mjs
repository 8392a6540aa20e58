/** Resolve hook of production-guard.mjs: ES module imports of what the runtime image would not hold fail. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { deniedReason } from './production-closure.mjs';

let root = '';
let allowed = new Set();

export function initialize(data) {
  root = data.root;
  allowed = new Set(data.allowed);
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!result.url.startsWith('file:')) return result;
  const reason = deniedReason(fileURLToPath(result.url), root, allowed);
  if (!reason) return result;
  const from = context.parentURL?.startsWith('file:') ? ` (from ${path.relative(root, fileURLToPath(context.parentURL))})` : '';
  process.stderr.write(`[production-guard] ${specifier}${from}: ${reason}\n`);
  throw Object.assign(new Error(`Cannot find package '${specifier}'${from}: ${reason}`), { code: 'ERR_MODULE_NOT_FOUND' });
}
