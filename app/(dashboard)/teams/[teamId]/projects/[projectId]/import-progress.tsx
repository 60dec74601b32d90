'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export interface ImportView {
  status: 'running' | 'succeeded' | 'failed';
  processed: number;
  total: number | null;
  error: string | null;
  finishedAt: string | null;
}

const refreshMs = 2000;

/** The latest history import: a progress bar while it runs (the page re-reads it every 2 s), then its outcome. */
export function ImportProgress({ job }: { job: ImportView }) {
  const router = useRouter();
  const running = job.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [running, router]);
  const label =
    job.status === 'failed'
      ? `Import failed: ${job.error ?? 'unknown error'}`
      : running
        ? `Importing Stripe history: ${job.processed} of ${job.total ?? '…'} subscriptions`
        : `Stripe history imported: ${job.processed} subscriptions`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" role="status">
      <p className={job.status === 'failed' ? 'text-red-700' : 'text-slate-700'}>{label}</p>
      {running ? (
        <progress className="mt-2 h-2 w-full accent-indigo-600" value={job.processed} max={job.total ?? undefined} aria-label="Import progress" />
      ) : null}
    </div>
  );
}
