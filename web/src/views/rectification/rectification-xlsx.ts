// The bureau's rectification list as a workbook (整改跟踪台账): one row per plan, overdue marked.
import type { RectificationView } from '@/api/rectification';
import { rowsWorkbook } from '@/utils/xlsx';

export const RECTIFICATION_HEADER = ['单位', '问题', '重点问题', '责任人', '职务', '整改措施', '整改承诺', '整改期限', '状态', '是否逾期', '进展次数', '最新进展'] as const;
const WIDTHS = [20, 36, 8, 10, 18, 40, 30, 12, 14, 8, 8, 40];
export const STATUS_NAMES: Record<RectificationView['status'], string> = { draft: '草稿', submitted: '待单位负责人审批', approved: '整改中', completed: '已完成待验收', accepted: '已验收', returned: '退回整改' };

export function rectificationRows(items: readonly RectificationView[]): string[][] {
  return [
    [...RECTIFICATION_HEADER],
    ...items.map((r) => [r.unitName, r.problemTitle, r.key ? '是' : '否', r.responsible, r.responsiblePost, r.measures, r.commitment, r.deadline, STATUS_NAMES[r.status], r.overdue ? '是' : '否', String(r.progress.length), r.progress.at(-1)?.text ?? '']),
  ];
}

export const rectificationWorkbook = (items: readonly RectificationView[]) => rowsWorkbook(rectificationRows(items), '整改跟踪', WIDTHS);
