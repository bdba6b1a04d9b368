// The 考评方案 of one category as the bureau publishes it (Art 9): title and version line, the
// indicator table (one row per scored indicator, each parent a cell spanning its rows, a total row),
// bonus and deduction items, veto items, the grading rules in sentences, the units assessed.
// Pure: the print page fetches the plan and renders what this builds; tests build it from fixtures.
import { isLeaf, totalRulesOf, walk, type CategoryPlan, type PlanNode } from '@shared/domain/plan.ts';
import { formatPoints, type Hundredths } from '@shared/domain/scoring/index.ts';
import type { AssessorOption, PlanView } from '@/api/plan';
import { formatDateTime } from '@/utils/format';
import { methodSummary } from '../plan/plan-draft';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** 6000 → '60', 50 → '0.5': amounts as a document writes them. */
export const amount = (v: Hundredths) => formatPoints(v).replace(/\.?0+$/, '');

/** An indicator name cell: a parent spans the rows of its leaves, a shallow leaf the deeper columns. */
export interface NameCell {
  id: string;
  name: string;
  /** A parent's points, shown under its name. */
  points?: string;
  depth: number;
  rowspan: number;
  colspan: number;
  parent: boolean;
}

/** One scored indicator (a leaf) and the name cells that start on its row. */
export interface IndicatorRow {
  code: string;
  cells: NameCell[];
  points: string;
  method: string;
  params: string;
  criteria: string;
  assessor: string;
  common: string;
}

export interface RuleRow {
  no: number;
  name: string;
  points: string;
  cap: string;
  approval: string;
  severe?: boolean;
}

export interface PlanDocument {
  title: string;
  meta: string[];
  /** Name columns: 一级, 二级 and 三级 when the tree goes that deep. */
  levels: string[];
  rows: IndicatorRow[];
  total: { points: string; note: string };
  bonuses: RuleRow[];
  bonusNotes: string[];
  deductions: RuleRow[];
  deductionNotes: string[];
  vetoes: string[];
  grading: string[];
  units: string[];
}

export interface PlanDocumentInput {
  regionName: string;
  year: number | string;
  categoryName: string;
  view: Pick<PlanView, 'version' | 'latestVersion' | 'current' | 'reason' | 'updatedAt' | 'updatedBy' | 'approvedAt' | 'approvedBy' | 'plan'> & { assessors: readonly Pick<AssessorOption, 'unitId' | 'name'>[] };
  units: readonly { name: string }[];
}

const leafCount = (n: PlanNode): number => (isLeaf(n) ? 1 : n.children!.reduce((s, c) => s + leafCount(c), 0));

/** Leaf rows in tree order; each node's cell sits on the row of its first leaf. */
function indicatorRows(plan: CategoryPlan, assessors: readonly Pick<AssessorOption, 'unitId' | 'name'>[], levels: number, t: Translate): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  let pending: NameCell[] = [];
  const unitName = (id?: string) => (id ? (assessors.find((u) => u.unitId === id)?.name ?? id) : '');
  for (const { node, depth } of walk(plan.tree)) {
    const leaf = isLeaf(node);
    pending.push({
      id: node.id,
      name: node.name,
      ...(leaf ? {} : { points: t('planPrint.parentPoints', { points: amount(node.points) }) }),
      depth,
      rowspan: leafCount(node),
      colspan: leaf ? levels - depth + 1 : 1,
      parent: !leaf,
    });
    if (!leaf) continue;
    rows.push({
      code: node.id,
      cells: pending,
      points: amount(node.points),
      method: node.method ? t(`plan.methodKind.${node.method.kind}`) : t('plan.noMethod'),
      params: node.method ? methodSummary(node.method, t) : '',
      criteria: [node.criteria ?? '', node.refinable ? t('planPrint.refinable') : ''].filter(Boolean).join(''),
      assessor: unitName(node.assessorUnitId),
      common: node.common === undefined ? '' : t(node.common ? 'plan.commonYes' : 'plan.commonNo'),
    });
    pending = [];
  }
  return rows;
}

