'use client';

import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from '../use-auth-form';

export function SignUpForm({ next }: { next: string }) {
  const { error, pending, onSubmit } = useAuthForm(
    (form) =>
      authClient.signUp.email({
        name: String(form.get('name')).trim(),
        email: String(form.get('email')),
        password: String(form.get('password')),
        // The mailed verification link brings the user back to where they were going (an invitation).
        callbackURL: next,
      }),
    'Could not create the account',
    next,
  );

  return (
    <form onSubmit={onSubmit} className="mt-6 flex flex-col gap-4">
      <TextField label="Name" name="name" autoComplete="name" required maxLength={100} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="At least 12 characters."
      />
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
