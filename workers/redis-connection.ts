/**
 * Turns `--redis URL` into BullMQ connection options, and checks once, quickly, that Redis
 * answers: BullMQ's own connections retry for ever (as they must for workers), which would make
 * a wrong URL hang instead of failing with exit code 4.
 */
import { Redis } from 'ioredis';
import { VerbatimError } from '../pipeline/errors.js';

/** Connection options for BullMQ queues and workers. */
export interface RedisConnectionOptions {
  url: string;
  /** BullMQ requires `null` on connections used by workers (blocking commands). */
  maxRetriesPerRequest: null;
}

export function redisConnection(url: string): RedisConnectionOptions {
  if (!/^rediss?:\/\//i.test(url)) throw new VerbatimError('USAGE', `--redis: expected a redis:// URL`);
  return { url, maxRetriesPerRequest: null };
}

/** Pings Redis with a short timeout; unreachable → SERVICE_UNREACHABLE (exit code 4). */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Connection errors are reported through connect()'s rejection; this only keeps ioredis quiet.
  client.on('error', () => undefined);
  const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
  try {
    await client.connect();
    await client.ping();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VerbatimError(
      'SERVICE_UNREACHABLE',
      `Redis at ${safeUrl} is unreachable: ${reason}`,
      { reason },
      { cause },
    );
  } finally {
    client.disconnect();
  }
}
