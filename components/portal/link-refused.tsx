import type { PortalRefusal } from '@/lib/portal/service';
import { PortalFrame } from './portal-frame';

const titles: Record<PortalRefusal, string> = {
  EXPIRED: 'This link has expired',
  REVOKED: 'This link has been revoked',
  INVALID: 'This link is not valid',
};

/** Why a billing link opens nothing, and what the customer can do about it. */
export function LinkRefused({ reason }: { reason: PortalRefusal }) {
  return (
    <PortalFrame>
      <section aria-labelledby="refused-heading" className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
        <h1 id="refused-heading" className="text-xl font-semibold tracking-tight text-slate-900">
          {titles[reason]}
        </h1>
        <p className="mt-2 text-sm text-slate-500">
          Billing links work for a limited time. Open billing again from the app or website you came from to get a new one.
        </p>
      </section>
    </PortalFrame>
  );
}
