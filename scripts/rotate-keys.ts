// `npm run rotate-keys`: re-encrypts every stored secret under the first key of BILLSTACK_ENCRYPTION_KEYS.
// Run it with the old keys still listed after the new first one; afterwards the old ones can be removed.
import { closeDb, getDb } from '../db/client';
import { rotateEncryptionKeys } from '../lib/crypto/rotate';

if (!process.env.BILLSTACK_ENCRYPTION_KEYS) {
  console.error('Set BILLSTACK_ENCRYPTION_KEYS=newId:base64,oldId:base64 (the new key first) before rotating');
  process.exit(1);
}
const rotated = await rotateEncryptionKeys(await getDb());
console.log(
  `Re-encrypted ${rotated.stripeConnections} Stripe connection(s), ${rotated.webhookEndpoints} webhook endpoint secret(s) and ${rotated.idempotentResponses} stored idempotent response(s)`,
);
await closeDb();
