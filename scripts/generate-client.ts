/**
 * Writes the typed client's types (clients/typescript/src/schema.ts) from the OpenAPI document, with
 * openapi-typescript. Run after changing the route table: `npm run client:generate`. A test fails while the
 * committed file differs from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clientSchemaSource } from '@/clients/typescript/generate';

const target = path.join(process.cwd(), 'clients/typescript/src/schema.ts');
fs.writeFileSync(target, await clientSchemaSource());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
