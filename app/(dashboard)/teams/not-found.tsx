import Link from 'next/link';

export default function TeamNotFound() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-16 text-center sm:px-6">
      <h1 className="text-xl font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-500">This team or project does not exist, or you are not a member of it.</p>
      <Link href="/teams" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to your teams
      </Link>
    </main>
  );
}
