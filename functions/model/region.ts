// Regions (行政区域) and the notices and audit entries kept per region.
import { ids, z } from '../contracts/zod.ts';

export const regionRecord = z.object({
  regionId: ids.region,
  name: z.string(),
  /** The city a county-level region belongs to. */
  parentId: z.string().optional(),
  /** The unit that is this region's bureau (绩效管理工作机构). */
  bureauUnitId: z.string(),
});

/** An in-app notice (站内消息) in a unit's inbox. */
export const noticeRecord = z.object({
  id: z.string(),
  regionId: z.string(),
  unitId: z.string(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().optional(),
  /** The role within the unit the notice is addressed to (e.g. unit_leader for a missed deadline); absent: the whole unit. */
  audience: z.string().optional(),
});

/**
 * One audit entry, written only by `commit`, and its place in a hash chain (functions/data/audit.ts):
 * `chain` (Beijing date and shard), `seq` from 1, the entry before it (`prevId`, `prevHash`) and its
 * own `hash`. Entries written before the chain have none of the four.
 */
export const auditRecord = z.object({
  id: z.string(),
  regionId: z.string(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  unitId: z.string().optional(),
  action: z.string(),
  target: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  chain: z.string().optional(),
  seq: z.number().int().positive().optional(),
  prevId: z.string().optional(),
  prevHash: z.string().optional(),
  hash: z.string().optional(),
});

/** The last link of one audit chain, replaced in the transaction of every entry it gains. */
export const auditHeadRecord = z.object({
  regionId: z.string(),
  chain: z.string(),
  seq: z.number().int().positive(),
  lastId: z.string(),
  hash: z.string(),
  at: z.string(),
});

export type Region = z.infer<typeof regionRecord>;
export type Notice = z.infer<typeof noticeRecord>;
export type AuditEntry = z.infer<typeof auditRecord>;
export type AuditHead = z.infer<typeof auditHeadRecord>;
