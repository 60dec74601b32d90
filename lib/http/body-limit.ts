import { PayloadTooLarge } from './errors';

/** The API's JSON bodies are small; Stripe's events are larger but bounded (its own limit is well under this). */
export const apiBodyLimit = 1024 * 1024;
export const stripeIntakeBodyLimit = 256 * 1024;

/**
 * Reads a request body as text, refusing it (413) before reading when Content-Length announces too much,
 * and while reading when a chunked or lying body goes past the limit: memory never holds more than the limit.
 */
export async function readBodyText(req: Request, limitBytes: number): Promise<string> {
  const announced = Number(req.headers.get('content-length') ?? NaN);
  if (announced > limitBytes) throw new PayloadTooLarge(limitBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      throw new PayloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
