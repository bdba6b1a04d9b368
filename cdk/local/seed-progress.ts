// Demo progress reports (Art 13): every unit with approved goals reports monthly — all of 2025, and in
// 2026 each month whose report is due by the seed day (the month before, submitted or still a draft).
// Most reports arrive on time and on track; some arrive late, some units run clearly behind their
// milestones, and some goals declare a month with nothing to report. A few entries carry an evidence
// file, put into the local evidence store when the stack has one (cdk/local/evidence-store.ts).
import { createHash } from 'node:crypto';
import { env } from '../../functions/config/env.ts';
import { putObject } from '../../functions/data/evidence-store.ts';
import { goalEntity } from '../../functions/data/goals.ts';
import { progressItem, reportItem } from '../../functions/data/progress-reports.ts';
import { beijingDate, shiftIsoDate } from '../../functions/domain/dates.ts';
import { evidenceObjectKey } from '../../functions/domain/evidence.ts';
import { defaultSchedule, dueDateOf, expectedBy, periodsOf } from '../../functions/domain/progress-periods.ts';
import { countItems } from '../../functions/domain/progress-reports.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import type { EvidenceFile, ProgressItemRecord, ProgressReportRecord, ReportStatus } from '../../functions/model/progress-report.ts';
import { demoGoalItems } from './seed-goals.ts';

/** A small stable number from a key, so the demo is the same on every start. */
function spread(key: string, n: number): number {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % n;
}
const round1 = (x: number) => Math.round(x * 10) / 10;

/** A one-page PDF naming what it evidences (the demo's files are small and readable). */
export function demoPdf(title: string): Uint8Array {
  const text = title.replace(/[^\x20-\x7e]/g, '');
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length + 40}>>stream\nBT /F1 14 Tf 60 780 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

/** The demo evidence file the route walkers download (test/integration/contracts-walk.test.ts). */
export interface DemoEvidence {
  regionId: string;
  cycleId: string;
  unitId: string;
  period: string;
  indicatorId: string;
  fileId: string;
  assessorUnitId: string;
}

interface Plan {
  items: Record<string, unknown>[];
  files: { objectKey: string; body: Uint8Array; contentType: string; sha256: string }[];
  evidence: DemoEvidence[];
}

/** The value a goal reached by the end of a period: on track, or behind (a unit running late). */
function valueFor(goal: GoalRecord, period: string, behind: boolean): number | undefined {
  if (goal.target === undefined) return undefined;
  const expected = expectedBy(goal.milestones, period)?.expected;
  const month = Number(period.slice(5));
  const onTrack = expected ?? (goal.milestones.length ? goal.target * (month / 12) : goal.target);
  const noise = 1 + (spread(`${goal.unitId}/${goal.indicatorId}/${period}`, 9) - 4) / 100;
  return round1(onTrack * (behind ? 0.6 : noise));
}

