import { projectRoute } from '@/lib/auth/routes';
import { csv } from '@/lib/http/respond';
import { exportSubscriptionsQuery } from '@/lib/subscriptions/schemas';
import { exportSubscriptionsCsv } from '@/lib/subscriptions/service';

export const GET = projectRoute({ scope: 'subscriptions:read', query: exportSubscriptionsQuery }, async ({ db, project, query }) =>
  csv(await exportSubscriptionsCsv(db, project, query), 'subscriptions.csv'),
);
