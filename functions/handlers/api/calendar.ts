// The working-day calendar (法定节假日 + 调休): years of a region, one year, the bureau's edits,
// and deadlines counted in working days (Art 14, Art 21).
import { nowIso } from '../../config/clock.ts';
import { getCalendarYear, listCalendarYears, loadWorkingCalendar, saveCalendarYear } from '../../data/calendar.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { checkCalendarYear } from '../../domain/working-days.ts';
import { legacyApiHandler as apiHandler } from '../../http/chain.ts';
import type { DeadlineQuery, SaveCalendarBody } from '../../http/calendar-schemas.ts';

function yearParam(value: string | undefined): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value ?? '') || year < 2000 || year > 2100) {
    throw new ValidationError('年份应为 2000–2100 之间的四位数字', [{ path: 'params.year', message: '年份无效' }]);
  }
  return year;
}

export const handler = apiHandler('calendar', {
  listCalendarYears: async ({ params }) => ({
    items: (await listCalendarYears(params.regionId!)).map(({ holidays, workdays, ...c }) => ({
      ...c,
      holidayCount: holidays.length,
      workdayCount: workdays.length,
    })),
  }),

  getCalendarYear: async ({ params }) => {
    const year = yearParam(params.year);
    const item = await getCalendarYear(params.regionId!, year);
    if (!item) throw new NotFoundError(`${year} 年的工作日历尚未设置`);
    return item;
  },

  saveCalendarYear: async ({ caller, params, body }) => {
    const year = yearParam(params.year);
    const { holidays, workdays, source, version } = body as SaveCalendarBody;
    const problems = checkCalendarYear({ year, holidays, workdays }).map((p) => ({ path: `body.${p.path}`, message: p.message }));
    if (problems.length) throw new ValidationError(`工作日历有误：${problems.map((p) => `${p.path}（${p.message}）`).join('；')}`, problems);
    const before = await getCalendarYear(params.regionId!, year);
    if (before && before.version !== version) throw new ConflictError(`${year} 年的工作日历已被他人修改（当前版本 ${before.version}），请刷新后重试`);
    return saveCalendarYear(caller!, params.regionId!, { year, holidays, workdays, source }, version, nowIso(), before);
  },

  workingDeadline: async ({ params, query }) => {
    const { from, days } = query as DeadlineQuery;
    const calendar = await loadWorkingCalendar(params.regionId!);
    return { from, days, ...calendar.deadline(from, days) };
  },
});
