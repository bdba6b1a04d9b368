// The audit log: written only by `commit` (functions/data/commit.ts), in the transaction of the change,
// and read here (search, export, verify).
//
// TAMPER EVIDENCE — the hash chain. Every entry belongs to one chain: its region, the Beijing date of
// its time, and one of AUDIT_SHARDS (8) shards drawn from its random id (domain/audit-chain.ts). In its
// chain an entry carries `seq` (1, 2, …), the id and hash of the entry before it (`prevId`, `prevHash`;
// the first links to GENESIS_HASH) and its own `hash` = SHA-256 of the canonical JSON (keys sorted) of
// all its fields but the hash. Each chain has a head item (`HEAD#date#shard`, in the same partition)
// holding the last seq, id and hash. `commit` reads the head, seals the entry on it and writes the
// entry AND the head in the same transaction as the change, the head conditioned on the seq it read
// (or on not existing, for seq 1). So:
// - two writers on one shard cannot both append seq n+1 (no fork): one transaction fails the head's
//   condition, and commit re-reads the head and seals again (not a 409 to the user);
// - writers on other shards, or of other dates or regions, never touch that head and never wait: a
//   region is not serialised, 8 writers can append at once;
// - an item edited in place no longer matches its hash; a removed one leaves a gap in seq (named by the
//   id the next entry recorded) or a head ahead of the chain; a rewritten one (new hash) no longer matches
//   the prevHash of the one after it. `verifyAudit` names each break, earliest first.
// Days are not linked to each other, so a whole day's chain removed WITH its head is not detected here;
// nor does the chain stop a writer holding the application role from appending a forged entry or
// rewriting a chain's tail with fresh hashes (the hash needs no secret). README "Audit log" says what
// closes that (anchoring each day's heads outside the application's reach) and what is left.
// 密评: GB/T 39786 expects SM3 for integrity. The chain uses SHA-256 (`CHAIN_HASH`). Node's OpenSSL does
// offer 'sm3' (checked: the standard test vector), so the switch is small (new chains from a cut-over
// date); what is open is whether the 测评机构 accepts OpenSSL's SM3 rather than a certified module.
//
// FILING by Beijing date: an entry is filed in the partition of its Beijing month (keys.audit), and the
// chain by its Beijing date. Entries written before this were filed by UTC month: search and verify read
// the month before the range too, with the same time bounds, so those are found as well.
import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { chainOf, GENESIS_HASH, hashedText, verifyChains, type ChainEntry, type ChainReport } from '../domain/audit-chain.ts';
import { shiftIsoDate } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';
import { auditHeadRecord, auditRecord, type AuditEntry, type AuditHead } from '../model/region.ts';
import { documentClient, tableName } from './client.ts';
import { entity, KEY_ATTRIBUTES } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export type { AuditEntry, AuditHead } from '../model/region.ts';

/** Filed per region and Beijing month; written only by `commit`, in the transaction of the change. */
export const auditEntity = entity('audit', auditRecord, (a) => keys.audit(a.regionId, a.at, a.id));
/** One chain's head, next to the entries of its month. */
export const auditHeadEntity = entity('auditHead', auditHeadRecord, (h) => keys.auditHead(h.regionId, h.chain.slice(0, 10), Number(h.chain.slice(11))));

/** The chain's hash. SM3 is what 密评 expects (a recorded gap: README "Audit log"). */
export const CHAIN_HASH = 'sha256';
export const hashOf = (text: string) => createHash(CHAIN_HASH).update(text).digest('hex');

/** What an entry's change is stored as: plain JSON values (undefined members dropped, dates as text), so it reads back as hashed. */
export const plainJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The head of the chain an entry (id, time) joins, read consistently; undefined before its first entry. */
export async function readHead(regionId: string, at: string, id: string): Promise<AuditHead | undefined> {
  const { date, shard } = chainOf(at, id);
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.auditHead(regionId, date, shard), ConsistentRead: true }));
  return res.Item ? auditHeadEntity.parse(res.Item) : undefined;
}

