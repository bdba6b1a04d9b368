// In-app notices (站内消息), one inbox per unit.
import { randomUUID } from 'node:crypto';
import { noticeRecord, type Notice } from '../model/region.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

export type { Notice } from '../model/region.ts';

export const noticeEntity = entity('notice', noticeRecord, (n) => keys.inbox(n.regionId, n.unitId, n.at, n.id));

/** An item to write inside the transaction of the change that causes the notice. */
export function noticeItem(n: Omit<Notice, 'id'>): Record<string, unknown> {
  return noticeEntity.item({ id: randomUUID(), ...n });
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
  return { items: page.items.map(noticeEntity.parse), nextCursor: page.nextCursor };
}
