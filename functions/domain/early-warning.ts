// Early warning (Art 12): an approved goal's colour from its milestones, the value last reported
// against the value expected by the last milestone passed, and reports not made. Pure: the caller
// hands over the goal, its reporting periods (each with the approved report, if any) and today's
// Beijing date; the plan gives the thresholds (model/early-warning.ts DEFAULT_WARNING_RULE).
//
// The rule, per goal:
// - a milestone dated D is passed once today is after D (the value was expected by 24:00 D);
// - the value held against it is the one of the latest period reported with a value ("nothing to
//   report" carries the earlier value on); the achievement is value / expected (expected / value
//   for an indicator where lower is better), in percent;
// - red below `redBelowPercent`; yellow below `yellowBelowPercent`, turning red once the milestone
//   has passed for more than `milestoneGraceDays` days still below it; a passed milestone with no
//   value reported at all is yellow, red after the same grace;
// - a period whose due date has passed with no approved report is missed: yellow from
//   `missedForYellow` missed periods, red from `missedForRed`;
// - otherwise green. Every reason found is kept, the worst first; the colour is the worst's.
import { DEFAULT_WARNING_RULE, type WarningLevel, type WarningReason, type WarningReasonCode, type WarningRule } from '../model/early-warning.ts';
import type { Milestone } from '../model/goal.ts';
import { shiftIsoDate } from './dates.ts';

export interface WarningGoal {
  target?: number | undefined;
  unitOfMeasure?: string | undefined;
  milestones: readonly Milestone[];
  /** The plan scores the indicator lower-is-better (completion method). */
  lowerIsBetter?: boolean | undefined;
}

/** One reporting period of the goal: its due date and the approved report, if one was made. */
export interface PeriodReport {
  /** YYYY-MM (or any label that sorts in time order). */
  period: string;
  due: string;
  report?: { kind: 'value'; value: number; late: boolean } | { kind: 'nothing'; late: boolean } | undefined;
}

export interface WarningOutcome {
  level: WarningLevel;
  reasons: WarningReason[];
  milestoneDate?: string;
  expected?: number;
  value?: number;
  valuePeriod?: string;
  percent?: number;
  missing: number;
  late: number;
}

const RANK: Record<WarningLevel, number> = { green: 0, yellow: 1, red: 2 };
export const worse = (a: WarningLevel, b: WarningLevel): WarningLevel => (RANK[a] >= RANK[b] ? a : b);

/** The rule the plan gives, with the defaults filling what it leaves out. */
export const ruleOf = (plan: { warning?: Partial<WarningRule> | undefined } | undefined): WarningRule => ({ ...DEFAULT_WARNING_RULE, ...(plan?.warning ?? {}) });

