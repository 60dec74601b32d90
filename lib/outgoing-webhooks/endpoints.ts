import { randomBytes } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { webhookEndpoints, type Project, type WebhookEndpoint } from '@/db/schema';
import { withAudit, type ActorContext } from '@/lib/audit/service';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';
import { NotFound, ValidationError } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { checkWebhookUrl } from './address';
import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody } from './schemas';

export function webhookEndpointView(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    description: endpoint.description,
    // 'failing' when BillStack turned it off after its deliveries failed for days (see the README).
    disabledReason: endpoint.disabledReason,
    disabledAt: isoTime(endpoint.disabledAt),
    createdAt: isoTime(endpoint.createdAt),
  };
}

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64, as the reference libraries expect. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function endpointSecret(endpoint: WebhookEndpoint): string {
  return decryptSecret(endpoint.secretEncrypted, endpoint.id);
}

async function assertDeliverable(url: string) {
  const check = await checkWebhookUrl(new URL(url));
  if (!check.ok) throw new ValidationError(`Invalid body field "url": ${check.reason}`, 'url');
}

export async function listWebhookEndpoints(db: Executor, project: Project, { limit, offset }: Pagination) {
  const where = inProject(webhookEndpoints, project);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(webhookEndpoints).where(where).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(webhookEndpoints).where(where),
  ]);
  return { webhookEndpoints: rows.map(webhookEndpointView), total };
}

/** How many of the project's endpoints BillStack turned off after failing: the dashboard's notice. */
export async function countFailingWebhookEndpoints(db: Executor, project: Project): Promise<number> {
  const [{ total }] = await db
    .select({ total: count() })
    .from(webhookEndpoints)
    .where(inProject(webhookEndpoints, project, eq(webhookEndpoints.disabledReason, 'failing')));
  return total;
}

/** An endpoint of the project; another project's or a malformed id is not found. */
export async function getWebhookEndpoint(db: Executor, project: Project, endpointId: string): Promise<WebhookEndpoint> {
  const [endpoint] = isId('webhookEndpoint', endpointId)
    ? await db.select().from(webhookEndpoints).where(inProject(webhookEndpoints, project, eq(webhookEndpoints.id, endpointId))).limit(1)
    : [];
  if (!endpoint) throw new NotFound('Webhook endpoint not found');
  return endpoint;
}

const auditOf = (action: `webhook_endpoint.${string}`) => (endpoint: WebhookEndpoint) => ({
  action,
  target: { type: 'webhookEndpoint', id: endpoint.id },
});

/** Creates an endpoint; the returned secret is the only time it leaves BillStack. */
export async function createWebhookEndpoint(db: Executor, project: Project, body: CreateWebhookEndpointBody, actor: ActorContext) {
  await assertDeliverable(body.url);
  const id = newId('webhookEndpoint');
  const secret = newWebhookSecret();
  const endpoint = await withAudit(
    db,
    actor,
    async (tx) => {
      const [row] = await tx
        .insert(webhookEndpoints)
        .values({
          id,
          teamId: project.teamId,
          projectId: project.id,
          url: body.url,
          events: body.events,
          description: body.description ?? null,
          secretEncrypted: encryptSecret(secret, id),
        })
        .returning();
      return row;
    },
    auditOf('webhook_endpoint.created'),
  );
  return { webhookEndpoint: webhookEndpointView(endpoint), secret };
}

/** Enabling an endpoint again forgets its failures: it gets three more days before being disabled. */
export async function updateWebhookEndpoint(db: Executor, project: Project, endpointId: string, body: UpdateWebhookEndpointBody, actor: ActorContext) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  if (body.url !== undefined) await assertDeliverable(body.url);
  const enabling = body.enabled === true && !endpoint.enabled;
  return withAudit(
    db,
    actor,
    async (tx) => {
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          url: body.url,
          events: body.events,
          description: body.description,
          enabled: body.enabled,
          ...(body.enabled === false ? { disabledAt: new Date(), disabledReason: null } : {}),
          ...(enabling ? { disabledAt: null, disabledReason: null, lastHealthyAt: new Date() } : {}),
          updatedAt: new Date(),
        })
        .where(inProject(webhookEndpoints, project, eq(webhookEndpoints.id, endpoint.id)))
        .returning();
      return row;
    },
    auditOf('webhook_endpoint.updated'),
  );
}

export async function deleteWebhookEndpoint(db: Executor, project: Project, endpointId: string, actor: ActorContext) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  await withAudit(
    db,
    actor,
    (tx) => tx.delete(webhookEndpoints).where(inProject(webhookEndpoints, project, eq(webhookEndpoints.id, endpoint.id))).then(() => endpoint),
    auditOf('webhook_endpoint.deleted'),
  );
  return { id: endpoint.id, deleted: true as const };
}

/** A new secret at once: deliveries signed from now on use it (receivers switch when they get it). */
export async function rotateWebhookEndpointSecret(db: Executor, project: Project, endpointId: string, actor: ActorContext) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  const secret = newWebhookSecret();
  const row = await withAudit(
    db,
    actor,
    async (tx) => {
      const [updated] = await tx
        .update(webhookEndpoints)
        .set({ secretEncrypted: encryptSecret(secret, endpoint.id), updatedAt: new Date() })
        .where(inProject(webhookEndpoints, project, eq(webhookEndpoints.id, endpoint.id)))
        .returning();
      return updated;
    },
    auditOf('webhook_endpoint.secret_rotated'),
  );
  return { webhookEndpoint: webhookEndpointView(row), secret };
}
