// Demo bonus and deduction items (Art 19–20) of 玉林市 2025, the assessed year: every unit of the
// cycle has at least one decided item — bonuses approved under the demo plan's rules (one unit over a
// rule's cap, one claim rejected), deductions raised by 市统计局 (an assessor unit, with its evidence
// file), by the bureau (one 情节严重) and one made from the feedback proposal of 博白县's late answer
// (the proposal marked as drafted); 公安局's unanswered-feedback proposal is dismissed with a reason.
// 2026 has none: its assessment has not begun.
import { createHash } from 'node:crypto';
import { claimEntity, claimItem } from '../../functions/data/claims.ts';
import { proposalEntity, proposalItem } from '../../functions/data/feedback.ts';
import { claimEvidenceObjectKey } from '../../functions/domain/evidence.ts';
import { claimTerms, ruleOf } from '../../functions/domain/claims.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import type { ClaimKind, ClaimRecord, ClaimStatus, RaiserKind } from '../../functions/model/claim.ts';
import type { EvidenceFile } from '../../functions/model/progress-report.ts';
import { units, YULIN } from './demo-data.ts';
import { demoFeedbackItems } from './seed-feedback.ts';
import { demoPlan, demoTree } from './seed-plan.ts';
import { demoPdf } from './seed-progress.ts';

const CYCLE = '2025';
const uuid = (n: number) => `00000000-0000-4000-9025-${String(n).padStart(12, '0')}`;
const when = (date: string, hour: number) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

interface Spec {
  unitId: string;
  kind: ClaimKind;
  ruleId: string;
  occurrences?: number;
  status: Extract<ClaimStatus, 'approved' | 'rejected'>;
  by: { kind: RaiserKind; unitId: string; username: string };
  description: string;
  reason: string;
  feedbackId?: string;
  file?: string;
}

const unitBy = (unitId: string) => ({ kind: 'unit' as const, unitId, username: `${unitId.replace('yl-', '')}_leader` });
const TJJ = { kind: 'assessor' as const, unitId: 'yl-tjj', username: 'yl_tjj' };
const BUREAU = { kind: 'bureau' as const, unitId: 'yl-jxb', username: 'yl_staff' };

const BONUS_TEXT: Record<string, string> = {
  b1: '获国务院表彰“全国模范集体”称号（表彰文件附后）。',
  b2: '获自治区人民政府表彰（自治区年度考评排名第一）。',
  b3: '全年主要经济指标超额完成年度目标（统计年报附后）。',
};

/** One bonus for every unit, in turn under b3, b2 and b1; the specials below on top. */
function specs(unitIds: readonly string[], proposals: { unitId: string; feedbackId: string }[]): Spec[] {
  const rules = ['b3', 'b2', 'b1'];
  const base = unitIds.map((unitId, i): Spec => {
    const ruleId = rules[i % 3]!;
    return { unitId, kind: 'bonus', ruleId, status: 'approved', by: unitBy(unitId), description: BONUS_TEXT[ruleId]!, reason: '佐证材料齐全，符合加分规则' };
  });
  const late = proposals.find((p) => p.unitId === 'yl-bobai');
  return [
    ...base,
    // Over the rule's cap (b2: 1.00): three items of 0.50 count as 1.00.
    { unitId: 'yl-yuzhou', kind: 'bonus', ruleId: 'b2', occurrences: 3, status: 'approved', by: unitBy('yl-yuzhou'), description: '三个项目获自治区级表彰（乡村振兴、营商环境、生态文明示范）。', reason: '经核实三项表彰均属实', file: '自治区表彰文件.pdf' },
    { unitId: 'yl-xingye', kind: 'bonus', ruleId: 'b1', status: 'rejected', by: unitBy('yl-xingye'), description: '获国家级媒体专题报道。', reason: '媒体报道不属于国家级表彰，不符合加分规则' },
    { unitId: 'yl-fumian', kind: 'deduction', ruleId: 'd1', status: 'approved', by: TJJ, description: '统计数据质量抽查中发现虚报，被自治区统计局通报批评（桂统通〔2025〕12号）。', reason: '通报文件属实', file: '自治区统计局通报.pdf' },
    { unitId: 'yl-gaj', kind: 'deduction', ruleId: 'd2', status: 'approved', by: BUREAU, description: '信访积案化解工作被自治区通报，情节严重。', reason: '经绩效办核实，按情节严重扣分并降一个等次' },
    ...(late ? [{ unitId: 'yl-bobai', kind: 'deduction' as const, ruleId: 'd3', status: 'approved' as const, by: BUREAU, description: '反馈意见答复逾期：安全生产隐患排查台账不完整，整改闭环材料缺失。', reason: '答复逾期 4 个工作日，按规则扣分', feedbackId: late.feedbackId }] : []),
  ];
}

