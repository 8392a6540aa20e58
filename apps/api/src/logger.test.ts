import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestScope } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { logger: createLogger(stream), lines };
}

describe('logs', () => {
  it('carry no phone or ID number in clear, wherever they appear', () => {
    const { logger, lines } = capture();
    logger.error({ input: { phone: '13800001234', name: '张三' }, err: new Error('duplicate key (phone)=(13912345678) for 110101199003071234') }, 'sign-up by 13700009999 failed');
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/13800001234|13912345678|13700009999|110101199003071234/);
    expect(text).toContain('139****5678');
    expect(text).toContain('1101**********1234');
    expect(lines[0].input).toMatchObject({ phone: '[redacted]', name: '张三' });
  });

  it('carry the request id of the request they were written in', () => {
    const { logger, lines } = capture();
    requestScope.run({ requestId: 'req-7' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines.map((l) => l.requestId)).toEqual(['req-7', undefined]);
  });
});
