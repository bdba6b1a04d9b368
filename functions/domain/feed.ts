// The rules of a feed call (contracts/feed.ts feedValues), pure: which rows a key's grant does not
// cover (the whole call is refused then), which rows repeat, whether a row changes anything. Periods
// are checked as the unit's own entries are (domain/progress-periods.ts periodProblem).
import type { FedValue, ProgressItemRecord } from '../model/progress-report.ts';
import type { FeedSystemRecord } from '../model/feed-system.ts';

export interface FeedRowKey {
  unitId: string;
  indicatorId: string;
  period: string;
}

/**
 * The index of each row the system may not feed: a unit outside its units (when it names any), or an
 * indicator it was not granted in the unit's category. A unit in no category of the cycle is left to
 * the row's own refusal (UNKNOWN_UNIT): it is not a question of the grant.
 */
export function outsideGrant(system: Pick<FeedSystemRecord, 'indicators' | 'unitIds'>, rows: readonly FeedRowKey[], categoryOf: (unitId: string) => string | undefined): number[] {
  const granted = new Set(system.indicators.map((g) => `${g.categoryId}|${g.indicatorId}`));
  const units = new Set(system.unitIds);
  return rows.flatMap((r, i) => {
    if (units.size > 0 && !units.has(r.unitId)) return [i];
    const category = categoryOf(r.unitId);
    return category !== undefined && !granted.has(`${category}|${r.indicatorId}`) ? [i] : [];
  });
}

/** The index of every row after the first that names the same unit, indicator and period. */
export function repeatedRows(rows: readonly FeedRowKey[]): number[] {
  const seen = new Set<string>();
  return rows.flatMap((r, i) => {
    const k = `${r.unitId}|${r.indicatorId}|${r.period}`;
    if (seen.has(k)) return [i];
    seen.add(k);
    return [];
  });
}

/** Whether the row would change nothing: the item already holds this fed value. */
export const sameFed = (item: Pick<ProgressItemRecord, 'value' | 'fed'> | undefined, value: number) => item?.fed !== undefined && item.fed.value === value && item.value === value;

export const fedOf = (system: Pick<FeedSystemRecord, 'systemId' | 'name'>, value: number, at: string): FedValue => ({ value, systemId: system.systemId, systemName: system.name, at });

/** What a new item is made of: where it sits, the goal's category and assessor unit, the period report's status. */
export type NewItemBase = Pick<ProgressItemRecord, 'regionId' | 'cycleId' | 'unitId' | 'period' | 'indicatorId' | 'categoryId' | 'assessorUnitId' | 'status'>;

/**
 * The item as a fed value leaves it: `value` and `fed` together (readers use `value` either way), a
 * declaration of nothing to report giving way to the figure; the unit's other fields stay.
 */
export function withFed(before: ProgressItemRecord | undefined, base: NewItemBase, fed: FedValue, by: string): ProgressItemRecord {
  const start: ProgressItemRecord = before ?? { ...base, nothingToReport: false, evidence: [], late: false, version: 0, updatedAt: fed.at, updatedBy: by };
  const { nothingReason: _dropped, ...kept } = start;
  return { ...kept, value: fed.value, fed, nothingToReport: false, version: start.version + 1, updatedAt: fed.at, updatedBy: by };
}
