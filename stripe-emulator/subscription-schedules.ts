// Subscription schedules: a subscription's future as phases of items. When a phase ends the billing
// engine (billing.ts) puts the next phase's items on the subscription, prorated per the phase's
// `proration_behavior`; after the last phase the schedule releases the subscription or cancels it
// (`end_behavior`). A downgrade at period end is a schedule whose second phase starts at the
// current period's end: the renewal then bills the new items, with nothing to prorate.
import type Stripe from 'stripe';
import { addIntervals, clockNow, type Interval } from './clock';
import type { Ctx, Route } from './context';
import { liveCustomer, testClockOf } from './customers';
import { invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import { PRORATION_BEHAVIORS, type ProrationBehavior } from './prorations';
import { clone, find, findOr404, insert, listAll, newId, paginate, previousAttributes, type AccountState } from './store';
import {
  cancelSubscription,
  changeItems,
  createSubscription,
  recurringPrice,
  replacementItems,
  settleItemUpdate,
  type ItemRequest,
  type ItemUpdate,
} from './subscriptions';

type Phase = Stripe.SubscriptionSchedule.Phase;

function phaseItem(request: ItemRequest): Stripe.SubscriptionSchedule.Phase.Item {
  return {
    billing_thresholds: null,
    discounts: [],
    metadata: { ...request.metadata },
    plan: request.price.id,
    price: request.price.id,
    quantity: request.quantity,
    tax_rates: [],
  };
}

function newPhase(items: ItemRequest[], period: { start: number; end: number }, prorationBehavior: ProrationBehavior, metadata: Record<string, string>): Phase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency: items[0].price.currency,
    default_payment_method: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    end_date: period.end,
    invoice_settings: null,
    items: items.map(phaseItem),
    metadata,
    on_behalf_of: null,
    proration_behavior: prorationBehavior,
    start_date: period.start,
    transfer_data: null,
    trial_end: null,
  };
}

/** A phase's items as subscription item requests (prices re-read: they must still be active). */
export function phaseRequests(account: AccountState, phase: Phase, param: string): ItemRequest[] {
  return phase.items.map((item, i) => ({
    price: recurringPrice(account, String(item.price), `${param}[items][${i}][price]`),
    quantity: item.quantity ?? 1,
    metadata: { ...item.metadata },
  }));
}

/**
 * `phases[]` of a create or update. Each phase starts where the previous one ends; the first
 * starts at `firstStart` unless it says otherwise. A phase ends at `end_date`, after `duration`,
 * or one interval of its first price later (Stripe's default of one iteration).
 */
export function parsePhases(account: AccountState, body: Params, firstStart: number, now: number): Phase[] {
  const specs = body.objects('phases');
  if (specs.length === 0) throw missingParam('phases');
  const phases: Phase[] = [];
  for (const [i, spec] of specs.entries()) {
    const items = spec.objects('items').map((item) => ({
      price: recurringPrice(account, item.requiredString('price'), item.name('price')),
      quantity: item.integer('quantity', { min: 0 }) ?? 1,
      metadata: item.metadata() ?? undefined,
    }));
    if (items.length === 0) throw missingParam(spec.name('items'));
    const start = i === 0 ? (spec.timestamp('start_date', now) ?? firstStart) : phases[i - 1].end_date;
    const duration = spec.object('duration');
    const recurring = items[0].price.recurring!;
    const end =
      spec.timestamp('end_date', now) ??
      (duration
        ? addIntervals(start, duration.oneOf('interval', ['day', 'week', 'month', 'year']) ?? 'month', duration.integer('interval_count', { min: 1 }) ?? 1)
        : addIntervals(start, recurring.interval as Interval, recurring.interval_count));
    if (end <= start) throw invalidRequest(`The phase's end_date must be after its start_date.`, spec.name('end_date'));
    const behavior = spec.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
    phases.push(newPhase(items, { start, end }, behavior, mergeMetadata({}, spec.metadata())));
  }
  return phases;
}

/** The phase running at `at`, if any. */
export function phaseCovering(phases: Phase[], at: number): Phase | undefined {
  return phases.find((phase) => phase.start_date <= at && at < phase.end_date);
}

function newSchedule(account: AccountState, sub: Stripe.Subscription, phases: Phase[], now: number): Stripe.SubscriptionSchedule {
  const current = phaseCovering(phases, now);
  return {
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    application: null,
    billing_mode: clone(sub.billing_mode),
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: current ? { start_date: current.start_date, end_date: current.end_date } : null,
    customer: String(sub.customer),
    customer_account: null,
    default_settings: {
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: 'automatic',
      billing_thresholds: null,
      collection_method: 'charge_automatically',
      default_payment_method: null,
      description: null,
      invoice_settings: { account_tax_ids: null, custom_fields: null, days_until_due: null, description: null, footer: null, issuer: { type: 'self' } },
      on_behalf_of: null,
      transfer_data: null,
    },
    end_behavior: 'release',
    livemode: account.livemode,
    metadata: {},
    pause_schedules: [],
    phases,
    released_at: null,
    released_subscription: null,
    status: 'active',
    subscription: sub.id,
    test_clock: sub.test_clock,
  };
}

