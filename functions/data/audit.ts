// Reading the audit log (written only by `commit`).
import { auditRecord } from '../model/region.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

export type { AuditEntry } from '../model/region.ts';

/** Filed per region and month; written only by `commit`, in the transaction of the change. */
export const auditEntity = entity('audit', auditRecord, (a) => keys.audit(a.regionId, a.at, a.id));

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
  return { items: page.items.map(auditEntity.parse), nextCursor: page.nextCursor };
}
