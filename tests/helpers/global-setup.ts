// Against a PostgreSQL server, test files share one database: migrate it once here, before they race.
export default async function setup() {
  if (!process.env.DATABASE_URL) return;
  const { getDb, closeDb } = await import('../../db/client');
  await getDb();
  await closeDb();
}