/** The items, the feedback proposals they settle, and the evidence files to put. */
export function demoClaims(at: string) {
  const own = units.filter((u) => u.regionId === YULIN);
  const categories = categoriesFromHints(own);
  const categoryOf = new Map(categories.flatMap((c, i) => c.unitIds.map((u) => [u, { categoryId: `c${i + 1}`, plan: demoPlan(demoTree(YULIN, c.name)) }] as const)));
  const proposals = demoFeedbackItems(at)
    .filter(proposalEntity.is)
    .map(proposalEntity.parse)
    .filter((p) => p.cycleId === CYCLE);
  const files: { objectKey: string; body: Uint8Array; contentType: string; sha256: string }[] = [];
  const items: Record<string, unknown>[] = [];
  specs(categories.flatMap((c) => c.unitIds), proposals).forEach((s, n) => {
    const placed = categoryOf.get(s.unitId);
    const rule = placed && ruleOf(placed.plan, s.kind, s.ruleId);
    const terms = rule && claimTerms(rule, s.occurrences ?? 1);
    if (!placed || !terms || 'problem' in terms) throw new Error(`demo claim ${s.unitId} ${s.ruleId}: no such rule`);
    const id = uuid(n + 1);
    const raised = when('2025-12-10', 9 + (n % 8));
    const evidence: EvidenceFile[] = [];
    if (s.file) {
      const body = demoPdf(`Evidence ${s.ruleId} ${s.unitId}`);
      const sha256 = createHash('sha256').update(body).digest('base64');
      const fileId = `claimdemo${String(n).padStart(8, '0')}`;
      files.push({ objectKey: claimEvidenceObjectKey({ regionId: YULIN, cycleId: CYCLE, unitId: s.unitId }, fileId), body, contentType: 'application/pdf', sha256 });
      evidence.push({ fileId, name: s.file, contentType: 'application/pdf', size: body.length, sha256, uploadedAt: raised, uploadedBy: s.by.username });
    }
    const decidedAt = when('2025-12-20', 10);
    const claim: ClaimRecord = {
      regionId: YULIN,
      cycleId: CYCLE,
      unitId: s.unitId,
      id,
      unitName: own.find((u) => u.unitId === s.unitId)!.name,
      categoryId: placed.categoryId,
      kind: s.kind,
      ruleId: s.ruleId,
      occurrences: s.occurrences ?? 1,
      ...terms,
      raisedBy: { kind: s.by.kind, unitId: s.by.unitId },
      ...(s.feedbackId ? { source: { feedbackId: s.feedbackId } } : {}),
      description: s.description,
      evidence,
      status: s.status,
      submittedAt: raised,
      submittedBy: s.by.username,
      // Rules needing approval are the bureau leader's; the feedback rule the staff's.
      decision: { outcome: s.status, by: terms.needsApproval ? 'yl_leader' : 'yl_staff', at: decidedAt, reason: s.reason },
      createdAt: raised,
      createdBy: s.by.username,
      version: 3,
      updatedAt: decidedAt,
      updatedBy: terms.needsApproval ? 'yl_leader' : 'yl_staff',
    };
    items.push(claimItem(claim));
    const proposal = s.feedbackId ? proposals.find((p) => p.feedbackId === s.feedbackId) : undefined;
    if (proposal) items.push(proposalItem({ ...proposal, status: 'drafted', claimId: id, decidedAt: raised, decidedBy: 'yl_staff' }));
  });
  const unanswered = proposals.find((p) => p.unitId === 'yl-gaj');
  if (unanswered) items.push(proposalItem({ ...unanswered, status: 'dismissed', dismissReason: '该事项已按情节严重另行扣分（信访积案通报），不重复扣分', decidedAt: when('2025-12-12', 15), decidedBy: 'yl_staff' }));
  return { items, files };
}

/** The demo items that carry an evidence file (the route walkers download them: test/integration/contracts-walk.test.ts). */
export function demoClaimFiles(at: string) {
  return demoClaims(at)
    .items.filter(claimEntity.is)
    .map(claimEntity.parse)
    .filter((c) => c.evidence.length)
    .map((c) => ({ cycleId: c.cycleId, unitId: c.unitId, claimId: c.id, fileId: c.evidence[0]!.fileId, kind: c.kind, raiserUnitId: c.raisedBy.unitId }));
}
