// Assessor scoring as pure rules (Art 17–18): which input each method takes, what the unit reported for
// it (the baseline an assessor's change is a correction of), the corrections a save makes (each needs a
// reason), and the score with the engine's lines — scoreGoal for the methods, the ranking among the units
// of the category once every value is in, computeTotal's satisfaction part for a survey rate. No rule of
// the engine is restated here: every number comes from domain/scoring.
import { t } from '../contracts/lang.ts';
import type { ScoreCorrection, ScoreInputs, ScoreKind } from '../model/score.ts';
import type { SelfAssessmentRecord } from '../model/self-assessment.ts';
import type { FieldProblem } from './errors.ts';
import { ValidationError } from './errors.ts';
import type { PlanMethod } from './plan.ts';
import { computeTotal, formatPercent, formatPoints, QUALITATIVE_NAMES, readMeasure, scoreGoal, type GoalInput, type Hundredths, type QualitativeLevel, type ScoringMethod } from './scoring/index.ts';

/** The one input field each method takes from the assessor. */
export const SCORE_FIELD = {
  completion: 'actual',
  ranking: 'value',
  deduction: 'occurrences',
  qualitative: 'level',
  direct: 'score',
  satisfaction: 'rate',
} as const satisfies Record<ScoreKind, keyof ScoreInputs>;
export type ScoreField = (typeof SCORE_FIELD)[ScoreKind];
export type FieldValue = string | number;

export const FIELD_NAMES: Record<ScoreField, () => string> = {
  actual: () => t('实际完成值', 'Value achieved'),
  value: () => t('排名数值', 'Value ranked'),
  occurrences: () => t('发生次数', 'Occurrences'),
  level: () => t('评价等级', 'Level'),
  score: () => t('评分', 'Score'),
  rate: () => t('满意率', 'Satisfaction rate'),
};

/** A value as a correction records it: levels by name, hundredths with two decimals. */
export function fieldText(field: ScoreField, value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (field === 'level') return QUALITATIVE_NAMES[value as QualitativeLevel] ?? String(value);
  if (field === 'score') return formatPoints(value as number);
  if (field === 'rate') return formatPercent(value as number);
  return String(value);
}

/** Equal inputs: measures compared as decimals (10 and 10.0 are one value), others as they are. */
function sameValue(a: FieldValue, b: FieldValue): boolean {
  const canon = (v: FieldValue) => (typeof v === 'string' && readMeasure(v) ? v.trim().replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '').replace(/^-0$/, '0') : String(v));
  return canon(a) === canon(b);
}

/** What the unit reported for the input in its self-assessment (only a submitted or approved one is shown to the assessor). */
export function reportedValue(kind: ScoreKind, self: Pick<SelfAssessmentRecord, 'achieved' | 'occurrences' | 'level' | 'selfScore'> | undefined): FieldValue | undefined {
  if (!self) return undefined;
  switch (kind) {
    case 'completion':
    case 'ranking':
      return self.achieved === undefined ? undefined : String(self.achieved);
    case 'deduction':
      return self.occurrences;
    case 'qualitative':
      return self.level;
    case 'direct':
      return self.selfScore;
    case 'satisfaction':
      return undefined;
  }
}

/**
 * The correction a save makes, if any: the value it replaces is the one saved before, or — on the first
 * save — the unit's reported value. A change needs a reason (400 naming body.reason); none is recorded
 * when the value stays or nothing stood before it.
 */
export function correctionOf(
  field: ScoreField,
  before: FieldValue | undefined,
  after: FieldValue,
  reason: string | undefined,
  by: string,
  at: string,
): ScoreCorrection | undefined {
  if (before === undefined || sameValue(before, after)) return undefined;
  if (!reason?.trim()) {
    throw new ValidationError(t('更正输入须说明理由', 'A correction needs a reason'), [
      {
        path: 'body.reason',
        message: t(`「${FIELD_NAMES[field]()}」由 ${fieldText(field, before)} 改为 ${fieldText(field, after)}，请填写更正理由`, `${FIELD_NAMES[field]()} changes from ${fieldText(field, before)} to ${fieldText(field, after)}: give the reason`),
      },
    ]);
  }
  return { field, from: fieldText(field, before), to: fieldText(field, after), reason: reason.trim(), by, at };
}

/** The input a save sets, checked against its method's field: a 400 naming body.inputs.<field> when missing or malformed. */
export function inputValue(kind: ScoreKind, inputs: Partial<Record<ScoreField, unknown>>): FieldValue {
  const field = SCORE_FIELD[kind];
  const value = inputs[field];
  const problems: FieldProblem[] = [];
  const at = `body.inputs.${field}`;
  if (value === undefined || value === null || value === '') problems.push({ path: at, message: t(`请填写「${FIELD_NAMES[field]()}」`, `${FIELD_NAMES[field]()} is required`) });
  else if ((field === 'actual' || field === 'value') && (typeof value !== 'string' || !readMeasure(value))) problems.push({ path: at, message: t('应为数值，如 12.5', 'Must be a number such as 12.5') });
  const others = Object.keys(inputs).filter((k) => k !== field && inputs[k as ScoreField] !== undefined);
  for (const k of others) problems.push({ path: `body.inputs.${k}`, message: t(`该指标按「${kind}」评分，不填此项`, `This indicator is scored by ${kind}: leave this out`) });
  if (problems.length) throw new ValidationError(t('评分输入有误', 'The scoring input has problems'), problems);
  return value as FieldValue;
}

