// Demo 复核 of 玉林市 2025 (Art 21): a few units filed a request within the window of the seeded
// publication (two days after it) and the bureau decided every item two days later — some upheld, two
// adjusted the way the portal does it (domain/review-adjustments.ts: the assessor's input corrected with
// the review as its reason, the engine's score), and the categories touched recomputed by the same
// category-scoped computation the bureau's decision runs. None is left pending: 2025 has moved past
// 等次评定, so a pending request could never be decided. After 'results' (whose items it reads and
// recomputes) and before 'grade-decisions' (a confirmation freezes the results).
import { createHash } from 'node:crypto';
import type { Actor } from '../../functions/data/commit.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { readUnitClaims } from '../../functions/data/claims.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { getPublication } from '../../functions/data/results.ts';
import { readUnitScores, reviewItem } from '../../functions/data/reviews.ts';
import { scoreItem } from '../../functions/data/scores.ts';
import { SCORE_FIELD } from '../../functions/domain/assessor-scores.ts';
import { adjustScore } from '../../functions/domain/review-adjustments.ts';
import { claimItemId, claimStood, reviewEvidenceObjectKey, scoreItemId, scoreStood } from '../../functions/domain/reviews.ts';
import { scoredLeaves } from '../../functions/domain/results.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { EvidenceFile } from '../../functions/model/progress-report.ts';
import type { ReviewItem, ReviewRecord } from '../../functions/model/review.ts';
import { recomputeCategory } from '../../functions/handlers/workflow/recompute-category.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { YULIN } from './demo-data.ts';
import { demoPdf } from './seed-progress.ts';

const CYCLE = '2025';
const uuid = (n: number) => `00000000-0000-4000-8025-${String(800 + n).padStart(12, '0')}`;
const when = (date: string, hour: number) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

/** The one demo file (the route walkers download it: test/integration/contracts-walk.test.ts). */
export const DEMO_REVIEW_FILE = { cycleId: CYCLE, unitId: 'yl-fumian', reviewId: uuid(1), fileId: 'reviewdemo00000001' } as const;

interface Spec {
  unitId: string;
  leader: string;
  /** adjusted: the unit's first completion score below full points corrected to its target; upheld: its first score kept. */
  score: { outcome: 'adjusted' | 'upheld'; reason: string; opinion: string };
  /** A decided deduction the unit also names (upheld). */
  claim?: { reason: string; opinion: string };
  file?: string;
}

const SPECS: Spec[] = [
  {
    unitId: 'yl-fumian',
    leader: 'yl_staff',
    score: { outcome: 'adjusted', reason: '统计局年报已更正本区数据，实际完成值达到目标值，请按更正后的数据评分。', opinion: '经核对自治区统计局更正公告，实际完成值达到目标值，予以调整。' },
    claim: { reason: '被通报事项已于当年整改到位，请求不予扣分。', opinion: '通报事实清楚，整改不影响扣分，维持原结果。' },
    file: '统计数据更正公告.pdf',
  },
  { unitId: 'yl-czj', leader: 'yl_leader', score: { outcome: 'adjusted', reason: '决算数据晚于评分报送，实际完成值应以决算为准。', opinion: '经核实决算报告，按决算数据调整。' } },
  { unitId: 'yl-jyj', leader: 'yl_staff', score: { outcome: 'upheld', reason: '认为评价等级偏低，请求复核。', opinion: '考评单位评价依据充分，维持原评价等级。' } },
  { unitId: 'yl-zgh', leader: 'yl_staff', score: { outcome: 'upheld', reason: '实际完成值统计口径与目标不一致，请求复核。', opinion: '统计口径与审定目标一致，维持原结果。' } },
];

