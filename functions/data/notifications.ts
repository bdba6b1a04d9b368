// In-app notices (站内消息), one inbox per unit.
import { randomUUID } from 'node:crypto';
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

export interface Notice {
  id: string;
  regionId: string;
  unitId: string;
  at: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
}

/** An item to write inside the transaction of the change that causes the notice. */
export function noticeItem(n: Omit<Notice, 'id'>): Record<string, unknown> {
  const id = randomUUID();
  return { ...keys.inbox(n.regionId, n.unitId, n.at, id), entity: 'notice', id, ...n };
}

/** Newest first, one page at a time. */
export async function listNotices(regionId: string, unitId: string, limit: number, cursor?: string) {
  const page = await queryPage(
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.inboxPartition(regionId, unitId) },
      ScanIndexForward: false,
    },
    limit,
    cursor,
  );
  return {
    items: page.items.map(({ pk, sk, entity, ...n }) => n as unknown as Notice),
    nextCursor: page.nextCursor,
  };
}
