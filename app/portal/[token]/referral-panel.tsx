import { formatDate } from '@/components/format';
import { formatMoney } from '@/components/portal/money';
import { StatusBadge } from '@/components/portal/status-badge';
import type { customerReferralProgram } from '@/lib/referrals/service';
import { CopyButton } from './copy-button';

type Program = NonNullable<Awaited<ReturnType<typeof customerReferralProgram>>>;

/** The customer's own referral code with a share link, the customers they brought in and what they earned. */
export function ReferralPanel({ program }: { program: Program }) {
  const credits = Object.entries(program.rewards.credits).map(([currency, amount]) => formatMoney(amount, currency));
  const earned = [...credits, ...(program.rewards.coupons ? [`${program.rewards.coupons} discount${program.rewards.coupons > 1 ? 's' : ''}`] : [])];
  return (
    <section aria-labelledby="referrals-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="referrals-heading" className="text-base font-semibold text-slate-900">
        Refer a friend
      </h2>
      <p className="mt-1 text-sm text-slate-500">Share your code: your friend gets a discount, and you earn a reward when they join.</p>
      <div className="mt-4 flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-500">Your code</span>
          <code className="rounded-md bg-slate-100 px-3 py-1.5 font-mono text-base font-semibold tracking-wider text-slate-900" data-testid="referral-code">
            {program.code}
          </code>
          <CopyButton text={program.code} label="Copy referral code" />
        </div>
        {program.shareUrl ? (
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-slate-500">Share link</span>
            <a href={program.shareUrl} className="min-w-0 truncate font-mono text-sm text-brand-700">
              {program.shareUrl}
            </a>
            <CopyButton text={program.shareUrl} label="Copy share link" />
          </div>
        ) : null}
        <p className="text-sm text-slate-700">
          <span className="font-medium text-slate-900">{program.referrals.length}</span> referred ·{' '}
          <span className="font-medium text-slate-900">{earned.length ? earned.join(' + ') : 'no rewards yet'}</span> earned
        </p>
        {program.referrals.length ? (
          <ul aria-label="Your referrals" className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {program.referrals.map((referral) => (
              <li key={referral.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span className="font-mono text-slate-700">{referral.referee}</span>
                <span className="flex items-center gap-2 text-slate-500">
                  {formatDate(referral.createdAt!)}
                  <StatusBadge status={referral.status} />
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
