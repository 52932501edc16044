// The load generator of `npm run bench`, run as its own process so it never shares the app's event loop:
// autocannon posts the signed requests it is given (cycling through them) and prints its figures as JSON.
// Usage: node bench/loadClient.mjs CONFIG.json (see bench/load.ts).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.seconds,
  requests: config.requests,
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
