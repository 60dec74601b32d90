import { PageHeader } from '@/components/page-header';

/** Shown while the figures load: the layout of the page, so nothing jumps when they arrive. */
export default function AnalyticsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading analytics">
      <PageHeader title="Analytics" description="Loading figures…" />
      <div className="flex flex-col gap-6">
        {[320, 260, 200].map((height, index) => (
          <div key={index} className="animate-pulse rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <div className="h-4 w-40 rounded bg-slate-200" />
            <div className="mt-4 rounded bg-slate-100" style={{ height }} />
          </div>
        ))}
      </div>
    </div>
  );
}
