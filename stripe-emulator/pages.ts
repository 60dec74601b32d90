// The hosted pages: plain server-rendered HTML, just enough for a browser test to pay or leave.
import type Stripe from 'stripe';

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatAmount(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}table{width:100%}td:last-child{text-align:right}.error{color:#b00020}button{padding:.5rem 1.5rem}</style>
</head>
<body>
${body}
</body>
</html>`;
}

export function checkoutPage(session: Stripe.Checkout.Session, lineItems: Stripe.LineItem[], error?: string): string {
  const rows = lineItems
    .map((item) => {
      const every = item.price?.recurring ? ` / ${item.price.recurring.interval}` : '';
      return `<tr><td>${escape(item.description ?? '')} × ${item.quantity ?? 1}</td><td>${formatAmount(item.amount_total, item.currency)}${every}</td></tr>`;
    })
    .join('\n');
  const total = formatAmount(session.amount_total ?? 0, session.currency ?? 'usd');
  if (session.status !== 'open') {
    return layout('Checkout', `<h1>Checkout</h1><p>This Checkout Session is no longer active (${escape(session.status ?? 'unknown')}).</p>`);
  }
  const cancel = session.cancel_url ? `<p><a href="/checkout/${escape(session.id)}/cancel">Cancel</a></p>` : '';
  return layout(
    'Checkout',
    `<h1>Checkout</h1>
<table>${rows}<tr><td><strong>Total due today</strong></td><td><strong>${total}</strong></td></tr></table>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/checkout/${escape(session.id)}/pay">
  ${session.customer_email ? `<p>Email: ${escape(session.customer_email)}</p>` : ''}
  <label>Card number <input name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required></label>
  <button type="submit">Pay</button>
</form>
${cancel}`,
  );
}

export function portalPage(
  session: Stripe.BillingPortal.Session,
  customer: Stripe.Customer,
  subscriptions: Stripe.Subscription[],
): string {
  const rows = subscriptions
    .map((sub) => {
      const item = sub.items.data[0];
      const price = item ? `${formatAmount(item.price.unit_amount ?? 0, item.price.currency)} / ${item.price.recurring?.interval}` : '';
      const renews = item
        ? sub.cancel_at_period_end
          ? `cancels ${new Date(item.current_period_end * 1000).toISOString().slice(0, 10)}`
          : `renews ${new Date(item.current_period_end * 1000).toISOString().slice(0, 10)}`
        : '';
      return `<li data-subscription="${escape(sub.id)}">${escape(sub.status)} · ${price} · ${sub.status === 'canceled' ? '' : renews}</li>`;
    })
    .join('\n');
  const back = session.return_url ? `<p><a href="${escape(session.return_url)}">Return</a></p>` : '';
  return layout(
    'Billing portal',
    `<h1>Billing portal</h1>
<p>${escape(customer.email ?? customer.id)}</p>
<h2>Subscriptions</h2>
${rows ? `<ul>${rows}</ul>` : '<p>No subscriptions.</p>'}
${back}`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
