import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { NotificationKind } from './notification.entity.js';
import { pageOnlyProvider, providerFromConfig, webhookProvider, type OutgoingMessage } from './notification.provider.js';

const DATABASE_URL = 'postgres://x@127.0.0.1:1/x';
const message: OutgoingMessage = { id: 1, kind: NotificationKind.WAITLIST_PROMOTED, phone: '13912345678', body: '您已从候补转为正式报名', code: 'ABCD2345' };

describe('notification providers by configuration', () => {
  it('delivers nowhere by default and refuses a webhook without its URL', () => {
    const config = loadConfig({ DATABASE_URL });
    expect(config.NOTIFY_PROVIDER).toBe('none');
    expect(config.NOTIFY_INTERVAL_MS).toBe(5000);
    expect(providerFromConfig(config)).toBe(pageOnlyProvider);
    expect(() => loadConfig({ DATABASE_URL, NOTIFY_PROVIDER: 'webhook' })).toThrow(/NOTIFY_WEBHOOK_URL/);
    expect(() => loadConfig({ DATABASE_URL, NOTIFY_PROVIDER: 'sms' })).toThrow(/NOTIFY_PROVIDER/);
    const webhook = loadConfig({ DATABASE_URL, NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://sms.example.cn/send', NOTIFY_INTERVAL_MS: '0' });
    expect(providerFromConfig(webhook).name).toBe('webhook');
    expect(webhook.NOTIFY_INTERVAL_MS).toBe(0);
  });

  it('counts a 2xx from the gateway as sent and throws on anything else, so the worker retries', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const gateway = (status: number) => (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(null, { status });
    }) as unknown as typeof fetch;
    expect(await webhookProvider('https://sms.example.cn/send', 1000, gateway(202)).deliver(message)).toBe('SENT');
    expect(calls[0]).toEqual({ url: 'https://sms.example.cn/send', body: message });
    await expect(webhookProvider('https://sms.example.cn/send', 1000, gateway(503)).deliver(message)).rejects.toThrow(/503/);
    expect(await pageOnlyProvider.deliver(message)).toBe('PAGE_ONLY');
  });
});
