import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '@/lib/api/openapi';

const banner = '// Generated from the OpenAPI document by `npm run client:generate` (openapi-typescript). Do not edit.\n\n';

/** The TypeScript types of every path, operation and schema of the document. */
export async function clientSchemaSource(): Promise<string> {
  // The document is JSON-shaped by construction; openapi-typescript wants its own OpenAPI3 type for it.
  const ast = await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0]);
  return banner + astToString(ast);
}
