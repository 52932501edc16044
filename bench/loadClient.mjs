// The load generator of `npm run bench`, run as its own process so it never shares the app's event loop:
// autocannon posts the requests it is given (cycling through them) and prints its figures as JSON. Each request
// gets a trigger id of its own and is signed again: Slack never sends the same trigger twice, and the app drops
// a repeated one as a redelivery (which would measure nothing).
// Without a signing secret (the HTTP API's load, bench/api.ts), the requests are sent as given.
// Usage: node bench/loadClient.mjs CONFIG.json (see bench/load.ts).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let sent = 0;
const sign = (body) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', config.signingSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
};
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.seconds,
  requests: config.requests.map((request) => ({
    method: request.method,
    setupRequest: (req) => {
      if (!config.signingSecret) return { ...req, body: request.body, headers: request.headers };
      const body = request.body.replace(/trigger_id=[^&]*/, `trigger_id=bench.${++sent}.${process.pid}`);
      return { ...req, body, headers: { ...request.headers, ...sign(body) } };
    },
  })),
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
