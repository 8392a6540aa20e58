/**
 * How a message leaves the outbox. A provider gets one message with its recipient's phone and either delivers
 * it (`SENT`), declares that it delivers nowhere (`PAGE_ONLY`: the resident reads it on the code page), or
 * throws, and the worker retries later. An SMS gateway or a WeChat template-message sender plugs in here;
 * which one runs is configuration (NOTIFY_PROVIDER).
 */
import { NotificationKind } from './notification.entity.js';

export interface OutgoingMessage {
  id: number;
  kind: NotificationKind;
  /** Mainland mobile number of the resident, in clear: only the provider sees it. */
  phone: string;
  body: string;
  /** Link key the resident already holds (the registration's confirmation code), when there is one. */
  code: string | null;
}

export type DeliveryOutcome = 'SENT' | 'PAGE_ONLY';

export interface NotificationProvider {
  /** Stored on each row it handled, e.g. `none`, `webhook`. */
  readonly name: string;
  deliver(message: OutgoingMessage): Promise<DeliveryOutcome>;
}

/** The default: delivers nowhere; the message shows on the resident's code page and in the admin site. */
export const pageOnlyProvider: NotificationProvider = {
  name: 'none',
  async deliver() { return 'PAGE_ONLY'; },
};

/**
 * POSTs each message as JSON (`{ id, kind, phone, body, code }`) to a gateway that turns it into an SMS or a
 * template message; any 2xx is SENT, anything else is retried.
 */
export function webhookProvider(url: string, timeoutMs = 10_000, fetchImpl: typeof fetch = fetch): NotificationProvider {
  return {
    name: 'webhook',
    async deliver(message) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      return 'SENT';
    },
  };
}

export interface ProviderConfig { NOTIFY_PROVIDER: 'none' | 'webhook'; NOTIFY_WEBHOOK_URL?: string }

export function providerFromConfig(config: ProviderConfig): NotificationProvider {
  if (config.NOTIFY_PROVIDER === 'webhook') {
    if (!config.NOTIFY_WEBHOOK_URL) throw new Error('NOTIFY_PROVIDER=webhook needs NOTIFY_WEBHOOK_URL');
    return webhookProvider(config.NOTIFY_WEBHOOK_URL);
  }
  return pageOnlyProvider;
}
