// An Art 23 change in words: 提高等次 1 等 / 降低位次 2 位.
type T = (key: string, values?: Record<string, unknown>) => string;
export const art23Text = (t: T, d: { target: 'grade' | 'rank'; direction: 'raise' | 'lower'; steps: number }): string =>
  t('art23.changeText', { direction: t(`art23.directions.${d.direction}`), target: t(`art23.targets.${d.target}`), steps: d.steps, unit: d.target === 'grade' ? t('art23.gradeUnit') : t('art23.rankUnit') });
