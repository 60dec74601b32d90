import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { csv } from '@/lib/http/respond';
import { exportSubscriptionsCsv } from '@/lib/subscriptions/service';

export const GET = projectRoute(subscriptionsApi.export, async ({ db, project, query }) =>
  csv(await exportSubscriptionsCsv(db, project, query), 'subscriptions.csv'),
);
