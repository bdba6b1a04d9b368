// Demo rectification (整改, Art 25–26) of 玉林市 2025, read from the confirmed problems of three units
// (after 'grade-decisions'): 玉州区 with a plan in each state — in progress with two progress reports,
// overdue, a draft, accepted — and one problem left without a plan for the walk-through to file;
// 市教育局 with its key feedback problem in progress and a plan awaiting its leader; 福绵区's satisfaction
// plan approved. Carried into 2026 (Art 26): 福绵区's satisfaction item accepted under 3.1, 市教育局's
// feedback item pending. Bulk items, no per-item commits.
import { createHash } from 'node:crypto';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { rectificationEvidenceObjectKey } from '../../functions/domain/evidence.ts';
import { isCarried, type Problem } from '../../functions/domain/problems.ts';
import { unitProblems } from '../../functions/data/problems.ts';
import { carriedGoalEntity, rectificationItem } from '../../functions/data/rectification.ts';
import type { CarriedGoalRecord, RectificationRecord, RectifyStatus } from '../../functions/model/rectification.ts';
import { YULIN } from './demo-data.ts';
import { demoPdf } from './seed-progress.ts';

const CYCLE = '2025';
/** The evidence file of 玉州区's first progress report on 1.1 (the walkers download it). */
export const DEMO_RECTIFY_FILE = { cycleId: '2025', unitId: 'yl-yuzhou', problemId: 'score:1.1', fileId: 'rectifydemo0000001' } as const;
const NEXT = '2026';

interface Draft {
  unitId: string;
  problemId: string;
  status: RectifyStatus;
  /** Days from the demo's today. */
  due: number;
  responsible: string;
  post: string;
  measures: string;
  commitment: string;
  progress?: string[];
  result?: string;
}

const PLANS: Draft[] = [
  {
    unitId: 'yl-yuzhou',
    problemId: 'score:1.1',
    status: 'approved',
    due: 25,
    responsible: '李志明',
    post: '区发展和改革局局长',
    measures: '梳理重大项目清单，按月调度投资进度；对进度滞后项目实行挂图作战。',
    commitment: '2026年底前地区生产总值增速达到年度目标。',
    progress: ['已完成重大项目清单梳理，建立月度调度机制。', '11月调度会研究解决项目用地问题3个。'],
  },
  {
    unitId: 'yl-yuzhou',
    problemId: 'score:1.2',
    status: 'approved',
    due: -6,
    responsible: '陈卫东',
    post: '区财政局副局长',
    measures: '加强税源监控，清理欠缴税款。',
    commitment: '一般公共预算收入完成年度目标。',
    progress: ['已开展欠税清查，追缴税款 1200 万元。'],
  },
  {
    unitId: 'yl-yuzhou',
    problemId: 'score:1.3',
    status: 'draft',
    due: 40,
    responsible: '黄志强',
    post: '区农业农村局局长',
    measures: '（草稿）完善农业项目储备。',
    commitment: '（草稿）',
  },
  {
    unitId: 'yl-yuzhou',
    problemId: 'score:2.1',
    status: 'accepted',
    due: -20,
    responsible: '周建新',
    post: '区政务服务中心主任',
    measures: '推行“一窗通办”，压缩办理时限。',
    commitment: '政务服务事项办理时限压缩 30%。',
    progress: ['“一窗通办”已上线运行。'],
    result: '办理时限平均压缩 35%，群众办事满意度提升。',
  },
  {
    unitId: 'yl-jyj',
    problemId: 'feedback:00000000-0000-4000-8025-000000000003',
    status: 'approved',
    due: 20,
    responsible: '王丽',
    post: '市教育局副局长',
    measures: '建立问题整改台账，逐项销号；每月向局党组报告整改进度。',
    commitment: '反馈问题于2026年12月底前全部整改到位。',
    progress: ['已建立整改台账，完成 3 项中的 2 项。'],
  },
  {
    unitId: 'yl-jyj',
    problemId: 'score:1.2',
    status: 'submitted',
    due: 15,
    responsible: '刘洋',
    post: '市教育局规划财务科科长',
    measures: '加快教育基建项目建设进度。',
    commitment: '年度教育基建投资完成率达到 100%。',
  },
  {
    unitId: 'yl-fumian',
    problemId: 'satisfaction:3.1',
    status: 'approved',
    due: 28,
    responsible: '梁海燕',
    post: '区委办公室副主任',
    measures: '开展“我为群众办实事”专项行动，畅通 12345 热线诉求办理。',
    commitment: '2026年度社会公众满意率达到 85% 以上。',
    progress: ['热线诉求办结率提升至 98%。'],
  },
];

const at = (day: string, hour = 2) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

type DemoFile = { objectKey: string; body: Uint8Array; contentType: 'application/pdf'; sha256: string };

