// Bonus and deduction items (Art 19–20) through the assessment Lambda against the demo data, 玉林市 2026
// put in 考核评分: 玉州区's filer claims a bonus with an evidence file, only its leader submits it, only
// the bureau leader decides a rule needing approval, and the unit sees the capped effect (the engine's);
// 市统计局 raises a deduction against a unit it assesses (never one it does not), the unit sees it
// only once submitted; the bureau turns a feedback proposal into a draft (once) or dismisses one with a
// reason, its staff decide a rule without 报批; the queue counts and pages in one Query. Other units,
// other regions, stale versions and the wrong stage are refused. One table for the file.
import { createHash } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { searchAudit } from '../../functions/data/audit.ts';
import { getProposal } from '../../functions/data/claims.ts';
import { proposalItem } from '../../functions/data/feedback.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/assessment.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const bureauLeader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const tjj = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const sthjj = person('yl_sthjj', 'assessor_staff', 'yl-sthjj');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegionBureau = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
/** The demo's 2026 feedback proposals (cdk/local/seed-feedback.ts): 公安局 unanswered, 博白县 answered late. */
const GAJ_PROPOSAL = '00000000-0000-4000-8026-000000000002';
const BOBAI_PROPOSAL = '00000000-0000-4000-8026-000000000004';