type Unsealed = Omit<AuditEntry, 'chain' | 'seq' | 'prevId' | 'prevHash' | 'hash'>;

/** The entry as the next link after `head`, and the head that follows it. */
export function seal(record: Unsealed, head: AuditHead | undefined): { entry: AuditEntry; head: AuditHead } {
  const { chain } = chainOf(record.at, record.id);
  const unhashed = { ...record, before: plainJson(record.before), after: plainJson(record.after), chain, seq: (head?.seq ?? 0) + 1, prevId: head?.lastId ?? '', prevHash: head?.hash ?? GENESIS_HASH };
  const entry: AuditEntry = { ...unhashed, hash: hashOf(hashedText(unhashed)) };
  return { entry, head: { regionId: record.regionId, chain, seq: entry.seq!, lastId: entry.id, hash: entry.hash!, at: entry.at } };
}

// ---- reading: a range of Beijing dates ----

/** The instant a Beijing date begins, as the UTC ISO text sort keys hold. */
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const monthsOf = (from: string, to: string): string[] => {
  const months: string[] = [];
  for (let m = to.slice(0, 7); m >= from.slice(0, 7); ) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
  }
  return months;
};
/** Partitions holding entries of from..to, newest first: the Beijing months, then the month before (entries filed by UTC month). */
const partitionsOf = (regionId: string, from: string, to: string) => monthsOf(shiftIsoDate(from, -1), to).map((m) => keys.auditPartition(regionId, m));
/** Sort-key bounds of the instants of from..to (an sk is `time#id`, so the upper bound excludes the next day's first instant). */
const skRange = (from: string, to: string) => ({ ':from': startOf(from), ':to': startOf(shiftIsoDate(to, 1)) });

export interface AuditSearch {
  regionId: string;
  /** Beijing dates, inclusive. */
  from: string;
  to: string;
  actor?: string;
  unitId?: string;
  /** An action, or the start of one (`user.` finds every account action). */
  action?: string;
  limit: number;
  cursor?: string;
}

/** Items read (before the filters) in one request at most: past it the page ends early, with a cursor. */
const READ_PER_REQUEST = 2_000;

const bindingOf = (s: AuditSearch) =>
  createHash('sha256').update(JSON.stringify(['audit', s.regionId, s.from, s.to, s.actor ?? '', s.unitId ?? '', s.action ?? ''])).digest('base64url').slice(0, 16);

function refuseCursor(): ValidationError {
  return new ValidationError(t('翻页参数有误', 'Invalid page cursor'), [{ path: 'query.cursor', message: t('翻页游标无效或已过期，请从第一页重新开始', 'The cursor is not valid for this list; start again from the first page') }]);
}

/** Where a cursor resumes: a partition of this very search, and a key in it (or its start). */
function decodeCursor(cursor: string, s: AuditSearch, partitions: string[]): { index: number; key?: { pk: string; sk: string } } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuseCursor();
  }
  const { p, s: sk, b } = (decoded ?? {}) as { p?: unknown; s?: unknown; b?: unknown };
  const index = typeof p === 'string' ? partitions.indexOf(p) : -1;
  if (b !== bindingOf(s) || index < 0 || (sk !== undefined && (typeof sk !== 'string' || sk.length > 1024))) throw refuseCursor();
  return { index, key: typeof sk === 'string' ? { pk: p as string, sk } : undefined };
}

const encodeCursor = (s: AuditSearch, pk: string, sk?: string) => Buffer.from(JSON.stringify({ p: pk, s: sk, b: bindingOf(s) })).toString('base64url');

/**
 * One page of a region's audit entries from..to (Beijing dates), newest first, filtered by actor,
 * unit and action. A Query per month partition with the filters applied by DynamoDB: every entry in the
 * range is read (and paid for) whether it matches or not, at most READ_PER_REQUEST per call.
 */
