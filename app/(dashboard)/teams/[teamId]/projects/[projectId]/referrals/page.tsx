import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { KpiCard } from '@/components/kpi-card';
import { PageHeader } from '@/components/page-header';
import { formatMoney } from '@/components/portal/money';
import { StatusBadge } from '@/components/portal/status-badge';
import { getDb } from '@/db/client';
import type { Project } from '@/db/schema';
import { customerEmails, findReferralConfig, referralStats } from '@/lib/referrals/queries';
import { referralStatuses } from '@/lib/referrals/schemas';
import { listReferralCodes, listReferrals, referralConfigView } from '@/lib/referrals/service';
import { canUse, requireMembership, requireProject } from '../../../../../access';
import { firstParam, type SearchParams } from '../../../../../paging';
import { ReferralConfigForm, type ReferralConfigValues } from './config-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Referrals' };

type Props = { params: Promise<{ teamId: string; projectId: string }>; searchParams: Promise<SearchParams> };

const pageSize = 10;
const pageOf = (value: string | undefined) => {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
};

/** The URL of this page with some of its query changed (filters and both tables' pages live in the URL). */
function hrefWith(basePath: string, current: SearchParams, changes: Record<string, string | null>) {
  const query = new URLSearchParams();
  for (const key of Object.keys(current)) {
    const one = firstParam(current, key);
    if (one !== undefined && !(key in changes)) query.set(key, one);
  }
  for (const [key, value] of Object.entries(changes)) if (value !== null) query.set(key, value);
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

function TablePager({ label, page, total, href }: { label: string; page: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={`${label} pages`} className="mt-3 flex items-center justify-between gap-3 text-sm text-slate-500">
      <p>
        Page {page} of {pages} · {total} {label.toLowerCase()}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={buttonClasses('secondary')}>
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className={buttonClasses('secondary')}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

const money = (sums: Record<string, number>) =>
  Object.keys(sums).length === 0 ? '—' : Object.entries(sums).map(([currency, amount]) => formatMoney(amount, currency)).join(' · ');

export default async function ReferralsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project: Project = await requireProject(teamId, projectId);
  const canEdit = canUse((await requireMembership(teamId)).role, 'referrals:write');
  const query = await searchParams;
  const basePath = `/teams/${project.teamId}/projects/${project.id}/referrals`;
  const status = referralStatuses.find((s) => s === firstParam(query, 'status'));
  const referrer = firstParam(query, 'referrer');
  const codesPage = pageOf(firstParam(query, 'codesPage'));
  const referralsPage = pageOf(firstParam(query, 'referralsPage'));
  const db = await getDb();
  const [config, stats, codes, referrals] = await Promise.all([
    findReferralConfig(db, project),
    referralStats(db, project, {}),
    listReferralCodes(db, project, { limit: pageSize, offset: (codesPage - 1) * pageSize }),
    listReferrals(db, project, { limit: pageSize, offset: (referralsPage - 1) * pageSize, status, referrerCustomerId: referrer }),
  ]);
  const customerIds = [...new Set([...codes.referralCodes.map((c) => c.customerId), ...referrals.referrals.flatMap((r) => [r.referrerCustomerId, r.refereeCustomerId])])];
  const emails = await customerEmails(db, project, customerIds);
  const who = (id: string) => <span className="font-medium text-slate-900">{emails.get(id) ?? id}</span>;
  const view = referralConfigView(config);

  return (
    <>
      <PageHeader title="Referrals" description="Customers bring in customers: the referee gets a discount, the referrer a reward, both in Stripe." />
      <div className="flex flex-col gap-6">
        <section aria-label="Referral figures" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <KpiCard label="Referrals" value={String(stats.referrals)} note={`${stats.codes} code${stats.codes === 1 ? '' : 's'}`} />
          <KpiCard label="Conversion" value={`${(stats.conversionRate * 100).toFixed(1)}%`} note={`${stats.qualified} qualified · ${stats.void} void`} />
          <KpiCard label="Referred MRR" value={money(stats.referredMrr)} />
          <KpiCard label="Rewards cost" value={money(stats.rewardsCost)} note={`${stats.rewarded} rewarded`} />
        </section>

        <Card title="Program" description="What referees and referrers get, and when.">
          {/* A member sees the program but cannot save it (referrals:write is not among the member's scopes). */}
          <fieldset disabled={!canEdit} className="min-w-0">
            <ReferralConfigForm endpoint={`/api/billstack/teams/${project.teamId}/projects/${project.id}/referrals/config`} initial={view as ReferralConfigValues} />
          </fieldset>
        </Card>

        <section aria-labelledby="referrals-heading">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id="referrals-heading" className="text-base font-semibold text-slate-900">
              Referrals
            </h2>
            <nav aria-label="Filter referrals by status" className="flex flex-wrap gap-1 text-sm">
              {[undefined, ...referralStatuses].map((option) => (
                <Link
                  key={option ?? 'all'}
                  href={hrefWith(basePath, query, { status: option ?? null, referralsPage: null })}
                  aria-current={option === status ? 'page' : undefined}
                  className={buttonClasses(option === status ? 'secondary' : 'ghost')}
                >
                  {option ?? 'All'}
                </Link>
              ))}
            </nav>
          </div>
          {referrer ? (
            <p className="mb-2 text-sm text-slate-500">
              Brought in by {who(referrer)} ·{' '}
              <Link href={hrefWith(basePath, query, { referrer: null, referralsPage: null })} className="font-medium text-brand-600">
                show all
              </Link>
            </p>
          ) : null}
          {referrals.total === 0 ? (
            <EmptyState title="No referrals">Referrals appear when a customer applies a code or checks out with one.</EmptyState>
          ) : (
            <DataTable label="Referrals" columns={['Referee', 'Referrer', 'Code', 'Status', 'Created', 'Rewarded']}>
              {referrals.referrals.map((referral) => (
                <tr key={referral.id}>
                  <Cell>{who(referral.refereeCustomerId)}</Cell>
                  <Cell>
                    <Link href={hrefWith(basePath, query, { referrer: referral.referrerCustomerId, referralsPage: null })} className="text-brand-700 hover:underline">
                      {emails.get(referral.referrerCustomerId) ?? referral.referrerCustomerId}
                    </Link>
                  </Cell>
                  <Cell className="font-mono text-xs">{referral.code}</Cell>
                  <Cell>
                    <StatusBadge status={referral.status} />
                    {referral.voidReason ? <p className="mt-1 text-xs text-slate-500">{referral.voidReason.replace('_', ' ')}</p> : null}
                  </Cell>
                  <Cell className="whitespace-nowrap">{formatDate(referral.createdAt!)}</Cell>
                  <Cell className="whitespace-nowrap">{referral.rewardedAt ? formatDate(referral.rewardedAt) : <Muted>—</Muted>}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
          <TablePager label="Referrals" page={referralsPage} total={referrals.total} href={(page) => hrefWith(basePath, query, { referralsPage: String(page) })} />
        </section>

        <section aria-labelledby="codes-heading">
          <h2 id="codes-heading" className="mb-3 text-base font-semibold text-slate-900">
            Codes
          </h2>
          {codes.total === 0 ? (
            <EmptyState title="No codes yet">Customers get a code in their portal, or through POST …/referrals/codes.</EmptyState>
          ) : (
            <DataTable label="Referral codes" columns={['Code', 'Customer', 'Redemptions', 'Expires', 'Status']}>
              {codes.referralCodes.map((code) => (
                <tr key={code.id}>
                  <Cell className="font-mono text-xs text-slate-900">{code.code}</Cell>
                  <Cell>{who(code.customerId)}</Cell>
                  <Cell className="tabular-nums">
                    {code.redemptions}
                    {code.maxRedemptions === null ? '' : ` / ${code.maxRedemptions}`}
                  </Cell>
                  <Cell className="whitespace-nowrap">{code.expiresAt ? formatDate(code.expiresAt) : <Muted>never</Muted>}</Cell>
                  <Cell>{code.active ? 'Active' : <Muted>Inactive</Muted>}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
          <TablePager label="Codes" page={codesPage} total={codes.total} href={(page) => hrefWith(basePath, query, { codesPage: String(page) })} />
        </section>
      </div>
    </>
  );
}
