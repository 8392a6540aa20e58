/**
 * `node --import ./production-guard.mjs dist/main.js`: runs the built API as if only production dependencies
 * were installed (the runtime image holds `npm install --omit=dev`). Packages reachable from the API's
 * `dependencies` through package-lock.json resolve as usual; anything else (devDependencies such as tsx or
 * vitest, other workspaces' tools, TypeScript sources of workspace packages) fails with the same
 * "module not found" error production would give, and is reported on stderr as `[production-guard] ...`.
 */
import Module, { isBuiltin, register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deniedReason, productionClosure } from './production-closure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const workspace = process.env.PRODUCTION_GUARD_WORKSPACE ?? 'apps/api';

const allowed = productionClosure(root, workspace);
const report = (reason, request, from) => {
  process.stderr.write(`[production-guard] ${request}${from ? ` (from ${path.relative(root, from)})` : ''}: ${reason}\n`);
};

// CommonJS require() of the dependencies.
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const file = originalResolve.call(this, request, parent, ...rest);
  if (isBuiltin(file) || !path.isAbsolute(file)) return file;
  const reason = deniedReason(file, root, allowed);
  if (!reason) return file;
  report(reason, request, parent?.filename);
  throw Object.assign(new Error(`Cannot find module '${request}' (${reason})`), { code: 'MODULE_NOT_FOUND' });
};

// ES module imports, checked off-thread by the resolve hook.
register('./production-guard-hooks.mjs', import.meta.url, { data: { root, allowed: [...allowed] } });