function attach(ctx: Ctx, schedule: Stripe.SubscriptionSchedule, sub: Stripe.Subscription, now: number): void {
  const before = clone(sub);
  sub.schedule = schedule.id;
  insert(ctx.account, 'subscription_schedules', schedule);
  emit(ctx, 'subscription_schedule.created', schedule, { at: now });
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at: now });
}

function createSchedule(ctx: Ctx, body: Params): Stripe.SubscriptionSchedule {
  const { account } = ctx;
  const fromSubscription = body.string('from_subscription');
  if (fromSubscription) {
    if (body.has('phases') || body.has('customer')) {
      throw invalidRequest('You cannot set `phases` or `customer` when `from_subscription` is set.', 'from_subscription');
    }
    const sub = findOr404(account, 'subscriptions', fromSubscription, 'from_subscription');
    if (sub.schedule) throw invalidRequest(`The subscription is already attached to a schedule: ${String(sub.schedule)}`, 'from_subscription');
    if (sub.status === 'canceled') throw invalidRequest('You cannot create a schedule from a canceled subscription.', 'from_subscription');
    const now = clockNow(account, testClockOf(sub));
    const item = sub.items.data[0];
    const items = sub.items.data.map((i) => ({ price: i.price, quantity: i.quantity ?? 1, metadata: i.metadata }));
    const phase = newPhase(items, { start: item.current_period_start, end: item.current_period_end }, 'create_prorations', {});
    const schedule = newSchedule(account, sub, [phase], now);
    schedule.metadata = mergeMetadata({}, body.metadata());
    attach(ctx, schedule, sub, now);
    return schedule;
  }
  const customer = liveCustomer(account, body.requiredString('customer'));
  const now = clockNow(account, testClockOf(customer));
  const startDate = body.timestamp('start_date', now) ?? now;
  if (startDate > now) {
    throw invalidRequest('The emulator starts subscription schedules now: a future start_date is not emulated.', 'start_date');
  }
  const phases = parsePhases(account, body, now, now);
  const sub = createSubscription(ctx, {
    customer,
    items: phaseRequests(account, phases[0], 'phases[0]'),
    trial: null,
    discounts: [],
  });
  const schedule = newSchedule(account, sub, phases, now);
  schedule.end_behavior = body.oneOf('end_behavior', ['release', 'cancel']) ?? 'release';
  schedule.metadata = mergeMetadata({}, body.metadata());
  attach(ctx, schedule, sub, now);
  return schedule;
}

function editable(schedule: Stripe.SubscriptionSchedule, verb: string): void {
  if (!['active', 'not_started'].includes(schedule.status)) {
    throw invalidRequest(`You cannot ${verb} a subscription schedule that is currently in the \`${schedule.status}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`);
  }
}

function nowOf(account: AccountState, schedule: Stripe.SubscriptionSchedule): number {
  return clockNow(account, schedule.test_clock ? String(schedule.test_clock) : null);
}

function subscriptionOf(account: AccountState, schedule: Stripe.SubscriptionSchedule): Stripe.Subscription | undefined {
  return schedule.subscription ? find(account, 'subscriptions', String(schedule.subscription)) : undefined;
}

/**
 * New phases replace the old ones. When the current phase's items change, the subscription
 * changes now, prorated per the schedule's `proration_behavior` (as Stripe applies an edited
 * current phase at once).
 */
function updateSchedule(ctx: Ctx, schedule: Stripe.SubscriptionSchedule, body: Params): Stripe.SubscriptionSchedule {
  const { account } = ctx;
  editable(schedule, 'update');
  const now = nowOf(account, schedule);
  const before = clone(schedule);
  // Everything is validated before anything changes.
  const endBehavior = body.oneOf('end_behavior', ['release', 'cancel']);
  const behavior = body.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
  const phases = body.has('phases') ? parsePhases(account, body, schedule.phases[0].start_date, now) : null;
  const current = phases ? phaseCovering(phases, now) : undefined;
  if (phases && !current) throw invalidRequest('The phases must cover the current time: a subscription schedule cannot end in the past.', 'phases');
  schedule.metadata = mergeMetadata(schedule.metadata, body.metadata());
  schedule.end_behavior = endBehavior ?? schedule.end_behavior;
  if (phases && current) {
    schedule.phases = phases;
    schedule.current_phase = { start_date: current.start_date, end_date: current.end_date };
    const sub = subscriptionOf(account, schedule);
    if (sub) applyPhase(ctx, sub, current, behavior, now);
  }
  const previous = previousAttributes(before, schedule);
  if (Object.keys(previous).length > 0) emit(ctx, 'subscription_schedule.updated', schedule, { previous, at: now });
  return schedule;
}

/**
 * Puts a phase's items on `sub` at `at`, in place (a preview passes a clone), and works out the
 * change's prorations; null when the items are already the phase's.
 */
