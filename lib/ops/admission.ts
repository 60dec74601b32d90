/**
 * Load shedding in front of Next. Under overload the queue that grows is the CPU work before a route handler
 * runs (Next's routing, its middleware, body handling: about a millisecond a request here), so a cap checked in
 * the handler refuses only after paying all of it, and its refusals queue behind the very requests they are meant
 * to spare (0.85–2.9 s at p99 under 400 clients). This gate sees each request as Node's HTTP server emits it,
 * before Next, and refuses an API request at once (503 `overloaded`, Retry-After) while the process already has
 * BILLSTACK_MAX_IN_FLIGHT API requests in hand: received and not yet answered, or still in their handler after
 * their client went away (lib/ops/in-flight.ts counts those).
 */
import http from 'node:http';
import { apiVersion, apiVersionHeader } from '@/lib/http/version';
import { securityHeaders } from '@/lib/http/security-headers';
import { inFlightCount } from './in-flight';

const defaultMaxInFlight = 100;

/**
 * BILLSTACK_MAX_IN_FLIGHT: 100 is three times what the bench's mixed load at its pace keeps in flight, so a busy
 * but healthy process never refuses.
 */
export function maxInFlight(): number {
  const configured = Number(process.env.BILLSTACK_MAX_IN_FLIGHT ?? defaultMaxInFlight);
  return Number.isInteger(configured) && configured > 0 ? configured : defaultMaxInFlight;
}

/** Liveness is never shed: an overloaded process is not a dead one, and restarting it would lose its requests. */
const livenessPath = '/api/health';

/** Whether the gate counts and may refuse this request: the API, liveness aside (pages and assets pass). */
export function isSheddable(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0];
  return path.startsWith('/api/') && path !== livenessPath;
}

const overloadedBody = JSON.stringify({ error: 'Server is overloaded', code: 'overloaded' });

function refuse(req: http.IncomingMessage, res: http.ServerResponse): void {
  const security = securityHeaders({ pathname: (req.url ?? '').split('?', 1)[0], https: false, nonce: null });
  res.writeHead(503, {
    ...security,
    'content-type': 'application/json',
    'retry-after': '1',
    'cache-control': 'no-store',
    [apiVersionHeader]: apiVersion,
  });
  // The body is not read: Node discards it once the answer is sent, and the connection stays usable.
  res.end(overloadedBody);
}

interface Gate {
  received: number;
}

const holder = globalThis as typeof globalThis & { __billstackAdmission?: Gate };

/** API requests this process has received and not yet answered. */
export function receivedCount(): number {
  return holder.__billstackAdmission?.received ?? 0;
}

/** Decides one request as Node's server emits it; true when the gate answered it itself. */
export function admit(gate: Gate, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!isSheddable(req.url)) return true;
  const cap = maxInFlight();
  if (gate.received >= cap || inFlightCount() >= cap) {
    refuse(req, res);
    return false;
  }
  gate.received += 1;
  res.once('close', () => (gate.received -= 1));
  return true;
}

/**
 * Wraps `emit` of Node's HTTP servers in this process, once: `next start` gives BillStack no handle on its server,
 * and the prototype's `emit` is what every server calls for each request.
 */
export function installAdmissionGate(): void {
  if (holder.__billstackAdmission) return;
  const gate: Gate = { received: 0 };
  holder.__billstackAdmission = gate;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitAdmitted(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && !admit(gate, args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
