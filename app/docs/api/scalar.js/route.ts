import { readFile } from 'node:fs/promises';
import path from 'node:path';

// Scalar's single-file browser build, from the installed package: the reference page loads nothing from a CDN.
const bundle = path.join(process.cwd(), 'node_modules/@scalar/api-reference/dist/browser/standalone.js');
let script: Promise<Buffer> | undefined;

export async function GET() {
  script ??= readFile(bundle);
  return new Response(new Uint8Array(await script), {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  });
}
