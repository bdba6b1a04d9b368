import { accountRoutes } from '@shared/contracts/account.ts';
import { call } from './call';

/** 本单位的站内消息 */
export const listNoticesApi = (regionId: string, limit: number, cursor?: string) =>
  call(accountRoutes.listNotices, { params: { regionId }, query: { limit, cursor } });

/** 操作日志（按月） */
export const listAuditApi = (regionId: string, month: string, limit: number, cursor?: string) =>
  call(accountRoutes.listAudit, { params: { regionId }, query: { month, limit, cursor } });
