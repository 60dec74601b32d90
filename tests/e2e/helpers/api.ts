/**
 * Drives a running BillStack server over HTTP, as a SaaS app's backend would: an owner signs up (better-auth's
 * own endpoint, with the Origin it checks), then everything else goes through the public API.
 */
export interface ApiResult<T = any> {
  status: number;
  body: T;
}

export interface ServerApi {
  /** The headers every request carries: the credentials (a session cookie or an API key). */
  headers: Readonly<Record<string, string>>;
  /** `headers` are added to the client's own for this request (an Idempotency-Key). */
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult<T>>;
  /** Like request, but a status other than `expected` fails with the server's answer. */
  expect<T = any>(expected: number, method: string, path: string, body?: unknown): Promise<T>;
}

export function serverApi(baseURL: string, headers: Record<string, string> = {}): ServerApi {
  const request = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${baseURL}${path}`, {
      method,
      headers: { origin: baseURL, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers, ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    headers,
    request,
    async expect(expected, method, path, body) {
      const res = await request(method, path, body);
      if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

/** The password every test owner signs up with. */
export const ownerPassword = 'correct-horse-battery';

/** A new owner's session, ready for the team endpoints (which take no API key). */
export async function signUpOwner(baseURL: string, email: string): Promise<ServerApi> {
  const res = await fetch(`${baseURL}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: baseURL, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: ownerPassword, name: 'Owner' }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  return serverApi(baseURL, { cookie });
}
