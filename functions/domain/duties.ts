// Stage duties (SPEC "Stage transitions"; Art 12, 15): what each unit (or assessor unit) must deliver
// in a stage, read from the work itself, and the rules every stage shares — who has delivered, who
// is late, who may still deliver (the stage deadline, or the unit's extension), whom the escalation
// records and whom the reminder reaches, each once per deadline. A later stage adds an entry to
// DUTY_KINDS; the data layer (data/duties.ts) reads each source with one Query.
import { t } from '../contracts/lang.ts';
import { deadlineInstant, isIsoDate } from './dates.ts';
import type { FieldProblem } from './errors.ts';
import { REMINDER_WORKING_DAYS } from './stage-wait.ts';
import { CalendarGapError, type WorkingCalendar } from './working-days.ts';
import type { StageCode } from './stages.ts';

/** The work records a duty reads, each listed by one Query (data/duties.ts). */
export const DUTY_SOURCES = ['goalSets', 'scoreTallies', 'selfSets'] as const;
export type DutySource = (typeof DUTY_SOURCES)[number];

/** What a duty reads of a work record: whose it is, its status, and the times it carries. */
export interface WorkRecord {
  unitId: string;
  status: string;
  [field: string]: unknown;
}

export interface DutyKind {
  id: string;
  stage: StageCode;
  /** Who owes it: every unit of the cycle's categories, or every assessor unit the plans name. */
  who: 'unit' | 'assessor';
  what: () => string;
  source: DutySource;
  /** The record's statuses that count as delivered (a returned goal set is not). */
  delivered: readonly string[];
  /** The record's field holding when it was delivered. */
  deliveredAt: string;
}

export const DUTY_KINDS: readonly DutyKind[] = [
  {
    id: 'goals.submit',
    stage: 'goal_setting',
    who: 'unit',
    what: () => t('报送本单位年度绩效目标', 'Submit the unit’s annual goals'),
    source: 'goalSets',
    delivered: ['submitted', 'approved'],
    deliveredAt: 'submittedAt',
  },
  {
    id: 'goals.approved',
    stage: 'goal_review',
    who: 'unit',
    what: () => t('年度绩效目标经绩效办审定', 'Annual goals approved by the bureau'),
    source: 'goalSets',
    delivered: ['approved'],
    deliveredAt: 'approvedAt',
  },
  {
    // Art 16: each unit's leader submits its self-assessment (a returned set counts as not delivered).
    id: 'self.submit',
    stage: 'self_assessment',
    who: 'unit',
    what: () => t('报送本单位自评', 'Submit the unit’s self-assessment'),
    source: 'selfSets',
    delivered: ['submitted', 'approved'],
    deliveredAt: 'submittedAt',
  },
  {
    // Art 17–18: each assessor unit (the third party too) submits the scores of every indicator it scores.
    id: 'scores.submit',
    stage: 'assessment',
    who: 'assessor',
    what: () => t('报送所负责指标的全部评分', 'Submit the scores of every indicator the unit scores'),
    source: 'scoreTallies',
    delivered: ['submitted'],
    deliveredAt: 'submittedAt',
  },
];

export const dutiesOf = (stage: StageCode): DutyKind[] => DUTY_KINDS.filter((d) => d.stage === stage);
export const hasDuties = (stage: StageCode) => dutiesOf(stage).length > 0;

/** The statuses of a source that leave a unit's duty undelivered are the rest: the submit lock checks these. */
export const isDelivered = (duty: DutyKind, record: WorkRecord | undefined) => record !== undefined && duty.delivered.includes(record.status);

/** A unit's deadline in a stage: its extension's date if the bureau granted one, else the stage's. */
export const unitDeadline = (stageDeadline: string, extension: { until: string } | undefined) => extension?.until ?? stageDeadline;

/** The unit may still deliver at `now`: its deadline (24:00 Beijing) has not passed. */
export const mayDeliver = (now: number, stageDeadline: string, extension: { until: string } | undefined) => now < deadlineInstant(unitDeadline(stageDeadline, extension));

/** What the duty record of a unit holds that the rules read. */
export interface DutyState {
  extension?: { until: string; reason: string; grantedAt: string; grantedBy: string } | undefined;
  missedDeadline?: string | undefined;
  missedAt?: string | undefined;
  remindedFor?: string | undefined;
  version?: number | undefined;
}

export interface DutyLine {
  dutyId: string;
  delivered: boolean;
  deliveredAt?: string;
  /** Delivered after the unit's deadline (its extension's, if any). */
  late: boolean;
}

/** One unit in a stage: each duty, and the unit's standing. */
export interface UnitDuties {
  unitId: string;
  unitName: string;
  lines: DutyLine[];
  /** Every duty delivered. */
  delivered: boolean;
  deadline: string;
  extension?: DutyState['extension'];
  missedDeadline?: string;
  missedAt?: string;
  remindedFor?: string;
  /** The duty record's version (0: none yet). */
  version: number;
}