export function phaseItemUpdate(account: AccountState, sub: Stripe.Subscription, phase: Phase, behavior: ProrationBehavior, at: number): ItemUpdate | null {
  const requests = phaseRequests(account, phase, 'phases');
  const same =
    requests.length === sub.items.data.length &&
    requests.every((r, i) => r.price.id === sub.items.data[i].price.id && r.quantity === (sub.items.data[i].quantity ?? 1));
  return same ? null : changeItems(account, sub, replacementItems(sub, requests, at), { behavior, at, now: at, resetAnchor: false });
}

/** Puts a phase's items on the subscription at `at`, with its invoice and events; nothing if they are already there. */
function applyPhase(ctx: Ctx, sub: Stripe.Subscription, phase: Phase, behavior: ProrationBehavior, at: number): void {
  const before = clone(sub);
  const update = phaseItemUpdate(ctx.account, sub, phase, behavior, at);
  if (!update) return;
  settleItemUpdate(ctx, sub, update, at);
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
}

function release(ctx: Ctx, schedule: Stripe.SubscriptionSchedule, at: number, status: 'released' | 'canceled'): void {
  const sub = subscriptionOf(ctx.account, schedule);
  schedule.status = status;
  schedule.current_phase = null;
  if (status === 'released') {
    schedule.released_at = at;
    schedule.released_subscription = sub?.id ?? null;
  } else {
    schedule.canceled_at = at;
  }
  schedule.subscription = status === 'released' ? null : schedule.subscription;
  if (sub && sub.schedule === schedule.id) {
    const before = clone(sub);
    sub.schedule = null;
    if (status === 'canceled' && sub.status !== 'canceled') cancelSubscription(ctx, sub, at, 'cancellation_requested');
    else emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
  }
  emit(ctx, status === 'released' ? 'subscription_schedule.released' : 'subscription_schedule.canceled', schedule, { at });
}

/** When the schedule next moves by itself (its current phase ends), if ever. */
export function nextPhaseTransitionAt(schedule: Stripe.SubscriptionSchedule): number | null {
  return schedule.status === 'active' && schedule.current_phase ? schedule.current_phase.end_date : null;
}

/** Ends the current phase: the next phase's items go on the subscription, or the schedule ends. */
export function runPhaseTransition(ctx: Ctx, schedule: Stripe.SubscriptionSchedule): void {
  const at = nextPhaseTransitionAt(schedule);
  if (at === null) return;
  const sub = subscriptionOf(ctx.account, schedule);
  const next = schedule.phases.find((phase) => phase.start_date === at);
  if (!sub || sub.status === 'canceled') return release(ctx, schedule, at, 'canceled');
  if (!next) return release(ctx, schedule, at, schedule.end_behavior === 'cancel' ? 'canceled' : 'released');
  const before = clone(schedule);
  schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
  applyPhase(ctx, sub, next, next.proration_behavior as ProrationBehavior, at);
  emit(ctx, 'subscription_schedule.updated', schedule, { previous: previousAttributes(before, schedule), at });
}

/**
 * The schedule on `testClock` (null: the account clock) whose phase ends first, by `until`. The
 * engine runs it before a renewal due at the same moment, so that the renewal bills the new phase.
 */
export function duePhaseTransition(
  account: AccountState,
  testClock: string | null,
  until: number,
): { schedule: Stripe.SubscriptionSchedule; at: number } | null {
  let due: { schedule: Stripe.SubscriptionSchedule; at: number } | null = null;
  for (const schedule of listAll(account, 'subscription_schedules')) {
    if (testClockOf(schedule) !== testClock) continue;
    const at = nextPhaseTransitionAt(schedule);
    if (at !== null && at <= until && (!due || at < due.at)) due = { schedule, at };
  }
  return due;
}

/** `POST .../release` and `.../cancel`: both end an editable schedule now, differing in the status left. */
function endRoute(verb: 'release' | 'cancel', status: 'released' | 'canceled'): Route {
  return {
    method: 'POST',
    path: `/v1/subscription_schedules/:id/${verb}`,
    handler: (req) => {
      const schedule = findOr404(req.account, 'subscription_schedules', req.params.id);
      editable(schedule, verb);
      release(req, schedule, nowOf(req.account, schedule), status);
      return schedule;
    },
  };
}

export const subscriptionScheduleRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/subscription_schedules',
    handler: (req) => createSchedule(req, req.body),
  },
  {
    method: 'GET',
    path: '/v1/subscription_schedules/:id',
    handler: ({ account, params }) => findOr404(account, 'subscription_schedules', params.id),
  },
  {
    method: 'POST',
    path: '/v1/subscription_schedules/:id',
    handler: (req) => updateSchedule(req, findOr404(req.account, 'subscription_schedules', req.params.id), req.body),
  },
  endRoute('release', 'released'),
  endRoute('cancel', 'canceled'),
  {
    method: 'GET',
    path: '/v1/subscription_schedules',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const schedules = listAll(account, 'subscription_schedules').filter((s) => !customer || s.customer === customer);
      return paginate(schedules, body, '/v1/subscription_schedules');
    },
  },
];
