import crypto from 'node:crypto';
import { serverSecret } from '@/lib/config/secrets';

interface KeyringKey {
  id: string;
  key: Buffer;
}

/**
 * BILLSTACK_ENCRYPTION_KEYS = `id1:base64,id2:base64`: 32-byte keys with ids, the first encrypting and every one
 * decrypting, so a key can be replaced without losing what it sealed (`npm run rotate-keys` then re-seals
 * everything under the first). The older single BILLSTACK_ENCRYPTION_KEY (or the generated development one)
 * still opens what it sealed, and seals while no keyring is configured.
 */
function keyring(): KeyringKey[] {
  const configured = process.env.BILLSTACK_ENCRYPTION_KEYS;
  if (!configured) return [];
  return configured.split(',').map((entry) => {
    const [id, encoded, ...rest] = entry.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!/^[\w-]{1,32}$/.test(id) || rest.length > 0 || key.length !== 32) {
      throw new Error('BILLSTACK_ENCRYPTION_KEYS must be a comma-separated list of id:base64 with 32-byte keys');
    }
    return { id, key };
  });
}

function legacyKey(): Buffer {
  // Any configured string becomes a 256-bit key; a generated one already is 32 random bytes.
  return crypto.createHash('sha256').update(serverSecret('encryptionKey')).digest();
}

function seal(plaintext: string, context: string, key: Buffer): Buffer[] {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext];
}

function open(parts: string[], context: string, key: Buffer): string {
  const [iv, authTag, ciphertext] = parts;
  if (!iv || !authTag || ciphertext === undefined || parts.length !== 3) throw new Error('Unrecognised secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

const encoded = (parts: (string | Buffer)[]) => parts.map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');

/**
 * AES-256-GCM with a fresh IV. `context` (e.g. the team id) is authenticated as associated data, so a
 * ciphertext copied onto another row does not decrypt. `v2.<keyId>....` under a keyring, `v1....` under the
 * single key.
 */
export function encryptSecret(plaintext: string, context: string): string {
  const [primary] = keyring();
  if (!primary) return encoded(['v1', ...seal(plaintext, context, legacyKey())]);
  return encoded(['v2', primary.id, ...seal(plaintext, context, primary.key)]);
}

export function decryptSecret(sealed: string, context: string): string {
  const [version, ...rest] = sealed.split('.');
  if (version === 'v1') return open(rest, context, legacyKey());
  if (version !== 'v2') throw new Error('Unrecognised secret format');
  const [keyId, ...parts] = rest;
  const found = keyring().find((entry) => entry.id === keyId);
  if (!found) throw new Error(`Encryption key "${keyId}" is not in BILLSTACK_ENCRYPTION_KEYS`);
  return open(parts, context, found.key);
}

/** Whether a sealed value is under another key than the one that encrypts now (what rotation rewrites). */
export function needsRotation(sealed: string): boolean {
  const [primary] = keyring();
  if (!primary) return !sealed.startsWith('v1.');
  return !sealed.startsWith(`v2.${primary.id}.`);
}
