// A goal's score from its scoring method (评分标准, Art 9) and the assessment inputs (Art 16–17).
// Every score lies in [0, points] and carries a Chinese explanation naming the rule and inputs.
import { readMeasure, ratio, type Measure } from './measure.ts';
import { applyPercent, checkAmount, formatPercent, formatPoints, FULL_PERCENT, MAX_AMOUNT, mulDiv, roundDiv, type Hundredths } from './points.ts';
import { assertNoProblems, checkInt, type FieldProblem } from './problems.ts';

/** Score = points × min(actual ÷ target, cap); for "lower is better" targets, target ÷ actual. */
export interface CompletionMethod {
  kind: 'completion';
  /** Highest completion ratio that counts, at most 100 % (default); excess belongs to bonuses (Art 19). */
  capPercent?: Hundredths;
  /** For targets such as 万元GDP能耗, where less is better. */
  lowerIsBetter?: boolean;
}

/** Ranks 1..upToRank (after the previous band) score `percent` of the points. */
export interface RankBand {
  upToRank: number;
  percent: Hundredths;
}

/** Ranking among units: rank bands with a fallback, or linear from the first (100 %) to the last. */
export type RankingMethod =
  | { kind: 'ranking'; scale: 'bands'; bands: RankBand[]; otherwisePercent: Hundredths }
  | { kind: 'ranking'; scale: 'linear'; /** Percent for the last rank, default 0. */ lastPercent?: Hundredths };

/** Full points minus `perOccurrence` for each occurrence, never below `floor` (default 0). */
export interface DeductionMethod {
  kind: 'deduction';
  perOccurrence: Hundredths;
  floor?: Hundredths;
}

export const QUALITATIVE_LEVELS = ['excellent', 'good', 'fair', 'poor'] as const;
export type QualitativeLevel = (typeof QUALITATIVE_LEVELS)[number];
export const QUALITATIVE_NAMES: Record<QualitativeLevel, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
export const DEFAULT_QUALITATIVE_PERCENTS: Record<QualitativeLevel, Hundredths> = {
  excellent: 10_000,
  good: 8_500,
  fair: 7_000,
  poor: 5_000,
};

/** Level 优/良/中/差 → a percentage of the points (defaults 100/85/70/50 %). */
export interface QualitativeMethod {
  kind: 'qualitative';
  percents?: Partial<Record<QualitativeLevel, Hundredths>>;
}

/** The assessor unit enters the score itself, in [0, points]. */
export interface DirectMethod {
  kind: 'direct';
}

export type ScoringMethod = CompletionMethod | RankingMethod | DeductionMethod | QualitativeMethod | DirectMethod;
export type MethodKind = ScoringMethod['kind'];

export const METHOD_NAMES: Record<MethodKind, string> = {
  completion: '目标完成率法',
  ranking: '排名法',
  deduction: '扣分法',
  qualitative: '定性评价法',
  direct: '直接评分法',
};

/** What the assessment supplies for a goal; `kind` must match the goal's method. */
export type GoalInput =
  | { kind: 'completion'; target: Measure; actual: Measure }
  | { kind: 'ranking'; rank: number; count: number }
  | { kind: 'deduction'; occurrences: number }
  | { kind: 'qualitative'; level: QualitativeLevel }
  | { kind: 'direct'; score: Hundredths };

export interface GoalScore {
  kind: MethodKind;
  points: Hundredths;
  score: Hundredths;
  /** One Chinese sentence: the rule, the inputs and the arithmetic. */
  text: string;
  /** The same facts, structured (amounts formatted with two decimals). */
  facts: Record<string, string | number | boolean>;
}

const MAX_RANK = 1_000_000;

/** Problems with a method as stored in the plan, for a goal worth `points`. */
export function checkMethod(method: ScoringMethod, points: Hundredths, path = 'method'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!checkAmount(problems, 'points', points, 1, MAX_AMOUNT, '分值')) return problems;
  switch (method?.kind) {
    case 'completion':
      if (method.capPercent !== undefined) checkAmount(problems, `${path}.capPercent`, method.capPercent, 1, FULL_PERCENT, '封顶完成率');
      if (method.lowerIsBetter !== undefined && typeof method.lowerIsBetter !== 'boolean') {
        problems.push({ path: `${path}.lowerIsBetter`, message: '应为是或否' });
      }
      break;
    case 'ranking':
      if (method.scale === 'linear') {
        if (method.lastPercent !== undefined) checkAmount(problems, `${path}.lastPercent`, method.lastPercent, 0, FULL_PERCENT, '末名得分比例');
      } else if (method.scale === 'bands') {
        checkBands(problems, method.bands, method.otherwisePercent, path);
      } else {
        problems.push({ path: `${path}.scale`, message: '应为 bands（分档）或 linear（线性）' });
      }
      break;
    case 'deduction':
      checkAmount(problems, `${path}.perOccurrence`, method.perOccurrence, 1, points, '每次扣分');
      if (method.floor !== undefined) checkAmount(problems, `${path}.floor`, method.floor, 0, points, '保底分');
      break;
    case 'qualitative': {
      const p = { ...DEFAULT_QUALITATIVE_PERCENTS, ...method.percents };
      QUALITATIVE_LEVELS.forEach((level, i) => {
        const at = `${path}.percents.${level}`;
        if (!checkAmount(problems, at, p[level], 0, FULL_PERCENT, `“${QUALITATIVE_NAMES[level]}”的得分比例`)) return;
        const better = QUALITATIVE_LEVELS[i - 1];
        if (better && p[better] < p[level]) problems.push({ path: at, message: `不能高于“${QUALITATIVE_NAMES[better]}”` });
      });
      break;
    }
    case 'direct':
      break;
    default:
      problems.push({ path: `${path}.kind`, message: '未知的评分方法' });
  }
  return problems;
}

