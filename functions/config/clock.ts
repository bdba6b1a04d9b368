// The one source of "now" for all back-end code. Deployed, it is the system clock. The local
// stack may move it forward (a development clock, never deployed) to play a year in minutes.
let offsetMs = 0;

export function now(): number {
  return Date.now() + offsetMs;
}

export function nowIso(): string {
  return new Date(now()).toISOString();
}

/** Local stack only: how far the development clock runs ahead of the system clock. */
export function setClockOffset(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the development clock only moves forward');
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}
