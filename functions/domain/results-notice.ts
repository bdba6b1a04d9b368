// The results notice's rules (通报, Art 22, 27): what a version lists, built from the categories'
// CONFIRMED results only (a category never confirmed, or reopened for a correction and not confirmed
// again, is named as missing, never filled from preliminary results), and when a draft is out of date.
import type { StageCode } from './stages.ts';
import type { ConfirmationRecord } from '../model/grade-decision.ts';
import type { MissingCategory, NoticeCategory, NoticeRecord } from '../model/results-notice.ts';

/** 报告与通报 onwards: the notice is drafted, approved and corrected while the cycle is open at one of these. */
export const NOTICE_STAGES: readonly StageCode[] = ['report', 'rectification', 'closed'];

/** The plan's grassroots weighting factor when it gives none: 1.00, in hundredths. */
export const DEFAULT_FACTOR = 100;

export interface CategoryInput {
  categoryId: string;
  name: string;
  /** The freeze state: confirmed, reopened, or none (never confirmed). */
  freeze?: { status: 'confirmed' | 'reopened'; confirmedVersion: number };
  /** The latest confirmation snapshot. */
  confirmation?: ConfirmationRecord;
  factor?: number;
}

/**
 * The categories of a notice in the cycle's order, and those missing with why. `vetoesByUnit` holds the
 * names of each unit's approved veto items (the kind of reason, not the facts).
 */
export function buildNotice(categories: readonly CategoryInput[], vetoesByUnit: ReadonlyMap<string, readonly string[]>): { categories: NoticeCategory[]; missing: MissingCategory[] } {
  const built: NoticeCategory[] = [];
  const missing: MissingCategory[] = [];
  for (const c of categories) {
    const snapshot = c.confirmation;
    if (!c.freeze || !snapshot) {
      missing.push({ categoryId: c.categoryId, categoryName: c.name, reason: 'unconfirmed' });
      continue;
    }
    if (c.freeze.status !== 'confirmed' || c.freeze.confirmedVersion !== snapshot.version) {
      missing.push({ categoryId: c.categoryId, categoryName: c.name, reason: 'reopened' });
      continue;
    }
    built.push({
      categoryId: c.categoryId,
      categoryName: snapshot.categoryName,
      confirmationVersion: snapshot.version,
      confirmedAt: snapshot.confirmedAt,
      factor: c.factor ?? DEFAULT_FACTOR,
      counts: snapshot.counts,
      units: [...snapshot.units]
        .sort((a, b) => a.order - b.order)
        .map((u) => ({
          unitId: u.unitId,
          unitName: u.unitName,
          grade: u.grade,
          gradeName: u.gradeName,
          position: u.position,
          rankInGrade: u.rankInGrade,
          tied: u.tied,
          total: u.total,
          changes: u.gradeDecisions.map((d) => ({ target: d.target, direction: d.direction, steps: d.steps, documentNumber: d.documentNumber })),
          // A veto shows as 不合格 with the veto item's name; a vetoed unit whose items are unknown still says 一票否决.
          vetoes: u.vetoed ? [...(vetoesByUnit.get(u.unitId) ?? ['一票否决'])] : [],
        })),
    });
  }
  return { categories: built, missing };
}

/** The categories whose confirmation moved since the version was drafted (reopened, or confirmed again), by name. */
export function staleCategories(notice: Pick<NoticeRecord, 'categories'>, current: readonly CategoryInput[]): string[] {
  return notice.categories
    .filter((c) => {
      const now = current.find((x) => x.categoryId === c.categoryId)?.freeze;
      return !now || now.status !== 'confirmed' || now.confirmedVersion !== c.confirmationVersion;
    })
    .map((c) => c.categoryName);
}

/** Statuses in which the bureau may still edit a version. */
export const isOpenDraft = (s: NoticeRecord['status']) => s === 'draft' || s === 'returned';
/** A version not yet decided: one at a time per cycle. */
export const isPending = (s: NoticeRecord['status']) => s === 'draft' || s === 'returned' || s === 'submitted';
