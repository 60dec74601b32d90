import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { idempotencyKeys, stripeConnections, webhookEndpoints } from '@/db/schema';
import { decryptSecret, encryptSecret, needsRotation } from './secret-box';

const reseal = (sealed: string, context: string) => encryptSecret(decryptSecret(sealed, context), context);

/**
 * Re-encrypts every secret at rest under the first key of BILLSTACK_ENCRYPTION_KEYS (`npm run rotate-keys`),
 * after which the older keys can be dropped from the list. Each row is rewritten only if nobody changed it
 * meanwhile, so running it next to a live server loses nothing; running it twice rewrites nothing.
 */
export async function rotateEncryptionKeys(db: Database): Promise<{ stripeConnections: number; idempotentResponses: number; webhookEndpoints: number }> {
  let connections = 0;
  for (const row of await db.select().from(stripeConnections)) {
    if (!needsRotation(row.secretKeyEncrypted) && !needsRotation(row.webhookSecretEncrypted)) continue;
    const updated = await db
      .update(stripeConnections)
      .set({ secretKeyEncrypted: reseal(row.secretKeyEncrypted, row.teamId), webhookSecretEncrypted: reseal(row.webhookSecretEncrypted, row.teamId) })
      .where(
        and(
          eq(stripeConnections.teamId, row.teamId),
          eq(stripeConnections.secretKeyEncrypted, row.secretKeyEncrypted),
          eq(stripeConnections.webhookSecretEncrypted, row.webhookSecretEncrypted),
        ),
      )
      .returning({ teamId: stripeConnections.teamId });
    connections += updated.length;
  }
  let responses = 0;
  for (const row of await db.select().from(idempotencyKeys)) {
    if (typeof row.responseBody !== 'string' || !needsRotation(row.responseBody)) continue;
    const ofRow = and(eq(idempotencyKeys.projectId, row.projectId), eq(idempotencyKeys.key, row.key));
    const updated = await db
      .update(idempotencyKeys)
      .set({ responseBody: reseal(row.responseBody, `${row.projectId}:${row.key}`) })
      .where(ofRow)
      .returning({ key: idempotencyKeys.key });
    responses += updated.length;
  }
  let endpoints = 0;
  for (const row of await db.select().from(webhookEndpoints)) {
    if (!needsRotation(row.secretEncrypted)) continue;
    const updated = await db
      .update(webhookEndpoints)
      .set({ secretEncrypted: reseal(row.secretEncrypted, row.id) })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secretEncrypted, row.secretEncrypted)))
      .returning({ id: webhookEndpoints.id });
    endpoints += updated.length;
  }
  return { stripeConnections: connections, idempotentResponses: responses, webhookEndpoints: endpoints };
}
