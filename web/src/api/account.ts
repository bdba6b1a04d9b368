import { accountRoutes } from '@shared/contracts/account.ts';
import { auditRoutes } from '@shared/contracts/audit.ts';
import type { CallInput } from '@shared/contracts/define.ts';
import { call } from './call';

/** 本单位的站内消息 */
export const listNoticesApi = (regionId: string, limit: number, cursor?: string) =>
  call(accountRoutes.listNotices, { params: { regionId }, query: { limit, cursor } });

/** What the audit search takes: Beijing dates from..to (or a month), user, unit, action or its start. */
export type AuditFilter = Omit<NonNullable<CallInput<typeof auditRoutes.listAudit>['query']>, 'limit' | 'cursor'>;

/** 操作日志（按时间范围、用户、单位、操作查询，分页） */
export const searchAuditApi = (regionId: string, filter: AuditFilter, limit: number, cursor?: string) =>
  call(auditRoutes.listAudit, { params: { regionId }, query: { ...filter, limit, cursor } });

/** 操作日志完整性校验：指出第一处断链 */
export const verifyAuditApi = (regionId: string, from: string, to: string) =>
  call(auditRoutes.verifyAudit, { params: { regionId }, query: { from, to } });
