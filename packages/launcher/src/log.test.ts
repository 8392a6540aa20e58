import { describe, expect, it } from 'vitest';
import { readableLogLine } from './platform.js';

describe('readableLogLine', () => {
  it('turns a JSON log line into a short readable one', () => {
    const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 10, 23, 1, 2, 3), service: 'tongxin-api', msg: 'Tongxin API ready', url: 'http://127.0.0.1:4000/graphql' });
    const out = readableLogLine(line);
    expect(out).toMatch(/^\d\d:\d\d:\d\d info Tongxin API ready url=http:\/\/127\.0\.0\.1:4000\/graphql$/);
    expect(out).not.toContain('tongxin-api');
  });

  it('shows errors loudly with their message', () => {
    const out = readableLogLine(JSON.stringify({ level: 50, time: 0, msg: 'unexpected error', err: { message: 'boom', stack: '...' } }));
    expect(out).toContain('ERROR unexpected error');
    expect(out).toContain('— boom');
  });

  it('leaves other lines alone', () => {
    expect(readableLogLine('[migrator] Applied x')).toBe('[migrator] Applied x');
    expect(readableLogLine('{"level": not json')).toBe('{"level": not json');
  });
});
