// Demo results notice and results use of 玉林市 2025 (Art 22, 27–29), after 'grade-decisions' (every
// category confirmed, version 1): the counties' plan (c1 县（市、区）) given the grassroots factor 1.20, the
// notice drafted from the confirmed results by the same builder as the API (data/notice-content.ts
// noticeContentNow) and published as version 1 on 报告与通报's first day, and one results consumer — the
// organisation department's cadre system — registered with a key of purpose 'results' whose secret is
// thrown away (as a real key is shown once): to try the API locally, replace it (更换密钥) on 数据接口.
import { getCycle } from '../../functions/data/cycles.ts';
import { feedSystemItem } from '../../functions/data/feed-systems.ts';
import { getCurrentPlan, planItem } from '../../functions/data/plans.ts';
import { noticeContentNow } from '../../functions/data/notice-content.ts';
import { noticeEntity, noticeHeadEntity } from '../../functions/data/results-notice.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { newFeedKey, newFeedSystemId } from '../../functions/identity/feed-keys.ts';
import type { NoticeRecord } from '../../functions/model/results-notice.ts';
import { YULIN } from './demo-data.ts';

const CYCLE = '2025';
export const DEMO_NOTICE_DOCUMENT = '玉绩办〔2026〕8号';
export const DEMO_FACTOR_CATEGORY = 'c1';
export const DEMO_FACTOR = 120;

export async function demoNoticeItems(): Promise<Record<string, unknown>[]> {
  const [cycle, plan] = await Promise.all([getCycle(YULIN, CYCLE), getCurrentPlan(YULIN, CYCLE, DEMO_FACTOR_CATEGORY)]);
  if (!cycle || !plan) return [];
  const items: Record<string, unknown>[] = [planItem({ ...plan, plan: { ...plan.plan, grassrootsFactor: DEMO_FACTOR } })];
  // The notice records each category's factor as drafted; the plan above is written in the same part, so it is put in here.
  const content = await noticeContentNow(YULIN, CYCLE);
  const factorOf = (categoryId: string, f: number) => (categoryId === DEMO_FACTOR_CATEGORY ? DEMO_FACTOR : f);
  const day = cycle.stages[stageNumber('report') - 1]!.opensOn;
  const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;
  const notice: NoticeRecord = {
    regionId: YULIN,
    cycleId: CYCLE,
    number: 1,
    status: 'published',
    title: '关于2025年度绩效考评结果的通报',
    documentNumber: DEMO_NOTICE_DOCUMENT,
    issueDate: day,
    preface: '根据《玉林市绩效管理条例》和《玉林市2025年度绩效考评方案》，经综合考评、结果反馈与复核，并报市绩效考评领导小组审定，现将2025年度绩效考评结果通报如下。',
    categories: content.categories.map((c) => ({ ...c, factor: factorOf(c.categoryId, c.factor) })),
    missing: content.missing,
    draftedAt: at('01:00'),
    draftedBy: 'yl_staff',
    updatedAt: at('03:00'),
    updatedBy: 'yl_leader',
    submittedAt: at('01:30'),
    submittedBy: 'yl_staff',
    publishedAt: at('03:00'),
    approvedBy: 'yl_leader',
    version: 3,
  };
  items.push(noticeEntity.item(notice), noticeHeadEntity.item({ regionId: YULIN, cycleId: CYCLE, latest: 1, published: 1, publishedAt: notice.publishedAt, version: 2 }));
  const systemId = newFeedSystemId();
  items.push(
    feedSystemItem({
      regionId: YULIN,
      systemId,
      purpose: 'results',
      name: '市委组织部干部考核管理系统',
      cycleId: CYCLE,
      indicators: [],
      unitIds: [],
      keyHash: newFeedKey(systemId).hash,
      status: 'active',
      createdAt: at('04:00'),
      createdBy: 'yl_staff',
      fedCount: 0,
      version: 1,
    }),
  );
  return items;
}
