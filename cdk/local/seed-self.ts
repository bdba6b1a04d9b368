// Demo self-assessments (自评, Art 16) of 玉林市 2025, the assessed year: every unit assessed every goal
// of its approved 2025 set (cdk/local/seed-goals.ts) — the value reached near its target, a level, the
// occurrences or its own score as the goal's method asks, a narrative, the engine's preview of its own
// score — and its leader submitted the set before the stage deadline, which the bureau then confirmed.
// A few units attached an evidence file to a goal 市统计局 assesses. 2026 has none: its stage is not open.
import { createHash } from 'node:crypto';
import { selfEntity, selfSetItem } from '../../functions/data/self-assessments.ts';
import { evidenceObjectKey } from '../../functions/domain/evidence.ts';
import { goalLeaves } from '../../functions/domain/goals.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import { applyPercent } from '../../functions/domain/scoring/index.ts';
import { isComplete, selfMethod, selfPreview, type SelfInput } from '../../functions/domain/self-assessment.ts';
import { defaultStageDates, stageNumber } from '../../functions/domain/stages.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import type { EvidenceFile } from '../../functions/model/progress-report.ts';
import type { SelfAssessmentRecord, SelfAssessmentSetRecord } from '../../functions/model/self-assessment.ts';
import { units, YULIN } from './demo-data.ts';
import { demoGoalFields } from './seed-goals.ts';
import { demoTree } from './seed-plan.ts';
import { demoPdf } from './seed-progress.ts';

const YEAR = 2025;
const CYCLE = String(YEAR);

function spread(key: string, n: number): number {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % n;
}
const round1 = (x: number) => Math.round(x * 10) / 10;

/** What a unit reports for a goal: near its target, a level, the occurrences or its own score, as the method asks. */
function inputFor(leaf: PlanNode, unitId: string, target: number | undefined): SelfInput {
  const k = spread(`${unitId}/${leaf.id}/self`, 10);
  const narrative = `${leaf.name}：全年按年度目标推进，${k < 7 ? '各节点目标均按期完成' : '个别节点目标滞后，四季度已追赶'}，相关台账和统计数据已整理备查。`;
  switch (leaf.method?.kind) {
    case 'completion':
      return { achieved: round1((target ?? 100) * (0.92 + k * 0.012)), narrative };
    case 'ranking':
      return { achieved: 1 + k, narrative };
    case 'deduction':
      return { occurrences: k < 7 ? 0 : 1, narrative };
    case 'qualitative':
      return { level: (['excellent', 'good', 'good', 'fair'] as const)[k % 4], narrative };
    case 'direct':
      return { selfScore: applyPercent(leaf.points, 8_500 + k * 150), narrative };
    default:
      return { narrative };
  }
}

export interface DemoSelfFile {
  cycleId: string;
  unitId: string;
  indicatorId: string;
  fileId: string;
}

/** The 2025 sets and items, and the evidence files to put. */
export function demoSelfAssessments() {
  const stage = defaultStageDates(YEAR)[stageNumber('self_assessment') - 1]!;
  const submittedAt = (unitId: string) => `${stage.deadline.slice(0, 8)}1${spread(unitId, 6)}T02:00:00.000Z`;
  const approvedAt = `${stage.deadline}T07:00:00.000Z`;
  const own = units.filter((u) => u.regionId === YULIN);
  const items: Record<string, unknown>[] = [];
  const files: { objectKey: string; body: Uint8Array; contentType: string; sha256: string }[] = [];
  const withFiles: DemoSelfFile[] = [];
  categoriesFromHints(own).forEach((c, i) => {
    const tree = demoTree(YULIN, c.name);
    for (const unitId of c.unitIds) {
      const leader = `${unitId.replace('yl-', '')}_leader`;
      const at = submittedAt(unitId);
      const records = goalLeaves({ tree }).flatMap((leaf): SelfAssessmentRecord[] => {
        const method = selfMethod(leaf.method);
        if (!method) return [];
        const target = demoGoalFields(leaf, unitId, YEAR).target;
        const input = inputFor(leaf, unitId, target);
        const preview = selfPreview(leaf.points, method, input, target);
        const evidence: EvidenceFile[] = [];
        // The first goal 市统计局 assesses carries a file for 玉州区 and one unit in three.
        const firstTjj = goalLeaves({ tree }).find((l) => l.assessorUnitId === 'yl-tjj')?.id === leaf.id;
        if (firstTjj && (unitId === 'yl-yuzhou' || spread(unitId, 3) === 0)) {
          const body = demoPdf(`Self-assessment ${CYCLE} ${unitId} ${leaf.id}`);
          const sha256 = createHash('sha256').update(body).digest('base64');
          const fileId = `selfdemo${String(withFiles.length).padStart(10, '0')}`;
          files.push({ objectKey: evidenceObjectKey({ regionId: YULIN, cycleId: CYCLE, unitId, indicatorId: leaf.id, period: 'self' }, fileId), body, contentType: 'application/pdf', sha256 });
          evidence.push({ fileId, name: `${leaf.name}年度完成情况佐证.pdf`, contentType: 'application/pdf', size: body.length, sha256, uploadedAt: at, uploadedBy: leader });
          withFiles.push({ cycleId: CYCLE, unitId, indicatorId: leaf.id, fileId });
        }
        return [
          {
            regionId: YULIN,
            cycleId: CYCLE,
            unitId,
            indicatorId: leaf.id,
            categoryId: `c${i + 1}`,
            planVersion: 1,
            methodKind: method.kind,
            assessorUnitId: leaf.assessorUnitId ?? '',
            ...input,
            evidence,
            ...(preview.selfScore !== undefined ? { selfScore: preview.selfScore } : {}),
            explanation: preview.explanation,
            complete: isComplete(method.kind, input),
            version: 1,
            updatedAt: at,
            updatedBy: leader,
          },
        ];
      });
      const set: SelfAssessmentSetRecord = {
        regionId: YULIN,
        cycleId: CYCLE,
        unitId,
        categoryId: `c${i + 1}`,
        status: 'approved',
        counts: { saved: records.length, complete: records.filter((r) => r.complete).length },
        goalCount: records.length,
        version: records.length + 2,
        submittedAt: at,
        submittedBy: leader,
        approvedAt,
        approvedBy: 'yl_staff',
        updatedAt: approvedAt,
        updatedBy: 'yl_staff',
      };
      items.push(selfSetItem(set, approvedAt), ...records.map((r) => selfEntity.item(r)));
    }
  });
  return { items, files, withFiles };
}
