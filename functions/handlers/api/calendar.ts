// The working-day calendar (法定节假日 + 调休): years of a region, one year, the bureau's edits,
// and deadlines counted in working days (Art 14, Art 21).
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { getCalendarYear, listCalendarYears, loadWorkingCalendar, saveCalendarYear } from '../../data/calendar.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { checkCalendarYear, staleCalendarSave } from '../../domain/working-days.ts';
import { apiHandler } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import { recomputeProvisional } from '../workflow/feedback-clock.ts';

export const handler = apiHandler('calendar', {
  listCalendarYears: async ({ params }) => ({
    items: (await listCalendarYears(params.regionId)).map(({ holidays, workdays, ...c }) => ({
      ...c,
      holidayCount: holidays.length,
      workdayCount: workdays.length,
    })),
  }),

  getCalendarYear: async ({ params: { regionId, year } }) => {
    const item = await getCalendarYear(regionId, year);
    if (!item) throw new NotFoundError(t(`${year} 年的工作日历尚未设置`, `The working-day calendar of ${year} has not been set`));
    return item;
  },

  saveCalendarYear: async ({ caller, params: { regionId, year }, body: { holidays, workdays, source, version } }) => {
    const problems = checkCalendarYear({ year, holidays, workdays }).map((p) => ({ path: `body.${p.path}`, message: p.message }));
    if (problems.length) throw new ValidationError(t('工作日历有误', 'The working-day calendar has errors'), problems);
    const before = await getCalendarYear(regionId, year);
    const stale = staleCalendarSave(year, before, version);
    if (stale) throw stale;
    const saved = await saveCalendarYear(caller, regionId, { year, holidays, workdays, source }, version, nowIso(), before);
    // Feedback answer dates counted provisionally across this year get the official ones now. The
    // year is saved whatever happens here: an item left over is finished by the daily job.
    await recomputeProvisional(regionId, year, caller).catch((e: unknown) => logger.warn('provisional feedback dates not all recomputed', { regionId, year, error: (e as Error).message }));
    return saved;
  },

  workingDeadline: async ({ params, query: { from, days } }) => {
    const calendar = await loadWorkingCalendar(params.regionId);
    return { from, days, ...calendar.deadline(from, days) };
  },
});
