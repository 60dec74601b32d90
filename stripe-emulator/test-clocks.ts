import type Stripe from 'stripe';
import { accountNow } from './clock';
import type { Route } from './context';
import { invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { runDueTransitions } from './billing';
import { findOr404, insert, listAll, newId, paginate } from './store';

// Stripe deletes a test clock (and everything attached to it) 30 days after creation.
const TEST_CLOCK_LIFETIME = 30 * 86_400;

export const testClockRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/test_helpers/test_clocks',
    handler: (req) => {
      const frozenTime = req.body.integer('frozen_time', { min: 0 });
      if (frozenTime === undefined) throw missingParam('frozen_time');
      const created = accountNow(req.account);
      const clock: Stripe.TestHelpers.TestClock = {
        id: newId('clock'),
        object: 'test_helpers.test_clock',
        created,
        deletes_after: created + TEST_CLOCK_LIFETIME,
        frozen_time: frozenTime,
        livemode: req.account.livemode,
        name: req.body.string('name') ?? null,
        status: 'ready',
        status_details: {},
      };
      insert(req.account, 'test_clocks', clock);
      emit(req, 'test_helpers.test_clock.created', clock, { at: created });
      return clock;
    },
  },
  {
    method: 'GET',
    path: '/v1/test_helpers/test_clocks/:id',
    handler: ({ account, params }) => findOr404(account, 'test_clocks', params.id),
  },
  {
    method: 'GET',
    path: '/v1/test_helpers/test_clocks',
    handler: ({ account, body }) => paginate(listAll(account, 'test_clocks'), body, '/v1/test_helpers/test_clocks'),
  },
  {
    // Advancing is synchronous here: the clock is already `ready` when the call returns.
    method: 'POST',
    path: '/v1/test_helpers/test_clocks/:id/advance',
    handler: (req) => {
      const clock = findOr404(req.account, 'test_clocks', req.params.id);
      const frozenTime = req.body.integer('frozen_time', { min: 0 });
      if (frozenTime === undefined) throw missingParam('frozen_time');
      if (frozenTime <= clock.frozen_time) {
        throw invalidRequest('The frozen_time must be after the current frozen_time of the test clock.', 'frozen_time');
      }
      runDueTransitions(req, clock.id, frozenTime);
      clock.frozen_time = frozenTime;
      emit(req, 'test_helpers.test_clock.ready', clock, { at: accountNow(req.account) });
      return clock;
    },
  },
  {
    method: 'DELETE',
    path: '/v1/test_helpers/test_clocks/:id',
    handler: (req) => {
      const clock = findOr404(req.account, 'test_clocks', req.params.id);
      const { objects } = req.account;
      // Objects on a deleted clock go with it, as on Stripe.
      for (const customer of listAll(req.account, 'customers')) {
        if (!customer.deleted && customer.test_clock === clock.id) delete objects.customers[customer.id];
      }
      for (const sub of listAll(req.account, 'subscriptions')) {
        if (sub.test_clock === clock.id) delete objects.subscriptions[sub.id];
      }
      delete objects.test_clocks[clock.id];
      emit(req, 'test_helpers.test_clock.deleted', clock, { at: accountNow(req.account) });
      const deleted: Stripe.TestHelpers.DeletedTestClock = { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
      return deleted;
    },
  },
];