const capText = (cap: Hundredths | undefined, t: Translate) => (cap === undefined ? t('planPrint.noCap') : amount(cap));
const yesNo = (v: boolean, t: Translate) => t(v ? 'planPrint.yes' : 'planPrint.no');

/** The grading rules of Art 21–22 (and the satisfaction weights of Art 18) as sentences. */
export function gradingSentences(plan: CategoryPlan, t: Translate): string[] {
  const g = plan.grading;
  const a = g.allocation;
  const satisfaction = totalRulesOf(plan).satisfaction;
  return [
    t('planPrint.grading.failLine', { fail: amount(g.failLine) }),
    a.mode === 'proportion'
      ? t('planPrint.grading.proportion', { first: amount(a.firstPercent), second: amount(a.secondPercent) })
      : t('planPrint.grading.threshold', { first: amount(a.firstFrom), second: amount(a.secondFrom) }),
    t(`planPrint.grading.ties.${g.ties}`),
    t(`planPrint.grading.quotaTie.${g.quotaTie}`),
    t(`planPrint.grading.severe.${g.severeLowering}`),
    ...(satisfaction.length
      ? [t('planPrint.grading.satisfaction', { parts: satisfaction.map((p) => t('planPrint.grading.satisfactionPart', { name: p.name, weight: amount(p.weight) })).join(t('planPrint.listSep')) })]
      : []),
    t('planPrint.grading.review', { days: plan.reviewWindowDays }),
    // Art 28: shown only where the plan weights this category's rewards.
    ...(plan.grassrootsFactor !== undefined && plan.grassrootsFactor !== 100 ? [t('planPrint.grading.grassroots', { factor: formatPoints(plan.grassrootsFactor) })] : []),
  ];
}

export function buildPlanDocument(input: PlanDocumentInput, t: Translate): PlanDocument {
  const { view } = input;
  const plan = view.plan;
  const depth = Math.max(2, ...walk(plan.tree).map((w) => w.depth));
  const levels = Array.from({ length: depth }, (_, i) => t(`planPrint.level${i + 1}`));
  const sum = plan.tree.reduce((s, n) => s + n.points, 0);
  const hasSevere = plan.deductions.some((d) => d.severe);
  return {
    title: t('planPrint.title', { region: input.regionName, year: input.year, category: input.categoryName }),
    meta: [
      // A version made after the plan stage is in force by the bureau leader's approval, not by whoever saved it.
      view.approvedBy
        ? t('planPrint.approvedMeta', { version: view.version, at: formatDateTime(view.approvedAt ?? ''), by: view.approvedBy })
        : t('planPrint.meta', { version: view.version, at: formatDateTime(view.updatedAt), by: view.updatedBy ?? '' }),
      ...(view.current ? [] : [t('planPrint.notCurrent', { latest: view.latestVersion })]),
      ...(view.reason ? [t('planPrint.reason', { reason: view.reason })] : []),
    ],
    levels,
    rows: indicatorRows(plan, view.assessors, depth, t),
    total: { points: amount(sum), note: sum === plan.totalPoints ? '' : t('planPrint.totalOff', { total: amount(plan.totalPoints) }) },
    bonuses: plan.bonuses.map((b, i) => ({ no: i + 1, name: b.name, points: amount(b.points), cap: capText(b.cap, t), approval: yesNo(b.needsApproval, t) })),
    bonusNotes: plan.bonuses.length ? [t('planPrint.bonusCap', { cap: amount(plan.totals.bonusCap) })] : [],
    deductions: plan.deductions.map((d, i) => ({
      no: i + 1,
      name: d.name,
      points: amount(d.points),
      cap: capText(d.cap, t),
      approval: yesNo(d.needsApproval, t),
      severe: d.severe,
    })),
    deductionNotes: plan.deductions.length
      ? [
          plan.totals.deductionCap == null ? t('planPrint.deductionNoCap') : t('planPrint.deductionCap', { cap: amount(plan.totals.deductionCap) }),
          ...(hasSevere ? [t(`planPrint.severeNote.${plan.grading.severeLowering}`)] : []),
        ]
      : [],
    vetoes: plan.vetoes.map((v) => v.name),
    grading: gradingSentences(plan, t),
    units: input.units.map((u) => u.name),
  };
}
