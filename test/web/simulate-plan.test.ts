import { describe, expect, it } from 'vitest';
import { defaultGradingRules, type GradingRules } from '@shared/domain/scoring/index.ts';
import { readSampleFile, templateBlob } from '@/views/simulate/xlsx-io';
import { useSimulation, type LoadedPlan } from '@/views/simulate/useSimulation';

const rules: GradingRules = { ...defaultGradingRules(), failLine: 6_500, allocation: { mode: 'proportion', firstPercent: 2_000, secondPercent: 5_000 } };
const plan: LoadedPlan = { cycleId: '2028', categoryId: 'c1', label: '2028年度绩效考评 · 县（市、区）', version: 1, rules, unitNames: ['玉州区', '福绵区'] };

describe('simulate: rules from a saved plan', () => {
  it('fills the rules panel from the plan and says when they are changed here', () => {
    // Prepare
    const sim = useSimulation();

    // Act
    sim.loadPlan(plan);

    // Assess
    expect(sim.draft).toMatchObject({ failLine: '65.00', mode: 'proportion', firstPercent: '20.00', secondPercent: '50.00' });
    expect(sim.rulesCheck.value.rules).toEqual(rules);
    expect(sim.modified.value).toBe(false);
    sim.draft.firstPercent = '30';
    expect(sim.modified.value).toBe(true);
    sim.draft.firstPercent = '20';
    expect(sim.modified.value).toBe(false);
    sim.resetRules();
    expect(sim.modified.value).toBe(true);
  });

  it('lists the category’s units in the template, scores left blank', async () => {
    // Act
    const rows = await readSampleFile(await (await templateBlob(plan.unitNames)).arrayBuffer());

    // Assess
    expect(rows.slice(1).map((r) => r[0])).toEqual(['玉州区', '福绵区']);
    expect(rows.slice(1).every((r) => r.slice(1).every((c) => !c))).toBe(true);
  });
});
