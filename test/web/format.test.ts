import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../web/src/utils/format.ts';

describe('format', () => {
  it('shows instants in Beijing time whatever the browser zone', () => {
    expect(formatDateTime('2026-01-31T16:30:00.000Z')).toBe('2026-02-01 00:30');
    expect(formatDate('2026-01-31T16:30:00.000Z')).toBe('2026-02-01');
  });

  it('shows nothing for a missing time', () => {
    expect(formatDateTime(undefined)).toBe('');
  });
});
