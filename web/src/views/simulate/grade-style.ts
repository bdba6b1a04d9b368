// One colour per grade, shared by the tags and the chart (Element Plus status colours).
import type { Grade } from '@shared/domain/scoring/index.ts';

export const GRADE_TAG_TYPES: Record<Grade, 'success' | 'primary' | 'warning' | 'danger'> = {
  first: 'success',
  second: 'primary',
  third: 'warning',
  fail: 'danger',
};

export const GRADE_COLORS: Record<Grade, string> = { first: '#67c23a', second: '#409eff', third: '#e6a23c', fail: '#f56c6c' };
