// A unit's goals as table rows: each plan leaf with the unit's goal for it (none yet) and the coverage
// problems named for it. Shared by the unit's page and the bureau's review.
import type { CoverageProblem, GoalLeaf, GoalView, UnitGoalsView } from '@/api/goals';

export interface GoalRow {
  leaf: GoalLeaf;
  goal?: GoalView;
  problems: CoverageProblem[];
}

export function goalRows(view: UnitGoalsView | undefined): GoalRow[] {
  if (!view) return [];
  const goals = new Map(view.goals.map((g) => [g.indicatorId, g]));
  return view.leaves.map((leaf) => ({ leaf, goal: goals.get(leaf.indicatorId), problems: view.problems.filter((p) => p.indicatorId === leaf.indicatorId) }));
}
