// Demo complaints (投诉举报, Art 32) of 玉林市 about its 2025 cycle: one filed on the public site and
// answered (staff's answer approved by the leader), one filed by a unit's filer in the portal and still
// open with a contact left under consent. Fixed ids and query codes so the walkers and the demo reach
// them (README): 答复 — YXKT-DAFU-2345-6789, 办理中 — YXKT-BANJ-2345-6789.
import { listCalendarYears } from '../../functions/data/calendar.ts';
import { complaintContactEntity, complaintCodeEntity, complaintItem } from '../../functions/data/complaints.ts';
import { complaintDue, CONTACT_RETENTION_DAYS } from '../../functions/domain/complaints.ts';
import { codeHash } from '../../functions/identity/complaint-codes.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import type { ComplaintRecord } from '../../functions/model/complaint.ts';
import { YULIN } from './demo-data.ts';

export const DEMO_COMPLAINTS = {
  answered: { complaintId: '00000000-0000-4000-8000-000000000008', code: 'YXKT-DAFU-2345-6789' },
  open: { complaintId: '00000000-0000-4000-8000-000000000007', code: 'YXKT-BANJ-2345-6789' },
} as const;

/** The two complaints, their code pointers and the open one's contact: bulk items. */
export async function demoComplaintItems(today: string): Promise<Record<string, unknown>[]> {
  const entered = await listCalendarYears(YULIN);
  const answeredOn = '2026-01-12';
  const answered: ComplaintRecord = {
    regionId: YULIN,
    complaintId: DEMO_COMPLAINTS.answered.complaintId,
    codeHash: codeHash(DEMO_COMPLAINTS.answered.code),
    channel: 'public',
    receivedAt: '2026-01-05T03:20:00.000Z',
    receivedOn: '2026-01-05',
    cycleId: '2025',
    unitId: 'yl-xingye',
    unitName: '兴业县',
    stage: 'assessment',
    subject: '满意度调查样本选取是否公开',
    content: '兴业县2025年度满意度调查的样本是如何抽取的？希望公开抽样方法，避免只调查少数乡镇。',
    hasContact: false,
    due: complaintDue(entered, '2026-01-05'),
    status: 'answered',
    handler: 'yl_staff',
    answer: { text: '经核查，2025年度满意度调查由第三方机构按乡镇人口比例分层随机抽样，覆盖兴业县全部乡镇，抽样方案已在市绩效办网站公开。感谢您的监督。', by: 'yl_staff', at: '2026-01-09T07:00:00.000Z' },
    approvedBy: 'yl_leader',
    answeredAt: `${answeredOn}T02:00:00.000Z`,
    history: [
      { step: 'file', at: '2026-01-05T03:20:00.000Z', by: 'public', role: 'public' },
      { step: 'assign', at: '2026-01-05T08:00:00.000Z', by: 'yl_leader', role: 'bureau_leader', note: 'yl_staff' },
      { step: 'answer', at: '2026-01-09T07:00:00.000Z', by: 'yl_staff', role: 'bureau_staff' },
      { step: 'approve', at: `${answeredOn}T02:00:00.000Z`, by: 'yl_leader', role: 'bureau_leader' },
    ],
    version: 4,
    updatedAt: `${answeredOn}T02:00:00.000Z`,
    updatedBy: 'yl_leader',
  };
  // Open: received three days before the seed, so its due date lies ahead of the demo's today.
  const receivedOn = shiftIsoDate(today, -3);
  const receivedAt = `${receivedOn}T02:30:00.000Z`;
  const open: ComplaintRecord = {
    regionId: YULIN,
    complaintId: DEMO_COMPLAINTS.open.complaintId,
    codeHash: codeHash(DEMO_COMPLAINTS.open.code),
    channel: 'portal',
    filedBy: 'jyj_staff',
    filerUnitId: 'yl-jyj',
    receivedAt,
    receivedOn,
    cycleId: '2025',
    stage: 'preliminary_review',
    subject: '复核意见未说明扣分依据',
    content: '本单位对2025年度“教育事业发展”指标提出复核，复核意见仅写“维持原评分”，未说明扣分依据和计算过程，请予以说明。',
    hasContact: true,
    due: complaintDue(entered, receivedOn),
    status: 'received',
    history: [{ step: 'file', at: receivedAt, by: 'jyj_staff', role: 'unit_staff' }],
    version: 1,
    updatedAt: receivedAt,
    updatedBy: 'jyj_staff',
  };
  const expiresAt = Math.floor(Date.parse(receivedAt) / 1000) + CONTACT_RETENTION_DAYS * 86_400;
  return [
    complaintItem(answered),
    complaintItem(open),
    ...[answered, open].map((c) => complaintCodeEntity.item({ codeHash: c.codeHash, regionId: c.regionId, complaintId: c.complaintId })),
    complaintContactEntity.item({ regionId: YULIN, complaintId: open.complaintId, contact: { name: '陈建国', phone: '13907751234' }, consentedAt: receivedAt, expiresAt }),
  ];
}
