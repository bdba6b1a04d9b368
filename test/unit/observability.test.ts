// The observability layer as the handlers use it: what a log line and a metric record actually say,
// deployed (JSON, embedded metric format) and locally (one readable line, no metric output).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { asInvocation } from '../../cdk/local/invocations.ts';
import { logger } from '../../functions/observability/logger.ts';
import { businessEvent } from '../../functions/observability/metrics.ts';
import { observedHandler } from '../../functions/observability/middleware.ts';
import { readableLine } from '../../functions/observability/readable-line.ts';

/** Everything written to stdout and stderr (directly or through the console) while `fn` runs, line by line. */
async function output(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    vi.spyOn(console, 'log').mockImplementation(capture),
    vi.spyOn(console, 'error').mockImplementation(capture),
  ];
  try {
    await fn().catch(() => undefined);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
}

const jsonLines = (lines: string[]) => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
/** The embedded-metric-format records (CloudWatch turns these into metrics). */
const emf = (lines: string[]) => jsonLines(lines).filter((r) => r._aws);
const ctx = (awsRequestId: string) => ({ awsRequestId, functionName: 'test-fn' }) as Context;

type Reply = { statusCode: number };
const caller = { route: 'POST /regions/{regionId}/cycles', username: 'yl_staff', role: 'bureau_staff', regionId: '450900' };

describe('readableLine', () => {
  it('writes time, level, request id, message, then the keys', () => {
    const line = readableLine({
      level: 'WARN',
      message: 'refused',
      timestamp: '2026-03-04T05:06:07.089Z',
      service: 'jixiao',
      cold_start: true,
      function_request_id: 'c0ffee',
      target: 'GET /regions/{regionId}/units',
      reason: 'region',
      caller: { username: 'yl_tjj', name: '统计 局' },
    });
    const t = new Date('2026-03-04T05:06:07.089Z');
    const hh = String(t.getHours()).padStart(2, '0');
    expect(line).toBe(
      `${hh}:${String(t.getMinutes()).padStart(2, '0')}:07.089 WARN  [c0ffee] refused target="GET /regions/{regionId}/units" reason=region caller={"username":"yl_tjj","name":"统计 局"}`,
    );
  });

  it('marks a line without a request id and shows an error with where it was thrown', () => {
    const line = readableLine({ level: 'ERROR', message: 'failed', timestamp: new Date().toISOString(), error: new TypeError('boom') });
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR \[-\] failed error="TypeError: boom @ test\/unit\/observability\.test\.ts:\d+"$/);
  });
});

