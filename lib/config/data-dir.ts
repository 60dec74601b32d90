import fs from 'node:fs';
import path from 'node:path';

/** The local folder for the embedded database and generated secrets (ignored by git). */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.BILLSTACK_DATA_DIR ?? '.data');
  // It holds the embedded database, generated secrets and the mail outbox: the server's user alone may read it.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