export interface Computed {
  score: Hundredths | null;
  explanation: string[];
}

/** The engine's input of a method from the stored inputs (ranking: rank and count must be set). */
function goalInput(kind: Exclude<ScoreKind, 'satisfaction'>, inputs: ScoreInputs): GoalInput {
  switch (kind) {
    case 'completion':
      return { kind, target: inputs.target ?? '', actual: inputs.actual ?? '' };
    case 'ranking':
      return { kind, rank: inputs.rank ?? 0, count: inputs.count ?? 0 };
    case 'deduction':
      return { kind, occurrences: inputs.occurrences ?? -1 };
    case 'qualitative':
      return { kind, level: inputs.level as QualitativeLevel };
    case 'direct':
      return { kind, score: inputs.score ?? -1 };
  }
}

/**
 * The score of a leaf from its inputs: the method's through scoreGoal (paths of its refusal under
 * body.inputs), a satisfaction leaf's through computeTotal's satisfaction part (the leaf's points are its
 * weight). A ranking without rank yet has no score, and says why.
 */
export function computeScore(leaf: { id: string; name: string; points: Hundredths; method: PlanMethod }, inputs: ScoreInputs, waiting?: { missing: number; count: number }): Computed {
  const kind = leaf.method.kind;
  if (kind === 'satisfaction') {
    const rules = { bonusCap: 0, satisfaction: [{ id: leaf.id, name: leaf.name, weight: leaf.points }] };
    const total = computeTotal(rules, { goals: [], bonuses: [], deductions: [], satisfaction: { [leaf.id]: inputs.rate ?? -1 } });
    return { score: total.satisfaction, explanation: [total.lines.find((l) => l.startsWith(leaf.name)) ?? total.lines[0]!] };
  }
  if (kind === 'ranking' && (inputs.rank === undefined || inputs.count === undefined)) {
    const missing = waiting?.missing ?? 0;
    return {
      score: null,
      explanation: [t(`排名法：同类别 ${waiting?.count ?? 0} 个单位中尚有 ${missing} 个未录入数值，全部录入后计算名次和得分`, `Ranking: ${missing} of the category's ${waiting?.count ?? 0} units have no value yet; ranks and scores follow when all are in`)],
    };
  }
  try {
    const result = scoreGoal(leaf.points, leaf.method as ScoringMethod, goalInput(kind, inputs));
    return { score: result.score, explanation: [result.text] };
  } catch (e) {
    if (e instanceof ValidationError) {
      const details = (e.details as FieldProblem[]).map((p) => ({ path: p.path.replace(/^input\./, 'body.inputs.'), message: p.message }));
      throw new ValidationError(t('评分输入有误', 'The scoring input has problems'), details);
    }
    throw e;
  }
}

/**
 * Ranks of the units of a category by their value, highest first, equal values sharing a rank
 * (1, 1, 3): undefined until every one of `expected` units has a value.
 */
export function rankAll(values: ReadonlyMap<string, string>, expected: readonly string[]): Map<string, { rank: number; count: number }> | undefined {
  if (!expected.every((u) => values.has(u))) return undefined;
  const decimals = expected.map((u) => ({ u, d: readMeasure(values.get(u))! }));
  const cmp = (a: (typeof decimals)[number]['d'], b: (typeof decimals)[number]['d']) => {
    // Compare exactly at a common scale.
    const scale = Math.max(a.scale, b.scale);
    const x = a.digits * 10n ** BigInt(scale - a.scale);
    const y = b.digits * 10n ** BigInt(scale - b.scale);
    return x > y ? -1 : x < y ? 1 : 0;
  };
  const sorted = [...decimals].sort((a, b) => cmp(a.d, b.d));
  const out = new Map<string, { rank: number; count: number }>();
  sorted.forEach((x, i) => {
    const prev = sorted[i - 1];
    const rank = prev && cmp(prev.d, x.d) === 0 ? out.get(prev.u)!.rank : i + 1;
    out.set(x.u, { rank, count: expected.length });
  });
  return out;
}

/** A worklist row's state: to score (no item yet), scored (saved, not submitted), submitted. */
export type WorkState = 'toScore' | 'scored' | 'submitted';
export const workState = (item: { status: string } | undefined): WorkState => (!item ? 'toScore' : item.status === 'submitted' ? 'submitted' : 'scored');

/** The scoring stage: only then are scores written. */
export const SCORING_STAGE = 'assessment' as const;
