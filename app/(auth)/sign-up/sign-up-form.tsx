'use client';

import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from '../use-auth-form';

export function SignUpForm() {
  const { error, pending, onSubmit } = useAuthForm(
    (form) =>
      authClient.signUp.email({
        name: String(form.get('name')).trim(),
        email: String(form.get('email')),
        password: String(form.get('password')),
      }),
    'Could not create the account',
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
        minLength={8}
        maxLength={128}
        hint="At least 8 characters."
      />
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
