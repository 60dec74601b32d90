import { databaseKind } from '@/db/client';
import { publicRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

// The wrapper answers 503 while the database cannot be connected or migrated. Liveness is not shed under
// overload (lib/ops/admission.ts; readiness is: it answers 503 `overloaded` then, so a load balancer sends less).
export const GET = publicRoute({}, async () => ok({ status: 'ok', database: await databaseKind() }));
