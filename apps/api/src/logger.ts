import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

/** The request a log line belongs to (app/http.ts `requestIds` sets it for every HTTP request). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Log keys whose values are personal data or secrets, wherever they sit in a logged object. */
export const REDACTED_KEYS = ['authorization', 'cookie', 'password', 'token', 'phone', 'idNumber', 'residentPhone', 'residentName', 'contactPhone'];

const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![\dA-Za-z])/g;

/** Mobile and ID numbers inside free text (messages, SQL errors that quote a value) are masked too. */
export function maskPersonalText(text: string): string {
  return text.replace(ID_NUMBER, '$1**********$2').replace(MOBILE, '$1****$2');
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: maskPersonalText(value.message), stack: value.stack && maskPersonalText(value.stack), code: (value as { code?: unknown }).code };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

export function createLogger(destination?: DestinationStream): Logger {
  const options = {
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
    formatters: { log: (object: Record<string, unknown>) => maskDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)));
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();
