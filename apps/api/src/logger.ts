import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'tongxin-api' },
  redact: { paths: ['req.headers.authorization', '*.password', '*.token', '*.phone'], censor: '[redacted]' },
});
