// One log record as one line a person reads in a terminal (the local stack):
//   HH:mm:ss.SSS LEVEL [requestId] message key=value …
// It takes the record Powertools builds (its standard keys plus ours), so the local line and the
// JSON line in CloudWatch carry the same facts.

/** Keys of the Powertools record that the line shows in its fixed part, or not at all locally. */
const FIXED = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
  'tenant_id',
]);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time of an ISO timestamp, HH:mm:ss.SSS. */
function clock(timestamp: unknown): string {
  const t = typeof timestamp === 'string' || timestamp instanceof Date ? new Date(timestamp) : new Date();
  const d = Number.isNaN(t.getTime()) ? new Date() : t;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Where an error was thrown: the first stack frame, as file:line. */
function location(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?$/.exec(line.trim());
    if (m) return `${m[1]!.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '')}:${m[2]}`;
  }
  return undefined;
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : typeof v === 'bigint' ? String(v) : v));
}

/** A value as it appears after `key=`: bare when that is unambiguous, else JSON. */
export function renderValue(value: unknown): string {
  if (value instanceof Error) {
    const at = location(value);
    return json(`${value.name}: ${value.message}${at ? ` @ ${at}` : ''}`);
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : json(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  return json(value);
}

/** The line for one Powertools log record (its attributes after `prepareForPrint`). */
export function readableLine(record: Record<string, unknown>): string {
  const level = String(record.level ?? 'INFO').padEnd(5);
  const requestId = typeof record.function_request_id === 'string' && record.function_request_id ? record.function_request_id : '-';
  const message = typeof record.message === 'string' ? record.message : renderValue(record.message);
  const pairs = Object.entries(record)
    .filter(([key, value]) => !FIXED.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${renderValue(value)}`);
  return [`${clock(record.timestamp)} ${level} [${requestId}] ${message}`, ...pairs].join(' ');
}
