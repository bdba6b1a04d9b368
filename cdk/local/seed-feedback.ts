// Demo feedback during the year (Art 14) in 玉林市, for 2025 and 2026: items in every state — open,
// overdue and escalated (with its proposed deduction), answered, answered late (proposed), result
// reported, sent back, accepted — raised by the bureau and by 市统计局 as an assessor unit. Due dates
// come from the same rules as the API (the official calendars shipped with the seed). Items past
// 'open' carry the sender's evidence file, answers and results their own (small PDFs put into the
// local evidence store by the seed part, as the progress reports' are).
import { createHash } from 'node:crypto';
import { feedbackItem, proposalItem } from '../../functions/data/feedback.ts';
import { feedbackEvidenceObjectKey } from '../../functions/domain/evidence.ts';
import type { EvidenceFile } from '../../functions/model/progress-report.ts';
import { demoPdf } from './seed-progress.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { beijingDate, shiftIsoDate } from '../../functions/domain/dates.ts';
import { answerDue } from '../../functions/domain/feedback.ts';
import type { DeductionProposalRecord, FeedbackEvent, FeedbackRecord, FeedbackStatus } from '../../functions/model/feedback.ts';
import { units, YULIN } from './demo-data.ts';

type State = 'open' | 'overdue' | 'answered' | 'answeredLate' | 'reported' | 'returned' | 'accepted';

interface Spec {
  unitId: string;
  state: State;
  problem: string;
  receivedOn: string;
  /** Days after receipt the result is due. */
  resultAfter: number;
  assessor?: boolean;
}

const PROBLEMS = [
  '一季度重点项目投资完成率低于序时进度，项目入库手续滞后。',
  '政务公开专栏信息更新不及时，部分政策解读缺失。',
  '安全生产隐患排查台账不完整，整改闭环材料缺失。',
  '信访事项按期办结率低于目标值，部分事项未按时答复群众。',
  '统计数据报送多次逾期，数据质量核查发现差错。',
  '民生实事项目进度滞后，资金拨付率偏低。',
  '营商环境投诉件办理不及时，群众满意度下降。',
];

function specsOf(year: number, today: string): Spec[] {
  // 2026 is under way: its open item and its running result clock are near the seed's own day.
  const recent = (days: number) => (year === 2026 ? (shiftIsoDate(today, -days) < '2026-12-20' ? shiftIsoDate(today, -days) : '2026-12-18') : `${year}-11-0${days}`);
  return [
    { unitId: 'yl-fumian', state: 'open', problem: PROBLEMS[0]!, receivedOn: recent(2), resultAfter: 45 },
    { unitId: 'yl-gaj', state: 'overdue', problem: PROBLEMS[3]!, receivedOn: `${year}-09-30`, resultAfter: 60 },
    { unitId: 'yl-jyj', state: 'answered', problem: PROBLEMS[1]!, receivedOn: year === 2026 ? recent(20) : `${year}-10-15`, resultAfter: 60 },
    { unitId: 'yl-bobai', state: 'answeredLate', problem: PROBLEMS[2]!, receivedOn: `${year}-04-28`, resultAfter: 75 },
    { unitId: 'yl-rsj', state: 'reported', problem: PROBLEMS[4]!, receivedOn: `${year}-06-16`, resultAfter: 60, assessor: true },
    { unitId: 'yl-zjj', state: 'returned', problem: PROBLEMS[5]!, receivedOn: `${year}-05-12`, resultAfter: 50 },
    { unitId: 'yl-nyncj', state: 'accepted', problem: PROBLEMS[6]!, receivedOn: `${year}-03-09`, resultAfter: 45 },
  ];
}