/** The requests, the scores they adjusted, the evidence files; and the categories to recompute. */
export async function demoReviews(): Promise<{ items: Record<string, unknown>[]; files: { objectKey: string; body: Uint8Array; contentType: string; sha256: string }[]; categories: string[] }> {
  const [cycle, set] = await Promise.all([getCycle(YULIN, CYCLE), getCategorySet(YULIN, CYCLE)]);
  if (!cycle || !set) return { items: [], files: [], categories: [] };
  const items: Record<string, unknown>[] = [];
  const files: { objectKey: string; body: Uint8Array; contentType: string; sha256: string }[] = [];
  const categories = new Set<string>();
  const day = cycle.stages[stageNumber('preliminary_review') - 1]!.opensOn;
  const filed = when(shiftIsoDate(day, 2), 10);
  const decided = when(shiftIsoDate(day, 4), 15);
  for (const [n, s] of SPECS.entries()) {
    const category = set.categories.find((c) => c.units.some((u) => u.unitId === s.unitId));
    const plan = category && (await getCurrentPlan(YULIN, CYCLE, category.categoryId));
    if (!category || !plan || !(await getPublication(YULIN, CYCLE, category.categoryId))) continue;
    const unitName = category.units.find((u) => u.unitId === s.unitId)!.name;
    const leaves = scoredLeaves(plan.plan);
    const scores = await readUnitScores(YULIN, CYCLE, s.unitId);
    // An adjustment corrects a completion score below full points to its target; an upheld item is any submitted score.
    const target =
      s.score.outcome === 'adjusted'
        ? scores.find((x) => x.status === 'submitted' && x.methodKind === 'completion' && x.score !== null && x.score < x.points && x.inputs.target !== undefined)
        : scores.find((x) => x.status === 'submitted' && x.score !== null);
    if (!target) continue;
    const leaf = leaves.find((l) => l.id === target.indicatorId)!;
    const reviewId = uuid(n + 1);
    const evidence: EvidenceFile[] = [];
    if (s.file) {
      const body = demoPdf(`Review evidence ${s.unitId}`);
      const sha256 = createHash('sha256').update(body).digest('base64');
      files.push({ objectKey: reviewEvidenceObjectKey({ regionId: YULIN, cycleId: CYCLE, unitId: s.unitId }, DEMO_REVIEW_FILE.fileId), body, contentType: 'application/pdf', sha256 });
      evidence.push({ fileId: DEMO_REVIEW_FILE.fileId, name: s.file, contentType: 'application/pdf', size: body.length, sha256, uploadedAt: filed, uploadedBy: `${s.unitId.slice(3)}_staff` });
    }
    const scoreEntry: ReviewItem = { itemId: scoreItemId(target.indicatorId), kind: 'score', name: `${leaf.id} ${leaf.name}`, stood: scoreStood(target), field: SCORE_FIELD[target.methodKind], reason: s.score.reason, evidence };
    const reviewItems: ReviewItem[] = [scoreEntry];
    if (s.score.outcome === 'adjusted') {
      const done = adjustScore({ ...leaf, method: leaf.method! }, target, { actual: target.inputs.target! }, [target], { reason: `复核调整：${s.score.opinion}`, by: s.leader, at: decided });
      for (const w of done.writes) items.push(scoreItem(w.after));
      scoreEntry.decision = { outcome: 'adjusted', opinion: s.score.opinion, by: s.leader, at: decided, change: done.change };
      categories.add(category.categoryId);
    } else scoreEntry.decision = { outcome: 'upheld', opinion: s.score.opinion, by: s.leader, at: decided };
    if (s.claim) {
      const { claims } = await readUnitClaims(YULIN, CYCLE, s.unitId);
      const claim = claims.find((c) => c.kind === 'deduction' && c.status === 'approved');
      if (claim) reviewItems.push({ itemId: claimItemId(claim.id), kind: 'claim', name: `扣分：${claim.name}`, stood: claimStood(claim), reason: s.claim.reason, evidence: [], decision: { outcome: 'upheld', opinion: s.claim.opinion, by: s.leader, at: decided } });
    }
    const review: ReviewRecord = {
      regionId: YULIN,
      cycleId: CYCLE,
      unitId: s.unitId,
      id: reviewId,
      unitName,
      categoryId: category.categoryId,
      categoryName: category.name,
      status: 'decided',
      items: reviewItems,
      createdAt: filed,
      createdBy: `${s.unitId.slice(3)}_staff`,
      submittedAt: filed,
      submittedBy: `${s.unitId.slice(3)}_leader`,
      decidedAt: decided,
      version: 2 + reviewItems.length,
      updatedAt: decided,
      updatedBy: s.leader,
    };
    items.push(reviewItem(review));
  }
  return { items, files, categories: [...categories] };
}

/** Recomputes the categories the adjustments touched (the bureau's decision does the same at once). */
export async function recomputeDemoCategories(actor: Actor, categories: readonly string[]): Promise<void> {
  for (const c of categories) await recomputeCategory(actor, YULIN, CYCLE, c, 'review:demo');
}
