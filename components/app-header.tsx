import type { ReactNode } from 'react';
import { Logo } from './logo';

/** The dashboard's top bar: brand, then whatever the page puts in the middle (team switcher), then the API reference and the user. */
export function AppHeader({ email, children, userActions }: { email?: string; children?: ReactNode; userActions: ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Logo href="/teams" compact={children !== undefined} />
        {children ? (
          <>
            <span aria-hidden className="text-slate-300">
              /
            </span>
            <div className="flex min-w-0 items-center gap-2">{children}</div>
          </>
        ) : null}
        <div className="ml-auto flex shrink-0 items-center gap-3">
          {/* A plain link: the reference is a page of its own (app/docs/api), not part of the dashboard's app. */}
          <a href="/docs/api" aria-label="API reference" className="text-sm text-slate-500 hover:text-slate-900">
            {/* Short at phone width, so the team's name keeps the room to be read. */}
            <span className="sm:hidden">API</span>
            <span className="hidden sm:inline">API reference</span>
          </a>
          {email ? <span className="hidden text-sm text-slate-500 sm:inline">{email}</span> : null}
          {userActions}
        </div>
      </div>
    </header>
  );
}