const at = (date: string, hour = 10) => `${shiftIsoDate(date, 0)}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;
const nameOf = (unitId: string) => units.find((u) => u.unitId === unitId)!.name;

/** A demo file to put into the evidence store, and where it hangs (the walkers download one). */
export interface DemoFeedbackFile {
  objectKey: string;
  body: Uint8Array;
  contentType: string;
  sha256: string;
  regionId: string;
  cycleId: string;
  unitId: string;
  feedbackId: string;
  fileId: string;
}

/** A small PDF as an evidence file of the item, recorded in `files` for the seed part to put. */
function demoFile(files: DemoFeedbackFile[], f: { cycleId: string; unitId: string; feedbackId: string }, what: string, name: string, by: string, when: string): EvidenceFile {
  const fileId = `demo${createHash('sha1').update(`${f.feedbackId}/${what}`).digest('hex').slice(0, 20)}`;
  const body = demoPdf(`feedback ${f.unitId} ${what}`);
  const sha256 = createHash('sha256').update(body).digest('base64');
  files.push({ objectKey: feedbackEvidenceObjectKey({ regionId: YULIN, ...f }, fileId), body, contentType: 'application/pdf', sha256, regionId: YULIN, ...f, fileId });
  return { fileId, name, contentType: 'application/pdf', size: body.length, sha256, uploadedAt: when, uploadedBy: by };
}

const STATUS: Record<State, FeedbackStatus> = { open: 'open', overdue: 'open', answered: 'answered', answeredLate: 'answered', reported: 'reported', returned: 'returned', accepted: 'accepted' };

function build(year: number, s: Spec, n: number, files: DemoFeedbackFile[]): Record<string, unknown>[] {
  const cycleId = String(year);
  const due = answerDue(OFFICIAL_CALENDARS, s.receivedOn);
  const resultDue = shiftIsoDate(s.receivedOn, s.resultAfter);
  const sender = s.assessor ? { senderKind: 'assessor' as const, senderUnitId: 'yl-tjj', by: 'yl_tjj', role: 'assessor_staff' } : { senderKind: 'bureau' as const, senderUnitId: 'yl-jxb', by: 'yl_staff', role: 'bureau_staff' };
  const unitBy = `${s.unitId.replace('yl-', '')}_staff`;
  const history: FeedbackEvent[] = [{ step: 'raise', at: at(s.receivedOn, 9), by: sender.by, role: sender.role }];
  const late = s.state === 'answeredLate';
  const answeredOn = late ? shiftIsoDate(due.date, 4) : shiftIsoDate(s.receivedOn, 6);
  const record: FeedbackRecord = {
    regionId: YULIN,
    cycleId,
    unitId: s.unitId,
    feedbackId: `00000000-0000-4000-8${String(year).slice(1)}-${String(n).padStart(12, '0')}`,
    unitName: nameOf(s.unitId),
    senderKind: sender.senderKind,
    senderUnitId: sender.senderUnitId,
    senderUnitName: nameOf(sender.senderUnitId),
    problem: s.problem,
    evidence: [],
    receivedOn: s.receivedOn,
    answerDue: due,
    resultDue,
    status: STATUS[s.state],
    escalations: [],
    history,
    raisedAt: at(s.receivedOn, 9),
    raisedBy: sender.by,
    version: 1,
    updatedAt: at(s.receivedOn, 9),
    updatedBy: sender.by,
  };
  const items: Record<string, unknown>[] = [];
  const file = (what: string, name: string, by: string, when: string) => demoFile(files, { cycleId, unitId: s.unitId, feedbackId: record.feedbackId }, what, name, by, when);
  if (s.state !== 'open') record.evidence = [file('problem', '督查情况记录.pdf', sender.by, record.raisedAt)];
  const propose = (reason: DeductionProposalRecord['reason'], when: string) =>
    items.push(
      proposalItem({ regionId: YULIN, cycleId, unitId: s.unitId, feedbackId: record.feedbackId, unitName: record.unitName, problem: s.problem, reason, answerDue: due.date, ...(record.answer ? { answeredAt: record.answer.at } : {}), status: 'proposed', proposedAt: when, proposedBy: reason === 'unanswered' ? 'system:daily' : unitBy }),
    );
  if (s.state === 'overdue') {
    const l1 = at(shiftIsoDate(due.date, 1), 9);
    const l2 = at(shiftIsoDate(due.date, 6), 9);
    record.escalations = [
      { clock: 'answer', due: due.date, level: 1, at: l1 },
      { clock: 'answer', due: due.date, level: 2, at: l2 },
    ];
    history.push({ step: 'escalate', at: l1, by: 'system:daily', role: 'system', note: `答复逾期（截止 ${due.date}），已通知单位负责人` }, { step: 'escalate', at: l2, by: 'system:daily', role: 'system', note: `答复逾期（截止 ${due.date}），已通知绩效办` });
    propose('unanswered', l1);
  }
  if (s.state !== 'open' && s.state !== 'overdue') {
    record.answer = { explanation: '经自查，问题主要由工作衔接不畅、责任未压实造成。', measures: '一是明确分管领导和责任科室；二是建立周调度、月通报制度；三是限期补齐相关材料。', evidence: [file('answer', '整改方案.pdf', unitBy, at(answeredOn, 15))], at: at(answeredOn, 15), by: unitBy, late };
    history.push({ step: 'answer', at: at(answeredOn, 15), by: unitBy, role: 'unit_staff', ...(late ? { late } : {}) });
    if (late) propose('answeredLate', at(answeredOn, 15));
  }
  if (s.state === 'reported' || s.state === 'returned' || s.state === 'accepted') {
    const reportedOn = shiftIsoDate(resultDue, -10);
    record.result = { text: '已完成整改：相关制度已印发，逾期事项全部办结，佐证材料已归档。', evidence: [file('result', '整改结果报告.pdf', unitBy, at(reportedOn, 16))], at: at(reportedOn, 16), by: unitBy, late: false };
    history.push({ step: 'report', at: at(reportedOn, 16), by: unitBy, role: 'unit_staff' });
    if (s.state === 'returned') {
      const backOn = shiftIsoDate(reportedOn, 3);
      record.returnReason = '整改佐证材料不完整，资金拨付率仍未达到序时进度，请补充后重新报告。';
      record.resultDue = shiftIsoDate(resultDue, 30);
      history.push({ step: 'return', at: at(backOn, 11), by: sender.by, role: sender.role, note: `${record.returnReason}（重新报告期限 ${record.resultDue}）` });
    }
    if (s.state === 'accepted') history.push({ step: 'accept', at: at(shiftIsoDate(reportedOn, 2), 11), by: sender.by, role: sender.role });
  }
  const last = history.at(-1)!;
  record.version = history.length;
  record.updatedAt = last.at;
  record.updatedBy = last.by;
  return [feedbackItem(record), ...items];
}

/** The demo feedback items and proposals, as table items. */
export function demoFeedbackItems(now: string): Record<string, unknown>[] {
  return demoFeedback(now).items;
}

/** The demo feedback items and proposals with the evidence files they reference. */
export function demoFeedback(now: string): { items: Record<string, unknown>[]; files: DemoFeedbackFile[] } {
  const today = beijingDate(Date.parse(now));
  const files: DemoFeedbackFile[] = [];
  const items = [2025, 2026].flatMap((year) => specsOf(year, today).map((s, i) => build(year, s, i + 1, files)).flat());
  return { items, files };
}
