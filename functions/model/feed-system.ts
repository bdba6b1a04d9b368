// A feeding system (issue 12, Art 13: automated collection): another system of the region that sends
// indicator values for one cycle through the feed API, signed with its own key. One record per key:
// rotating a key revokes this record and registers the same grants under a new one (rotatedFrom).
import { ids, text, version, z } from '../contracts/zod.ts';

/** A system's id: the public part of its key (identity/feed-keys.ts), 16 base32 characters. */
export const FEED_SYSTEM_ID = /^[a-z2-7]{16}$/;

export const FEED_SYSTEM_STATUSES = ['active', 'revoked'] as const;
export const feedSystemStatus = z.enum(FEED_SYSTEM_STATUSES);

/** A plan indicator code (domain/plan.ts node id). */
export const indicatorCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/);

/**
 * An indicator a system may feed: a leaf of one category's plan. By category, because an indicator's
 * code means something else in another category's plan (1.1 is 地区生产总值增长 for the counties and
 * 重点工作 for the departments).
 */
export const feedGrant = z.object({ categoryId: ids.category, indicatorId: indicatorCode });
export type FeedGrant = z.infer<typeof feedGrant>;

/** What a system may feed: the indicators, and optionally only for some units (empty: any unit of those categories). */
export const feedGrants = z.object({
  name: text({ min: 2, max: 60 }),
  cycleId: ids.cycle,
  indicators: z.array(feedGrant).min(1).max(100),
  unitIds: z.array(ids.unit).max(500).default([]),
});
export type FeedGrants = z.infer<typeof feedGrants>;

/**
 * What a key may do: 'feed' submits indicator values (the grants below), 'results' reads the cycle's
 * published reward eligibility (Art 28–29; no indicators). A key of one purpose is refused on the other's routes.
 */
export const KEY_PURPOSES = ['feed', 'results'] as const;
export const keyPurpose = z.enum(KEY_PURPOSES);
export type KeyPurpose = z.infer<typeof keyPurpose>;

export const feedSystemRecord = z.object({
  regionId: ids.region,
  systemId: z.string().regex(FEED_SYSTEM_ID),
  /** Absent: a feed key (records from before purposes were kept). `purposeOf` reads it. */
  purpose: keyPurpose.optional(),
  name: z.string(),
  cycleId: ids.cycle,
  /** With their names as the plan in force had them at registration, for the bureau's list. */
  indicators: z.array(feedGrant.extend({ categoryName: z.string(), indicatorName: z.string() })),
  unitIds: z.array(z.string()),
  /** SHA-256 of the key's secret (hex): identity/feed-keys.ts says why a fast hash is right here. */
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: feedSystemStatus,
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
  /** The system this key replaced, and the one that replaced it (a rotation). */
  rotatedFrom: z.string().optional(),
  rotatedTo: z.string().optional(),
  /** The last call that stored a value (set in that value's own transaction). */
  lastUsedAt: z.string().optional(),
  fedCount: z.number().int().min(0).default(0),
  version,
});
export type FeedSystemRecord = z.infer<typeof feedSystemRecord>;

export const purposeOf = (s: Pick<FeedSystemRecord, 'purpose'>): KeyPurpose => s.purpose ?? 'feed';
