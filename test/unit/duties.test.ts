// Stage duties as pure rules: what counts as delivered, late, missed and due a reminder, and the
// extension's date — including that escalation and reminders are idempotent per unit and deadline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import {
  DUTY_KINDS,
  assignees,
  dutiesOf,
  dutyCounts,
  extensionProblems,
  mayDeliver,
  missedDeadline,
  outstandingUnits,
  reminderDue,
  unitDuties,
  type DutyState,
  type WorkRecord,
} from '../../functions/domain/duties.ts';
import { STAGE_CODES } from '../../functions/domain/stages.ts';
import { WorkingCalendar } from '../../functions/domain/working-days.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEADLINE = '2026-02-27'; // a Friday
const units = [
  { unitId: 'u1', name: '玉州区' },
  { unitId: 'u2', name: '市教育局' },
  { unitId: 'u3', name: '市统计局' },
  { unitId: 'u4', name: '市生态环境局' },
];
const sets = (records: Record<string, Partial<WorkRecord>>) =>
  new Map([['goalSets' as const, new Map(Object.entries(records).map(([unitId, r]) => [unitId, { unitId, status: 'draft', ...r } as WorkRecord]))]]);
const rowsAt = (stage: 'goal_setting' | 'goal_review', records: Record<string, Partial<WorkRecord>>, states = new Map<string, DutyState>()) =>
  unitDuties(dutiesOf(stage), units, sets(records), states, DEADLINE);

describe('the registry', () => {
  it('declares goal setting (a submitted set) and goal review (an approved one), each stage known and each id once', () => {
    expect(dutiesOf('goal_setting').map((d) => d.delivered)).toEqual([['submitted', 'approved']]);
    expect(dutiesOf('goal_review').map((d) => d.delivered)).toEqual([['approved']]);
    expect(dutiesOf('plan')).toEqual([]);
    expect(new Set(DUTY_KINDS.map((d) => d.id)).size).toBe(DUTY_KINDS.length);
    for (const d of DUTY_KINDS) expect(STAGE_CODES).toContain(d.stage);
  });
});

describe('who has delivered', () => {
  it('counts submitted and approved sets in goal setting, a returned or draft set or none as outstanding', () => {
    const at = new Date(deadlineInstant(DEADLINE) - DAY).toISOString();
    const rows = rowsAt('goal_setting', { u1: { status: 'submitted', submittedAt: at }, u2: { status: 'approved', submittedAt: at }, u3: { status: 'returned', submittedAt: at } });
    expect(rows.map((r) => [r.unitId, r.delivered])).toEqual([['u1', true], ['u2', true], ['u3', false], ['u4', false]]);
    expect(rows[0]!.lines[0]).toEqual({ dutyId: 'goals.submit', delivered: true, deliveredAt: at, late: false });
    expect(dutyCounts(rows)).toEqual({ total: 4, delivered: 2, outstanding: 2, late: 0, extended: 0 });
    expect(outstandingUnits(rows)).toEqual([{ unitId: 'u3', unitName: '市统计局' }, { unitId: 'u4', unitName: '市生态环境局' }]);
  });

  it('asks for an approved set in goal review', () => {
    const rows = rowsAt('goal_review', { u1: { status: 'submitted' }, u2: { status: 'approved', approvedAt: '2026-03-02T02:00:00.000Z' } });
    expect(rows.filter((r) => r.delivered).map((r) => r.unitId)).toEqual(['u2']);
  });

  it('marks a delivery late against the unit’s own deadline: the stage’s, or its extension’s', () => {
    const after = new Date(deadlineInstant(DEADLINE) + HOUR).toISOString();
    const ext = { until: '2026-03-06', reason: '机构调整', grantedAt: after, grantedBy: 'yl_staff' };
    const rows = rowsAt('goal_setting', { u1: { status: 'submitted', submittedAt: after }, u2: { status: 'submitted', submittedAt: after } }, new Map([['u2', { extension: ext, version: 1 }]]));
    expect(rows[0]!.lines[0]!.late).toBe(true);
    expect(rows[1]).toMatchObject({ deadline: '2026-03-06', extension: ext, version: 1 });
    expect(rows[1]!.lines[0]!.late).toBe(false);
    expect(dutyCounts(rows)).toMatchObject({ late: 1, extended: 1 });
  });
});

describe('the late-submission lock', () => {
  it('lets a unit deliver until 24:00 Beijing time of its deadline, then not, unless extended', () => {
    const due = deadlineInstant(DEADLINE);
    expect(mayDeliver(due - 1, DEADLINE, undefined)).toBe(true);
    expect(mayDeliver(due, DEADLINE, undefined)).toBe(false);
    expect(mayDeliver(due + DAY, DEADLINE, { until: '2026-03-06' })).toBe(true);
    expect(mayDeliver(deadlineInstant('2026-03-06'), DEADLINE, { until: '2026-03-06' })).toBe(false);
  });
});

