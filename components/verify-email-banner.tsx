import { ResendVerification } from './resend-verification';

/** Shown to a signed-in user whose address is not verified: their own teams work, joining another team does not. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div role="region" aria-label="Verification reminder" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        {/* The address itself is in the header already: once is enough for people and for page queries. */}
        <p>Verify your email address with the link we mailed you: joining another team needs it.</p>
        <ResendVerification email={email} callbackURL="/teams" />
      </div>
    </div>
  );
}
