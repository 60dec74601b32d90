import type { TeamRole } from '@/db/schema';

const styles: Record<TeamRole, string> = {
  owner: 'bg-brand-50 text-brand-700 ring-brand-100',
  admin: 'bg-amber-50 text-amber-700 ring-amber-100',
  member: 'bg-slate-100 text-slate-600 ring-slate-200',
};

export function RoleBadge({ role }: { role: TeamRole }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[role]}`}>
      {role}
    </span>
  );
}
