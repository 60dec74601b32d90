'use client';

import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';

/** The figures could not be read (the database, not the range: a bad range is answered on the page). */
export default function AnalyticsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <PageHeader title="Analytics" />
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-5 py-4 text-sm text-red-800">
        <p className="font-medium">The figures could not be loaded.</p>
        <p className="mt-1">This is on our side; trying again usually works.</p>
        <Button variant="secondary" className="mt-3" onClick={reset}>
          Try again
        </Button>
      </div>
    </>
  );
}
