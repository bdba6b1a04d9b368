// How the annual reports write figures and dates: points to two decimals, dates as a document dates
// them (2026年1月10日, Beijing), section numbers 一、二、三….
import { formatPoints } from '@shared/domain/scoring/index.ts';
import { formatDate } from '@/utils/format';
import type { BandView } from '@/api/reports';

export const pts = (hundredths: number): string => formatPoints(hundredths);

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 一 … 十 (a report has fewer than eleven sections or items of a kind per list). */
export const numeral = (n: number): string => NUMERALS[n - 1] ?? String(n);

/** A document date: 2026年1月10日 in Chinese, 10 Jan 2026 otherwise. */
export function documentDate(iso: string, locale: string): string {
  const [y, m, d] = formatDate(iso).split('-').map(Number);
  return locale.startsWith('zh') ? `${y}年${m}月${d}日` : `${d}/${m}/${y}`;
}

/** A band's label: <60, 60–70, …, ≥100. */
export function bandLabel(b: Pick<BandView, 'from' | 'to'>): string {
  const whole = (h: number) => String(h / 100);
  if (b.from === null) return `<${whole(b.to ?? 0)}`;
  if (b.to === null) return `≥${whole(b.from)}`;
  return `${whole(b.from)}–${whole(b.to)}`;
}