describe('observed handlers, deployed (JSON logs, metrics in embedded metric format)', () => {
  beforeEach(() => {
    delete process.env.LOCAL_STACK;
  });

  it('records Requests, Errors and Latency per route, and logs the caller with the request id', async () => {
    const handler = observedHandler<unknown, Reply>(
      async () => {
        logger.info('working');
        return { statusCode: 503 };
      },
      { describe: () => caller },
    );
    const lines = await output(() => handler({}, ctx('req-503')));

    const [record, ...more] = emf(lines).filter((r) => r.route === caller.route);
    expect(more).toEqual([]);
    expect(record!._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Jixiao',
        Dimensions: [['service', 'route']],
        Metrics: [
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'Errors', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(record).toMatchObject({ service: 'jixiao', Requests: 1, Errors: 1 });
    expect(record!.Latency).toBeGreaterThanOrEqual(0);

    const logs = jsonLines(lines).filter((r) => !r._aws);
    const working = logs.find((r) => r.message === 'working');
    expect(working).toMatchObject({ level: 'INFO', function_request_id: 'req-503', route: caller.route, username: 'yl_staff', role: 'bureau_staff', regionId: '450900' });
    expect(logs.find((r) => r.message === 'done')).toMatchObject({ level: 'ERROR', status: 503, function_request_id: 'req-503' });
  });

  it('counts a 2xx as no error, and a thrown error as one, logged with the error', async () => {
    const ok = observedHandler<unknown, Reply>(async () => ({ statusCode: 201 }), { route: 'test ok' });
    const okRecord = emf(await output(() => ok({}, ctx('req-ok')))).find((r) => r.route === 'test ok');
    expect(okRecord).toMatchObject({ Requests: 1, Errors: 0 });

    const broken = observedHandler(
      async () => {
        throw new Error('table gone');
      },
      { route: 'test broken' },
    );
    let thrown: unknown;
    const lines = await output(() => broken({}, ctx('req-err')).catch((e: unknown) => (thrown = e)));
    expect((thrown as Error).message).toBe('table gone');
    expect(emf(lines).find((r) => r.route === 'test broken')).toMatchObject({ Requests: 1, Errors: 1 });
    expect(jsonLines(lines).find((r) => r.message === 'failed')).toMatchObject({
      level: 'ERROR',
      function_request_id: 'req-err',
      route: 'test broken',
      error: { name: 'Error', message: 'table gone' },
    });
  });

  it('does not carry one invocation\'s keys into the next', async () => {
    const handler = observedHandler(async (event: { who?: string }) => {
      logger.info('hello');
      return {};
    }, { describe: ({ event }) => ({ route: 'test keys', username: event?.who }) });
    await output(() => handler({ who: 'first' }, ctx('req-1')));
    const second = jsonLines(await output(() => handler({}, ctx('req-2')))).find((r) => r.message === 'hello');
    expect(second).toMatchObject({ function_request_id: 'req-2', route: 'test keys' });
    expect(second!.username).toBeUndefined();
  });

  it('gives a call without a Lambda context a request id of its own', async () => {
    const handler = observedHandler(async () => {
      logger.info('no context');
      return {};
    });
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push(jsonLines(await output(() => handler())).find((r) => r.message === 'no context')!.function_request_id);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('counts a business event at once, with the service dimension and any named', async () => {
    const lines = await output(async () => {
      businessEvent('ImportRows', 25);
      businessEvent('EscalationFired', 1, { stage: '3' });
    });
    const [rows, escalation] = emf(lines);
    expect(rows).toMatchObject({ ImportRows: 25, service: 'jixiao' });
    expect(rows!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Jixiao', Dimensions: [['service']], Metrics: [{ Name: 'ImportRows', Unit: 'Count' }] });
    expect(escalation).toMatchObject({ EscalationFired: 1, stage: '3' });
    expect(escalation!._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'stage']]);
  });
});

describe('observed handlers on the local stack (LOCAL_STACK=1)', () => {
  beforeEach(() => {
    process.env.LOCAL_STACK = '1';
  });
  afterEach(() => {
    delete process.env.LOCAL_STACK;
  });

  it('writes one readable line per record with the request id and the keys, and no metric records', async () => {
    const handler = observedHandler<unknown, Reply>(
      async () => {
        logger.info('working', { cycleId: '2026' });
        businessEvent('StageAdvanced');
        return { statusCode: 200 };
      },
      { describe: () => caller },
    );
    const lines = await output(() => handler({}, ctx('4f1c2d')));
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO  \[4f1c2d\] working route="POST \/regions\/\{regionId\}\/cycles" username=yl_staff role=bureau_staff regionId=450900 cycleId=2026$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/ INFO  \[4f1c2d\] done .* status=200 ms=\d+$/));
    expect(lines).toHaveLength(2);
  });

  it('keeps concurrent invocations apart when each runs as its own (as the local stack calls them)', async () => {
    const saved = process.env.AWS_LAMBDA_MAX_CONCURRENCY;
    const gates = new Map<string, () => void>();
    const handler = observedHandler(
      async (event: { who: string }) => {
        logger.info('before the wait');
        await new Promise<void>((resolve) => gates.set(event.who, resolve));
        logger.info('after the wait');
        return {};
      },
      { describe: ({ event }) => ({ route: 'test concurrent', username: event?.who }) },
    );
    try {
      const lines = await output(async () => {
        const a = asInvocation('req-a', () => handler({ who: 'alice' }, ctx('req-a')));
        const b = asInvocation('req-b', () => handler({ who: 'bob' }, ctx('req-b')));
        await vi.waitFor(() => expect(gates.size).toBe(2));
        gates.get('alice')!(); // alice finishes while bob still waits, then bob
        await a;
        gates.get('bob')!();
        await b;
      });
      expect(lines).toHaveLength(6);
      for (const line of lines) {
        const [, id] = /\[(req-[ab])\]/.exec(line)!;
        expect(line, line).toContain(`username=${id === 'req-a' ? 'alice' : 'bob'}`);
      }
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
      else process.env.AWS_LAMBDA_MAX_CONCURRENCY = saved;
    }
  });
});
