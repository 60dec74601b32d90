/**
 * Finding 6 (bodies): the API read any body whole before looking at it, so one request could make the server
 * hold gigabytes. Before the fix each oversized request below was read entirely and answered 400 or 201;
 * now it is refused with 413 from Content-Length before reading, or as soon as a streamed body passes the limit.
 */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';
import { webhookUrl } from '@/lib/stripe/connection';
import { createTeam, signUp } from '../helpers/fixtures';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';

useStripeEmulator();
const apiLimit = 1024 * 1024;
const intakeLimit = 256 * 1024;

/** A body in chunks with no Content-Length, as a chunked upload arrives; counts what the server pulled. */
function streamed(totalBytes: number, chunkBytes = 64 * 1024) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      pulled.bytes = sent;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

async function post(handler: typeof teamsRoute.POST, path: string, headers: Record<string, string>, body: BodyInit, params = {}) {
  const req = new NextRequest(new URL(path, 'http://localhost:3000'), { method: 'POST', headers, body, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]);
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

describe('request body limits', () => {
  it('refuses an API body over 1 MB announced by Content-Length, and takes one just under it', async () => {
    const owner = await signUp();
    const headers = { ...owner.headers, origin: 'http://localhost:3000', 'content-type': 'application/json' };
    const padded = (bytes: number) => {
      const shell = JSON.stringify({ name: 'Padded' });
      return shell.slice(0, -1) + ' '.repeat(bytes - shell.length) + '}';
    };

    const over = await post(teamsRoute.POST, '/api/billstack/teams', headers, padded(apiLimit + 1));
    const under = await post(teamsRoute.POST, '/api/billstack/teams', headers, padded(apiLimit));

    expect(over).toEqual({ status: 413, body: { error: 'Request body exceeds the limit of 1048576 bytes', code: 'payload_too_large' } });
    expect([under.status, under.body.team.name]).toEqual([201, 'Padded']);
  });

  it('stops reading a streamed API body without Content-Length once it passes 1 MB', async () => {
    const owner = await signUp();
    const { stream, pulled } = streamed(50 * apiLimit);

    const res = await post(teamsRoute.POST, '/api/billstack/teams', { ...owner.headers, origin: 'http://localhost:3000', 'content-type': 'application/json' }, stream);

    expect(res).toEqual({ status: 413, body: { error: 'Request body exceeds the limit of 1048576 bytes', code: 'payload_too_large' } });
    // The reader gave up one chunk past the limit (plus what the stream had queued), not 50 MB later.
    expect(pulled.bytes).toBeLessThanOrEqual(apiLimit + 3 * 64 * 1024);
  });

  it('refuses a Stripe intake body over 256 KB before verifying anything', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    await connectTeam(owner, team.id);
    const unconnected = await createTeam(owner);
    const headers = { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' };

    // Only the header is too large: a refusal proves the header alone was enough.
    const announced = await post(webhookRoute.POST, webhookUrl('', team.id), { ...headers, 'content-length': String(intakeLimit + 1) }, '{}');
    const chunked = streamed(4 * intakeLimit);
    const tooLong = await post(webhookRoute.POST, webhookUrl('', team.id), headers, chunked.stream);
    // A team that is not connected is refused before its body is read (beyond the stream's own first chunk).
    const unread = streamed(4 * intakeLimit);
    const notConnected = await post(webhookRoute.POST, webhookUrl('', unconnected.id), headers, unread.stream);

    expect([announced, tooLong, notConnected]).toEqual([
      { status: 413, body: { error: 'Request body exceeds the limit of 262144 bytes', code: 'payload_too_large' } },
      { status: 413, body: { error: 'Request body exceeds the limit of 262144 bytes', code: 'payload_too_large' } },
      { status: 400, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } },
    ]);
    expect(unread.pulled.bytes).toBeLessThanOrEqual(64 * 1024);
  });
});
