// The results notice as stored (model/results-notice.ts; rules in domain/results-notice.ts): the head
// and every version in one Query of RESULT##NOTICE#; whether the notice is published is a GetItem of
// the head alone (`isNoticePublished`: reports use it for "until the results are published"). Every
// move is one commit with its audit entry, version-checked on the head and the version, and conditioned
// on the cycle's stage; the approval also on each category's confirmation being the one drafted from.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { NOTICE_STAGES } from '../domain/results-notice.ts';
import { noticeHeadRecord, noticeRecord, type NoticeHeadRecord, type NoticeRecord } from '../model/results-notice.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { noticeItem } from './notifications.ts';
import { queryAll } from './query.ts';

export const noticeEntity = entity('resultsNotice', noticeRecord, (n) => keys.noticeVersion(n.regionId, n.cycleId, n.number));
export const noticeHeadEntity = entity('resultsNoticeHead', noticeHeadRecord, (h) => keys.noticeHead(h.regionId, h.cycleId));

export interface StoredNotice {
  head?: NoticeHeadRecord;
  /** Oldest first. */
  versions: NoticeRecord[];
}

/** The head and every version: one Query. */
export async function readNotice(regionId: string, cycleId: string): Promise<StoredNotice> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.noticePrefix },
    ConsistentRead: true,
  });
  const head = items.find(noticeHeadEntity.is);
  return { head: head ? noticeHeadEntity.parse(head) : undefined, versions: items.filter(noticeEntity.is).map(noticeEntity.parse).sort((a, b) => a.number - b.number) };
}

export async function getNoticeHead(regionId: string, cycleId: string): Promise<NoticeHeadRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.noticeHead(regionId, cycleId), ConsistentRead: true }));
  return res.Item ? noticeHeadEntity.parse(res.Item) : undefined;
}

/** The results of the cycle are published (Art 27): a version of its notice is in force. One GetItem. */
export async function isNoticePublished(regionId: string, cycleId: string): Promise<boolean> {
  return (await getNoticeHead(regionId, cycleId))?.published !== undefined;
}

const target = (n: Pick<NoticeRecord, 'regionId' | 'cycleId' | 'number'>) => `results-notice:${n.regionId}/${n.cycleId}/v${n.number}`;
const stale = () =>
  t('结果通报已被他人修改，或周期已不在「报告与通报」至「结果运用」阶段，请刷新后重试', 'Someone else changed the results notice, or the cycle is not between report and closing; please refresh and try again');

/** What the audit keeps of a version: its fields and per category the version and counts, not every unit. */
const audited = (n: NoticeRecord | undefined) =>
  n && { ...n, categories: n.categories.map((c) => ({ categoryId: c.categoryId, confirmationVersion: c.confirmationVersion, factor: c.factor, counts: c.counts, units: c.units.length })) };

/** A draft, an edit, a submission or a return: the version and (for a new one) the head, in one commit. */
export async function storeNoticeVersion(
  actor: Actor,
  action: string,
  before: NoticeRecord | undefined,
  after: NoticeRecord,
  head: { before: NoticeHeadRecord | undefined; after: NoticeHeadRecord } | undefined,
  notices: Record<string, unknown>[] = [],
): Promise<void> {
  await commit(
    actor,
    { action, target: target(after), before: audited(before), after: audited(after) },
    [
      atStage(after.regionId, after.cycleId, NOTICE_STAGES),
      putIf(noticeEntity.item(after), before?.version),
      ...(head ? [putIf(noticeHeadEntity.item(head.after), head.before?.version)] : []),
      ...notices.map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ],
    after.updatedAt,
    stale(),
  );
}

/** The category is still confirmed at the version the notice was drafted from. */
function stillConfirmed(n: NoticeRecord, categoryId: string, confirmedVersion: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.categoryFreeze(n.regionId, n.cycleId, categoryId),
      ConditionExpression: '#status = :confirmed AND confirmedVersion = :v',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':v': confirmedVersion },
    },
  };
}

/** Notices per transaction after the first (which carries the publication itself). */
const FIRST_NOTICES = 80;
const MORE_NOTICES = 95;

/**
 * The leader's approval publishes the version: it becomes the one in force, the version it corrects is
 * marked superseded, the head moves — one transaction, with every category's confirmation checked and
 * the first notices to the units; a cycle with more units than one transaction holds gets the rest in
 * further commits (audited as `results.notice.notify`), as the preliminary results' publication does.
 */
export async function publishNoticeVersion(
  actor: Actor,
  before: NoticeRecord,
  after: NoticeRecord,
  replaced: { before: NoticeRecord; after: NoticeRecord } | undefined,
  head: { before: NoticeHeadRecord; after: NoticeHeadRecord },
  unitIds: readonly string[],
): Promise<void> {
  const at = after.updatedAt;
  const corrected = replaced !== undefined;
  const notices = unitIds.map((unitId) =>
    noticeItem({
      regionId: after.regionId,
      unitId,
      at,
      kind: 'results.notice.publish',
      title: corrected ? t(`考评结果通报已更正：${after.title}`, `Results notice corrected: ${after.title}`) : t(`考评结果通报已发布：${after.title}`, `Results notice published: ${after.title}`),
      body: corrected
        ? t(`${after.cycleId} 年度考评结果通报（${after.documentNumber}）已更正为第 ${after.number} 版。更正理由：${after.correctionReason ?? ''}`, `The ${after.cycleId} results notice (${after.documentNumber}) is corrected as version ${after.number}. Reason: ${after.correctionReason ?? ''}`)
        : t(`${after.cycleId} 年度考评结果通报（${after.documentNumber}）已经绩效办领导批准发布。`, `The ${after.cycleId} results notice (${after.documentNumber}) is approved and published.`),
      link: `/public/results-notice/${after.regionId}/${after.cycleId}`,
    }),
  );
  await commit(
    actor,
    { action: corrected ? 'results.notice.correct' : 'results.notice.publish', target: target(after), before: audited(before), after: audited(after) },
    [
      atStage(after.regionId, after.cycleId, NOTICE_STAGES),
      putIf(noticeEntity.item(after), before.version),
      putIf(noticeHeadEntity.item(head.after), head.before.version),
      ...(replaced ? [putIf(noticeEntity.item(replaced.after), replaced.before.version)] : []),
      ...after.categories.map((c) => stillConfirmed(after, c.categoryId, c.confirmationVersion)),
      ...notices.slice(0, FIRST_NOTICES).map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ],
    at,
    t('结果通报已被他人修改，或其中类别的确认结果已变化（被更正或重新确认），请刷新后重试', 'Someone else changed the notice, or a category’s confirmed results changed since (reopened or confirmed again); please refresh and try again'),
  );
  for (let i = FIRST_NOTICES; i < notices.length; i += MORE_NOTICES) {
    const chunk = notices.slice(i, i + MORE_NOTICES);
    await commit(actor, { action: 'results.notice.notify', target: target(after), after: { count: chunk.length } }, chunk.map((Item) => ({ Put: { TableName: tableName(), Item } })), at);
  }
}
