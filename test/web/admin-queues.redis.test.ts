import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_QUEUES_PATH, buildApp } from '../../web/index.js';
import { QUEUE_NAMES } from '../../workers/queue-names.js';
import { deletePrefix, REDIS_URL, redisAvailable, testPrefix } from '../workers/redis-service.js';

const available = await redisAvailable();
const TOKEN = 'test-admin-token-0123456789abcdef';

describe.runIf(available)('Bull Board on the real Redis', () => {
  const prefix = testPrefix('board');
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: { url: REDIS_URL }, prefix }));

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await deletePrefix(prefix);
  });

  it('lists Verbatim’s queues with their counts, for an admin only', async () => {
    const chunks = queues[1] as Queue;
    await chunks.add('chunk', { runId: 'run-boardtest', chunkIndex: 0 }, { jobId: 'run-boardtest-0', delay: 60_000 });
    const { app } = await buildApp({ queues, adminToken: TOKEN });
    expect((await app.inject({ method: 'GET', url: `${ADMIN_QUEUES_PATH}/api/queues` })).statusCode).toBe(401);
    const response = await app.inject({
      method: 'GET',
      url: `${ADMIN_QUEUES_PATH}/api/queues`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[];
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    const chunkQueue = body.queues.find((q) => q.name === QUEUE_NAMES[1]);
    expect(chunkQueue?.counts.delayed).toBe(1);
    expect(chunkQueue?.readOnlyMode).toBe(true);
    await app.close();
  });
});
