import type { AuthCaseResult } from './auth-case';
import type { Measurement } from './load';
import type { WebhookCaseResult } from './webhook-case';

export const count = (n: number) => Math.round(n).toLocaleString('en-US');
/** A figure that has no values (no refusals at all) is a dash. */
export const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(2));
const times = (n: number) => `${n.toFixed(2)}×`;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  // The first two columns are names; the rest are figures, aligned on the right.
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function row(caseName: string, measurement: Measurement, reference: Measurement): string[] {
  const isReference = measurement === reference;
  return [
    caseName,
    measurement.label + (isReference ? ' (ref)' : ''),
    count(measurement.requestsPerSecond),
    ms(measurement.p50Ms),
    ms(measurement.p99Ms),
    count(measurement.non2xx),
    count(measurement.errors),
    times(measurement.requestsPerSecond / reference.requestsPerSecond),
  ];
}

const authMeasurements = (auth: AuthCaseResult) => [auth.bareProject, auth.bareKeyed, auth.next, auth.nextCustomer, auth.nextCustomerList, auth.nextFloor];

/** Issue 17's targets: BillStack's own cost on a keyed read, as a share of the framework's floor on the same server. */
function printFloorTargets({ nextCustomer, nextCustomerList, nextFloor }: AuthCaseResult): void {
  const targets = [
    { measurement: nextCustomer, minShare: 0.7 },
    { measurement: nextCustomerList, minShare: 0.6 },
  ];
  for (const { measurement, minShare } of targets) {
    const share = measurement.requestsPerSecond / nextFloor.requestsPerSecond;
    const p99Limit = 2 * nextFloor.p99Ms;
    const verdict = share >= minShare && measurement.p99Ms < p99Limit ? 'PASS' : 'MISS';
    console.log(
      `auth     ${measurement.label}: ${times(share)} the floor's req/s (target ≥ ${times(minShare)}), ` +
        `p99 ${ms(measurement.p99Ms)} ms (target < 2 × the floor's ${ms(nextFloor.p99Ms)} ms): ${verdict}`,
    );
  }
}

export function printResults(auth: AuthCaseResult, webhook: WebhookCaseResult, keyCheckTargetMs: number): void {
  const rows = authMeasurements(auth).map((m) => row('auth', m, auth.bareProject));
  if (!('skipped' in webhook)) rows.push(...[webhook.bare, webhook.next, webhook.health].map((m) => row('webhook', m, webhook.bare)));
  console.log(`\n${table(['case', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'req/s vs ref'], rows)}\n`);

  const { bareProject, bareKeyed, next, nextFloor, keyCheckAddedP99Ms, verify } = auth;
  console.log(
    `auth     Next route: ${times(next.requestsPerSecond / bareProject.requestsPerSecond)} the req/s of the bare project query ` +
      `(bare is ${times(bareProject.requestsPerSecond / next.requestsPerSecond)} faster), ` +
      `${times(next.requestsPerSecond / bareKeyed.requestsPerSecond)} of the bare key check + project query, ` +
      `${times(next.requestsPerSecond / nextFloor.requestsPerSecond)} of Next's own floor (/api/health)`,
  );
  const verdict = keyCheckAddedP99Ms < keyCheckTargetMs ? 'PASS' : 'MISS';
  console.log(
    `auth     key check adds ${ms(keyCheckAddedP99Ms)} ms at p99 (bare key check + project query − bare project query, one client at 200 req/s), ` +
      `target < ${keyCheckTargetMs} ms: ${verdict}`,
  );
  printFloorTargets(auth);
  console.log(`auth     verifyApiKey alone, ${count(verify.calls)} sequential calls: p50 ${ms(verify.p50Ms)} ms, p99 ${ms(verify.p99Ms)} ms`);

  if ('skipped' in webhook) {
    console.log(`webhook  skipped: ${webhook.skipped}`);
    return;
  }
  const receipts = [...webhook.receipts].map(([result, n]) => `${result} ${count(n)}`).join(', ');
  console.log(
    `webhook  Next intake: ${times(webhook.next.requestsPerSecond / webhook.bare.requestsPerSecond)} the events/s of the bare handler ` +
      `(bare is ${times(webhook.bare.requestsPerSecond / webhook.next.requestsPerSecond)} faster); ` +
      `${Math.round(webhook.duplicateShare * 100)}% redeliveries; Next receipts: ${receipts || 'none'}`,
  );
  const ofFloor = webhook.next.requestsPerSecond / webhook.health.requestsPerSecond;
  console.log(
    `webhook  acknowledgements: ${times(ofFloor)} the req/s of the same server's /api/health, target ≥ ${times(webhookTargets.ofFloor)}: ` +
      `${ofFloor >= webhookTargets.ofFloor ? 'PASS' : 'MISS'}; ${count(webhook.next.requestsPerSecond)} events/s, ` +
      `target ≥ ${count(webhookTargets.eventsPerSecond)}: ${webhook.next.requestsPerSecond >= webhookTargets.eventsPerSecond ? 'PASS' : 'MISS'}`,
  );
}

const webhookTargets = { ofFloor: 0.7, eventsPerSecond: 500 };

/** What broke: any non-2xx answer or connection error. */
export function failuresOf(auth: AuthCaseResult, webhook: WebhookCaseResult): string[] {
  const measurements = authMeasurements(auth);
  if (!('skipped' in webhook)) measurements.push(webhook.bare, webhook.next, webhook.health);
  const failures = measurements
    .filter((m) => m.non2xx > 0 || m.errors > 0)
    .map((m) => `${m.label}: ${m.non2xx} non-2xx, ${m.errors} errors; first failure: ${m.firstFailure ?? '(connection error)'}`);
  return failures;
}
