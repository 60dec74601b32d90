import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverSecret } from '@/lib/config/secrets';

const saved = { ...process.env };
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-secrets-'));
  process.env.BILLSTACK_DATA_DIR = dataDir;
  delete process.env.BETTER_AUTH_SECRET;
  delete process.env.BILLSTACK_ENCRYPTION_KEY;
  delete process.env.DATABASE_URL;
});

afterEach(() => {
  process.env = { ...saved };
});

describe('serverSecret', () => {
  it('prefers the environment', () => {
    process.env.BETTER_AUTH_SECRET = 'from-env';
    expect(serverSecret('authSecret')).toBe('from-env');
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('generates a missing secret once into the data folder, readable only by its owner', () => {
    const first = serverSecret('encryptionKey');
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(serverSecret('encryptionKey')).toBe(first);
    const file = path.join(dataDir, 'secrets.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ BILLSTACK_ENCRYPTION_KEY: first });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(serverSecret('authSecret')).not.toBe(first);
  });

  it('is required in production on a database server', () => {
    Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/billstack' });
    expect(() => serverSecret('authSecret')).toThrow('BETTER_AUTH_SECRET must be set when NODE_ENV=production and DATABASE_URL is set');
  });
});
