// `node --import tsx test/bench/session-check.ts`: what the server-side session check costs per
// request (functions/data/sessions.ts), as a ratio to a bare GetItem of the profile in the same
// process, on DynamoDB Local (absolute times on a shared machine mean little).
import { measure, printRatios } from './measure.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { checkSession, SESSION_LIMITS } from '../../functions/data/sessions.ts';
import { getUserForRequest } from '../../functions/data/users.ts';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';

const N = Number(process.env.BENCH_N ?? 500);

const stack = await startLocalStack({});
try {
  const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'yl_staff', password: DEMO_PASSWORD }) });
  const claims = decodeJwt(((await res.json()) as { token: string }).token);
  // A second session whose every check falls a minute after the last, so each one also writes lastSeenAt.
  const res2 = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'yl_staff', password: DEMO_PASSWORD }) });
  const busyClaims = decodeJwt(((await res2.json()) as { token: string }).token);
  let busyNow = Date.now();
  const get = (ConsistentRead: boolean) => () => documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.user('yl_staff'), ConsistentRead }));
  const BASE = 'bare GetItem of the profile (consistent)';
  const stats = await measure({
    [BASE]: get(true),
    'bare GetItem of the profile (eventually consistent)': get(false),
    'before: profile from the 60 s cache (hit)': () => getUserForRequest('yl_staff'),
    'session check: profile + session, one consistent BatchGet': () => checkSession('yl_staff', claims),
    'session check with its once-a-minute touch on every call (worst case)': () => checkSession('yl_staff', busyClaims, (busyNow += SESSION_LIMITS.touchAfterMs + 1)),
  }, N, 200);
  printRatios(`session check: ${N} sequential calls each, DynamoDB Local, ratios to the bare consistent GetItem`, stats, BASE);
} finally {
  await stack.stop();
}
