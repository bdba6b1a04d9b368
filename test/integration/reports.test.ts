// Annual reports (Art 24) through the results Lambda against the demo data: 玉林市 2025 as seeded has
// every category confirmed (version 1). A unit reads its own report (by indicator, lost points with
// the rule and inputs, claims, grade and rank as confirmed, the category comparison); another unit,
// an assessor unit and another region are refused; a category reopened for correction (not the
// confirmed version any more) and a cycle never confirmed (2026) are refused with a clear message.
// The bureau reads the region report: its figures are checked against the snapshots and score rows.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { confirmationEntity, confirmedResults } from '../../functions/data/confirmations.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { keys } from '../../functions/data/keys.ts';
import { listCycleScores } from '../../functions/data/scores.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as results } from '../../functions/handlers/api/results.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2025';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', U);
const unitLeader = person('yuzhou_leader', 'unit_leader', U);
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const otherBureau = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

type Res = { status: number; body: any };
async function call(op: string, caller: Caller, params: Record<string, string> = {}): Promise<Res> {
  const res = (await results(apiEvent(routeFor('results', op), { caller, params: { regionId: YL, cycleId: C, ...params } }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 60_000);

describe("a unit's report", () => {
  it('is read by the unit itself from the confirmed results, by indicator with what was lost and why', async () => {
    const res = await call('getUnitReport', unitStaff, { unitId: U });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    const set = await getCategorySet(YL, C);
    const category = set!.categories.find((c) => c.units.some((u) => u.unitId === U))!;
    const snapshot = (await confirmedResults(YL, C, category.categoryId))!;
    const confirmed = snapshot.units.find((u) => u.unitId === U)!;
    expect(r).toMatchObject({ unitName: '玉州区', year: 2025, categoryName: category.name, total: confirmed.total, gradeName: confirmed.gradeName, rankInGrade: confirmed.rankInGrade, position: confirmed.position, unitsInCategory: snapshot.units.length, confirmedVersion: 1 });
    expect(r.regionName).toBe('玉林市');
    expect(r.bureauName).toContain('绩效');
    // Every leaf: lost = points − score, and the groups add up.
    const leaves = r.groups.flatMap((g: any) => g.leaves);
    expect(leaves.length).toBeGreaterThan(3);
    for (const l of leaves) expect(l.lost).toBe(l.points - l.score);
    for (const g of r.groups) expect(g.score).toBe(g.leaves.reduce((s: number, l: any) => s + l.score, 0));
    expect(r.points - r.lost).toBe(r.breakdown.goalSum + r.breakdown.satisfaction);
    // Why: the engine's lines for every scored leaf.
    const lost = leaves.filter((l: any) => l.lost > 0);
    expect(lost.length).toBeGreaterThan(0);
    for (const l of lost) expect(l.explanation.join('')).toMatch(/分/);
    // Its total against the category: in one band, and the grade counts add to the category's units.
    expect(r.comparison.bands.reduce((s: number, b: any) => s + b.count, 0)).toBe(snapshot.units.length);
    expect(Object.values(r.comparison.counts).reduce((s: number, n: any) => s + n, 0)).toBe(snapshot.units.length);
    expect(r.comparison.stats.max).toBe(Math.max(...snapshot.units.map((u) => u.total)));
    // The category average per 一级指标 is computed over every unit's score rows.
    const scores = (await listCycleScores(YL, C)).filter((s) => s.categoryId === category.categoryId);
    expect(scores.length).toBeGreaterThan(snapshot.units.length);
    for (const g of r.groups) expect(g.categoryAverage).toBeGreaterThan(0);
    // The problems found (domain/problems.ts): the indicators that lost points are among them, by stable id.
    const ids = r.problems.map((p: any) => p.id);
    expect(lost.filter((l: any) => ids.includes(`score:${l.id}`) || ids.includes(`satisfaction:${l.id}`)).length).toBeGreaterThan(0);
  });

  it('is read by the unit leader and the bureau; another unit, an assessor unit and another region are refused', async () => {
    expect((await call('getUnitReport', unitLeader, { unitId: U })).status).toBe(200);
    expect((await call('getUnitReport', staff, { unitId: U })).status).toBe(200);
    expect((await call('getUnitReport', leader, { unitId: 'yl-jyj' })).status).toBe(200);
    expect((await call('getUnitReport', otherUnit, { unitId: U })).status).toBe(403);
    expect((await call('getUnitReport', assessor, { unitId: U })).status).toBe(403);
    expect((await call('getUnitReport', otherBureau, { unitId: U })).status).toBe(403);
  });

  it('shows approved bonus and deduction items, vetoes and Art 23 changes with their 文号 where the demo has them', async () => {
    const set = await getCategorySet(YL, C);
    const all = await Promise.all(set!.categories.flatMap((c) => c.units.map((u) => call('getUnitReport', staff, { unitId: u.unitId }))));
    expect(all.every((r) => r.status === 200)).toBe(true);
    const bodies = all.map((r) => r.body);
    expect(bodies.some((b) => b.claims.length > 0)).toBe(true);
    expect(bodies.some((b) => b.vetoes.length > 0 && b.gradeName === '不合格')).toBe(true);
    const raised = bodies.find((b) => b.gradeDecisions.length > 0);
    expect(raised?.gradeDecisions[0].documentNumber).toMatch(/〔\d{4}〕\d+号/);
  });

  it('is refused with a clear message while the category is not confirmed', async () => {
    const res = await call('getUnitReport', unitStaff, { unitId: U, cycleId: '2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(JSON.stringify(res.body)).toContain('尚未经绩效办领导确认，年度报告在确认后生成');
  });

  it('is refused while a correction has recomputed the result past the confirmed version', async () => {
    const key = keys.result(YL, C, 'yl-jyj');
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET #v = #v + :one', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':one': 1 } }));
    try {
      const res = await call('getUnitReport', staff, { unitId: 'yl-jyj' });
      expect(res.status).toBe(409);
      expect(JSON.stringify(res.body)).toContain('正在更正');
    } finally {
      await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET #v = #v - :one', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':one': 1 } }));
    }
  });
});

describe('the region report', () => {
  it("gives every category's grades, statistics and most-missed indicators as the snapshots and score rows say", async () => {
    const res = await call('getRegionReport', staff);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    const set = (await getCategorySet(YL, C))!;
    expect(r.categories.map((c: any) => c.name)).toEqual(set.categories.map((c) => c.name));
    const scores = await listCycleScores(YL, C);
    for (const c of r.categories) {
      expect(c.status).toBe('confirmed');
      const snapshot = (await confirmedResults(YL, C, c.categoryId))!;
      expect(c.counts).toEqual(snapshot.counts);
      expect(c.grades.flatMap((g: any) => g.units).length).toBe(snapshot.units.length);
      const totals = snapshot.units.map((u) => u.total);
      expect(c.stats).toMatchObject({ count: totals.length, max: Math.max(...totals), min: Math.min(...totals) });
      // The most missed, most first; each figure summed over the category's units from their score rows.
      expect(c.missed.length).toBeGreaterThan(0);
      for (let i = 1; i < c.missed.length; i++) expect(c.missed[i - 1].lostSum).toBeGreaterThanOrEqual(c.missed[i].lostSum);
      const top = c.missed[0];
      const rows = scores.filter((s) => s.categoryId === c.categoryId && s.indicatorId === top.indicatorId && snapshot.units.some((u) => u.unitId === s.unitId));
      if (rows.every((s) => s.methodKind !== 'satisfaction')) expect(top.lostSum).toBe(rows.reduce((s, row) => s + row.points - (row.score ?? 0), 0));
      // The demo has no 2024 cycle: "no previous year".
      expect(c.previous).toEqual({ status: 'none' });
    }
  });

  it('shows a category not confirmed (2026) as such, with no figures', async () => {
    const res = await call('getRegionReport', staff, { cycleId: '2026' });
    expect(res.status).toBe(200);
    for (const c of res.body.categories) {
      expect(c.status).toBe('unconfirmed');
    }
  });

  it("compares with last year once this year is confirmed: 2026's categories against 2025's of the same name", async () => {
    // 2026 confirmed as the leader's confirmation would store it (one snapshot per category), its units' totals 1.00 lower.
    const [sets, last] = await Promise.all([getCategorySet(YL, '2026'), getCategorySet(YL, C)]);
    for (const c of sets!.categories) {
      const before = last!.categories.find((p) => p.name === c.name);
      const prior = before && (await confirmedResults(YL, C, before.categoryId));
      if (!prior) continue;
      await documentClient().send(new PutCommand({ TableName: tableName(), Item: confirmationEntity.item({ ...prior, cycleId: '2026', categoryId: c.categoryId, units: prior.units.map((u) => ({ ...u, total: u.total - 100 })) }) }));
    }
    const res = await call('getRegionReport', staff, { cycleId: '2026' });
    expect(res.status).toBe(200);
    const compared = res.body.categories.filter((c: any) => c.status === 'confirmed');
    expect(compared.length).toBeGreaterThan(0);
    for (const c of compared) {
      expect(c.previous.status).toBe('confirmed');
      expect(c.previous.stats.mean - c.stats.mean).toBe(100);
      expect(c.previous.counts).toEqual(c.counts);
    }
  });

  it('is refused to units, assessor units and another region', async () => {
    expect((await call('getRegionReport', unitLeader)).status).toBe(403);
    expect((await call('getRegionReport', assessor)).status).toBe(403);
    expect((await call('getRegionReport', otherBureau)).status).toBe(403);
    expect((await call('getRegionReport', leader)).status).toBe(200);
  });
});
