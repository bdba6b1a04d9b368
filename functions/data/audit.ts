// Reading the audit log (written only by `commit`).
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  role: string;
  unitId?: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

/** One month of a region's audit log, newest first. */
export async function listAudit(regionId: string, month: string, limit: number, cursor?: string) {
  const page = await queryPage(
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(regionId, month) },
      ScanIndexForward: false,
    },
    limit,
    cursor,
  );
  return { items: page.items.map(({ pk, sk, entity, ...a }) => a as unknown as AuditEntry), nextCursor: page.nextCursor };
}