function checkBands(problems: FieldProblem[], bands: RankBand[], otherwise: Hundredths, path: string): void {
  if (!Array.isArray(bands) || bands.length === 0) {
    problems.push({ path: `${path}.bands`, message: '至少需要一个名次档' });
    return;
  }
  bands.forEach((band, i) => {
    const at = `${path}.bands.${i}`;
    const prev = bands[i - 1];
    if (checkInt(problems, `${at}.upToRank`, band?.upToRank, 1, MAX_RANK, '名次') && prev && band.upToRank <= prev.upToRank) {
      problems.push({ path: `${at}.upToRank`, message: '名次档必须按名次从前到后排列' });
    }
    if (checkAmount(problems, `${at}.percent`, band?.percent, 0, FULL_PERCENT, '得分比例') && prev && band.percent > prev.percent) {
      problems.push({ path: `${at}.percent`, message: '靠后名次的得分比例不能高于靠前名次' });
    }
  });
  const last = bands[bands.length - 1]!;
  if (checkAmount(problems, `${path}.otherwisePercent`, otherwise, 0, FULL_PERCENT, '其余名次得分比例') && otherwise > last.percent) {
    problems.push({ path: `${path}.otherwisePercent`, message: '其余名次的得分比例不能高于最后一档' });
  }
}

/** Problems with the inputs for a goal scored by `method` (assumed valid). */
export function checkGoalInput(method: ScoringMethod, points: Hundredths, input: GoalInput, path = 'input'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input?.kind !== method.kind) {
    return [{ path: `${path}.kind`, message: `应按“${METHOD_NAMES[method.kind]}”填报` }];
  }
  switch (input.kind) {
    case 'completion': {
      const target = readMeasure(input.target);
      if (!target) problems.push({ path: `${path}.target`, message: '目标值应为数值' });
      else if (target.digits <= 0n) problems.push({ path: `${path}.target`, message: '目标值必须大于 0' });
      if (!readMeasure(input.actual)) problems.push({ path: `${path}.actual`, message: '实际值应为数值' });
      break;
    }
    case 'ranking':
      if (checkInt(problems, `${path}.count`, input.count, 1, MAX_RANK, '参与排名的单位数')) {
        checkInt(problems, `${path}.rank`, input.rank, 1, input.count, '名次');
      }
      break;
    case 'deduction':
      checkInt(problems, `${path}.occurrences`, input.occurrences, 0, MAX_RANK, '发生次数');
      break;
    case 'qualitative':
      if (!QUALITATIVE_LEVELS.includes(input.level)) problems.push({ path: `${path}.level`, message: '等级应为优、良、中、差之一' });
      break;
    case 'direct':
      checkAmount(problems, `${path}.score`, input.score, 0, points, '评分');
      break;
  }
  return problems;
}

/** The goal's score; throws a ValidationError naming the field when the method or input is invalid. */
export function scoreGoal(points: Hundredths, method: ScoringMethod, input: GoalInput): GoalScore {
  assertNoProblems(checkMethod(method, points), '评分标准有误');
  assertNoProblems(checkGoalInput(method, points, input), '评分输入有误');
  // checkGoalInput has made sure that input.kind === method.kind.
  type In<K extends MethodKind> = Extract<GoalInput, { kind: K }>;
  switch (method.kind) {
    case 'completion':
      return completion(points, method, input as In<'completion'>);
    case 'ranking':
      return method.scale === 'bands' ? rankBands(points, method, input as In<'ranking'>) : rankLinear(points, method, input as In<'ranking'>);
    case 'deduction':
      return deduction(points, method, input as In<'deduction'>);
    case 'qualitative':
      return qualitative(points, method, input as In<'qualitative'>);
    case 'direct': {
      const { score } = input as In<'direct'>;
      return {
        kind: 'direct',
        points,
        score,
        text: `${METHOD_NAMES.direct}：考评单位直接评定 ${formatPoints(score)} 分（满分 ${formatPoints(points)} 分）`,
        facts: { score: formatPoints(score) },
      };
    }
  }
}

