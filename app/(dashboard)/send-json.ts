export type JsonResult<T> = { ok: true; data: T } | { ok: false; error: string; status?: number };

/**
 * Calls the BillStack JSON API from a form; failures come back as the API's own `{ error }` message, with the
 * status when the server answered at all.
 */
export async function sendJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  { idempotencyKey }: { idempotencyKey?: string } = {},
): Promise<JsonResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      // The API's CSRF defence wants JSON on every state-changing session request, even an empty one.
      headers:
        method === 'GET' ? undefined : { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await res.json().catch(() => null);
    if (!res.ok) return { ok: false, error: payload?.error ?? `Request failed (${res.status})`, status: res.status };
    return { ok: true, data: payload as T };
  } catch {
    return { ok: false, error: 'Could not reach the server; check your connection and try again' };
  }
}
