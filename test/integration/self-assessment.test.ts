// Self-assessment (自评, Art 16) through the assessment Lambda against the demo data, in this file's
// own table (created once): the seeded 2026 cycle of 玉林市 put at stage 5 with 玉州区's goals approved.
// A filer assesses each goal as its method asks (the engine's preview beside it), attaches evidence
// through a signed upload, the leader's submission is refused while something is missing (each goal
// named) and goes through once complete, with notices to the bureau and the assessor units; the
// assessor unit reads only its indicators, only once submitted; the bureau lists, returns with a
// reason and approves. The stage duty's late lock refuses a submission past the deadline until the
// bureau grants an extension. Another unit, another region and roles without the right are refused.
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { listSelfAssessments, readUnitSelfAssessment } from '../../functions/data/self-assessments.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { scoreGoal, type ScoringMethod } from '../../functions/domain/scoring/index.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/assessment.ts';
import { handler as cycles } from '../../functions/handlers/api/cycles.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const LATE = 'yl-jyj';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherUnit = person('jyj_staff', 'unit_staff', LATE);
const jyjLeader = person('jyj_leader', 'unit_leader', LATE);
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const tjj = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const thirdParty = person('yl_third', 'third_party', 'yl-sqmy');

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>) {
  const res = (await handler(apiEvent(routeFor('assessment', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const read = (caller: Caller = filer, unitId = U) => call('getUnitSelfAssessment', caller, { unitId });
const save = (indicatorId: string, body: Record<string, unknown>, caller: Caller = filer, unitId = U) => call('saveSelfAssessment', caller, { unitId, indicatorId }, body);
const setDeadline = (deadline: string) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.stage(YL, C, stageNumber('self_assessment')), UpdateExpression: 'SET deadline = :d', ExpressionAttributeValues: { ':d': deadline } }));

/** What each method takes from the unit: a value as the goal measures it, occurrences, a level, or a score in hundredths. */
function inputFor(goal: any): Record<string, unknown> {
  switch (goal.method.kind) {
    case 'completion':
    case 'ranking':
      return { achieved: goal.target - 1 };
    case 'deduction':
      return { occurrences: 1 };
    case 'qualitative':
      return { level: 'good' };
    default:
      return { selfScore: Math.floor(goal.points / 2) };
  }
}
const complete = (goal: any, version: number, extra: Record<string, unknown> = {}) => ({ ...inputFor(goal), narrative: `${goal.name}：全年按计划推进，已完成。`, version, ...extra });

async function fillAll(caller: Caller, unitId: string) {
  const { body } = await read(caller, unitId);
  for (const g of body.goals) {
    // The evidence list is what the item keeps: the files already on it are sent back.
    const res = await save(g.indicatorId, complete(g, g.item?.version ?? 0, { evidence: (g.item?.evidence ?? []).map((f: any) => f.fileId) }), caller, unitId);
    expect(res.status).toBe(200);
  }
  return (await read(caller, unitId)).body;
}

const pdf = Buffer.from('%PDF-1.4\n玉州区 2026 年度自评佐证\n%%EOF');
const sha = createHash('sha256').update(pdf).digest('base64');

let store: EvidenceStore;
let goals: any[];
/** A goal the statistics bureau (yl-tjj) assesses, and one it does not. */
let assessed: string;
let notAssessed: string;

beforeAll(async () => {
  await useFreshTable();
  store = await startEvidenceStore();
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.EVIDENCE_BUCKET = store.bucket;
  await seedDemo(new Date().toISOString());
  await approveGoalsDirectly(YL, C, U);
  await approveGoalsDirectly(YL, C, LATE);
  await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('self_assessment') } }));
  await setDeadline('2026-12-31');
}, 180_000);
afterAll(async () => store?.stop());

