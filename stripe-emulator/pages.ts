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
  cardLast4: string | null,
  error?: string,
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
  const card = cardLast4 ? `Card ending in ${cardLast4}` : 'No card on file';
  return layout(
    'Billing portal',
    `<h1>Billing portal</h1>
<p>${escape(customer.email ?? customer.id)}</p>
<h2>Subscriptions</h2>
${rows ? `<ul>${rows}</ul>` : '<p>No subscriptions.</p>'}
<h2>Payment method</h2>
<p>${escape(card)}</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/billing_portal/${escape(session.id)}/card">
  <label>Card number <input name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required></label>
  <button type="submit">Update card</button>
</form>
${back}`,
  );
}

function invoiceDate(at: number | null): string {
  return at === null ? '' : new Date(at * 1000).toISOString().slice(0, 10);
}

/** The hosted invoice page (`hosted_invoice_url`): number, lines, amounts and status. */
export function invoicePage(invoice: Stripe.Invoice): string {
  const rows = invoice.lines.data
    .map((line) => `<tr><td>${escape(line.description ?? '')}</td><td>${formatAmount(line.amount, line.currency)}</td></tr>`)
    .join('\n');
  const discount = invoice.subtotal - invoice.total;
  return layout(
    `Invoice ${invoice.number ?? invoice.id}`,
    `<h1>Invoice ${escape(invoice.number ?? invoice.id)}</h1>
<p>Status: <strong data-status="${escape(invoice.status ?? '')}">${escape(invoice.status ?? '')}</strong></p>
<p>Issued ${invoiceDate(invoice.status_transitions.finalized_at)}${invoice.customer_email ? ` to ${escape(invoice.customer_email)}` : ''}</p>
<table>${rows}
${discount > 0 ? `<tr><td>Discount</td><td>-${formatAmount(discount, invoice.currency)}</td></tr>` : ''}
<tr><td><strong>Amount due</strong></td><td><strong>${formatAmount(invoice.amount_due, invoice.currency)}</strong></td></tr>
<tr><td>Amount paid</td><td>${formatAmount(invoice.amount_paid, invoice.currency)}</td></tr>
<tr><td>Amount remaining</td><td>${formatAmount(invoice.amount_remaining, invoice.currency)}</td></tr></table>
<p><a href="/invoice/${escape(invoice.id)}/pdf">Download PDF</a></p>`,
  );
}

/** `invoice_pdf`: a one-page PDF with the invoice's number, total and status (offsets computed, so it is valid). */
export function invoicePdf(invoice: Stripe.Invoice): Buffer {
  const text = (value: string) => value.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const lines = [
    `Invoice ${invoice.number ?? invoice.id}`,
    `Status: ${invoice.status}`,
    `Amount due: ${formatAmount(invoice.amount_due, invoice.currency)}`,
    `Amount paid: ${formatAmount(invoice.amount_paid, invoice.currency)}`,
  ];
  const stream = `BT /F1 14 Tf 72 720 Td 18 TL ${lines.map((l) => `(${text(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
