import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'BillStack', template: '%s · BillStack' },
  description: 'Self-hosted multi-tenant billing on Stripe',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request, the only way each gets its own CSP nonce (set by
  // middleware.ts, applied by Next to its scripts): a prerendered page's scripts would have none and be blocked.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
