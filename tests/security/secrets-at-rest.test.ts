/**
 * Finding 7: an idempotent replay kept the first answer in clear, so a portal token's URL (a bearer credential)
 * sat readable in the database; expired idempotency records stayed unless the same key came back; the data
 * folder took the umask's mode; encryption had one key and no way to rotate it. Before the fix the stored
 * body below held the portal URL, the day-old record of another key survived, the folder was 755, and
 * BILLSTACK_ENCRYPTION_KEYS / rotateEncryptionKeys did not exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { idempotencyKeys, stripeConnections, webhookEndpoints } from '@/db/schema';
import { dataDir } from '@/lib/config/data-dir';
import { rotateEncryptionKeys } from '@/lib/crypto/rotate';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';
import { createCustomerRow } from '../helpers/catalog';
import { useOwnDatabase } from '../helpers/own-database';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, issueApiKey, type World } from '../helpers/world';
import { createWebhookEndpoint } from '../outgoing-webhooks/fixtures';
import { createPortal } from '../portal/fixtures';

// Rotation re-encrypts every team's secrets: on a shared server database it would re-key other files' teams.
useOwnDatabase();
useStripeEmulator();
let world: World;
let customerId: string;
let keyHeaders: Record<string, string>;

beforeAll(async () => {
  world = await buildWorld();
  customerId = (await createCustomerRow(world, { name: 'Secretive' })).id;
  keyHeaders = (await issueApiKey(world.owner, world.team.id)).headers;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');

describe('idempotency records', () => {
  it('keep the answer that carries a portal token sealed, and replay it in clear', async () => {
    const headers = { ...keyHeaders, 'idempotency-key': 'portal-once' };
    const first = await createPortal(world, { customerId }, headers);
    const replay = await createPortal(world, { customerId }, headers);
    const db = await getDb();
    const [stored] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'portal-once'));
    const token = first.body.portal.token as string;

    expect([first.status, replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    expect(replay.body).toEqual(first.body);
    expect(typeof stored.responseBody).toBe('string');
    expect(JSON.stringify(stored.responseBody)).not.toContain(token);
    expect(JSON.parse(decryptSecret(stored.responseBody as string, `${world.project.id}:portal-once`))).toEqual(first.body);
  });

  it('are purged after 24 hours, whichever key comes next', async () => {
    const db = await getDb();
    await createPortal(world, { customerId }, { ...keyHeaders, 'idempotency-key': 'yesterday' });
    await createPortal(world, { customerId }, { ...keyHeaders, 'idempotency-key': 'an-hour-ago' });
    await db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyKeys.key, 'yesterday'));
    await db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '1 hour'` }).where(eq(idempotencyKeys.key, 'an-hour-ago'));

    await createPortal(world, { customerId }, { ...keyHeaders, 'idempotency-key': 'today' });
    const keys = (await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((row) => row.key);

    expect(keys).not.toContain('yesterday');
    expect(keys).toEqual(expect.arrayContaining(['an-hour-ago', 'today']));
  });
});

describe('the data folder', () => {
  it('is created readable by the server user alone', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-mode-')), 'data');
    vi.stubEnv('BILLSTACK_DATA_DIR', dir);

    dataDir();

    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('encryption keys with ids', () => {
  it('encrypt with the first key, decrypt with any listed key, and keep opening the single key of before', () => {
    const legacy = encryptSecret('sk_test_legacy', 'team_x');
    vi.stubEnv('BILLSTACK_ENCRYPTION_KEYS', `a:${keyA}`);
    const underA = encryptSecret('sk_test_a', 'team_x');
    vi.stubEnv('BILLSTACK_ENCRYPTION_KEYS', `b:${keyB},a:${keyA}`);
    const underB = encryptSecret('sk_test_b', 'team_x');

    expect([legacy.split('.')[0], underA.split('.').slice(0, 2), underB.split('.').slice(0, 2)]).toEqual(['v1', ['v2', 'a'], ['v2', 'b']]);
    expect([decryptSecret(legacy, 'team_x'), decryptSecret(underA, 'team_x'), decryptSecret(underB, 'team_x')]).toEqual([
      'sk_test_legacy',
      'sk_test_a',
      'sk_test_b',
    ]);
    vi.stubEnv('BILLSTACK_ENCRYPTION_KEYS', `b:${keyB}`);
    expect(() => decryptSecret(underA, 'team_x')).toThrow('Encryption key "a" is not in BILLSTACK_ENCRYPTION_KEYS');
  });

  it('are rotated by rotateEncryptionKeys, after which the old key can go', async () => {
    const db = await getDb();
    const [before] = await db.select().from(stripeConnections).where(eq(stripeConnections.teamId, world.team.id));
    const secretKey = decryptSecret(before.secretKeyEncrypted, world.team.id);
    const { webhookEndpoint, secret } = await createWebhookEndpoint(world);
    vi.stubEnv('BILLSTACK_ENCRYPTION_KEYS', `b:${keyB}`);

    const first = await rotateEncryptionKeys(db);
    const second = await rotateEncryptionKeys(db);
    const [after] = await db.select().from(stripeConnections).where(eq(stripeConnections.teamId, world.team.id));

    // Both teams of the world, and every sealed idempotent answer of this file.
    expect(first.stripeConnections).toBe(2);
    expect(first.idempotentResponses).toBeGreaterThanOrEqual(3);
    expect(first.webhookEndpoints).toBe(1);
    expect(second).toEqual({ stripeConnections: 0, idempotentResponses: 0, webhookEndpoints: 0 });
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhookEndpoint.id));
    expect(endpoint.secretEncrypted.startsWith('v2.b.')).toBe(true);
    expect(decryptSecret(endpoint.secretEncrypted, endpoint.id)).toBe(secret);
    expect(after.secretKeyEncrypted.startsWith('v2.b.')).toBe(true);
    expect(after.webhookSecretEncrypted.startsWith('v2.b.')).toBe(true);
    expect(decryptSecret(after.secretKeyEncrypted, world.team.id)).toBe(secretKey);
  });
});
