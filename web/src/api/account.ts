import { http } from './http';
import type { AuditEntry, Notice, Page } from './types';

/** 本单位的站内消息 */
export const listNoticesApi = (regionId: string, limit: number, cursor?: string) =>
  http.get<Page<Notice>>(`/regions/${encodeURIComponent(regionId)}/notices`, { query: { limit, cursor } });

/** 操作日志（按月） */
export const listAuditApi = (regionId: string, month: string, limit: number, cursor?: string) =>
  http.get<Page<AuditEntry>>(`/regions/${encodeURIComponent(regionId)}/audit`, { query: { month, limit, cursor } });
