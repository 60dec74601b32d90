import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './data-dir';

const secretNames = {
  authSecret: 'BETTER_AUTH_SECRET',
  encryptionKey: 'BILLSTACK_ENCRYPTION_KEY',
} as const;
type SecretName = keyof typeof secretNames;

/**
 * Server secrets come from the environment. On a developer's machine (embedded database) a missing one is
 * generated once into the data folder, so `npm run dev` needs no set-up; a production deployment on a
 * database server must set them, since a generated secret would differ between instances.
 */
export function serverSecret(name: SecretName): string {
  const envName = secretNames[name];
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (process.env.NODE_ENV === 'production' && process.env.DATABASE_URL) {
    throw new Error(`${envName} must be set when NODE_ENV=production and DATABASE_URL is set`);
  }
  const file = path.join(dataDir(), 'secrets.json');
  const stored: Partial<Record<string, string>> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  if (!stored[envName]) {
    stored[envName] = crypto.randomBytes(32).toString('base64');
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[envName]!;
}
