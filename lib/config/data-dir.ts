import fs from 'node:fs';
import path from 'node:path';

/** The local folder for the embedded database and generated secrets (ignored by git). */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.BILLSTACK_DATA_DIR ?? '.data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
