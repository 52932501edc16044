import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type ApiOptions, type ApiRegisters, createApi } from './app.ts';

export interface RunningApi {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The HTTP API on a port of its own (PROSPECT_GUARD_API_PORT), beside Slack whatever its mode. */
export function startApi(
  registers: ApiRegisters,
  options: ApiOptions & { port: number; host?: string },
): Promise<RunningApi> {
  return serveApi(createApi(registers, options), options);
}

/** An API already made (`createApi`), served on a port. */
export function serveApi(
  app: ReturnType<typeof createApi>,
  options: { port: number; host?: string },
): Promise<RunningApi> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          port: info.port,
          url: `http://${host}:${info.port}/api/v1`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
