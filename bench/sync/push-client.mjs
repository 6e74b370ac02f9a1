// Devices for the push benchmark, in a process of their own so the server's
// event loop is not shared with them. Reads {url, devices: [{token, bodies}]}
// (JSON) from the file named on the command line; every device sends its
// request bodies one after another, as the outbox push does (the next batch
// only after the answer to the last), all devices at once. Prints
// {ms, requests, applied, rejected, failures} as JSON.
import { readFileSync } from 'node:fs';

const { url, devices } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let applied = 0;
let rejected = 0;
let requests = 0;
const failures = [];
const t = performance.now();
await Promise.all(
  devices.map(async (d) => {
    for (const body of d.bodies) {
      const res = await fetch(`${url}/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` }, body });
      const text = await res.text();
      requests++;
      if (!res.ok) {
        failures.push(`HTTP ${res.status}: ${text.slice(0, 300)}`);
        continue;
      }
      const r = JSON.parse(text);
      applied += r.applied.length;
      rejected += r.rejected.length;
    }
  }),
);
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, requests, applied, rejected, failures: failures.slice(0, 5), failureCount: failures.length }));
