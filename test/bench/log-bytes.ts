// What one request writes to CloudWatch Logs when deployed: the handler's own lines as Lambda would
// print them (the local stack prints readable lines and no metrics, so for the call the JSON format
// and the metrics' EMF line are switched back on and stdout/stderr are counted, not shown), plus the
// lines Lambda and the HTTP API add per request, built from their formats: Lambda's START/END/REPORT
// (as documented, sized with a request id) and the stage's access-log line (cdk/constructs/api.ts).
import { metrics } from '../../functions/observability/metrics.ts';

const REQUEST_ID = '8f5c6a2e-3b1d-4c7e-9a40-2d5e6f7a8b9c';
/** Lambda's platform lines for one warm invocation (a cold one adds "Init Duration: … ms" to REPORT). */
export const PLATFORM_LINES = [
  `START RequestId: ${REQUEST_ID} Version: $LATEST`,
  `END RequestId: ${REQUEST_ID}`,
  `REPORT RequestId: ${REQUEST_ID}\tDuration: 23.45 ms\tBilled Duration: 24 ms\tMemory Size: 512 MB\tMax Memory Used: 143 MB\t`,
];
/** The HTTP API stage's access-log line (its format in cdk/constructs/api.ts) with typical values. */
export const ACCESS_LOG_LINE = JSON.stringify({
  requestId: 'Ab1CdEfGhIjKlMn=', ip: '203.0.113.45', time: '03/Dec/2026:10:41:07 +0000', routeKey: 'GET /regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals',
  status: '200', latency: '37', responseLength: '18234', authError: '-', integrationError: '-',
});
const bytes = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);

export type LogMeasure = { handlerBytes: number; handlerLines: number; platformBytes: number; accessBytes: number; handlerMs?: number };

/** Runs `call` (one request, in this process) and counts what its handler logs in the deployed format. */
export async function logBytesOf(call: () => Promise<unknown>): Promise<LogMeasure> {
  const written: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const wasLocal = process.env.LOCAL_STACK;
  const level = process.env.POWERTOOLS_LOG_LEVEL;
  // Powertools keeps the flag in a private field (set from POWERTOOLS_METRICS_DISABLED when it loaded).
  const wasDisabled: unknown = Reflect.get(metrics, 'disabled');
  process.env.LOCAL_STACK = '0';
  delete process.env.POWERTOOLS_LOG_LEVEL;
  Reflect.set(metrics, 'disabled', false);
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await call();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    Reflect.set(metrics, 'disabled', wasDisabled);
    if (wasLocal === undefined) delete process.env.LOCAL_STACK;
    else process.env.LOCAL_STACK = wasLocal;
    if (level !== undefined) process.env.POWERTOOLS_LOG_LEVEL = level;
  }
  const lines = written.join('').split('\n').filter((l) => l.trim() !== '');
  const done = lines.map((l) => { try { return JSON.parse(l) as { message?: string; ms?: number }; } catch { return {}; } }).find((r) => r.message === 'done');
  return { handlerBytes: bytes(lines), handlerLines: lines.length, platformBytes: bytes(PLATFORM_LINES), accessBytes: bytes([ACCESS_LOG_LINE]), ...(done?.ms !== undefined ? { handlerMs: done.ms } : {}) };
}

export const logLine = (l: LogMeasure) =>
  `handler ${l.handlerLines} lines ${l.handlerBytes} B + Lambda START/END/REPORT ${l.platformBytes} B + access log ${l.accessBytes} B = ${l.handlerBytes + l.platformBytes + l.accessBytes} B${l.handlerMs !== undefined ? `; handler ${l.handlerMs} ms` : ''}`;
