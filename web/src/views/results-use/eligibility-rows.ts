// The eligibility table as the export writes it: one sheet, every category, the figures as the page shows them.
import { formatPoints } from '@shared/domain/scoring/index.ts';
import type { EligibilityView } from '@/api/results-use';

type T = (key: string, values?: Record<string, unknown>) => string;

export function eligibilitySheetRows(view: EligibilityView, t: T): string[][] {
  const header = [t('resultsUse.category'), t('resultsNotice.col.position'), t('resultsUse.unitId'), t('resultsNotice.col.unit'), t('resultsNotice.col.grade'), t('resultsNotice.col.rankInGrade'), t('resultsUse.total'), t('resultsUse.factor'), t('resultsUse.weighted'), t('resultsUse.eligibility'), t('resultsUse.basis')];
  const rows = view.categories.flatMap((c) =>
    c.rows.map((r) => [c.categoryName, String(r.position), r.unitId, r.unitName, r.gradeName, String(r.rankInGrade), formatPoints(r.total), formatPoints(r.factor), formatPoints(r.weightedTotal), r.eligible ? t('resultsUse.eligible') : t('resultsUse.lost'), r.basis]),
  );
  return [header, ...rows];
}
