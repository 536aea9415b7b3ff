/**
 * Access to the machine's real Redis for `*.redis.test.ts`: absent → skipped with a visible
 * message, except under CI=true where it must fail. Each test file uses its own key prefix and
 * deletes its keys afterwards.
 */
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.VERBATIM_TEST_REDIS ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`Redis is required under CI=true but ${REDIS_URL} is unreachable`);
    process.stderr.write(`\n[skip] Redis at ${REDIS_URL} is unreachable: Redis tests skipped\n`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** A unique key prefix for one test file. */
export function testPrefix(name: string): string {
  return `vbtest-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Deletes every key under the prefix (SCAN, never KEYS, on a shared server). */
export async function deletePrefix(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
