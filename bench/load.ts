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
}

/** What the runs of one target added up to. */
class Tally {
  requests = 0;
  seconds = 0;
  non2xx = 0;
  errors = 0;
  firstFailure: string | null = null;
  readonly latenciesMs: number[] = [];

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
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => tally.latenciesMs.push(responseTimeMs));
  });
}

/**
 * Each target's measured time is cut into this many slices, run in turn (a, b, c, a, b, c, ...), so a
 * burst of other work on the machine lands on every target of a comparison alike instead of on one.
 */
export const slices = 5;

/**
 * Drives each target with a closed loop of `connections` clients for `seconds` in all, interleaved with
 * the others, after an unmeasured warm-up of each.
 */
export async function measureTogether(targets: LoadTarget[], settings: LoadSettings): Promise<Measurement[]> {
  for (const target of targets) await run({ ...target, onBody: undefined }, settings.warmupSeconds, settings, new Tally());
  const tallies = targets.map(() => new Tally());
  for (let slice = 0; slice < slices; slice += 1) {
    for (const [i, target] of targets.entries()) await run(target, settings.seconds / slices, settings, tallies[i]);
  }
  return targets.map((target, i) => tallies[i].measurement(target.label));
}
