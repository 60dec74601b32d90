'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson, type JsonResult } from './send-json';

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
 */
export function useJsonAction({ refresh = true, holdPendingOnSuccess = false }: JsonActionOptions = {}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<JsonResult<T>> {
    setPending(true);
    setError(null);
    const result = await sendJson<T>(method, url, body);
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
