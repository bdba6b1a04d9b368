// Grading one category (Art 22–23): 不合格 on a veto or below the fail line; the rest by quotas or
// score lines; severe deductions (Art 20) lower a grade afterwards without refilling; approved
// Art 23 adjustments last. The result depends only on the units, never on their input order.
import { ADJUSTMENT_DIRECTION_NAMES, ADJUSTMENT_TARGET_NAMES, checkAdjustment, type GradeAdjustment } from './adjustments.ts';
import { checkGradingRules, GRADE_NAMES, GRADES, shiftGrade, type Grade, type GradingRules } from './grading-rules.ts';
import { checkAmount, formatPercent, formatPoints, MAX_AMOUNT, type Hundredths } from './points.ts';
import { assertNoProblems, checkInt, type FieldProblem } from './problems.ts';

export interface GradingUnit {
  unitId: string;
  total: Hundredths;
  /** Score on the common indicators (共性指标), which orders equal totals. */
  commonScore: Hundredths;
  /** Reason of a veto item (一票否决); any veto means 不合格. */
  veto?: string;
  /** Number of approved deductions marked severe (情节严重, Art 20). */
  severeDeductions: number;
  adjustments?: GradeAdjustment[];
}

export interface GradedUnit {
  unitId: string;
  total: Hundredths;
  commonScore: Hundredths;
  /** Grade from the fail line and the quotas or score lines, before Art 20 and Art 23. */
  allocatedGrade: Grade;
  grade: Grade;
  gradeName: string;
  /** Rank inside the grade (位次); tied units share it. */
  rankInGrade: number;
  /** Overall position: units in better grades + rank inside the grade; shared like the rank. */
  position: number;
  /** 1-based display order, unique: ties listed by common score, then unit id. */
  order: number;
  tied: boolean;
  /** Chinese lines saying which rule put the unit here. */
  explanation: string[];
}

export interface GradingResult {
  /** In display order. */
  units: GradedUnit[];
  passedCount: number;
  /** Places for 一等 and 二等 (proportion mode only). */
  quotas: { first: number; second: number } | null;
  counts: Record<Grade, number>;
}

interface Work {
  unit: GradingUnit;
  allocated: Grade;
  grade: Grade;
  notes: string[];
  /** Tie groups that Art 23 rank changes move the unit, down positive; a unit with a shift is placed by it, not by score. */
  shift: number;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Total, then common score, then unit id: a full order, so input order never matters. */
const byScore = (a: GradingUnit, b: GradingUnit) => b.total - a.total || b.commonScore - a.commonScore || byId(a.unitId, b.unitId);

export function checkGradingUnits(units: readonly GradingUnit[], path = 'units'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    const at = `${path}.${i}`;
    if (typeof u.unitId !== 'string' || !u.unitId) problems.push({ path: `${at}.unitId`, message: '缺少单位编号' });
    else if (seen.has(u.unitId)) problems.push({ path: `${at}.unitId`, message: '单位重复' });
    seen.add(u.unitId);
    checkAmount(problems, `${at}.total`, u.total, 0, MAX_AMOUNT, '总分');
    checkAmount(problems, `${at}.commonScore`, u.commonScore, 0, MAX_AMOUNT, '共性指标得分');
    checkInt(problems, `${at}.severeDeductions`, u.severeDeductions, 0, 1_000_000, '严重扣分项数');
    if (u.veto !== undefined && (typeof u.veto !== 'string' || !u.veto.trim())) problems.push({ path: `${at}.veto`, message: '一票否决必须写明事由' });
    (u.adjustments ?? []).forEach((a, j) => problems.push(...checkAdjustment(a, `${at}.adjustments.${j}`)));
  });
  return problems;
}

