// The bureau's list of complaints as a workbook: no contact details (not even masked) and no query
// codes — an export leaves the system, the personal information stays in it (security.md, README).
import { STAGE_NAMES, type StageCode } from '@shared/domain/stages.ts';
import type { ComplaintItem } from '@/api/complaints';
import { rowsWorkbook } from '@/utils/xlsx';

export const COMPLAINT_HEADER = ['编号', '收到日期', '来源', '事项', '考评周期', '涉及单位', '涉及阶段', '状态', '答复期限', '是否逾期', '承办人'] as const;
const WIDTHS = [12, 12, 10, 36, 10, 20, 12, 12, 14, 10, 14];
const STATUS: Record<ComplaintItem['status'], string> = { received: '待处理', handling: '处理中', pending_approval: '待领导审核', answered: '已答复' };

export function complaintRows(items: readonly ComplaintItem[]): string[][] {
  return [
    [...COMPLAINT_HEADER],
    ...items.map((c) => [
      c.complaintId.slice(0, 8),
      c.receivedOn,
      c.channel === 'public' ? '公开页面' : '门户登录',
      c.subject,
      c.cycleId ?? '',
      c.unitName ?? '',
      c.stage ? STAGE_NAMES[c.stage as StageCode] : '',
      STATUS[c.status],
      `${c.due.date}${c.due.provisional ? '（暂定）' : ''}`,
      c.overdue ? '是' : '否',
      c.handler ?? '',
    ]),
  ];
}

export const complaintWorkbook = (items: readonly ComplaintItem[]) => rowsWorkbook(complaintRows(items), '投诉举报', WIDTHS);
