/**
 * Listens with a built app until SIGTERM/SIGINT, then closes it (in-flight requests finish).
 */
import type { FastifyInstance } from 'fastify';

export interface ServeOptions {
  /** TCP port. @defaultValue 8080 */
  port: number;
  /** Interface to listen on: loopback unless the operator opens it. @defaultValue `127.0.0.1` */
  host: string;
}

/** Starts listening; resolves with the address once ready. */
export async function listen(app: FastifyInstance, options: ServeOptions): Promise<string> {
  return app.listen({ port: options.port, host: options.host });
}

/** Resolves with the signal that asked the server to stop, after closing it. */
export async function serveUntilSignal(app: FastifyInstance): Promise<NodeJS.Signals> {
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  await app.close();
  return signal;
}
