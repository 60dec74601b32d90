'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

/** What the Better Auth client returns: an error with an optional message, or none. */
type AuthResult = { error: { message?: string } | null };

/**
 * Shared submit handling for the sign-in and sign-up forms: sends the form through `send`, shows its error (or `fallback`)
 * and, on success, goes to `next`, keeping the button busy until it does.
 */
export function useAuthForm(send: (form: FormData) => Promise<AuthResult>, fallback: string, next: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await send(form);
    if (error) {
      setError(error.message ?? fallback);
      setPending(false);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return { error, pending, onSubmit };
}
