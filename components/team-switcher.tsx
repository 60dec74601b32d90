import Link from 'next/link';

export interface TeamLink {
  id: string;
  name: string;
}

/** A disclosure menu of the user's teams; plain links, so it works before (and without) JavaScript. */
export function TeamSwitcher({ current, teams }: { current: TeamLink; teams: TeamLink[] }) {
  return (
    <details className="group relative min-w-0">
      <summary
        aria-label={`${current.name}: Switch team`}
        className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
      >
        <span className="min-w-[5rem] max-w-[9rem] truncate sm:max-w-xs">{current.name}</span>
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 shrink-0 text-slate-400 group-open:rotate-180">
          <path fill="currentColor" d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </summary>
      <nav
        aria-label="Your teams"
        className="absolute left-0 z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        <ul>
          {teams.map((team) => (
            <li key={team.id}>
              <Link
                href={`/teams/${team.id}`}
                aria-current={team.id === current.id ? 'page' : undefined}
                className="block truncate px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
              >
                {team.name}
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/teams" className="block px-3 py-2 text-sm text-slate-500 hover:bg-slate-50 hover:text-slate-900">
            All teams…
          </Link>
        </div>
      </nav>
    </details>
  );
}
