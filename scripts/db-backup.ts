// `npm run db:backup [-- <file>]`: a consistent copy of BillStack's database.
//   DATABASE_URL set: pg_dump's custom format (restore with pg_restore, see the README's Operations).
//   Otherwise the embedded PGlite directory, as PGlite's own gzipped dump of it (restore with `--restore <file>`).
// PGlite allows one process per directory: stop the server before backing up or restoring the embedded database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { dataDir } from '../lib/config/data-dir';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const pgliteDir = process.env.PGLITE_DIR ?? path.join(dataDir(), 'pglite');

function backupServer(url: string, file: string): void {
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url], { stdio: 'inherit' });
  if (dump.status !== 0) throw new Error(`pg_dump failed with status ${dump.status}`);
}

async function backupPglite(file: string): Promise<void> {
  const db = new PGlite(pgliteDir);
  try {
    // dumpDataDir does not wait for the database to open: without this the dump never settles.
    await db.waitReady;
    const dump = await db.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
  } finally {
    await db.close();
  }
}

/** Into an empty PGLITE_DIR only: the current database is never overwritten, move it aside first. */
async function restorePglite(file: string): Promise<void> {
  if (fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0) {
    throw new Error(`${pgliteDir} is not empty: move it aside (or set PGLITE_DIR) before restoring into it`);
  }
  const db = new PGlite(pgliteDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.query('select 1');
  await db.close();
  console.log(`restored ${file} into ${pgliteDir}`);
}

const [first, second] = process.argv.slice(2);
if (first === '--restore') {
  if (!second || process.env.DATABASE_URL) throw new Error('usage: npm run db:backup -- --restore <file> (PGlite only; use pg_restore for a server)');
  await restorePglite(second);
} else {
  const backups = path.join(dataDir(), 'backups');
  fs.mkdirSync(backups, { recursive: true, mode: 0o700 });
  const url = process.env.DATABASE_URL;
  const file = first ?? path.join(backups, `billstack-${stamp}.${url ? 'dump' : 'tar.gz'}`);
  if (url) backupServer(url, file);
  else await backupPglite(file);
  console.log(`backup written to ${file}`);
}