/** Achievement in percent of `expected` (capped at nothing: 120 % is shown as such). */
export function achievement(value: number, expected: number, lowerIsBetter = false): number {
  if (lowerIsBetter) {
    if (value <= expected) return 100;
    return expected > 0 && value > 0 ? (expected / value) * 100 : 0;
  }
  if (expected > 0) return (value / expected) * 100;
  return value >= expected ? 100 : 0;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

type Params = Record<string, string | number>;

/** The Chinese sentence of each reason, from its figures. */
const SENTENCES: Record<WarningReasonCode, (p: Params) => string> = {
  no_milestone_yet: (p) => (p.date ? `尚未到第一个节点（${p.date}，应达 ${p.expected}${p.uom}），暂按正常` : '目标未设节点，暂按正常'),
  on_track: (p) => `截至节点 ${p.date} 应达 ${p.expected}${p.uom}，${p.period} 期完成 ${p.value}${p.uom}，为 ${p.percent}%，不低于黄色预警线 ${p.yellow}%`,
  below_expected: (p) => `截至节点 ${p.date} 应达 ${p.expected}${p.uom}，${p.period} 期完成 ${p.value}${p.uom}，仅为 ${p.percent}%，低于黄色预警线 ${p.yellow}%`,
  far_below_expected: (p) => `截至节点 ${p.date} 应达 ${p.expected}${p.uom}，${p.period} 期完成 ${p.value}${p.uom}，仅为 ${p.percent}%，低于红色预警线 ${p.red}%`,
  milestone_no_value: (p) => `节点 ${p.date}（应达 ${p.expected}${p.uom}）已过 ${p.days} 天，尚无报告的完成值`,
  milestone_overdue: (p) =>
    p.value === undefined || p.value === ''
      ? `节点 ${p.date}（应达 ${p.expected}${p.uom}）已过 ${p.days} 天，超过 ${p.grace} 天宽限期仍无完成值`
      : `节点 ${p.date}（应达 ${p.expected}${p.uom}）已过 ${p.days} 天，超过 ${p.grace} 天宽限期仍未达到：${p.period} 期完成 ${p.value}${p.uom}，为 ${p.percent}%`,
  report_missing: (p) => `${p.count} 期进度未报（${p.periods}）`,
  reports_missing: (p) => `${p.count} 期进度未报（${p.periods}），达到红色预警的 ${p.threshold} 期`,
};

const reason = (code: WarningReasonCode, level: WarningLevel, params: Params): WarningReason => ({ code, level, params, text: SENTENCES[code](params) });

export function warningOf(goal: WarningGoal, periods: readonly PeriodReport[], today: string, rule: WarningRule = DEFAULT_WARNING_RULE): WarningOutcome {
  const uom = goal.unitOfMeasure ?? '';
  const milestones = [...goal.milestones].sort((a, b) => a.date.localeCompare(b.date));
  const passed = milestones.filter((m) => m.date < today);
  const last = passed.at(-1);
  const sorted = [...periods].sort((a, b) => a.period.localeCompare(b.period));
  const missed = sorted.filter((p) => !p.report && p.due < today);
  const late = sorted.filter((p) => p.report?.late).length;
  const latest = sorted.filter((p) => p.report?.kind === 'value').at(-1);
  const value = latest?.report?.kind === 'value' ? latest.report.value : undefined;

  const reasons: WarningReason[] = [];
  const outcome: Omit<WarningOutcome, 'level' | 'reasons'> = { missing: missed.length, late };
  if (value !== undefined && latest) Object.assign(outcome, { value, valuePeriod: latest.period });

  if (!last) {
    const first = milestones[0];
    reasons.push(reason('no_milestone_yet', 'green', first ? { date: first.date, expected: first.expected, uom } : {}));
  } else {
    const days = daysBetween(last.date, today);
    const overdue = days > rule.milestoneGraceDays;
    const base = { date: last.date, expected: last.expected, uom, days, grace: rule.milestoneGraceDays, yellow: rule.yellowBelowPercent, red: rule.redBelowPercent };
    Object.assign(outcome, { milestoneDate: last.date, expected: last.expected });
    if (value === undefined || !latest) {
      reasons.push(overdue ? reason('milestone_overdue', 'red', { ...base, value: '' }) : reason('milestone_no_value', 'yellow', base));
    } else {
      const exact = achievement(value, last.expected, goal.lowerIsBetter);
      const percent = round1(exact);
      outcome.percent = percent;
      const params = { ...base, value, period: latest.period, percent };
      if (exact < rule.redBelowPercent) reasons.push(reason('far_below_expected', 'red', params));
      else if (exact < rule.yellowBelowPercent) reasons.push(overdue ? reason('milestone_overdue', 'red', params) : reason('below_expected', 'yellow', params));
      else reasons.push(reason('on_track', 'green', params));
    }
  }

  if (missed.length >= rule.missedForYellow) {
    const params = { count: missed.length, periods: missed.map((p) => p.period).join('、'), threshold: rule.missedForRed };
    reasons.push(missed.length >= rule.missedForRed ? reason('reports_missing', 'red', params) : reason('report_missing', 'yellow', params));
  }
  reasons.sort((a, b) => RANK[b.level] - RANK[a.level]);
  const level = reasons[0]!.level;
  return { ...outcome, level, reasons: level === 'green' ? reasons : reasons.filter((r) => r.level !== 'green') };
}

/**
 * The next date after `today` on which the colour may change with the date alone (a milestone
 * passing, its grace running out, a report's due date passing unreported); undefined when none is
 * left. The daily job refreshes the goals whose date has come (keys.warningDue).
 */
export function nextChange(goal: WarningGoal, periods: readonly PeriodReport[], today: string, rule: WarningRule = DEFAULT_WARNING_RULE): string | undefined {
  const dates = [
    ...goal.milestones.flatMap((m) => [shiftIsoDate(m.date, 1), shiftIsoDate(m.date, rule.milestoneGraceDays + 1)]),
    ...periods.filter((p) => !p.report).map((p) => shiftIsoDate(p.due, 1)),
  ];
  return dates.filter((d) => d > today).sort()[0];
}