function plan(d: Draft, p: Problem, unitName: string, categoryId: string, today: string, files: DemoFile[]): RectificationRecord {
  const created = shiftIsoDate(today, -30);
  const approved = d.status !== 'draft' && d.status !== 'submitted';
  const progress = (d.progress ?? []).map((text, i) => {
    const when = at(shiftIsoDate(today, -20 + i * 7));
    const by = `${d.unitId.slice(3)}_staff`;
    const withFile = d.unitId === DEMO_RECTIFY_FILE.unitId && p.id === DEMO_RECTIFY_FILE.problemId && i === 0;
    const evidence = [];
    if (withFile) {
      const body = demoPdf('Rectification progress yl-yuzhou 1.1');
      const sha256 = createHash('sha256').update(body).digest('base64');
      files.push({ objectKey: rectificationEvidenceObjectKey({ regionId: YULIN, cycleId: CYCLE, unitId: d.unitId, problemId: p.id }, DEMO_RECTIFY_FILE.fileId), body, contentType: 'application/pdf', sha256 });
      evidence.push({ fileId: DEMO_RECTIFY_FILE.fileId, name: '重大项目调度台账.pdf', contentType: 'application/pdf' as const, size: body.length, sha256, uploadedAt: when, uploadedBy: by });
    }
    return { id: `00000000-0000-4000-8026-${String(PLANS.indexOf(d) * 10 + i).padStart(12, '0')}`, text, evidence, at: when, by };
  });
  const done = d.result ? at(shiftIsoDate(today, -22)) : undefined;
  return {
    regionId: YULIN,
    cycleId: CYCLE,
    unitId: d.unitId,
    problemId: p.id,
    unitName,
    categoryId,
    kind: p.kind,
    key: p.key,
    ...(p.indicatorId ? { indicatorId: p.indicatorId } : {}),
    problemTitle: p.title,
    problemDetail: p.detail,
    responsible: d.responsible,
    responsiblePost: d.post,
    measures: d.measures,
    commitment: d.commitment,
    // Within the bound a plan may set (the end of the year after the cycle's), whatever the demo's today.
    deadline: [shiftIsoDate(today, d.due), '2026-12-31'].sort()[0]!,
    status: d.status,
    progress,
    ...(d.result && done ? { result: { text: d.result, evidence: [], at: done, by: `${d.unitId.slice(3)}_leader`, late: false } } : {}),
    ...(d.status === 'accepted' ? { decision: { outcome: 'accepted' as const, by: 'yl_staff', at: at(shiftIsoDate(today, -21)) } } : {}),
    escalations: [],
    ...(d.status !== 'draft' ? { submittedAt: at(shiftIsoDate(today, -29)) } : {}),
    ...(approved ? { approvedAt: at(shiftIsoDate(today, -28)), approvedBy: `${d.unitId.slice(3)}_leader` } : {}),
    createdAt: at(created),
    createdBy: `${d.unitId.slice(3)}_staff`,
    version: 1 + (approved ? 2 : d.status === 'submitted' ? 1 : 0) + progress.length + (d.result ? 2 : 0),
    updatedAt: at(shiftIsoDate(today, -5)),
    updatedBy: `${d.unitId.slice(3)}_staff`,
  };
}

/** The plans and the carried goals as bulk items, and the one evidence file (reads the three units' problems: six Queries each). */
export async function demoRectification(today: string): Promise<{ items: Record<string, unknown>[]; files: DemoFile[] }> {
  const unitIds = [...new Set(PLANS.map((p) => p.unitId))];
  const found = new Map(await Promise.all(unitIds.map(async (u) => [u, await unitProblems(YULIN, CYCLE, u)] as const)));
  const items: Record<string, unknown>[] = [];
  const files: DemoFile[] = [];
  for (const d of PLANS) {
    const f = found.get(d.unitId);
    const p = f?.problems.find((x) => x.id === d.problemId);
    // The demo's results decide the problems: a plan whose problem is not found is left out, never invented.
    if (!f || !p || !f.categoryId) continue;
    items.push(rectificationItem(plan(d, p, f.unitName, f.categoryId, today, files)));
  }
  const carried = (unitId: string, problemId: string, accepted?: { indicatorId: string; indicatorName: string; target: string }): CarriedGoalRecord | undefined => {
    const p = found.get(unitId)?.problems.find((x) => x.id === problemId);
    if (!p || !isCarried(p)) return undefined;
    const measures = PLANS.find((d) => d.unitId === unitId && d.problemId === problemId)?.measures;
    const created = at(shiftIsoDate(today, -10));
    return {
      regionId: YULIN,
      cycleId: NEXT,
      unitId,
      fromCycleId: CYCLE,
      fromYear: 2025,
      problemId,
      kind: p.kind,
      title: p.title,
      detail: p.detail,
      ...(measures ? { measures } : {}),
      ...(p.indicatorId ? { suggestedIndicatorId: p.indicatorId } : {}),
      status: accepted ? 'accepted' : 'pending',
      ...(accepted ? { ...accepted, decidedAt: at(shiftIsoDate(today, -8)), decidedBy: `${unitId.slice(3)}_leader` } : {}),
      createdAt: created,
      createdBy: 'yl_staff',
      version: accepted ? 2 : 1,
      updatedAt: created,
      updatedBy: 'yl_staff',
    };
  };
  const goals = [
    carried('yl-fumian', 'satisfaction:3.1', { indicatorId: '3.1', indicatorName: '社会公众评价', target: '社会公众满意率达到 85% 以上' }),
    carried('yl-jyj', 'feedback:00000000-0000-4000-8025-000000000003'),
  ];
  for (const g of goals) if (g) items.push(carriedGoalEntity.item(g));
  return { items, files };
}