function completion(points: Hundredths, method: CompletionMethod, input: { target: Measure; actual: Measure }): GoalScore {
  const cap = method.capPercent ?? FULL_PERCENT;
  const lower = method.lowerIsBetter === true;
  const target = readMeasure(input.target)!;
  const actual = readMeasure(input.actual)!;
  const t = String(input.target).trim();
  const a = String(input.actual).trim();
  let score: Hundredths;
  let ratioText: string;
  let capped: boolean;
  if (lower && actual.digits <= 0n) {
    // Nothing consumed at all: the ratio is unbounded, so the cap applies.
    capped = true;
    ratioText = '实际值不大于 0，完成率按封顶计';
    score = applyPercent(points, cap);
  } else {
    const { num, den } = lower ? ratio(target, actual) : ratio(actual, target);
    capped = num * BigInt(FULL_PERCENT) > BigInt(cap) * den;
    score = capped ? applyPercent(points, cap) : Number(roundDiv(BigInt(points) * num, den));
    const pct = Number(roundDiv(num * BigInt(FULL_PERCENT), den));
    ratioText = lower ? `目标值 ${t} ÷ 实际值 ${a} = 完成率 ${formatPercent(pct)}` : `实际值 ${a} ÷ 目标值 ${t} = 完成率 ${formatPercent(pct)}`;
  }
  score = Math.max(0, Math.min(points, score));
  const used = capped ? `封顶 ${formatPercent(cap)}` : '完成率';
  return {
    kind: 'completion',
    points,
    score,
    text: `${METHOD_NAMES.completion}${lower ? '（数值越低越好）' : ''}：${ratioText}，得分 = ${formatPoints(points)} × ${used} = ${formatPoints(score)} 分`,
    facts: { target: t, actual: a, lowerIsBetter: lower, capPercent: formatPoints(cap), capped },
  };
}

function rankBands(points: Hundredths, method: Extract<RankingMethod, { scale: 'bands' }>, input: { rank: number; count: number }): GoalScore {
  const band = method.bands.find((b) => input.rank <= b.upToRank);
  const percent = band ? band.percent : method.otherwisePercent;
  const score = applyPercent(points, percent);
  const bandText = band ? `属“前 ${band.upToRank} 名”档` : `未进入前 ${method.bands[method.bands.length - 1]!.upToRank} 名，按其余名次`;
  return {
    kind: 'ranking',
    points,
    score,
    text: `${METHOD_NAMES.ranking}：在 ${input.count} 个单位中排第 ${input.rank} 名，${bandText}（${formatPercent(percent)}），得分 = ${formatPoints(points)} × ${formatPercent(percent)} = ${formatPoints(score)} 分`,
    facts: { rank: input.rank, count: input.count, percent: formatPoints(percent), ...(band ? { upToRank: band.upToRank } : {}) },
  };
}

function rankLinear(points: Hundredths, method: Extract<RankingMethod, { scale: 'linear' }>, input: { rank: number; count: number }): GoalScore {
  const last = method.lastPercent ?? 0;
  const { rank, count } = input;
  // percent = 100 % − (100 % − last) × (rank − 1) / (count − 1), applied exactly and rounded once.
  const steps = Math.max(1, count - 1);
  const scaled = FULL_PERCENT * steps - (FULL_PERCENT - last) * (rank - 1);
  const score = mulDiv(points, scaled, FULL_PERCENT * steps);
  const percent = mulDiv(scaled, 1, steps);
  return {
    kind: 'ranking',
    points,
    score,
    text: `${METHOD_NAMES.ranking}（线性）：在 ${count} 个单位中排第 ${rank} 名，第 1 名得 100.00%、末名得 ${formatPercent(last)}，按名次折算 ${formatPercent(percent)}，得分 ${formatPoints(score)} 分`,
    facts: { rank, count, lastPercent: formatPoints(last), percent: formatPoints(percent) },
  };
}

function deduction(points: Hundredths, method: DeductionMethod, input: { occurrences: number }): GoalScore {
  const floor = method.floor ?? 0;
  const n = input.occurrences;
  const raw = points - n * method.perOccurrence;
  const score = Math.max(floor, raw);
  const floorText = raw < floor ? `，低于保底分，按 ${formatPoints(floor)} 分计` : '';
  return {
    kind: 'deduction',
    points,
    score,
    text: `${METHOD_NAMES.deduction}：发生 ${n} 次，每次扣 ${formatPoints(method.perOccurrence)} 分，${formatPoints(points)} − ${n} × ${formatPoints(method.perOccurrence)} = ${formatPoints(raw)}${floorText}，得分 ${formatPoints(score)} 分`,
    facts: { occurrences: n, perOccurrence: formatPoints(method.perOccurrence), floor: formatPoints(floor), floored: raw < floor },
  };
}

function qualitative(points: Hundredths, method: QualitativeMethod, input: { level: QualitativeLevel }): GoalScore {
  const percent = { ...DEFAULT_QUALITATIVE_PERCENTS, ...method.percents }[input.level];
  const score = applyPercent(points, percent);
  const name = QUALITATIVE_NAMES[input.level];
  return {
    kind: 'qualitative',
    points,
    score,
    text: `${METHOD_NAMES.qualitative}：评定为“${name}”（${formatPercent(percent)}），得分 = ${formatPoints(points)} × ${formatPercent(percent)} = ${formatPoints(score)} 分`,
    facts: { level: input.level, levelName: name, percent: formatPoints(percent) },
  };
}
