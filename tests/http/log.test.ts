import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, logSink, withRequestId } from '@/lib/log';

afterEach(() => {
  vi.restoreAllMocks();
});

function captured() {
  const write = vi.spyOn(logSink, 'write').mockImplementation(() => {});
  return () => write.mock.calls.map(([line]) => JSON.parse(line));
}

describe('the logger', () => {
  it('puts the request id on every line logged while serving it, across awaits, and on no other line', async () => {
    const lines = captured();
    await Promise.all(
      ['req_a', 'req_b'].map((requestId) =>
        withRequestId(requestId, async () => {
          log.info('first');
          await new Promise((resolve) => setTimeout(resolve, 5));
          log.warn({ step: 2 }, 'second');
        }),
      ),
    );
    log.info('outside');
    const byMessage = (msg: string) => lines().filter((line) => line.msg === msg).map((line) => line.requestId);
    expect(byMessage('first').sort()).toEqual(['req_a', 'req_b']);
    expect(byMessage('second').sort()).toEqual(['req_a', 'req_b']);
    expect(byMessage('outside')).toEqual([undefined]);
  });

  it('redacts keys, cookies, authorization and Stripe secrets wherever they are logged', () => {
    const lines = captured();
    log.error(
      {
        headers: { authorization: 'Bearer bs_secret', cookie: 'session=abc', 'stripe-signature': 't=1,v1=abc' },
        body: { secretKey: 'sk_test_secret', password: 'hunter2hunter2', email: 'a@example.com' },
        key: 'bs_secret',
      },
      'refused',
    );
    const text = JSON.stringify(lines());
    for (const secret of ['bs_secret', 'session=abc', 'v1=abc', 'sk_test_secret', 'hunter2hunter2']) expect(text).not.toContain(secret);
    expect(lines()[0]).toMatchObject({
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'stripe-signature': '[redacted]' },
      body: { secretKey: '[redacted]', password: '[redacted]', email: 'a@example.com' },
      key: '[redacted]',
    });
  });
});
