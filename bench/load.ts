import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadTarget {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Gives each request a body and headers of its own (a fresh, signed webhook event). */
  nextRequest?: () => { body: string; headers: Record<string, string> };
  /** Sees every response body, e.g. to tally webhook receipts. */
  onBody?: (status: number, body: string) => void;
}

export interface LoadSettings {
  seconds: number;
  connections: number;
  warmupSeconds: number;
  /** Requests per second for all connections together; unset, each connection sends as fast as it is answered. */
  overallRate?: number;
}

export interface Measurement {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** The first non-2xx answer, to say what broke. */
  firstFailure: string | null;
  /** Answers by status code. */
  statuses: Map<number, number>;
  /** p99 of the 429 and 503 answers alone: under overload a refusal must come quickly. */
  refusalP99Ms: number;
}

/** Answers a server gives when it refuses work for now: the client is to retry later. */
export const isRefusal = (status: number) => status === 429 || status === 503;

/** What the runs of one target added up to. */
class Tally {
  requests = 0;
  seconds = 0;
  non2xx = 0;
  errors = 0;
  firstFailure: string | null = null;
  readonly latenciesMs: number[] = [];
  readonly refusalLatenciesMs: number[] = [];
  readonly statuses = new Map<number, number>();

  record(status: number, responseTimeMs: number): void {
    this.latenciesMs.push(responseTimeMs);
    if (isRefusal(status)) this.refusalLatenciesMs.push(responseTimeMs);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  /** Several targets run over the same seconds, as one. */
  static together(tallies: Tally[]): Tally {
    const total = new Tally();
    for (const tally of tallies) {
      total.requests += tally.requests;
      total.seconds = Math.max(total.seconds, tally.seconds);
      total.non2xx += tally.non2xx;
      total.errors += tally.errors;
      total.firstFailure ??= tally.firstFailure;
      for (const ms of tally.latenciesMs) total.latenciesMs.push(ms);
      for (const ms of tally.refusalLatenciesMs) total.refusalLatenciesMs.push(ms);
      for (const [status, n] of tally.statuses) total.statuses.set(status, (total.statuses.get(status) ?? 0) + n);
    }
    return total;
  }

  measurement(label: string): Measurement {
    const sorted = Float64Array.from(this.latenciesMs).sort();
    return {
      label,
      requestsPerSecond: this.requests / this.seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      non2xx: this.non2xx,
      errors: this.errors,
      firstFailure: this.firstFailure,
      statuses: this.statuses,
      refusalP99Ms: percentile(Float64Array.from(this.refusalLatenciesMs).sort(), 99),
    };
  }
}

function run(target: LoadTarget, seconds: number, { connections, overallRate }: Pick<LoadSettings, 'connections' | 'overallRate'>, tally: Tally): Promise<void> {
  const { nextRequest, onBody } = target;
  const request: autocannon.Request = {
    onResponse: (status, body) => {
      if ((status < 200 || status > 299) && tally.firstFailure === null) tally.firstFailure = `${status} ${body.slice(0, 500)}`;
      onBody?.(status, body);
    },
  };
  if (nextRequest) {
    request.setupRequest = (req) => {
      const { body, headers } = nextRequest();
      return { ...req, body, headers: { ...req.headers, ...headers } };
    };
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, method: target.method ?? 'GET', headers: target.headers, connections, overallRate, duration: seconds, requests: [request] },
      (error, result) => {
        if (error) return reject(error);
        tally.requests += result.requests.total;
        tally.seconds += result.duration;
        tally.non2xx += result.non2xx;
        tally.errors += result.errors + result.timeouts;
        resolve();
      },
    );
    // autocannon's own histogram has whole-millisecond buckets, too coarse for a 1 ms target:
    // keep every response time at the sub-millisecond precision autocannon measures it with.
    instance.on('response', (_client, status, _bytes, responseTimeMs) => tally.record(status, responseTimeMs));
  });
}

/**
 * Each target's measured time is cut into slices of about a second (at least 5), run in turn, so a burst of
 * other work on the machine lands on every target of a comparison alike instead of on one. On a shared VM such
 * bursts last seconds: with 2 s slices the intake's ratio to /api/health ranged 0.60–0.75× between two runs of
 * one build.
 */
export const slicesFor = (seconds: number) => Math.max(5, Math.round(seconds));

/**
 * Drives each target with a closed loop of `connections` clients for `seconds` in all, interleaved with
 * the others, after an unmeasured warm-up of each.
 */
export async function measureTogether(targets: LoadTarget[], settings: LoadSettings): Promise<Measurement[]> {
  for (const target of targets) await run({ ...target, onBody: undefined }, settings.warmupSeconds, settings, new Tally());
  const tallies = targets.map(() => new Tally());
  const slices = slicesFor(settings.seconds);
  for (let slice = 0; slice < slices; slice += 1) {
    // Each round starts with the next target (a, b, c, then b, c, a, ...): what one leaves behind (the bare
    // handler's thousands of inserts leave the database checkpoint and vacuum work) lands on each in turn.
    for (let step = 0; step < targets.length; step += 1) {
      const i = (slice + step) % targets.length;
      await run(targets[i], settings.seconds / slices, settings, tallies[i]);
    }
  }
  return targets.map((target, i) => tallies[i].measurement(target.label));
}

/** A target of a mixed load: its own clients and, for traffic at a realistic pace, its own rate. */
export interface MixTarget extends LoadTarget {
  connections: number;
  overallRate?: number;
}

/**
 * Drives every target at once for `seconds` (after an unmeasured warm-up of the same mix), as traffic of all
 * kinds meets in production; answers each target's figures and their total.
 */
export async function measureAtOnce(targets: MixTarget[], seconds: number, warmupSeconds: number): Promise<{ targets: Measurement[]; total: Measurement }> {
  if (warmupSeconds > 0) await Promise.all(targets.map((target) => run({ ...target, onBody: undefined }, warmupSeconds, target, new Tally())));
  const tallies = targets.map(() => new Tally());
  await Promise.all(targets.map((target, i) => run(target, seconds, target, tallies[i])));
  return { targets: targets.map((target, i) => tallies[i].measurement(target.label)), total: Tally.together(tallies).measurement('total') };
}