export async function searchAudit(s: AuditSearch): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  const partitions = partitionsOf(s.regionId, s.from, s.to);
  const start = s.cursor ? decodeCursor(s.cursor, s, partitions) : { index: 0, key: undefined };
  const filters: string[] = [];
  const values: Record<string, unknown> = skRange(s.from, s.to);
  if (s.actor) (filters.push('actor = :actor'), (values[':actor'] = s.actor));
  if (s.unitId) (filters.push('unitId = :unit'), (values[':unit'] = s.unitId));
  if (s.action) (filters.push('begins_with(#action, :action)'), (values[':action'] = s.action));
  const items: AuditEntry[] = [];
  let read = 0;
  for (let i = start.index; i < partitions.length; i++) {
    const pk = partitions[i]!;
    let startKey: Record<string, unknown> | undefined = i === start.index ? start.key : undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(s.action ? { ExpressionAttributeNames: { '#action': 'action' } } : {}),
          ExpressionAttributeValues: { ...values, ':pk': pk },
          ScanIndexForward: false,
          Limit: Math.max(s.limit * 2, 100),
          ExclusiveStartKey: startKey,
        }),
      );
      read += page.ScannedCount ?? 0;
      const found = page.Items ?? [];
      for (const [n, item] of found.entries()) {
        // Entries written before the record named its region (the partition does) read as of this one.
        items.push(auditEntity.parse({ regionId: s.regionId, ...item }));
        if (items.length === s.limit) {
          const more = n < found.length - 1 || page.LastEvaluatedKey !== undefined || i < partitions.length - 1;
          return { items, nextCursor: more ? encodeCursor(s, pk, String(item.sk)) : undefined };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (read >= READ_PER_REQUEST && (startKey || i < partitions.length - 1)) {
        return { items, nextCursor: startKey ? encodeCursor(s, pk, String(startKey.sk)) : encodeCursor(s, partitions[i + 1]!) };
      }
    } while (startKey);
  }
  return { items };
}

/** One Beijing month of a region's audit log, newest first (the month's dates as a search). */
export async function listAudit(regionId: string, month: string, limit: number, cursor?: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return searchAudit({ regionId, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, limit, cursor });
}

/**
 * An entry as stored, for the check: every attribute but the keys, unparsed, so an attribute added,
 * removed or changed by hand shows (a parsed record would drop what its schema does not name).
 */
function storedEntry(item: Record<string, unknown>): ChainEntry {
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!(KEY_ATTRIBUTES as readonly string[]).includes(k)) record[k] = v;
  const [skAt = '', skId = ''] = String(item.sk).split('#');
  const entry = { ...record, id: typeof record.id === 'string' ? record.id : skId, at: typeof record.at === 'string' ? record.at : skAt } as ChainEntry;
  // An entry whose own fields were removed, or whose entity was changed, cannot match its hash.
  if (record.id !== entry.id || record.at !== entry.at || item.entity !== auditEntity.name) entry.hash = `${String(record.hash)}~`;
  return entry;
}

export interface AuditVerification extends ChainReport {
  regionId: string;
  from: string;
  to: string;
}

/**
 * Checks every chain of a region's dates from..to: each entry against its hash, each link against the
 * entry before, each chain's end against its head. Reads every entry and head of the range.
 */
export async function verifyAudit(regionId: string, from: string, to: string): Promise<AuditVerification> {
  const values = skRange(from, to);
  const entries: ChainEntry[] = [];
  for (const pk of partitionsOf(regionId, from, to)) {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ...values, ':pk': pk }, ConsistentRead: true });
    entries.push(...items.map(storedEntry));
  }
  const heads: AuditHead[] = [];
  for (const month of monthsOf(from, to)) {
    const [lo, hi] = keys.auditHeadRange(from < `${month}-01` ? `${month}-01` : from, to);
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':pk': keys.auditPartition(regionId, month), ':lo': lo, ':hi': hi }, ConsistentRead: true });
    heads.push(...items.map(auditHeadEntity.parse));
  }
  return { regionId, from, to, ...verifyChains(entries, heads, hashOf) };
}
