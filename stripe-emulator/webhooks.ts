// Webhook signing and delivery. Deliveries run after the API response (never inline), each event in the
// API version of its endpoint, in order per endpoint unless the test asks for shuffling, duplicates or
// concurrent delivery, and are retried with backoff on a non-2xx answer or a connection error.
import { createHmac } from 'node:crypto';
import type Stripe from 'stripe';
import { API_VERSION, renderEvent } from './api-versions';
import { realNow } from './clock';
import { find, listAll, type AccountState } from './store';

/** The `Stripe-Signature` header value `stripe.webhooks.constructEvent` expects. */
export function signatureHeader(payload: string, secret: string, timestamp = realNow()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface DeliveryMode {
  /** Deliver every event twice, as Stripe occasionally does. */
  duplicates: boolean;
  /** Deliver the events of one burst in a different order than they happened. */
  shuffle: boolean;
  /** Deliveries in flight at once per endpoint; above 1 events also overtake each other on the wire. */
  concurrent: number;
  /**
   * Retry on Stripe's live-mode schedule with every delay multiplied by this factor (1: real time, up to
   * 3 days; 1e-5: the same schedule in about 2.5 s). Null: the emulator's `retryDelaysMs`.
   */
  retryScale: number | null;
}

// Stripe retries live-mode deliveries "for up to three days with an exponential back off"
// (https://docs.stripe.com/webhooks#retries) without publishing the intervals: doubling from one minute,
// 12 retries add up to 2.84 days.
export const STRIPE_RETRY_DELAYS_S: readonly number[] = Array.from({ length: 12 }, (_, i) => 60 * 2 ** i);

export interface WebhookBusOptions {
  /** Wait before each retry; its length is the number of retries. Default 200 ms, 1 s, 5 s. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  mode?: Partial<DeliveryMode>;
}

interface Delivery {
  account: AccountState;
  endpointId: string;
  url: string;
  secret: string;
  eventId: string;
  payload: string;
  attempt: number;
  /** Shared by the duplicates of one delivery: the event counts as delivered to the endpoint once. */
  outcome: { delivered: boolean };
}

interface EndpointQueue {
  waiting: Delivery[];
  inFlight: number;
}

export class WebhookBus {
  private readonly retryDelaysMs: number[];
  private readonly timeoutMs: number;
  private mode: DeliveryMode;
  private burst: Delivery[] = [];
  private unfinished = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly queues = new Map<string, EndpointQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(options: WebhookBusOptions = {}) {
    this.retryDelaysMs = options.retryDelaysMs ?? [200, 1000, 5000];
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.mode = { duplicates: false, shuffle: false, concurrent: 1, retryScale: null, ...options.mode };
  }

  /** Changes the fields given (undefined ones are kept). */
  setMode(mode: Partial<DeliveryMode>): DeliveryMode {
    const given = Object.entries(mode).filter(([, value]) => value !== undefined);
    this.mode = { ...this.mode, ...Object.fromEntries(given) };
    return { ...this.mode };
  }

  publish(account: AccountState, event: Stripe.EventBase): void {
    const endpoints = listAll(account, 'webhook_endpoints').filter(
      (endpoint) =>
        endpoint.status === 'enabled' &&
        (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(event.type)),
    );
    event.pending_webhooks = endpoints.length;
    for (const endpoint of endpoints) {
      // An endpoint without a version gets the account's default, which the event was created in.
      const rendered = renderEvent(event, endpoint.api_version ?? event.api_version ?? API_VERSION);
      const delivery: Delivery = {
        account,
        endpointId: endpoint.id,
        url: endpoint.url,
        secret: account.webhookSecrets[endpoint.id],
        eventId: event.id,
        payload: JSON.stringify(rendered, null, 2),
        attempt: 0,
        outcome: { delivered: false },
      };
      const copies = this.mode.duplicates ? [delivery, { ...delivery }] : [delivery];
      for (const copy of copies) {
        this.unfinished++;
        if (this.burst.length === 0) setImmediate(() => this.flushBurst());
        this.burst.push(copy);
      }
    }
  }

  /** Resolves once every queued delivery succeeded or ran out of retries. */
  idle(): Promise<void> {
    if (this.unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.unfinished = 0;
    this.settleIdle();
  }

  // Events emitted by one API call arrive together; shuffling reorders within that burst.
  private flushBurst(): void {
    const burst = this.burst;
    this.burst = [];
    if (this.mode.shuffle) shuffleOutOfOrder(burst);
    for (const delivery of burst) this.enqueue(delivery);
  }

  private enqueue(delivery: Delivery): void {
    const queue = this.queues.get(delivery.endpointId) ?? { waiting: [], inFlight: 0 };
    this.queues.set(delivery.endpointId, queue);
    queue.waiting.push(delivery);
    this.pump(queue);
  }

  // Starts waiting deliveries while the endpoint has room: one at a time keeps Stripe's usual order.
  private pump(queue: EndpointQueue): void {
    while (!this.closed && queue.inFlight < this.mode.concurrent && queue.waiting.length > 0) {
      const delivery = queue.waiting.shift() as Delivery;
      queue.inFlight++;
      void this.attempt(delivery).finally(() => {
        queue.inFlight--;
        this.pump(queue);
      });
    }
  }

  private retryDelayMs(attempt: number): number | undefined {
    const { retryScale } = this.mode;
    if (retryScale === null) return this.retryDelaysMs[attempt];
    const seconds = STRIPE_RETRY_DELAYS_S[attempt];
    return seconds === undefined ? undefined : seconds * 1000 * retryScale;
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    const ok = await this.post(delivery);
    if (this.closed) return;
    if (ok) {
      const event = find(delivery.account, 'events', delivery.eventId);
      if (!delivery.outcome.delivered && event && event.pending_webhooks > 0) event.pending_webhooks--;
      delivery.outcome.delivered = true;
      return this.finish();
    }
    const delay = this.retryDelayMs(delivery.attempt);
    if (delay === undefined) return this.finish();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue({ ...delivery, attempt: delivery.attempt + 1 });
    }, delay);
    this.timers.add(timer);
  }
  private async post(delivery: Delivery): Promise<boolean> {
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(delivery.payload, delivery.secret),
        },
        body: delivery.payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }

  private finish(): void {
    this.unfinished--;
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.unfinished > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

// A random permutation that is guaranteed to differ from the original order when it can.
function shuffleOutOfOrder<T>(items: T[]): void {
  const original = [...items];
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  if (items.length > 1 && items.every((item, i) => item === original[i])) items.reverse();
}