/** Grades and ranks the units of one category; throws a ValidationError on bad rules or units. */
export function gradeCategory(rules: GradingRules, units: readonly GradingUnit[]): GradingResult {
  assertNoProblems(checkGradingRules(rules), '等次评定规则有误');
  assertNoProblems(checkGradingUnits(units), '等次评定数据有误');
  const sameTie = (a: GradingUnit, b: GradingUnit) => a.total === b.total && (rules.ties === 'shareRank' || a.commonScore === b.commonScore);
  const work: Work[] = [...units].sort(byScore).map((unit) => ({ unit, allocated: 'fail', grade: 'fail', notes: [], shift: 0 }));

  // 1. Veto and fail line (Art 22; 60.00 exactly passes).
  const passed: Work[] = [];
  for (const w of work) {
    const { total, veto } = w.unit;
    if (veto) w.notes.push(`一票否决：${veto}，评为不合格`);
    else if (total < rules.failLine) w.notes.push(`总分 ${formatPoints(total)} 分，低于不合格线 ${formatPoints(rules.failLine)} 分，评为不合格`);
    else passed.push(w);
  }

  // 2. Passing units by quotas or score lines.
  const quotas = allocate(rules, passed, sameTie);
  for (const w of work) w.grade = w.allocated;

  // 3. Severe deductions lower one grade after allocation; the freed place is not refilled.
  for (const w of work) {
    const n = w.unit.severeDeductions;
    if (n === 0) continue;
    if (w.grade === 'fail') {
      w.notes.push(`有 ${n} 项情节严重的扣分（第二十条），已为不合格，不再降等`);
      continue;
    }
    const steps = rules.severeLowering === 'once' ? 1 : n;
    const to = shiftGrade(w.grade, -steps);
    w.notes.push(`有 ${n} 项情节严重的扣分（第二十条），名额分配后降低 ${steps} 个等次：${GRADE_NAMES[w.grade]} → ${GRADE_NAMES[to]}，所空名额不递补`);
    w.grade = to;
  }

  // 4. Art 23 grade changes, then rank changes, each unit's on its own (so input order never matters).
  for (const w of work) {
    for (const a of w.unit.adjustments ?? []) if (!a.approved) w.notes.push(`第二十三条${adjustText(a)}尚未批准，未生效`);
    const approved = (target: GradeAdjustment['target']) => (w.unit.adjustments ?? []).filter((a) => a.target === target && a.approved);
    for (const a of [...approved('grade'), ...approved('rank')]) {
      if (a.direction === 'raise' && w.unit.veto) {
        w.notes.push(`第二十三条${adjustText(a)}不适用：一票否决的结果不得提高（文号 ${a.documentNumber}）`);
        continue;
      }
      const steps = a.steps ?? 1;
      if (a.target === 'rank') {
        w.shift += a.direction === 'raise' ? -steps : steps;
        w.notes.push(`依第二十三条报批${adjustText(a)}（文号 ${a.documentNumber}）`);
        continue;
      }
      const to = shiftGrade(w.grade, a.direction === 'raise' ? steps : -steps);
      w.notes.push(`依第二十三条报批${adjustText(a)}：${GRADE_NAMES[w.grade]} → ${GRADE_NAMES[to]}（文号 ${a.documentNumber}）`);
      w.grade = to;
    }
  }
  const groupsByGrade = new Map<Grade, Work[][]>(GRADES.map((g) => [g, rankGroups(work.filter((w) => w.grade === g), sameTie)]));

  // 5. Ranks inside each grade (competition ranking: 1, 2, 2, 4) and overall positions.
  const out: GradedUnit[] = [];
  const counts = { first: 0, second: 0, third: 0, fail: 0 } as Record<Grade, number>;
  let before = 0;
  for (const grade of GRADES) {
    let rank = 1;
    const groups = groupsByGrade.get(grade)!;
    const totals = new Map<number, number>();
    for (const w of groups.flat()) if (!w.shift) totals.set(w.unit.total, (totals.get(w.unit.total) ?? 0) + 1);
    for (const group of groups) {
      for (const w of group) {
        const tied = group.length > 1;
        const common = `共性指标得分 ${formatPoints(w.unit.commonScore)} 分`;
        const tieNote = tied
          ? `（总分相同，并列；按${common}排列先后）`
          : rules.ties === 'commonScoreThenShare' && !w.shift && totals.get(w.unit.total)! > 1
            ? `（与其他单位总分相同，按${common}区分名次）`
            : '';
        w.notes.push(`评定结果：${GRADE_NAMES[grade]}，等次内第 ${rank} 名${tieNote}，总位次第 ${before + rank} 位`);
        out.push({
          unitId: w.unit.unitId,
          total: w.unit.total,
          commonScore: w.unit.commonScore,
          allocatedGrade: w.allocated,
          grade,
          gradeName: GRADE_NAMES[grade],
          rankInGrade: rank,
          position: before + rank,
          order: out.length + 1,
          tied,
          explanation: w.notes,
        });
      }
      rank += group.length;
    }
    counts[grade] = rank - 1;
    before += rank - 1;
  }
  return { units: out, passedCount: passed.length, quotas, counts };
}

