'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { sendJson, type JsonResult } from './send-json';

// getRandomValues, unlike randomUUID, also works on a plain-http deployment.
const newIdempotencyKey = () => `dashboard-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

export interface JsonActionOptions {
  /** Re-render the page from the server after a success (default true). Turn off when the caller navigates or refreshes itself. */
  refresh?: boolean;
  /** Leave `pending` on after a success, for a caller that is about to leave the page (default false). */
  holdPendingOnSuccess?: boolean;
}

/**
 * The state behind a form or button that calls the BillStack JSON API: `run` clears the error, marks the action pending,
 * calls `sendJson`, shows the API's error on failure and refreshes the router on success. It returns the `JsonResult`
 * so the caller can read the body (`result.data`) or stop on `!result.ok`; `setError` is there for checks made before sending.
 *
 * A POST carries an Idempotency-Key. When it went unanswered (the connection dropped) or failed on the server, sending
 * the very same request again reuses the key, so a create the server did finish is replayed rather than made twice;
 * anything else gets a fresh key, as a 4xx answer is kept for its key for a day.
 */
export function useJsonAction({ refresh = true, holdPendingOnSuccess = false }: JsonActionOptions = {}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const unsettled = useRef<{ request: string; key: string } | null>(null);

  async function run<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<JsonResult<T>> {
    setPending(true);
    setError(null);
    const request = `${method} ${url} ${JSON.stringify(body ?? null)}`;
    const idempotencyKey =
      method !== 'POST' ? undefined : unsettled.current?.request === request ? unsettled.current.key : newIdempotencyKey();
    const result = await sendJson<T>(method, url, body, { idempotencyKey });
    const retryable = !result.ok && (result.status === undefined || result.status >= 500);
    unsettled.current = idempotencyKey && retryable ? { request, key: idempotencyKey } : null;
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      return result;
    }
    if (!holdPendingOnSuccess) setPending(false);
    if (refresh) router.refresh();
    return result;
  }

  return { error, setError, pending, run };
}