/** Every demo report and item, and the evidence files to put; `today` is the seed's Beijing date. */
export function demoProgress(today: string): Plan {
  const plan: Plan = { items: [], files: [], evidence: [] };
  const goalsByUnit = new Map<string, GoalRecord[]>();
  for (const batch of demoGoalItems())
    for (const item of batch) {
      if (!goalEntity.is(item)) continue;
      const g = goalEntity.parse(item);
      if (g.status !== 'approved') continue;
      const k = `${g.regionId}/${g.cycleId}/${g.unitId}`;
      goalsByUnit.set(k, [...(goalsByUnit.get(k) ?? []), g]);
    }
  const { dueDay } = defaultSchedule();
  let unitIndex = 0;
  for (const [, goals] of goalsByUnit) {
    const { regionId, cycleId, unitId, categoryId } = goals[0]!;
    unitIndex++;
    // One unit in five runs clearly behind its milestones; one in four is often late.
    const behind = spread(unitId, 5) === 0;
    const oftenLate = spread(`${unitId}/late`, 4) === 0;
    for (const period of periodsOf(Number(cycleId), 'monthly')) {
      const dueDate = dueDateOf(period, dueDay);
      const month = Number(period.slice(5));
      // A month not over yet is not reported; the month due next is submitted or still a draft.
      if (`${period}-28` > today) continue;
      const pastDue = dueDate < today;
      const late = pastDue && oftenLate && month % 3 === 0;
      const submittedOn = late ? shiftIsoDate(dueDate, 3) : shiftIsoDate(dueDate, -2 - spread(`${unitId}${period}`, 3));
      const status: ReportStatus = pastDue ? 'approved' : spread(`${unitId}/${period}/state`, 3) === 0 ? 'draft' : 'submitted';
      const sent = status !== 'draft' && submittedOn <= today ? submittedOn : today;
      const at = `${sent}T02:30:00.000Z`;
      const items: ProgressItemRecord[] = goals.map((g, gi) => {
        const nothing = spread(`${g.indicatorId}/${period}/${unitId}`, 11) === 0;
        const value = nothing ? undefined : valueFor(g, period, behind);
        const withFile = gi === 0 && month % 3 === 0 && unitIndex % 3 === 1;
        const evidence: EvidenceFile[] = [];
        if (withFile) {
          const fileId = `demo${createHash('sha1').update(`${unitId}/${period}/${g.indicatorId}`).digest('hex').slice(0, 20)}`;
          const body = demoPdf(`${unitId} ${period} ${g.indicatorId} progress evidence`);
          const sha256 = createHash('sha256').update(body).digest('base64');
          const scope = { regionId, cycleId, unitId, indicatorId: g.indicatorId, period };
          evidence.push({ fileId, name: `${period}进度佐证-${g.indicatorId}.pdf`, contentType: 'application/pdf', size: body.length, sha256, uploadedAt: at, uploadedBy: 'system:seed' });
          plan.files.push({ objectKey: evidenceObjectKey(scope, fileId), body, contentType: 'application/pdf', sha256 });
          if (status === 'approved' && g.assessorUnitId) plan.evidence.push({ ...scope, fileId, assessorUnitId: g.assessorUnitId });
        }
        return {
          regionId,
          cycleId,
          unitId,
          period,
          indicatorId: g.indicatorId,
          categoryId,
          assessorUnitId: g.assessorUnitId,
          ...(value !== undefined ? { value } : {}),
          nothingToReport: nothing,
          ...(nothing ? { nothingReason: '本月该项无新增数据（按季度统计）' } : {}),
          ...(nothing ? {} : { narrative: behind ? '受项目资金到位滞后影响，进度慢于计划。' : '按计划推进，各项工作有序开展。' }),
          ...(behind && !nothing ? { problems: '资金拨付和用地审批滞后', nextSteps: '加强调度，争取下月追回进度' } : {}),
          evidence,
          status,
          late,
          version: 1,
          updatedAt: at,
          updatedBy: 'system:seed',
        };
      });
      const report: ProgressReportRecord = {
        regionId,
        cycleId,
        unitId,
        period,
        categoryId,
        status,
        dueDate,
        late,
        counts: countItems(items),
        ...(status !== 'draft' ? { submittedAt: at, submittedBy: 'system:seed' } : {}),
        ...(status === 'approved' ? { approvedAt: at, approvedBy: 'system:seed' } : {}),
        version: 1,
        updatedAt: at,
        updatedBy: 'system:seed',
      };
      plan.items.push(reportItem(report), ...items.map(progressItem));
    }
  }
  return plan;
}

/** Puts the demo evidence files when the stack has an evidence store (the walkers' bare tables have none). */
export async function putDemoEvidence(files: Plan['files']): Promise<void> {
  if (!env.s3Endpoint || !process.env.EVIDENCE_BUCKET) return;
  for (const f of files) await putObject(f.objectKey, f.body, f.contentType, f.sha256);
}

/** The seed's today, as a Beijing date. */
export const seedToday = (at: string) => beijingDate(Date.parse(at));
