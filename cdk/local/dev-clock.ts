// The development clock (local only, never deployed): moves "now" forward for all back-end code,
// persists the offset so a restart keeps it, and lets the workflow and the daily job react.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clockOffset, now, setClockOffset } from '../../functions/config/clock.ts';

const DAY_MS = 86_400_000;

export class DevClock {
  constructor(
    private readonly dataDir: string | undefined,
    private readonly onMove: () => Promise<void>,
  ) {
    const file = this.file();
    if (file && existsSync(file)) setClockOffset(JSON.parse(readFileSync(file, 'utf8')).offsetMs ?? 0);
  }

  private file() {
    return this.dataDir ? join(this.dataDir, 'clock.json') : undefined;
  }

  state() {
    return { now: new Date(now()).toISOString(), offsetMs: clockOffset() };
  }

  async advanceDays(days: number) {
    setClockOffset(clockOffset() + days * DAY_MS);
    const file = this.file();
    if (file) writeFileSync(file, JSON.stringify({ offsetMs: clockOffset() }));
    await this.onMove();
    return this.state();
  }
}
