import { calendarRoutes, type SaveCalendarBody } from '@shared/contracts/calendar.ts';
import { call } from './call';


const yearParams = (regionId: string, year: number) => ({ regionId, year: String(year) });

/** 已设置工作日历的年度 */
export const listCalendarYearsApi = (regionId: string) => call(calendarRoutes.listCalendarYears, { params: { regionId } });

/** 某年度的工作日历（未设置时 404，由调用方处理） */
export const getCalendarYearApi = (regionId: string, year: number) =>
  call(calendarRoutes.getCalendarYear, { params: yearParams(regionId, year) }, { silent: true });

/** 保存某年度的工作日历（错误由页面显示） */
export const saveCalendarYearApi = (regionId: string, year: number, body: SaveCalendarBody) =>
  call(calendarRoutes.saveCalendarYear, { params: yearParams(regionId, year), body }, { silent: true });

/** 按工作日计算截止日期（错误由表单显示） */
export const workingDeadlineApi = (regionId: string, from: string, days: number) =>
  call(calendarRoutes.workingDeadline, { params: { regionId }, query: { from, days } }, { silent: true });
