// A plan's scored leaves grouped under their 一级指标, and what one unit scored on each: the shape both
// annual reports read (Art 24). A satisfaction leaf scores its weight × the survey's rate, as the total
// counts it (scoring/total.ts); a leaf with no score row scores 0 (a confirmed result has none such).
import type { CategoryPlan, PlanNode } from '../model/plan.ts';
import type { ScoreRecord } from '../model/score.ts';
import { isLeaf } from './plan.ts';
import { applyPercent } from './scoring/points.ts';

export interface GroupedLeaf {
  leaf: PlanNode;
  /** Names between the 一级指标 and the leaf. */
  path: string[];
}

export interface LeafGroup {
  node: PlanNode;
  leaves: GroupedLeaf[];
}

/** Every 一级指标 with its scored leaves (a top-level leaf is its own group); groups without one are left out. */
export function groupLeaves(plan: Pick<CategoryPlan, 'tree'>): LeafGroup[] {
  const groups: LeafGroup[] = [];
  for (const top of plan.tree) {
    const found: GroupedLeaf[] = [];
    const stack: { node: PlanNode; path: string[] }[] = [{ node: top, path: [] }];
    while (stack.length) {
      const { node, path } = stack.shift()!;
      if (isLeaf(node)) {
        if (node.method) found.push({ leaf: node, path });
        continue;
      }
      const below = node === top ? path : [...path, node.name];
      stack.unshift(...(node.children ?? []).map((child) => ({ node: child, path: below })));
    }
    if (found.length) groups.push({ node: top, leaves: found });
  }
  return groups;
}

/** What a leaf's score row gives towards the total, in hundredths. */
export function leafScore(leaf: PlanNode, score: ScoreRecord | undefined): number {
  if (!score) return 0;
  if (leaf.method?.kind === 'satisfaction') return score.inputs.rate === undefined ? 0 : applyPercent(leaf.points, score.inputs.rate);
  return score.score ?? 0;
}

/** Scores by unit, then by indicator: the cycle's rows read once. */
export function scoresByUnit(scores: readonly ScoreRecord[]): Map<string, Map<string, ScoreRecord>> {
  const out = new Map<string, Map<string, ScoreRecord>>();
  for (const s of scores) {
    let own = out.get(s.unitId);
    if (!own) out.set(s.unitId, (own = new Map()));
    own.set(s.indicatorId, s);
  }
  return out;
}
