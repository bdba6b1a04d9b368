// A warning's reason as the portal shows it: the stored Chinese sentence, or the locale's wording
// of the same code and figures in another language.
import type { WarningReason } from '@/api/early-warning';

type Translate = (key: string, params: Record<string, unknown>) => string;

export function reasonText(r: WarningReason, t: Translate, locale: string): string {
  if (locale.startsWith('zh')) return r.text;
  if (r.code === 'no_milestone_yet' && !r.params.date) return t('warning.reason.no_milestones', {});
  if (r.code === 'milestone_overdue' && r.params.value === '') return t('warning.reason.milestone_overdue_novalue', r.params);
  return t(`warning.reason.${r.code}`, r.params);
}

export const LEVEL_TAG = { green: 'success', yellow: 'warning', red: 'danger' } as const;
