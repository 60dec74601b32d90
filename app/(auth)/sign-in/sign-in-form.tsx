'use client';

import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from '../use-auth-form';

export function SignInForm({ next }: { next: string }) {
  const { error, pending, onSubmit } = useAuthForm(
    (form) =>
      authClient.signIn.email({
        email: String(form.get('email')),
        password: String(form.get('password')),
      }),
    'Could not sign in',
    next,
  );

  return (
    <form onSubmit={onSubmit} className="mt-6 flex flex-col gap-4">
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
