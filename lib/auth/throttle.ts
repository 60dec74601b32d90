import { apiBodyLimit, readBodyText } from '@/lib/http/body-limit';
import { clientIp } from '@/lib/http/client-ip';
import { ApiError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/respond';
import { clearFailedSignIns, countFailedSignIn, refuseLockedAccount, throttle } from '@/lib/rate-limit/limits';

const signIn = /\/api\/auth\/sign-in\/email$/;
const signUp = /\/api\/auth\/sign-up\/email$/;

function emailOf(raw: string): string | null {
  try {
    const email = (JSON.parse(raw) as { email?: unknown }).email;
    return typeof email === 'string' ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * better-auth's endpoints, behind BillStack's limits: a bounded body, sign-in and sign-up attempts per client
 * IP, and a lock that doubles with each failed sign-in to an account, so that a password is guessed neither
 * from one address nor from many.
 */
export async function throttledAuth(req: Request, handle: (req: Request) => Promise<Response>): Promise<Response> {
  if (req.method !== 'POST') return handle(req);
  const { pathname } = new URL(req.url);
  try {
    const raw = await readBodyText(req, apiBodyLimit);
    const ip = clientIp(req);
    const account = signIn.test(pathname) ? emailOf(raw) : null;
    if (signIn.test(pathname)) await throttle('signIn', ip);
    if (signUp.test(pathname)) await throttle('signUp', ip);
    if (account) await refuseLockedAccount(account);
    const response = await handle(new Request(req, { body: raw === '' ? null : raw }));
    if (account && response.status === 401) await countFailedSignIn(account);
    if (account && response.ok) await clearFailedSignIns(account);
    return response;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorResponse(error);
  }
}
