import { publicRoute } from '@/lib/auth/routes';
import { NotFound } from '@/lib/http/errors';

// A path under /api/billstack that no route serves: the API's JSON error, not Next's HTML 404 page. Next
// matches every declared route before this catch-all, so it answers only what nothing else does.
const unknownEndpoint = publicRoute({}, () => {
  throw new NotFound('Endpoint not found');
});

export { unknownEndpoint as DELETE, unknownEndpoint as GET, unknownEndpoint as PATCH, unknownEndpoint as POST, unknownEndpoint as PUT };