/** Each unit's standing in the stage's duties, from the work read and the units' duty records. */
export function unitDuties(
  duties: readonly DutyKind[],
  units: readonly { unitId: string; name: string }[],
  work: ReadonlyMap<DutySource, ReadonlyMap<string, WorkRecord>>,
  states: ReadonlyMap<string, DutyState>,
  stageDeadline: string,
): UnitDuties[] {
  return units.map((u) => {
    const state = states.get(u.unitId);
    const deadline = unitDeadline(stageDeadline, state?.extension);
    const lines = duties.map((d): DutyLine => {
      const record = work.get(d.source)?.get(u.unitId);
      const delivered = isDelivered(d, record);
      const at = delivered && typeof record?.[d.deliveredAt] === 'string' ? (record[d.deliveredAt] as string) : undefined;
      return { dutyId: d.id, delivered, ...(at ? { deliveredAt: at } : {}), late: at !== undefined && Date.parse(at) >= deadlineInstant(deadline) };
    });
    return {
      unitId: u.unitId,
      unitName: u.name,
      lines,
      delivered: lines.every((l) => l.delivered),
      deadline,
      version: state?.version ?? 0,
      ...(state?.extension ? { extension: state.extension } : {}),
      ...(state?.missedDeadline ? { missedDeadline: state.missedDeadline, missedAt: state.missedAt } : {}),
      ...(state?.remindedFor ? { remindedFor: state.remindedFor } : {}),
    };
  });
}

export interface DutyCounts {
  total: number;
  delivered: number;
  outstanding: number;
  late: number;
  extended: number;
}

export function dutyCounts(rows: readonly UnitDuties[]): DutyCounts {
  const delivered = rows.filter((r) => r.delivered).length;
  return {
    total: rows.length,
    delivered,
    outstanding: rows.length - delivered,
    late: rows.filter((r) => r.lines.some((l) => l.late)).length,
    extended: rows.filter((r) => r.extension).length,
  };
}

/**
 * The deadline (date) a unit has missed and nobody has recorded yet, or undefined: not delivered,
 * its own deadline passed, and that deadline not the one last recorded. Running twice records nothing new.
 */
export function missedDeadline(row: Pick<UnitDuties, 'delivered' | 'deadline' | 'missedDeadline'>, now: number): string | undefined {
  if (row.delivered || now < deadlineInstant(row.deadline)) return undefined;
  return row.missedDeadline === row.deadline ? undefined : row.deadline;
}

/**
 * The deadline a unit is due a reminder of, or undefined: not delivered, at most three working days
 * left before its own deadline (calendar days where the calendar has no data), not reminded of it yet.
 */
export function reminderDue(row: Pick<UnitDuties, 'delivered' | 'deadline' | 'remindedFor'>, now: number, today: string, calendar: WorkingCalendar): string | undefined {
  if (row.delivered || row.remindedFor === row.deadline) return undefined;
  const due = deadlineInstant(row.deadline);
  if (now >= due) return undefined;
  try {
    return calendar.workingDaysBetween(today, row.deadline) <= REMINDER_WORKING_DAYS ? row.deadline : undefined;
  } catch (e) {
    if (!(e instanceof CalendarGapError)) throw e;
    return due - now <= REMINDER_WORKING_DAYS * 86_400_000 ? row.deadline : undefined;
  }
}

/** An extension's date: a real date after today (Beijing) and after the stage's own deadline. */
export function extensionProblems(until: string, today: string, stageDeadline: string): FieldProblem[] {
  if (!isIsoDate(until)) return [{ path: 'body.until', message: t('日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD') }];
  if (until <= today) return [{ path: 'body.until', message: t(`延期日期应晚于今天（${today}）`, `The new date must be after today (${today})`) }];
  if (until <= stageDeadline) return [{ path: 'body.until', message: t(`延期日期应晚于本阶段截止日期 ${stageDeadline}`, `The new date must be after the stage deadline ${stageDeadline}`) }];
  return [];
}

/** The units still outstanding, named for the bureau's confirmation of an advance. */
export const outstandingUnits = (rows: readonly UnitDuties[]) => rows.filter((r) => !r.delivered).map((r) => ({ unitId: r.unitId, unitName: r.unitName }));

/** The units that owe a duty: the cycle's category units, or the assessor units the plans name (in the region's unit order). */
export function assignees(
  who: DutyKind['who'],
  categoryUnits: readonly { unitId: string; name: string }[],
  assessorUnitIds: ReadonlySet<string>,
  unitNames: ReadonlyMap<string, string>,
): { unitId: string; name: string }[] {
  if (who === 'unit') return [...new Map(categoryUnits.map((u) => [u.unitId, u])).values()];
  return [...assessorUnitIds].sort().map((unitId) => ({ unitId, name: unitNames.get(unitId) ?? unitId }));
}
