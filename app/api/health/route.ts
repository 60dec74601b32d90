import { databaseKind } from '@/db/client';
import { publicRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

// The wrapper answers 503 while the database cannot be connected or migrated.
export const GET = publicRoute({}, async () => ok({ status: 'ok', database: await databaseKind() }));
