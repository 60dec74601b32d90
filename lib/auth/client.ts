import { createAuthClient } from 'better-auth/react';

// No baseURL: the browser talks to the origin it was served from, which must be BETTER_AUTH_URL.
export const authClient = createAuthClient();
