// What an assessor unit or a third party reaches in a cycle: the units of the categories whose plan
// (the version in force) assigns one of its leaves to it, and for each unit those leaves. An
// assessor unit scores indicators (Art 17); a third party runs the satisfaction surveys (Art 18).
import { leaves, type PlanNode } from './plan.ts';

export type ReachKind = 'indicators' | 'surveys';

/** For each unit reached, the ids of the plan leaves the caller acts on for it. */
export type Reach = ReadonlyMap<string, ReadonlySet<string>>;

export interface CategoryAssignment {
  categoryId: string;
  unitIds: readonly string[];
  /** The tree of the plan in force for the category (absent: no plan yet, so nothing assigned). */
  tree?: readonly PlanNode[];
}

export function reachOf(categories: readonly CategoryAssignment[], assignedUnitId: string, kind: ReachKind): Reach {
  const reach = new Map<string, Set<string>>();
  for (const c of categories) {
    const mine = leaves(c.tree ?? [])
      .map((w) => w.node)
      .filter((n) => n.assessorUnitId === assignedUnitId && (n.method?.kind === 'satisfaction') === (kind === 'surveys'))
      .map((n) => n.id);
    if (!mine.length) continue;
    for (const unitId of c.unitIds) reach.set(unitId, new Set(mine));
  }
  return reach;
}
