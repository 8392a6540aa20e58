import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';

/** The request a log line belongs to (app/http.ts `requestIds` sets it for every HTTP request). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Log keys whose values are personal data or secrets, wherever they sit in a logged object. */
export const REDACTED_KEYS = ['authorization', 'password', 'token', 'phone', 'idNumber', 'residentPhone', 'residentName', 'contactPhone'];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'tongxin-api' },
  mixin: () => {
    const scope = requestScope.getStore();
    return scope ? { requestId: scope.requestId } : {};
  },
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', ...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`])],
    censor: '[redacted]',
  },
});