type Res = { status: number; body: any };
async function call(op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const res = (await handler(apiEvent(routeFor('assessment', op), { caller, params: { regionId: caller.regionId === YL ? YL : caller.regionId, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const setStage = (stage: number) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stage } }));

let evidence: EvidenceStore;
beforeAll(async () => {
  await useFreshTable();
  evidence = await startEvidenceStore();
  process.env.S3_ENDPOINT = evidence.endpoint;
  process.env.EVIDENCE_BUCKET = evidence.bucket;
  await seedDemo(new Date().toISOString());
  await setStage(stageNumber('assessment'));
}, 60_000);
afterAll(async () => evidence?.stop());

const pdf = new TextEncoder().encode('%PDF-1.4 自治区表彰文件');
const sha256 = createHash('sha256').update(pdf).digest('base64');

/** Signs and uploads a file as `caller` through `op`; returns its file id. */
async function upload(op: 'signClaimEvidence' | 'signDeductionEvidence', caller: Caller, unitId: string): Promise<string> {
  const signed = await call(op, caller, { unitId }, { name: '表彰文件.pdf', contentType: 'application/pdf', size: pdf.length, sha256 });
  expect(signed.status, JSON.stringify(signed.body)).toBe(201);
  expect((await fetch(signed.body.url, { method: 'PUT', headers: signed.body.headers, body: pdf })).status).toBe(200);
  return signed.body.fileId;
}

let bonus: any;
let deduction: any;

describe('a unit claims a bonus (Art 19)', () => {
  it('the filer drafts it with evidence; the amount is the rule’s points × items', async () => {
    const fileId = await upload('signClaimEvidence', filer, U);
    const res = await call('saveBonusClaim', filer, { unitId: U }, { ruleId: 'b2', occurrences: 3, description: '三个项目获自治区级表彰', evidence: [fileId], version: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    bonus = res.body;
    expect(bonus).toMatchObject({ kind: 'bonus', ruleId: 'b2', amount: 150, status: 'draft', raisedBy: { kind: 'unit', unitId: U }, needsApproval: true, version: 1 });
    expect(bonus.evidence).toEqual([expect.objectContaining({ fileId, name: '表彰文件.pdf', sha256 })]);
  });

  it('refuses a rule the plan does not have, a file signed for nobody, and a stale version', async () => {
    const base = { ruleId: 'b2', occurrences: 1, description: '说明', evidence: [] as string[], version: 0 };
    expect((await call('saveBonusClaim', filer, { unitId: U }, { ...base, ruleId: 'd1' })).body.error.details[0].path).toBe('body.ruleId');
    expect((await call('saveBonusClaim', filer, { unitId: U }, { ...base, evidence: ['aaaaaaaaaaaaaaaaaaaa'] })).body.error.details[0].path).toBe('body.evidence.0');
    expect((await call('saveBonusClaim', filer, { unitId: U }, { ...base, claimId: bonus.id, version: 9 })).status).toBe(409);
  });

  it('another unit, another region and a deduction route cannot reach it', async () => {
    expect((await call('getUnitClaims', otherUnit, { unitId: U })).status).toBe(403);
    expect((await call('saveBonusClaim', otherUnit, { unitId: U }, { ruleId: 'b2', occurrences: 1, description: '冒名', evidence: [], version: 0 })).status).toBe(403);
    expect((await call('getUnitClaims', otherRegionBureau, { unitId: U, regionId: YL })).status).toBe(403);
    expect((await call('submitDeduction', tjj, { unitId: U, claimId: bonus.id }, { version: 1 })).status).toBe(404);
    // Someone else's upload is not the unit's to use.
    const tjjFile = await upload('signDeductionEvidence', tjj, U);
    expect((await call('saveBonusClaim', filer, { unitId: U }, { ruleId: 'b2', occurrences: 1, description: '说明', evidence: [tjjFile], version: 0 })).status).toBe(400);
  });

  it('only the unit leader submits it; the bureau is told', async () => {
    expect((await call('submitBonusClaim', filer, { unitId: U, claimId: bonus.id }, { version: 1 })).status).toBe(403);
    const res = await call('submitBonusClaim', leader, { unitId: U, claimId: bonus.id }, { version: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', submittedBy: 'yuzhou_leader', version: 2 });
    expect((await call('saveBonusClaim', filer, { unitId: U }, { ruleId: 'b2', occurrences: 1, description: '改', evidence: [], claimId: bonus.id, version: 2 })).status).toBe(409);
    const notices = await listNotices(YL, 'yl-jxb', 50);
    expect(notices.items.some((n) => n.kind === 'claim.submitted' && n.body.includes('+1.50'))).toBe(true);
    bonus = res.body;
  });

  it('a rule needing approval is the bureau leader’s: staff are refused, the leader approves with a reason', async () => {
    expect((await call('decideClaim', bureauStaff, { unitId: U, claimId: bonus.id }, { decision: 'approve', reason: '同意', version: 2 })).status).toBe(403);
    expect((await call('decideClaim', bureauLeader, { unitId: U, claimId: bonus.id }, { decision: 'approve', reason: '', version: 2 })).status).toBe(400);
    const res = await call('decideClaim', bureauLeader, { unitId: U, claimId: bonus.id }, { decision: 'approve', reason: '经核实三项表彰均属实', version: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decision: { outcome: 'approved', by: 'yl_leader', reason: '经核实三项表彰均属实' } });
    expect((await call('decideClaim', bureauLeader, { unitId: U, claimId: bonus.id }, { decision: 'reject', reason: '再议', version: 3 })).status).toBe(409);
    const today = beijingDate(Date.now());
    const audit = await searchAudit({ regionId: YL, from: today, to: today, action: 'claim.approve', limit: 50 });
    expect(audit.items.map((e) => e.target)).toContain(`claim:${YL}/${C}/${U}/${bonus.id}`);
  });

  it('the unit sees the raw and the capped bonus as the engine computes them (b2 is capped at 1.00)', async () => {
    const view = (await call('getUnitClaims', filer, { unitId: U })).body;
    expect(view.effect).toMatchObject({ bonusRaw: 150, bonus: 100 });
    expect(view.effect.lines.some((l: string) => l.includes('超过该项加分上限，按 1.00 分计'))).toBe(true);
    const got = await call('downloadClaimEvidence', filer, { unitId: U, claimId: bonus.id, fileId: bonus.evidence[0].fileId });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect((await fetch(got.body.url)).status).toBe(200);
  });
});

describe('an assessor unit raises a deduction (Art 20)', () => {
  it('against a unit it assesses, never one it does not', async () => {
    const res = await call('saveDeduction', tjj, { unitId: U }, { ruleId: 'd1', occurrences: 1, description: '统计数据虚报被通报批评', evidence: [], version: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    deduction = res.body;
    expect(deduction).toMatchObject({ kind: 'deduction', amount: 100, severe: false, raisedBy: { kind: 'assessor', unitId: 'yl-tjj' }, status: 'draft' });
    expect((await call('saveDeduction', tjj, { unitId: 'yl-jyj' }, { ruleId: 'd1', occurrences: 1, description: '越权', evidence: [], version: 0 })).status).toBe(403);
    expect((await call('saveDeduction', leader, { unitId: U }, { ruleId: 'd1', occurrences: 1, description: '自扣', evidence: [], version: 0 })).status).toBe(403);
  });

  it('the unit does not see the draft; another assessor unit cannot submit it; once submitted the unit sees the facts', async () => {
    expect((await call('getUnitClaims', filer, { unitId: U })).body.claims.some((c: any) => c.id === deduction.id)).toBe(false);
    expect((await call('submitDeduction', sthjj, { unitId: U, claimId: deduction.id }, { version: 1 })).status).toBe(409);
    const res = await call('submitDeduction', tjj, { unitId: U, claimId: deduction.id }, { version: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seen = (await call('getUnitClaims', filer, { unitId: U })).body.claims.find((c: any) => c.id === deduction.id);
    expect(seen).toMatchObject({ status: 'submitted', description: '统计数据虚报被通报批评' });
    expect((await listNotices(YL, U, 50)).items.some((n) => n.kind === 'claim.deduction.raised')).toBe(true);
    const raised = (await call('listRaisedDeductions', tjj)).body;
    expect(raised.claims.map((c: any) => c.id)).toEqual([deduction.id]);
    expect(raised.units.some((u: any) => u.unitId === 'yl-jyj')).toBe(false);
    expect(raised.units.some((u: any) => u.unitId === U)).toBe(true);
    deduction = res.body;
  });

  it('the bureau leader rejects it with a reason; the assessor unit is told', async () => {
    const res = await call('decideClaim', bureauLeader, { unitId: U, claimId: deduction.id }, { decision: 'reject', reason: '通报对象不是本单位', version: 2 });
    expect(res.body).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected', reason: '通报对象不是本单位' } });
    expect((await listNotices(YL, 'yl-tjj', 50)).items.some((n) => n.kind === 'claim.rejected')).toBe(true);
    expect((await call('getUnitClaims', filer, { unitId: U })).body.effect.deductionRaw).toBe(0);
  });
});

describe('feedback proposals and the bureau', () => {
  it('turns a proposal into a deduction draft once, marked with its source; staff decide a rule without 报批', async () => {
    const res = await call('draftProposalDeduction', bureauStaff, { unitId: 'yl-gaj', feedbackId: GAJ_PROPOSAL }, { ruleId: 'd3' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', source: { feedbackId: GAJ_PROPOSAL }, raisedBy: { kind: 'bureau' }, needsApproval: false, amount: 50 });
    expect((await getProposal(YL, C, 'yl-gaj', GAJ_PROPOSAL))).toMatchObject({ status: 'drafted', claimId: res.body.id });
    expect((await call('draftProposalDeduction', bureauLeader, { unitId: 'yl-gaj', feedbackId: GAJ_PROPOSAL }, { ruleId: 'd3' })).status).toBe(409);
    // Proposed again by a later move of the feedback item (its own module re-puts the proposal): still one deduction.
    const again = await getProposal(YL, C, 'yl-gaj', GAJ_PROPOSAL);
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: proposalItem({ ...again!, status: 'proposed' }) }));
    const twice = await call('draftProposalDeduction', bureauLeader, { unitId: 'yl-gaj', feedbackId: GAJ_PROPOSAL }, { ruleId: 'd3' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('不再重复扣分');
    const submitted = await call('submitDeduction', bureauStaff, { unitId: 'yl-gaj', claimId: res.body.id }, { version: 1 });
    expect(submitted.status).toBe(201);
    const decided = await call('decideClaim', bureauStaff, { unitId: 'yl-gaj', claimId: res.body.id }, { decision: 'approve', reason: '逾期未答复属实', version: 2 });
    expect(decided.body.status).toBe('approved');
  });

  it('dismisses another with a reason, never applying it', async () => {
    expect((await call('dismissProposal', bureauStaff, { unitId: 'yl-bobai', feedbackId: BOBAI_PROPOSAL }, { reason: ' ' })).status).toBe(400);
    const res = await call('dismissProposal', bureauStaff, { unitId: 'yl-bobai', feedbackId: BOBAI_PROPOSAL }, { reason: '逾期系系统故障所致，已核实' });
    expect(res.body).toEqual({ feedbackId: BOBAI_PROPOSAL, status: 'dismissed' });
    expect(await getProposal(YL, C, 'yl-bobai', BOBAI_PROPOSAL)).toMatchObject({ status: 'dismissed', dismissReason: '逾期系系统故障所致，已核实' });
    expect((await call('getUnitClaims', bureauStaff, { unitId: 'yl-bobai' })).body.claims).toEqual([]);
  });

  it('a severe deduction carries its flag to the effect', async () => {
    const raised = await call('saveDeduction', bureauStaff, { unitId: 'yl-gaj' }, { ruleId: 'd2', occurrences: 1, description: '被自治区通报，情节严重', evidence: [], version: 0 });
    await call('submitDeduction', bureauStaff, { unitId: 'yl-gaj', claimId: raised.body.id }, { version: 1 });
    await call('decideClaim', bureauLeader, { unitId: 'yl-gaj', claimId: raised.body.id }, { decision: 'approve', reason: '属实', version: 2 });
    const effects = (await call('listClaimEffects', bureauStaff)).body.items;
    expect(effects.find((e: any) => e.unitId === 'yl-gaj').effect).toMatchObject({ deductionRaw: 250, deduction: 250, severeDeductions: 1 });
    expect(effects.find((e: any) => e.unitId === U).effect).toMatchObject({ bonusRaw: 150, bonus: 100 });
  });

  it('the queue counts by status, filters and pages; a unit’s drafts are not in it', async () => {
    await call('saveBonusClaim', filer, { unitId: U }, { ruleId: 'b3', occurrences: 1, description: '未报送的草稿', evidence: [], version: 0 });
    const all = (await call('listClaimQueue', bureauStaff, {}, undefined, { page: '1', limit: '2' })).body;
    expect(all.counts).toEqual({ draft: 0, submitted: 0, approved: 3, rejected: 1 });
    expect(all.total).toBe(4);
    expect(all.items).toHaveLength(2);
    const rejected = (await call('listClaimQueue', bureauStaff, {}, undefined, { status: 'rejected' })).body;
    expect(rejected.items.map((c: any) => c.id)).toEqual([deduction.id]);
    expect((await call('listClaimQueue', tjj, {}, undefined, {})).status).toBe(403);
    expect((await call('listClaimQueue', otherRegionBureau, { regionId: YL })).status).toBe(403);
  });
});

describe('the 2025 demo (cdk/local/seed-claims.ts)', () => {
  it('every unit has a decided item; 玉州区 over b2’s cap, one rejected, one severe, the feedback proposals settled', async () => {
    const in2025 = (op: string, caller: Caller, params: Record<string, string> = {}, query?: Record<string, string>) => call(op, caller, { cycleId: '2025', ...params }, undefined, query);
    const queue = (await in2025('listClaimQueue', bureauStaff, {}, { page: '1', limit: '100' })).body;
    expect(queue.counts.submitted + queue.counts.draft).toBe(0);
    expect(queue.counts.rejected).toBe(1);
    const units = new Set(queue.items.map((c: any) => c.unitId));
    const categories = (await in2025('listRaisedDeductions', bureauStaff)).body.units;
    expect(categories.every((u: any) => units.has(u.unitId))).toBe(true);
    const effects = (await in2025('listClaimEffects', bureauStaff)).body.items;
    expect(effects.find((e: any) => e.unitId === U).effect.bonusRaw).toBeGreaterThan(effects.find((e: any) => e.unitId === U).effect.bonus);
    expect(effects.find((e: any) => e.unitId === 'yl-gaj').effect.severeDeductions).toBe(1);
    const fromFeedback = queue.items.find((c: any) => c.source);
    expect(fromFeedback).toMatchObject({ unitId: 'yl-bobai', ruleId: 'd3', status: 'approved' });
    expect(await getProposal(YL, '2025', 'yl-bobai', fromFeedback.source.feedbackId)).toMatchObject({ status: 'drafted', claimId: fromFeedback.id });
    const assessorRaised = queue.items.find((c: any) => c.raisedBy.kind === 'assessor');
    expect(assessorRaised.evidence).toHaveLength(1);
    // A closed cycle is read, never written.
    expect((await in2025('getUnitClaims', filer, { unitId: U })).body.open).toBe(false);
  });
});

describe('stages', () => {
  it('refuses raising, submitting and deciding outside 自评 and 考核评分', async () => {
    await setStage(stageNumber('execution'));
    try {
      const res = await call('saveBonusClaim', filer, { unitId: U }, { ruleId: 'b3', occurrences: 1, description: '过程管理阶段', evidence: [], version: 0 });
      expect(res.status).toBe(409);
      expect((await call('getUnitClaims', filer, { unitId: U })).body.open).toBe(false);
    } finally {
      await setStage(stageNumber('assessment'));
    }
  });
});
