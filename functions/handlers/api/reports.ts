// Annual reports (Art 24), spread into the 'results' handler: a unit's report and the region report,
// built from the confirmed results (data/reports.ts reads, domain/unit-report.ts and
// domain/region-report.ts compose). A unit whose category is not confirmed gets a clear refusal.
import { t } from '../../contracts/lang.ts';
import { reportRoutes } from '../../contracts/reports.ts';
import { readRegionReportInputs, readUnitReportInputs } from '../../data/reports.ts';
import { ConflictError } from '../../domain/errors.ts';
import { buildRegionReport } from '../../domain/region-report.ts';
import { buildUnitReport } from '../../domain/unit-report.ts';
import { ops } from '../../http/chain.ts';

const notConfirmed = (category: string) =>
  new ConflictError(t(`「${category}」的考评结果尚未经绩效办领导确认，年度报告在确认后生成`, `The results of “${category}” are not yet confirmed by the bureau leader; the report is made once they are`));

export const reportOps = ops(reportRoutes, {
  getUnitReport: async ({ params: { regionId, cycleId, unitId } }) => {
    const i = await readUnitReportInputs(regionId, cycleId, unitId);
    if (!i.snapshot || !i.result || !i.plan) throw notConfirmed(i.category.name);
    return buildUnitReport({ ...i, snapshot: i.snapshot, result: i.result, plan: i.plan, unitId, cycle: { cycleId, year: i.cycle.year } });
  },

  getRegionReport: async ({ params: { regionId, cycleId } }) => {
    const i = await readRegionReportInputs(regionId, cycleId);
    return buildRegionReport({ ...i, cycle: { cycleId, year: i.cycle.year } });
  },
});
