// The audit hash chain's rules, pure: which chain an entry joins, what its hash covers, and what the
// chains read back from the table must look like. functions/data/audit.ts stores and reads them and
// explains the design (one chain per region, Beijing date and shard).
import { t } from '../contracts/lang.ts';
import { beijingDate } from './dates.ts';

/** Chains per region and Beijing date: writers on different shards never wait for each other. */
export const AUDIT_SHARDS = 8;
/** What the first entry of a chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain an entry joins: the Beijing date of its time, and a shard drawn from its (random) id. */
export function chainOf(at: string, id: string): { date: string; shard: number; chain: string } {
  const date = beijingDate(Date.parse(at));
  const drawn = Number.parseInt(id.slice(0, 2), 16);
  const shard = Number.isNaN(drawn) ? 0 : drawn % AUDIT_SHARDS;
  return { date, shard, chain: `${date}#${shard}` };
}

/**
 * JSON with object keys sorted at every depth, no spaces, undefined members left out (as the table
 * leaves them out), so the same record always gives the same text whatever order it was built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const names = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${names.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an entry's hash covers: every field of the record except the hash itself (prevHash included). */
export function hashedText(entry: Record<string, unknown>): string {
  const { hash: _hash, ...rest } = entry;
  return canonicalJson(rest);
}

export interface ChainEntry {
  id: string;
  at: string;
  chain?: string;
  seq?: number;
  prevId?: string;
  prevHash?: string;
  hash?: string;
  [field: string]: unknown;
}

export interface ChainHead {
  chain: string;
  seq: number;
  lastId: string;
  hash: string;
  at: string;
}

/**
 * - `altered`: the entry's fields no longer give its hash (edited in place);
 * - `replaced`: the entry's hash is not the one the next entry (or the head) recorded for it (rewritten with
 *   a fresh hash, or put over another entry);
 * - `missing`: entries of the chain are gone (a gap in `seq`), named by the id the next entry recorded;
 * - `tailMissing`: the head counts more entries than are left at the end of the chain;
 * - `headMissing`: a chain with entries but no head (the head was removed);
 * - `duplicate`: two entries claim the same place (a fork: only possible by writing the table directly);
 * - `misfiled`: the entry says it belongs to another chain than its time and id put it in.
 */
export type ChainBreakKind = 'altered' | 'replaced' | 'missing' | 'tailMissing' | 'headMissing' | 'duplicate' | 'misfiled';

export interface ChainBreak {
  kind: ChainBreakKind;
  chain: string;
  /** The entry the break is about (for missing entries, the id their neighbour recorded). */
  entryId: string;
  /** The entry's time, or for missing entries the time of the entry after them (or before, at the end). */
  at: string;
  seq?: number;
  message: string;
}

export interface ChainReport {
  /** Chained entries read. */
  checked: number;
  chains: number;
  /** Entries written before the chain (no seq or hash): counted, not checkable. */
  unchained: number;
  /** Every break found, earliest first: the first is the first broken link. */
  breaks: ChainBreak[];
}

const BEIJING_MS = 8 * 3600_000;
/** An instant as Beijing wall-clock time, for messages. */
export const beijingTime = (at: string) => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
};