/** Sets `allocated` on the passing units (sorted best first); returns the quotas in proportion mode. */
function allocate(rules: GradingRules, passed: Work[], sameTie: (a: GradingUnit, b: GradingUnit) => boolean): GradingResult['quotas'] {
  const a = rules.allocation;
  if (a.mode === 'threshold') {
    for (const w of passed) {
      const t = w.unit.total;
      w.allocated = t >= a.firstFrom ? 'first' : t >= a.secondFrom ? 'second' : 'third';
      const line = w.allocated === 'first' ? `达到一等分数线 ${formatPoints(a.firstFrom)} 分` : w.allocated === 'second' ? `达到二等分数线 ${formatPoints(a.secondFrom)} 分、未达一等分数线` : `未达二等分数线 ${formatPoints(a.secondFrom)} 分`;
      w.notes.push(`总分 ${formatPoints(t)} 分，${line}，评为${GRADE_NAMES[w.allocated]}`);
    }
    return null;
  }
  const n = passed.length;
  const floorDiv = (x: number, y: number) => (x - (x % y)) / y;
  const first = floorDiv(n * a.firstPercent, 10_000);
  const second = floorDiv(n * a.secondPercent, 10_000);
  const c1 = first;
  const c2 = first + second;
  const quotaText = `合格单位 ${n} 个，一等名额 ⌊${n} × ${formatPercent(a.firstPercent)}⌋ = ${first} 个，二等名额 ⌊${n} × ${formatPercent(a.secondPercent)}⌋ = ${second} 个，其余为三等`;
  let s = 0;
  for (const group of tieGroups(passed, sameTie)) {
    const e = s + group.length;
    const grade: Grade =
      rules.quotaTie === 'higher' ? (s < c1 ? 'first' : s < c2 ? 'second' : 'third') : e <= c1 ? 'first' : e <= c2 ? 'second' : 'third';
    const straddles = (s < c1 && c1 < e) || (s < c2 && c2 < e);
    const place = group.length > 1 ? `与另外 ${group.length - 1} 个单位并列第 ${s + 1} 位` : `排第 ${s + 1} 位`;
    const tieText = straddles
      ? `；并列单位跨越名额界线，按规则均评为${rules.quotaTie === 'higher' ? '较高等次（占用下一等次名额）' : '较低等次'}`
      : '';
    for (const w of group) {
      w.allocated = grade;
      w.notes.push(`${quotaText}；总分 ${formatPoints(w.unit.total)} 分，在合格单位中${place}${tieText}，评为${GRADE_NAMES[grade]}`);
    }
    s = e;
  }
  return { first, second };
}

/**
 * A grade's tie groups, best first, after Art 23 rank changes. A moved unit counts its places among
 * the units that are not moved: where its score puts it among their tie groups, then `shift` groups
 * up or down. So one change never depends on another (or on their order), and a unit that gains
 * points never ends lower. Movers landing in the same place are ordered, and tie, by score.
 */
function rankGroups(sorted: Work[], sameTie: (a: GradingUnit, b: GradingUnit) => boolean): Work[][] {
  const stay = tieGroups(sorted.filter((w) => !w.shift), sameTie);
  const landing: Work[][] = stay.map(() => []).concat([[]]);
  for (const m of sorted.filter((w) => w.shift)) {
    const better = (g: Work[]) => byScore(g[0]!.unit, m.unit) < 0 && !sameTie(g[0]!.unit, m.unit);
    const at = stay.filter(better).length;
    landing[Math.max(0, Math.min(stay.length, at + m.shift))]!.push(m);
  }
  return landing.flatMap((movers, i) => [...tieGroups(movers, sameTie), ...(i < stay.length ? [stay[i]!] : [])]);
}

/** Consecutive runs of units (already sorted) that tie under the category's tie rule. */
function tieGroups(sorted: Work[], sameTie: (a: GradingUnit, b: GradingUnit) => boolean): Work[][] {
  const groups: Work[][] = [];
  for (const w of sorted) {
    const last = groups[groups.length - 1];
    if (last && sameTie(last[0]!.unit, w.unit)) last.push(w);
    else groups.push([w]);
  }
  return groups;
}

function adjustText(a: GradeAdjustment): string {
  const steps = a.steps ?? 1;
  const unit = a.target === 'grade' ? '等' : '位';
  return `${ADJUSTMENT_DIRECTION_NAMES[a.direction]}${ADJUSTMENT_TARGET_NAMES[a.target]} ${steps} ${unit}（理由：${a.reason}）`;
}
