import { openApiDocument } from '@/lib/api/openapi';
import { metaApi } from '@/lib/api/table';
import { publicRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

// The document only changes with a deployment: built once, and caches may keep it a while.
let document: ReturnType<typeof openApiDocument> | undefined;

export const GET = publicRoute(metaApi.openapi, () =>
  ok((document ??= openApiDocument()), { headers: { 'cache-control': 'public, max-age=300' } }),
);