describe('a unit assesses its approved goals', () => {
  it('lists every approved goal with its method and target, each named as not assessed yet', async () => {
    const res = await read();
    expect(res.status).toBe(200);
    goals = res.body.goals;
    expect(goals.length).toBeGreaterThan(3);
    expect(res.body).toMatchObject({ unitId: U, editable: true, deadline: '2026-12-31', deadlinePassed: false, set: { status: 'draft', version: 0 } });
    expect(goals.every((g) => g.target !== undefined && g.method?.kind && g.method.kind !== 'satisfaction')).toBe(true);
    expect(res.body.problems.map((p: any) => p.indicatorId)).toEqual(goals.map((g) => g.indicatorId));
    expect(res.body.problems[0].message).toContain(goals[0].name);
    assessed = goals.find((g) => g.assessorUnitId === 'yl-tjj').indicatorId;
    notAssessed = goals.find((g) => g.assessorUnitId !== 'yl-tjj').indicatorId;
  });

  it('refuses another unit, another region and roles without the right (403)', async () => {
    expect((await read(otherUnit)).status).toBe(403);
    expect((await read(otherRegion)).status).toBe(403);
    expect((await read(tjj)).status).toBe(403);
    expect((await read(thirdParty)).status).toBe(403);
    expect((await save(goals[0].indicatorId, complete(goals[0], 0), otherUnit)).status).toBe(403);
    expect((await save(goals[0].indicatorId, complete(goals[0], 0), bureauStaff)).status).toBe(403);
    expect((await call('submitSelfAssessment', filer, { unitId: U }, { version: 1 })).status).toBe(403);
    expect((await call('reviewSelfAssessment', leader, { unitId: U }, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await call('listSelfAssessments', leader, {})).status).toBe(403);
    expect((await call('listSelfAssessments', otherRegion, {})).status).toBe(403);
  });

  it('saves a draft with the engine’s preview of the unit’s own score, never a ranking’s', async () => {
    for (const g of goals) {
      const res = await save(g.indicatorId, { ...inputFor(g), version: 0 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ indicatorId: g.indicatorId, methodKind: g.method.kind, version: 1, complete: false, updatedBy: 'yuzhou_staff' });
      if (g.method.kind === 'ranking') {
        expect(res.body.selfScore).toBeUndefined();
        expect(res.body.explanation[0]).toContain('排名法');
        continue;
      }
      const engine = scoreGoal(g.points, g.method as ScoringMethod, g.method.kind === 'completion' ? { kind: 'completion', target: g.target, actual: g.target - 1 } : ({ kind: g.method.kind, ...inputFor(g), ...(g.method.kind === 'direct' ? { score: Math.floor(g.points / 2) } : {}) } as any));
      expect(res.body.selfScore).toBe(engine.score);
      expect(res.body.explanation).toEqual([engine.text]);
      expect(Number.isInteger(res.body.selfScore)).toBe(true);
    }
    const view = await read();
    expect(view.body.set).toMatchObject({ status: 'draft', counts: { saved: goals.length, complete: 0 }, goalCount: goals.length });
    // Every goal now lacks only its narrative, named.
    expect(view.body.problems.map((p: any) => p.code)).toEqual(goals.map(() => 'narrative'));
  });

  it('refuses a stale version (409), a field the method does not take and an own score above the points (400)', async () => {
    const g = goals[0];
    expect((await save(g.indicatorId, complete(g, 0))).status).toBe(409);
    const foreign = g.method.kind === 'qualitative' ? { occurrences: 2 } : { level: 'excellent' };
    const refused = await save(g.indicatorId, { ...complete(g, 1), ...foreign });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: any) => d.path)).toEqual([`body.${Object.keys(foreign)[0]}`]);
    const direct = goals.find((x) => x.method.kind === 'direct');
    if (direct) {
      const over = await save(direct.indicatorId, { selfScore: direct.points + 1, version: 1 });
      expect(over.status).toBe(400);
      expect(over.body.error.details[0].path).toBe('body.selfScore');
    }
    expect((await save('99.9', complete(g, 0))).status).toBe(404);
  });

  it('attaches evidence through a signed upload confirmed in the bucket, which the unit downloads', async () => {
    const sign = await call('signSelfEvidenceUpload', filer, { unitId: U, indicatorId: assessed }, { name: '年度自评佐证.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha });
    expect(sign.status).toBe(201);
    expect(sign.body.url).toContain(`/evidence/${YL}/${C}/${U}/${assessed}/self/${sign.body.fileId}`);
    expect((await call('signSelfEvidenceUpload', otherUnit, { unitId: U, indicatorId: assessed }, { name: 'a.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha })).status).toBe(403);
    const g = goals.find((x) => x.indicatorId === assessed);
    // Not uploaded yet: refused, naming the file.
    const early = await save(assessed, complete(g, 1, { evidence: [sign.body.fileId] }));
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('body.evidence.0');
    expect((await fetch(sign.body.url, { method: 'PUT', headers: sign.body.headers, body: pdf })).status).toBe(200);
    const saved = await save(assessed, complete(g, 1, { evidence: [sign.body.fileId] }));
    expect(saved.status).toBe(200);
    expect(saved.body.evidence).toEqual([expect.objectContaining({ fileId: sign.body.fileId, name: '年度自评佐证.pdf', sha256: sha })]);
    expect((await readUnitSelfAssessment(YL, C, U)).uploads).toHaveLength(0);
    const link = await call('downloadSelfEvidence', bureauStaff, { unitId: U, indicatorId: assessed, fileId: sign.body.fileId });
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('keeps the assessor unit out until the leader submits', async () => {
    expect((await call('getAssessedSelfAssessment', tjj, { unitId: U })).status).toBe(404);
    expect((await call('listAssessedSelfAssessments', tjj, {})).body.items).toEqual([]);
  });
});

describe('the leader submits', () => {
  it('is refused while something is missing, each goal named (422), then submits once complete, with notices', async () => {
    const before = await read(leader);
    const refused = await call('submitSelfAssessment', leader, { unitId: U }, { version: before.body.set.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('SELF_INCOMPLETE');
    expect(refused.body.error.details.length).toBe(goals.length - 1);
    const filled = await fillAll(filer, U);
    expect(filled.problems).toEqual([]);
    expect((await call('submitSelfAssessment', leader, { unitId: U }, { version: filled.set.version - 1 })).status).toBe(409);
    const res = await call('submitSelfAssessment', leader, { unitId: U }, { version: filled.set.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ editable: false, set: { status: 'submitted', submittedBy: 'yuzhou_leader', counts: { complete: goals.length } } });
    expect((await listNotices(YL, 'yl-jxb', 50)).items.filter((n) => n.kind === 'self.submitted')).toHaveLength(1);
    expect((await listNotices(YL, 'yl-tjj', 50)).items.filter((n) => n.kind === 'self.submitted')).toHaveLength(1);
    const audit = (await listAudit(YL, new Date().toISOString().slice(0, 7), 500)).items.filter((e) => e.action === 'self.submit');
    expect(audit).toMatchObject([{ actor: 'yuzhou_leader', target: `self:${YL}/${C}/${U}` }]);
    // Frozen once submitted.
    expect((await save(goals[0].indicatorId, complete(goals[0], 2))).status).toBe(409);
    // The scoring and results slices read the items through the data module.
    expect((await listSelfAssessments(YL, C, U)).map((i) => i.indicatorId).sort()).toEqual(goals.map((g) => g.indicatorId).sort());
  });

  it('shows the assessor unit only its own indicators, and refuses it another unit’s or indicator’s', async () => {
    const list = await call('listAssessedSelfAssessments', tjj, {});
    expect(list.body.items).toEqual([expect.objectContaining({ unitId: U, status: 'submitted' })]);
    const res = await call('getAssessedSelfAssessment', tjj, { unitId: U });
    expect(res.status).toBe(200);
    const mine = goals.filter((g) => g.assessorUnitId === 'yl-tjj').map((g) => g.indicatorId);
    expect(res.body.goals.map((g: any) => g.indicatorId)).toEqual(mine);
    expect(res.body.goals.every((g: any) => g.item)).toBe(true);
    expect(res.body).toMatchObject({ editable: false, problems: [] });
    const fileId = res.body.goals.find((g: any) => g.indicatorId === assessed).item.evidence[0].fileId;
    expect((await call('downloadAssessedSelfEvidence', tjj, { unitId: U, indicatorId: assessed, fileId })).status).toBe(200);
    expect((await call('downloadAssessedSelfEvidence', tjj, { unitId: U, indicatorId: notAssessed, fileId })).status).toBe(403);
    expect((await call('getAssessedSelfAssessment', otherRegion, { unitId: U })).status).toBe(403);
    expect((await call('listAssessedSelfAssessments', otherUnit, {})).status).toBe(403);
    expect((await call('getAssessedSelfAssessment', filer, { unitId: U })).status).toBe(403);
    // 教育局's plan gives the statistics bureau no indicator: refused by the scope.
    expect((await call('getAssessedSelfAssessment', tjj, { unitId: LATE })).status).toBe(403);
  });
});

describe('the bureau', () => {
  it('lists every unit with its status and counts, filtered and paged', async () => {
    const all = await call('listSelfAssessments', bureauStaff, {}, undefined, { limit: '5' });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.totals.submitted).toBe(1);
    expect(all.body.total).toBe(Object.values(all.body.totals as Record<string, number>).reduce((a, b) => a + b, 0));
    const next = await call('listSelfAssessments', bureauStaff, {}, undefined, { limit: '5', page: '2' });
    expect(next.body.items[0].unitId).not.toBe(all.body.items[0].unitId);
    const submitted = await call('listSelfAssessments', bureauStaff, {}, undefined, { status: 'submitted' });
    expect(submitted.body.items).toEqual([expect.objectContaining({ unitId: U, counts: { saved: goals.length, complete: goals.length }, goalCount: goals.length })]);
    expect((await call('listSelfAssessments', bureauStaff, {}, undefined, { q: '玉州' })).body.items.map((r: any) => r.unitId)).toEqual([U]);
    // By category: 玉州区's holds it, another category does not.
    const own = submitted.body.items[0].categoryId;
    const other = all.body.categories.find((c: any) => c.categoryId !== own).categoryId;
    expect((await call('listSelfAssessments', bureauStaff, {}, undefined, { categoryId: own, status: 'submitted' })).body.total).toBe(1);
    expect((await call('listSelfAssessments', bureauStaff, {}, undefined, { categoryId: other, status: 'submitted' })).body.total).toBe(0);
    expect((await call('listSelfAssessments', bureauStaff, {}, undefined, { status: 'nonsense' })).status).toBe(400);
  });

  it('returns a set with its reason, which the unit sees and fixes; the leader resubmits; the bureau approves', async () => {
    const { body } = await read(bureauStaff);
    expect((await call('reviewSelfAssessment', bureauStaff, { unitId: U }, { decision: 'return', version: body.set.version })).status).toBe(400);
    const back = await call('reviewSelfAssessment', bureauStaff, { unitId: U }, { decision: 'return', version: body.set.version, reason: '佐证材料不足，请补充第三季度数据' });
    expect(back.status).toBe(201);
    const own = await read();
    expect(own.body).toMatchObject({ editable: true, set: { status: 'returned', returnReason: '佐证材料不足，请补充第三季度数据', returnedBy: 'yl_staff' } });
    expect((await listNotices(YL, U, 50)).items.filter((n) => n.kind === 'self.returned')).toHaveLength(1);
    expect((await call('getAssessedSelfAssessment', tjj, { unitId: U })).status).toBe(404);
    const g = goals[0];
    const fixed = await save(g.indicatorId, complete(g, own.body.goals[0].item.version, { narrative: '补充：第三季度数据已附。' }));
    expect(fixed.status).toBe(200);
    const again = await call('submitSelfAssessment', leader, { unitId: U }, { version: (await read(leader)).body.set.version });
    expect(again.status).toBe(201);
    const ok = await call('reviewSelfAssessment', bureauStaff, { unitId: U }, { decision: 'approve', version: again.body.set.version });
    expect(ok.status).toBe(201);
    expect(ok.body.set).toMatchObject({ status: 'approved', approvedBy: 'yl_staff' });
    const actions = (await listAudit(YL, new Date().toISOString().slice(0, 7), 500)).items.map((e) => e.action).filter((a) => a.startsWith('self.') && a !== 'self.save');
    expect(actions.sort()).toEqual(['self.approve', 'self.evidence.sign', 'self.resubmit', 'self.return', 'self.submit'].sort());
  });
});

describe('the stage duty', () => {
  it('counts a submitted set as delivered on the bureau’s 阶段任务', async () => {
    const res = (await cycles(apiEvent(routeFor('cycles', 'getStageDuties'), { caller: bureauStaff, params: { regionId: YL, cycleId: C, stage: 'self_assessment' } }), lambdaContext)) as { statusCode: number; body: string };
    const view = JSON.parse(res.body);
    expect(res.statusCode).toBe(200);
    expect(view.items.find((r: any) => r.unitId === U)).toMatchObject({ delivered: true, lines: [{ dutyId: 'self.submit', delivered: true }] });
    expect(view.items.find((r: any) => r.unitId === LATE)).toMatchObject({ delivered: false });
  });

  it('locks a submission past the deadline (409) until the bureau grants an extension', async () => {
    const filled = await fillAll(otherUnit, LATE);
    await setDeadline('2026-12-01');
    const late = await call('submitSelfAssessment', jyjLeader, { unitId: LATE }, { version: filled.set.version });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DEADLINE_PASSED');
    expect((await read(jyjLeader, LATE)).body).toMatchObject({ deadlinePassed: true, set: { status: 'draft' } });
    const grant = (await cycles(
      apiEvent(routeFor('cycles', 'grantExtension'), { caller: bureauStaff, params: { regionId: YL, cycleId: C, stage: 'self_assessment', unitId: LATE }, body: { until: '2026-12-20', reason: '单位主要负责人调整', version: 0 } }),
      lambdaContext,
    )) as { statusCode: number };
    expect(grant.statusCode).toBe(201);
    const res = await call('submitSelfAssessment', jyjLeader, { unitId: LATE }, { version: filled.set.version });
    expect(res.status).toBe(201);
    expect(res.body.set).toMatchObject({ status: 'submitted', late: true });
  });
});
