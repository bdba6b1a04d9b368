// The working-day calendar: one item per region and year in the region's partition, so all of a
// region's years are one Query (a handful of small items) and a deadline needs no more.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { WorkingCalendar, type CalendarYear } from '../domain/working-days.ts';
import { calendarRecord, type CalendarRecord } from '../model/calendar.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const calendarEntity = entity('calendar', calendarRecord, (c) => keys.calendar(c.regionId, c.year));

/** The item of a stored year (the local seed writes the shipped years with it). */
export const calendarItem = (c: CalendarRecord) => calendarEntity.item(c);

export async function getCalendarYear(regionId: string, year: number): Promise<CalendarRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.calendar(regionId, year) }));
  return res.Item ? calendarEntity.parse(res.Item) : undefined;
}

/** Every year of a region, ascending. */
export async function listCalendarYears(regionId: string): Promise<CalendarRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.calendarPrefix },
  });
  return items.map((i) => calendarEntity.parse(i)).sort((a, b) => a.year - b.year);
}

export async function loadWorkingCalendar(regionId: string): Promise<WorkingCalendar> {
  return new WorkingCalendar(await listCalendarYears(regionId));
}

const diff = (before: readonly string[], after: readonly string[]) => ({
  added: after.filter((d) => !before.includes(d)),
  removed: before.filter((d) => !after.includes(d)),
});

/**
 * Save one year. Without `version` the year must not exist yet; with it, it must still be that
 * version (someone else's save in between is a 409, never a silent overwrite).
 */
export async function saveCalendarYear(
  actor: Actor,
  regionId: string,
  input: CalendarYear,
  version: number | undefined,
  at: string,
  before?: CalendarRecord,
): Promise<CalendarRecord> {
  const next: CalendarRecord = {
    regionId,
    year: input.year,
    holidays: [...input.holidays].sort(),
    workdays: [...input.workdays].sort(),
    ...(input.source ? { source: input.source } : {}),
    version: (version ?? 0) + 1,
    updatedAt: at,
    updatedBy: actor.username,
  };
  const write: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: calendarEntity.item(next),
      ...(version === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }),
    },
  };
  await commit(
    actor,
    {
      action: version === undefined ? 'calendar.create' : 'calendar.update',
      target: `calendar:${regionId}/${input.year}`,
      // The changed dates, not both whole lists: that is what a reader of the log wants.
      before: before ? { version: before.version, source: before.source } : undefined,
      after: {
        version: next.version,
        source: next.source,
        holidays: diff(before?.holidays ?? [], next.holidays),
        workdays: diff(before?.workdays ?? [], next.workdays),
      },
    },
    [write],
    at,
    version === undefined
      ? t(`${input.year} 年的工作日历已存在，请刷新后在其基础上修改`, `The working-day calendar of ${input.year} exists already; please refresh and edit it`)
      : t(`${input.year} 年的工作日历已被他人修改，请刷新后重试`, `The working-day calendar of ${input.year} was changed by someone else; please refresh and try again`),
  );
  return next;
}
