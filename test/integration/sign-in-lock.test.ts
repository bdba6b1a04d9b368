// The local sign-in lock under attack (issue 10, defects 2, 6 and 7): parallel guesses cannot outrun
// it, an unknown username answers exactly as a real one does, and the development clock cannot lift it.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { now } from '../../functions/config/clock.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { auditReader } from '../helpers/audit-reader.ts';

const YL = '450900';
let stack: LocalStack;
/** The audit log is read as the region's audit administrator (三权分立, security.md M5). */
const auditor = auditReader(() => stack.url);
let ylStaff: ApiClient;

const login = async (username: string, password: string) => {
  const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
};
const auditOf = async () => (await (await auditor()).get(`/regions/${YL}/audit?month=${beijingDate(now()).slice(0, 7)}&limit=100`)).body.items as any[];

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `sign-in-lock-${randomUUID()}` });
  ylStaff = await ApiClient.login(stack.url, 'yl_staff');
});

afterAll(() => stack?.stop());

describe('parallel guesses (defect 2)', () => {
  it('50 concurrent wrong passwords: at most 5 get 401, the rest 423, and then the right password gets 423', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => login('jyj_staff', `Wrong#guess${i}`)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 423)).toEqual([]);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(45);
    const right = await login('jyj_staff', DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(Number(right.retryAfter)).toBeGreaterThanOrEqual(1700);
    // Every one of the 51 attempts is in the audit log.
    const attempts = (await auditOf()).filter((a) => a.target === 'user:jyj_staff' && a.action.startsWith('login'));
    expect(attempts).toHaveLength(51);
  });
});

describe('an unknown username answers as a real one does (defect 6)', () => {
  it('goes through the same lock: 401 five times, then 423 with the same message and Retry-After', async () => {
    const real: Awaited<ReturnType<typeof login>>[] = [];
    const ghost: Awaited<ReturnType<typeof login>>[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(await login('yl_tjj', `Wrong#pw${i}`));
      ghost.push(await login('no_such_person', `Wrong#pw${i}`));
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 423]);
    expect(ghost.map((r) => r.status)).toEqual(real.map((r) => r.status));
    expect(ghost.map((r) => r.body)).toEqual(real.map((r) => r.body));
    expect(Math.abs(Number(ghost[5]!.retryAfter) - Number(real[5]!.retryAfter))).toBeLessThanOrEqual(2);
    // The right password of the real account and any password of the unknown one: the same reply.
    const [a, b] = [await login('yl_tjj', DEMO_PASSWORD), await login('no_such_person', DEMO_PASSWORD)];
    expect([a.status, b.status]).toEqual([423, 423]);
    expect(b.body).toEqual(a.body);
  });
});

describe('the development clock (defect 7)', () => {
  it('does not lift a sign-in lock: locks follow real time', async () => {
    for (let i = 0; i < 5; i++) expect((await login('yl_sthjj', `Wrong#pw${i}`)).status).toBe(401);
    expect((await login('yl_sthjj', DEMO_PASSWORD)).status).toBe(423);
    expect((await ylStaff.post('/dev/clock', { days: 2 })).status).toBe(200);
    const after = await login('yl_sthjj', DEMO_PASSWORD);
    expect(after.status).toBe(423);
    expect(Number(after.retryAfter)).toBeGreaterThan(1700);
  });
});
