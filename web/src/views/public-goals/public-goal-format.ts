// How the public pages write a goal: target with its unit, milestones, units, and the adjustment facts.
import type { PublicGoal } from '@/api/public-goals';

type T = (key: string, values?: Record<string, unknown>) => string;

/** Plans keep hundredths of a point. */
export const points = (hundredths: number) => String(Math.round(hundredths) / 100);

export const targetText = (g: Pick<PublicGoal, 'target' | 'unitOfMeasure'>) => (g.target === undefined ? '' : `${g.target}${g.unitOfMeasure ? ` ${g.unitOfMeasure}` : ''}`);

export const milestonesText = (g: Pick<PublicGoal, 'milestones' | 'unitOfMeasure'>) => g.milestones.map((m) => `${m.date}：${m.expected}${g.unitOfMeasure ? ` ${g.unitOfMeasure}` : ''}`);

export const unitsText = (g: Pick<PublicGoal, 'leadUnitName' | 'coUnitNames'>, t: T) =>
  [g.leadUnitName ? `${t('publicGoals.lead')}：${g.leadUnitName}` : '', g.coUnitNames.length ? `${t('publicGoals.co')}：${g.coUnitNames.join('、')}` : ''].filter(Boolean);

/** One line per approved adjustment: revision, date, reason class. */
export const adjustmentLines = (g: Pick<PublicGoal, 'adjustments'>, t: T) =>
  g.adjustments.map((a) => t('publicGoals.adjustedLine', { revision: a.revision, date: a.decidedOn, reason: t(`adjustReason.${a.reason}`) }));
