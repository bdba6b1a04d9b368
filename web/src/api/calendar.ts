import type { CalendarYear } from '@shared/domain/working-days.ts';
import { http, request } from './http';

export type { CalendarYear } from '@shared/domain/working-days.ts';

/** One year as stored for the region. */
export interface CalendarYearView extends CalendarYear {
  regionId: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export type CalendarSummary = Omit<CalendarYearView, 'holidays' | 'workdays'> & { holidayCount: number; workdayCount: number };

export interface SaveCalendarBody {
  holidays: string[];
  workdays: string[];
  source?: string;
  /** Absent when the year is created. */
  version?: number;
}

export interface WorkingDeadline {
  from: string;
  days: number;
  date: string;
  deadlineAt: string;
}

const base = (regionId: string) => `/regions/${encodeURIComponent(regionId)}/calendar`;

/** 已设置工作日历的年度 */
export const listCalendarYearsApi = (regionId: string) => http.get<{ items: CalendarSummary[] }>(base(regionId));

/** 某年度的工作日历（未设置时 404，由调用方处理） */
export const getCalendarYearApi = (regionId: string, year: number) =>
  http.get<CalendarYearView>(`${base(regionId)}/${year}`, { silent: true });

/** 保存某年度的工作日历（错误由页面显示） */
export const saveCalendarYearApi = (regionId: string, year: number, body: SaveCalendarBody) =>
  request<CalendarYearView>('PUT', `${base(regionId)}/${year}`, { body, silent: true });

/** 按工作日计算截止日期（错误由表单显示） */
export const workingDeadlineApi = (regionId: string, from: string, days: number) =>
  http.get<WorkingDeadline>(`${base(regionId)}/deadline`, { query: { from, days }, silent: true });