/** Checks every chain of `entries` against itself and its head; `hashOf` is the chain's hash function. */
export function verifyChains(entries: readonly ChainEntry[], heads: readonly ChainHead[], hashOf: (text: string) => string): ChainReport {
  const breaks: ChainBreak[] = [];
  const byChain = new Map<string, ChainEntry[]>();
  let unchained = 0;
  for (const e of entries) {
    if (e.seq === undefined || e.hash === undefined || e.chain === undefined) {
      unchained++;
      continue;
    }
    byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  }
  const headOf = new Map(heads.map((h) => [h.chain, h]));
  const chainNames = new Set([...byChain.keys(), ...headOf.keys()]);

  for (const chain of chainNames) {
    const list = (byChain.get(chain) ?? []).sort((a, b) => a.seq! - b.seq! || a.at.localeCompare(b.at));
    let prev: { id: string; hash: string; seq: number; at?: string } = { id: '', hash: GENESIS_HASH, seq: 0 };
    for (const e of list) {
      const when = beijingTime(e.at);
      if (hashOf(hashedText(e)) !== e.hash) {
        breaks.push({ kind: 'altered', chain, entryId: e.id, at: e.at, seq: e.seq, message: t(`记录 ${e.id}（${when}）的内容已被改动：与其哈希不符`, `Entry ${e.id} (${when}) was altered: its fields no longer match its hash`) });
      }
      if (chainOf(e.at, e.id).chain !== chain) {
        breaks.push({ kind: 'misfiled', chain, entryId: e.id, at: e.at, seq: e.seq, message: t(`记录 ${e.id}（${when}）不属于链 ${chain}`, `Entry ${e.id} (${when}) does not belong to chain ${chain}`) });
      }
      if (e.seq === prev.seq) {
        breaks.push({ kind: 'duplicate', chain, entryId: e.id, at: e.at, seq: e.seq, message: t(`记录 ${e.id}（${when}）与记录 ${prev.id} 占用同一序号 ${e.seq}：链被分叉`, `Entry ${e.id} (${when}) takes place ${e.seq} of entry ${prev.id}: the chain was forked`) });
        continue;
      }
      if (e.seq! > prev.seq + 1) {
        const first = prev.seq + 1;
        const last = e.seq! - 1;
        const span = first === last ? String(first) : `${first}–${last}`;
        const since = prev.at ? beijingTime(prev.at) : t('当日开始', 'the start of the day');
        breaks.push({
          kind: 'missing',
          chain,
          entryId: e.prevId ?? '',
          at: e.at,
          seq: last,
          message: t(
            `链 ${chain} 缺少第 ${span} 条记录（最后一条为 ${e.prevId || '?'}，写于 ${since} 至 ${when} 之间）：已被删除`,
            `Chain ${chain} lacks entry ${span} (the last of them ${e.prevId || '?'}, written between ${since} and ${when}): removed`,
          ),
        });
      } else if (e.prevHash !== prev.hash || (e.prevId ?? '') !== prev.id) {
        const prevWhen = prev.at ? beijingTime(prev.at) : '';
        breaks.push({
          kind: 'replaced',
          chain,
          entryId: prev.id || e.id,
          at: prev.at ?? e.at,
          seq: prev.seq || e.seq,
          message: prev.id
            ? t(`记录 ${prev.id}（${prevWhen}）已被改写或替换：与下一条记录 ${e.id} 所记的哈希不符`, `Entry ${prev.id} (${prevWhen}) was rewritten or replaced: its hash is not the one the next entry ${e.id} recorded`)
            : t(`记录 ${e.id}（${when}）不接在链首`, `Entry ${e.id} (${when}) does not link to the start of its chain`),
        });
      }
      prev = { id: e.id, hash: e.hash!, seq: e.seq!, at: e.at };
    }

    const head = headOf.get(chain);
    const last = list.at(-1);
    const lastWhen = last ? beijingTime(last.at) : '';
    if (!head) {
      if (last) breaks.push({ kind: 'headMissing', chain, entryId: last.id, at: last.at, seq: last.seq, message: t(`链 ${chain} 的链头已被删除（最后一条记录 ${last.id}，${lastWhen}）`, `The head of chain ${chain} was removed (last entry ${last.id}, ${lastWhen})`) });
    } else if (head.seq > prev.seq) {
      const span = prev.seq + 1 === head.seq ? String(head.seq) : `${prev.seq + 1}–${head.seq}`;
      breaks.push({
        kind: 'tailMissing',
        chain,
        entryId: head.lastId,
        at: head.at,
        seq: head.seq,
        message: t(`链 ${chain} 末尾缺少第 ${span} 条记录（最后一条为 ${head.lastId}，${beijingTime(head.at)}）：已被删除`, `Chain ${chain} lacks its last entries ${span} (the last ${head.lastId}, ${beijingTime(head.at)}): removed`),
      });
    } else if (last && (head.seq < prev.seq || head.hash !== prev.hash || head.lastId !== prev.id)) {
      breaks.push({
        kind: 'replaced',
        chain,
        entryId: prev.id,
        at: prev.at ?? head.at,
        seq: prev.seq,
        message: t(`链 ${chain} 的最后一条记录 ${prev.id}（${lastWhen}）与链头所记不符：已被改写、替换或追加`, `The last entry ${prev.id} (${lastWhen}) of chain ${chain} is not the one its head recorded: rewritten, replaced or appended to`),
      });
    }
  }
  breaks.sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? 0) - (b.seq ?? 0));
  return { checked: entries.length - unchained, chains: chainNames.size, unchained, breaks };
}