describe('escalation', () => {
  const due = deadlineInstant(DEADLINE);
  it('records an undelivered unit once its deadline has passed, once per deadline', () => {
    const [, , row] = rowsAt('goal_setting', { u1: { status: 'submitted' } });
    expect(missedDeadline(row!, due - 1)).toBeUndefined();
    expect(missedDeadline(row!, due)).toBe(DEADLINE);
    expect(missedDeadline({ ...row!, missedDeadline: DEADLINE }, due + DAY)).toBeUndefined();
    expect(missedDeadline(rowsAt('goal_setting', { u1: { status: 'submitted' } })[0]!, due + DAY)).toBeUndefined();
  });

  it('records a unit again when it misses its extension too', () => {
    const ext = { until: '2026-03-06', reason: 'x', grantedAt: '', grantedBy: '' };
    const row = rowsAt('goal_setting', {}, new Map([['u1', { extension: ext, missedDeadline: DEADLINE }]]))[0]!;
    expect(missedDeadline(row, due + DAY)).toBeUndefined();
    expect(missedDeadline(row, deadlineInstant('2026-03-06'))).toBe('2026-03-06');
  });

  it('property: recording what is due, then asking again, finds nothing; and only undelivered units past their deadline are due', () => {
    const statuses = fc.constantFrom('none', 'draft', 'submitted', 'returned', 'approved');
    fc.assert(
      fc.property(fc.array(statuses, { minLength: 4, maxLength: 4 }), fc.array(fc.option(fc.integer({ min: 1, max: 20 })), { minLength: 4, maxLength: 4 }), fc.integer({ min: -5 * DAY, max: 30 * DAY }), (st, ext, offset) => {
        const records = Object.fromEntries(units.flatMap((u, i) => (st[i] === 'none' ? [] : [[u.unitId, { status: st[i]! }]])));
        const states = new Map(units.flatMap((u, i) => (ext[i] ? [[u.unitId, { extension: { until: `2026-03-${String(ext[i]).padStart(2, '0')}`, reason: 'r', grantedAt: '', grantedBy: '' } }] as const] : [])));
        const t = due + offset;
        const rows = rowsAt('goal_setting', records, new Map(states));
        const first = rows.map((r) => missedDeadline(r, t));
        rows.forEach((r, i) => {
          const shouldBe = !['submitted', 'approved'].includes(st[i]!) && t >= deadlineInstant(r.deadline);
          expect(first[i] !== undefined).toBe(shouldBe);
          expect(missedDeadline({ ...r, ...(first[i] ? { missedDeadline: first[i] } : {}) }, t)).toBeUndefined();
        });
      }),
    );
  });
});

describe('reminders', () => {
  const calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
  it('reach an undelivered unit within three working days of its deadline, once per deadline', () => {
    const row = rowsAt('goal_setting', {})[0]!;
    // Friday 27th: Tuesday 24th leaves Wed–Fri, three working days.
    const tuesday = Date.parse('2026-02-24T02:00:00Z');
    expect(reminderDue(row, tuesday, '2026-02-24', calendar)).toBe(DEADLINE);
    expect(reminderDue(row, tuesday - DAY, '2026-02-23', calendar)).toBeUndefined();
    expect(reminderDue({ ...row, remindedFor: DEADLINE }, tuesday, '2026-02-24', calendar)).toBeUndefined();
    expect(reminderDue(row, deadlineInstant(DEADLINE), '2026-02-28', calendar)).toBeUndefined();
    const delivered = rowsAt('goal_setting', { u1: { status: 'submitted' } })[0]!;
    expect(reminderDue(delivered, tuesday, '2026-02-24', calendar)).toBeUndefined();
  });

  it('remind again before an extension’s date', () => {
    const ext = { until: '2026-03-06', reason: 'x', grantedAt: '', grantedBy: '' };
    const row = rowsAt('goal_setting', {}, new Map([['u1', { extension: ext, remindedFor: DEADLINE }]]))[0]!;
    expect(reminderDue(row, Date.parse('2026-03-03T02:00:00Z'), '2026-03-03', calendar)).toBe('2026-03-06');
  });

  it('fall back to three calendar days where the calendar has no data', () => {
    const row = { delivered: false, deadline: '2031-05-09' };
    expect(reminderDue(row, deadlineInstant('2031-05-09') - 2 * DAY, '2031-05-08', calendar)).toBe('2031-05-09');
    expect(reminderDue(row, deadlineInstant('2031-05-09') - 5 * DAY, '2031-05-05', calendar)).toBeUndefined();
  });
});

describe('extensions', () => {
  it('need a real date after today and after the stage deadline', () => {
    expect(extensionProblems('2026-03-06', '2026-03-01', DEADLINE)).toEqual([]);
    expect(extensionProblems('2026-03-01', '2026-03-01', DEADLINE)[0]!.path).toBe('body.until');
    expect(extensionProblems('2026-02-26', '2026-02-20', DEADLINE)[0]!.message).toContain(DEADLINE);
    expect(extensionProblems('2026-02-30', '2026-02-20', DEADLINE)).toHaveLength(1);
  });
});

describe('who owes a duty', () => {
  it('is every category unit once, or the assessor units the plans name', () => {
    expect(assignees('unit', [...units, units[0]!], new Set(['x']), new Map())).toEqual(units);
    expect(assignees('assessor', units, new Set(['yl-tjj', 'yl-sthjj']), new Map([['yl-tjj', '市统计局']]))).toEqual([
      { unitId: 'yl-sthjj', name: 'yl-sthjj' },
      { unitId: 'yl-tjj', name: '市统计局' },
    ]);
  });
});
