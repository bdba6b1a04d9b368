// The working-day calendar: a region's years, one year, the bureau's edits, and deadlines counted
// in working days (Art 14, Art 21). The domain checks the dates against the year.
import { calendarRecord, calendarSummary, workingDeadline } from '../model/calendar.ts';
import { bureau, everyone } from './access.ts';
import { list, route } from './define.ts';
import { regionPath, yearPath } from './paths.ts';
import { t } from './lang.ts';
import { isoDate, text, version, z } from './zod.ts';

export const saveCalendarBody = z.object({
  holidays: z.array(isoDate).max(366),
  workdays: z.array(isoDate).max(366),
  /** Where the dates come from, e.g. the notice's title. */
  source: text({ max: 200 }).optional(),
  /** The version the bureau loaded (optimistic lock); absent when creating the year. */
  version: version.optional(),
});
export type SaveCalendarBody = z.infer<typeof saveCalendarBody>;

export const deadlineQuery = z.object({
  from: isoDate,
  // Digits only: a bare coercion would read an empty `days=` as 0.
  days: z.coerce
    .string()
    .regex(/^\d{1,3}$/, { error: () => t('天数应为 0–366 的整数', 'Days are a whole number from 0 to 366') })
    .transform(Number)
    .pipe(z.number().int().min(0).max(366)),
});
export type DeadlineQuery = z.infer<typeof deadlineQuery>;

// `deadline` before `{year}`: the local gateway takes the first match (API Gateway prefers the literal path anyway).
export const calendarRoutes = {
  listCalendarYears: route({ method: 'GET', path: '/regions/{regionId}/calendar', group: 'calendar', access: everyone('region'), params: regionPath, output: list(calendarSummary), summary: '工作日历：已设置的年度' }),
  workingDeadline: route({ method: 'GET', path: '/regions/{regionId}/calendar/deadline', group: 'calendar', access: everyone('region'), params: regionPath, query: deadlineQuery, output: workingDeadline, summary: '按工作日计算截止日期' }),
  getCalendarYear: route({ method: 'GET', path: '/regions/{regionId}/calendar/{year}', group: 'calendar', access: everyone('region'), params: yearPath, output: calendarRecord, summary: '某年度的工作日历' }),
  saveCalendarYear: route({ method: 'PUT', path: '/regions/{regionId}/calendar/{year}', group: 'calendar', access: bureau, params: yearPath, body: saveCalendarBody, output: calendarRecord, summary: '保存某年度的工作日历' }),
};
