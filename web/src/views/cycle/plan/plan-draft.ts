// Pure helpers of the plan editor: where the tree does not add up (by node id, for red marks),
// adding and removing nodes with fresh codes, and a default method per kind.
import { PLAN_METHOD_NAMES } from '@shared/domain/plan-rows.ts';
import { planProblems, walk, type PlanMethod, type PlanNode } from '@shared/domain/plan.ts';
import { checkMethod, DEFAULT_QUALITATIVE_PERCENTS, formatPoints, QUALITATIVE_LEVELS } from '@shared/domain/scoring/index.ts';
import type { CategoryPlan } from '@/api/plan';

/** The scoring methods a leaf may use, in the order the editor offers them. */
export const METHOD_KINDS = Object.keys(PLAN_METHOD_NAMES) as PlanMethod['kind'][];

/** Depth of a node from its code: `2` is 1 (一级), `2.3` is 2 (二级). */
export const depthOf = (id: string) => id.split('.').length;

/** Messages per node id (sums, missing method or assessor); key '' holds the tree-level ones. */
export function marksOf(plan: CategoryPlan): Map<string, string[]> {
  const idAt = new Map(walk(plan.tree).map((w) => [w.path, w.node.id]));
  const marks = new Map<string, string[]>();
  for (const p of planProblems(plan)) {
    const nodePath = /^tree(\.\d+(\.children\.\d+)*)?/.exec(p.path)?.[0] ?? 'tree';
    const key = idAt.get(nodePath) ?? '';
    marks.set(key, [...(marks.get(key) ?? []), p.message]);
  }
  return marks;
}

/** Sum of a node's children (what its points should be), or undefined for a leaf. */
export const childSum = (n: PlanNode) => (n.children?.length ? n.children.reduce((s, c) => s + c.points, 0) : undefined);

/** The next free code under `parent` (or at the top): 3, or 2.4. */
export function nextId(tree: readonly PlanNode[], parent?: PlanNode): string {
  const taken = new Set(walk(tree).map((w) => w.node.id));
  const prefix = parent ? `${parent.id}.` : '';
  for (let i = (parent ? (parent.children?.length ?? 0) : tree.length) + 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function addNode(tree: PlanNode[], parent?: PlanNode): PlanNode {
  const node: PlanNode = { id: nextId(tree, parent), name: '', points: 100, common: parent ? Boolean(leafCommon(parent)) : false, method: { kind: 'direct' } };
  if (!parent) tree.push(node);
  else {
    // A leaf becoming a parent hands its scoring fields down to nobody: they only belong on leaves.
    delete parent.method;
    delete parent.assessorUnitId;
    (parent.children ??= []).push(node);
  }
  return node;
}

const leafCommon = (n: PlanNode): boolean | undefined => n.common ?? n.children?.find((c) => c.common !== undefined)?.common;

export function removeNode(tree: PlanNode[], id: string): void {
  const i = tree.findIndex((n) => n.id === id);
  if (i >= 0) tree.splice(i, 1);
  else for (const n of tree) if (n.children) removeNode(n.children, id);
}

export function defaultMethod(kind: PlanMethod['kind']): PlanMethod {
  switch (kind) {
    case 'completion':
      return { kind, capPercent: 10_000 };
    case 'ranking':
      return { kind, scale: 'bands', bands: [{ upToRank: 3, percent: 10_000 }], otherwisePercent: 0 };
    case 'deduction':
      return { kind, perOccurrence: 50, floor: 0 };
    case 'qualitative':
      return { kind, percents: { ...DEFAULT_QUALITATIVE_PERCENTS } };
    default:
      return { kind } as PlanMethod;
  }
}

/** Server field paths (`body.plan.tree.0.children.1.method.perOccurrence`) to messages per node id. */
export function serverErrorsById(plan: CategoryPlan, details: readonly { path: string; message: string }[]): Map<string, string[]> {
  const mapped = details.filter((d) => d.path.startsWith('body.plan.')).map((d) => ({ path: d.path.slice('body.plan.'.length), message: d.message }));
  const idAt = new Map(walk(plan.tree).map((w) => [w.path, w.node.id]));
  const out = new Map<string, string[]>();
  for (const d of mapped) {
    const nodePath = /^tree(\.\d+(\.children\.\d+)*)?/.exec(d.path)?.[0];
    const key = (nodePath && idAt.get(nodePath)) ?? d.path;
    out.set(key, [...(out.get(key) ?? []), d.message]);
  }
  return out;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;
/** 50 → '0.5', 10000 → '100': the shortest form a person would read. */
const short = (v: number) => formatPoints(v).replace(/\.?0+$/, '');

/** A method's parameters in one line for the tree (the dialog shows them in full). */
export function methodSummary(m: PlanMethod | undefined, t: Translate): string {
  switch (m?.kind) {
    case 'completion':
      return [t('plan.sum.cap', { p: short(m.capPercent ?? 10_000) }), m.lowerIsBetter ? t('plan.sum.lowerIsBetter') : ''].filter(Boolean).join(t('plan.sum.sep'));
    case 'ranking':
      if (m.scale === 'linear') return t('plan.sum.linear', { p: short(m.lastPercent ?? 0) });
      return [
        ...m.bands.map((b, i) => t('plan.sum.band', { from: (m.bands[i - 1]?.upToRank ?? 0) + 1, to: b.upToRank, p: short(b.percent) })),
        t('plan.sum.otherwise', { p: short(m.otherwisePercent) }),
      ].join(t('plan.sum.sep'));
    case 'deduction':
      return t('plan.sum.deduction', { per: short(m.perOccurrence), floor: short(m.floor ?? 0) });
    case 'qualitative':
      return QUALITATIVE_LEVELS.map((l) => `${t(`plan.quality.${l}`)} ${short(m.percents?.[l] ?? DEFAULT_QUALITATIVE_PERCENTS[l])}%`).join(t('plan.sum.sep'));
    case 'direct':
    case 'satisfaction':
      return t(`plan.methodShort.${m.kind}`);
    default:
      return '';
  }
}

/** What is wrong with a method for a leaf worth `points` (the engine's own checks). */
export const methodProblems = (m: PlanMethod | undefined, points: number): string[] =>
  !m || m.kind === 'satisfaction' ? [] : checkMethod(m, points).map((p) => p.message);
