/**
 * BillStack's TypeScript client: openapi-fetch over the types generated from the OpenAPI document (./schema.ts).
 *
 *   const billstack = createBillStackClient({ baseUrl, teamId, projectId, apiKey });
 *   const { data, error } = await billstack.project.POST('/customers', { body: { email: 'jane@example.com' } });
 *
 * `project` takes paths below /api/billstack/teams/{teamId}/projects/{projectId} with those two filled in;
 * `api` takes every path in full. Failed requests are retried (see retryingFetch).
 */
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

type ProjectPrefix = '/api/billstack/teams/{teamId}/projects/{projectId}';
type Ids = 'teamId' | 'projectId';

type PathParamsWithoutIds<P> = P extends { path: infer Path }
  ? [Exclude<keyof Path, Ids>] extends [never]
    ? { path?: never }
    : { path: Omit<Path, Ids> }
  : unknown;
type WithoutIds<Operation> = Operation extends { parameters: infer P }
  ? Omit<Operation, 'parameters'> & { parameters: Omit<P, 'path'> & PathParamsWithoutIds<P> }
  : Operation;

/** The project's endpoints, by their path below the project, without the team and project parameters. */
export type ProjectPaths = {
  [P in keyof paths as P extends `${ProjectPrefix}/${infer Rest}` ? `/${Rest}` : never]: {
    [M in keyof paths[P]]: M extends 'parameters' ? paths[P][M] : WithoutIds<paths[P][M]>;
  };
};

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type PathsWith<Paths, M extends Method> = { [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never }[keyof Paths];
type Init<Paths, P extends keyof Paths, M extends Method> = M extends keyof Paths[P] ? MaybeOptionalInit<Paths[P], M> : never;
type Operation<Paths, P extends keyof Paths, M extends Method> =
  Paths[P][M & keyof Paths[P]] extends infer O extends Record<string | number, unknown> ? O : never;

/**
 * openapi-fetch's methods infer their options as a type parameter, which TypeScript checks without flagging
 * unknown fields: these take the options as the operation declares them, so `body: { emial }` does not compile.
 */
type StrictMethod<Paths, M extends Method> = <P extends PathsWith<Paths, M>>(
  url: P,
  ...init: undefined extends Init<Paths, P, M> ? [Init<Paths, P, M>?] : [Init<Paths, P, M>]
) => Promise<FetchResponse<Operation<Paths, P, M>, Init<Paths, P, M>, 'application/json'>>;

export type StrictClient<Paths extends object> = Omit<Client<Paths>, 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH'> & {
  GET: StrictMethod<Paths, 'get'>;
  PUT: StrictMethod<Paths, 'put'>;
  POST: StrictMethod<Paths, 'post'>;
  DELETE: StrictMethod<Paths, 'delete'>;
  PATCH: StrictMethod<Paths, 'patch'>;
};

export interface RetryOptions {
  /** Attempts after the first (default 3). */
  retries?: number;
  /** The wait before the first retry without a Retry-After, doubled each time (default 250 ms). */
  baseDelayMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * A fetch that retries on a network error, a 429 or a 5xx, waiting as Retry-After says (or backing off).
 * A POST is retried only with an Idempotency-Key, which it gets once and keeps on every attempt, so BillStack
 * answers a retry of a request that did arrive with the first answer instead of acting twice. With `keyPosts`
 * off (endpoints outside a project, which take no key) a POST is never retried.
 */
export function retryingFetch(
  { retries = 3, baseDelayMs = 250, fetch = (request) => globalThis.fetch(request), sleep = sleepFor }: RetryOptions = {},
  keyPosts = true,
) {
  return async (input: Request): Promise<Response> => {
    let request = input;
    if (request.method === 'POST' && keyPosts && !request.headers.has('idempotency-key')) {
      const headers = new Headers(request.headers);
      headers.set('idempotency-key', crypto.randomUUID());
      request = new Request(request, { headers });
    }
    const retryable = request.method !== 'POST' && request.method !== 'PATCH' ? true : request.headers.has('idempotency-key');
    for (let attempt = 0; ; attempt++) {
      const lastTry = !retryable || attempt >= retries;
      const backoff = baseDelayMs * 2 ** attempt;
      let response: Response;
      try {
        response = await fetch(request.clone());
      } catch (error) {
        if (lastTry) throw error;
        await sleep(backoff);
        continue;
      }
      if (lastTry || (response.status !== 429 && response.status < 500)) return response;
      await response.body?.cancel();
      await sleep(retryAfterMs(response.headers.get('retry-after')) ?? backoff);
    }
  };
}

export interface BillStackClientOptions extends RetryOptions {
  /** Where BillStack runs, e.g. https://billing.example.com */
  baseUrl: string;
  teamId: string;
  projectId: string;
  /** A `bs_` key for the project. */
  apiKey: string;
}

export interface BillStackClient {
  project: StrictClient<ProjectPaths>;
  api: StrictClient<paths>;
}

export function createBillStackClient({ baseUrl, teamId, projectId, apiKey, ...retry }: BillStackClientOptions): BillStackClient {
  const root = baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${apiKey}` };
  const projectUrl = `${root}/api/billstack/teams/${encodeURIComponent(teamId)}/projects/${encodeURIComponent(projectId)}`;
  // The same functions, only typed more strictly (StrictMethod).
  return {
    project: createClient<ProjectPaths>({ baseUrl: projectUrl, headers, fetch: retryingFetch(retry) }) as unknown as StrictClient<ProjectPaths>,
    api: createClient<paths>({ baseUrl: root, headers, fetch: retryingFetch(retry, false) }) as unknown as StrictClient<paths>,
  };
}
