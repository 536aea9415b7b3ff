/**
 * Entry of a chunk worker thread: BullMQ's sandboxed processor (`useWorkerThreads`) imports this
 * file in a fresh thread, where the TypeScript loader that bin/verbatim.js registered is not
 * active. Plain JavaScript for that reason: it registers the loader, then loads the processor.
 */
import { register } from 'tsx/esm/api';

register();
const { processChunkJob } = await import('./chunk-thread-processor.ts');

export default processChunkJob;
