// The goal sheets as the portal writes them (.xlsx through exceljs) read back as the API reads an
// import: a unit's export and an assessor's export give back their goals exactly, a text that looks
// like a formula included (written with the apostrophe, read without), and the template has every
// indicator (and unit) with no values.
import { describe, expect, it } from 'vitest';
import type { CommonGoalsView } from '@shared/contracts/assessor-goals.ts';
import type { UnitGoalsView } from '@shared/contracts/goals.ts';
import { readCommonTargetRows, readUnitGoalRows } from '@shared/domain/goal-rows.ts';
import type { PlanNode } from '@shared/domain/plan.ts';
import { commonTargetsWorkbook, indicatorsOf, unitGoalsWorkbook } from '@/views/goals/sheet/goal-xlsx';
import { readFirstSheet } from '@/utils/xlsx';

const read = async (blob: Blob) => readFirstSheet(await blob.arrayBuffer());
const goal = (indicatorId: string, extra: object) => ({
  cycleId: '2027', unitId: 'yz', indicatorId, categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'draft' as const, milestones: [], coUnitIds: [], version: 1, updatedAt: '2027-03-01T00:00:00Z', updatedBy: 'yz_staff', ...extra,
});
const unitView: UnitGoalsView = {
  cycleId: '2027', unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, stage: 2,
  set: { status: 'draft', version: 2, counts: { draft: 2, submitted: 0, returned: 0, approved: 0 } },
  editable: true,
  leaves: [
    { indicatorId: '1.1', name: '地区生产总值增速', parents: ['经济发展'], points: 2000, refinable: true },
    { indicatorId: '1.2', name: '一般公共预算收入', parents: ['经济发展'], points: 2000 },
    { indicatorId: '2.1', name: '党的建设', parents: ['共性指标'], points: 1000, common: true, assessorUnitId: 'zzb' },
  ],
  goals: [
    goal('1.1', { target: 6.5, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 3 }], responsible: '=HYPERLINK("x")', scoringNote: '按可比价\n季度统计' }),
    goal('2.1', { target: 90, unitOfMeasure: '分', assessorUnitId: 'zzb' }),
  ],
  problems: [],
};
const leaves: PlanNode[] = unitView.leaves.map((l) => ({ id: l.indicatorId, name: l.name, points: l.points, common: l.common, refinable: l.refinable, assessorUnitId: l.assessorUnitId }));

describe('goal sheets through .xlsx', () => {
  it('a unit’s export imports back unchanged, the assessor’s goal included as it stands', async () => {
    const rows = await read(await unitGoalsWorkbook(unitView, (id) => (id === 'zzb' ? '市委组织部' : id), true));
    expect(rows[3]!.at(-1)).toBe('市委组织部');
    const current = new Map(unitView.goals.map((g) => [g.indicatorId, g]));
    const { goals, errors } = readUnitGoalRows(rows, leaves, current, 2027);
    expect(errors).toEqual([]);
    expect(goals).toEqual([{ indicatorId: '1.1', row: 2, fields: { target: 6.5, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 3 }], responsible: '=HYPERLINK("x")', scoringNote: '按可比价\n季度统计' } }]);
  });

  it('a unit’s template lists every goal indicator with no values', async () => {
    const rows = await read(await unitGoalsWorkbook(unitView, (id) => id, false));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1.1', '1.2', '2.1']);
    expect(readUnitGoalRows(rows, leaves, new Map(), 2027)).toEqual({ goals: [], errors: [] });
  });

  it('an assessor’s export imports back unchanged, a row per unit', async () => {
    const view: CommonGoalsView = {
      cycleId: '2027', assessorUnitId: 'zzb', assessorName: '市委组织部', stage: 2, year: 2027,
      indicators: [{
        indicatorId: '2.1', name: '党的建设',
        categories: [{ categoryId: 'c1', categoryName: '县（市、区）', name: '党的建设', points: 1000 }, { categoryId: 'c2', categoryName: '市直部门', name: '党的建设与党风廉政', points: 800 }],
        rows: [
          { unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', setStatus: 'draft', editable: true, goal: { target: 90, unitOfMeasure: '分', milestones: [{ date: '2027-12-31', expected: 90 }], responsible: '韦强', status: 'draft', version: 2, updatedAt: '', updatedBy: 'yl_zzb' } },
          { unitId: 'fm', unitName: '福绵区', categoryId: 'c1', categoryName: '县（市、区）', setStatus: 'draft', editable: true },
          { unitId: 'jyj', unitName: '市教育局', categoryId: 'c2', categoryName: '市直部门', setStatus: 'submitted', editable: false, goal: { target: -1.5, unitOfMeasure: '起', milestones: [], status: 'submitted', version: 1, updatedAt: '', updatedBy: 'yl_zzb' } },
        ],
        withTarget: 2,
      }],
    };
    const rows = await read(await commonTargetsWorkbook(view, true));
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([['县（市、区）', '玉州区'], ['县（市、区）', '福绵区'], ['市直部门', '市教育局']]);
    const { targets, errors } = readCommonTargetRows(rows, indicatorsOf(view), 2027);
    expect(errors).toEqual([]);
    expect(targets).toEqual([
      { indicatorId: '2.1', unitId: 'yz', row: 2, fields: { target: 90, unitOfMeasure: '分', milestones: [{ date: '2027-12-31', expected: 90 }], responsible: '韦强' } },
      { indicatorId: '2.1', unitId: 'jyj', row: 4, fields: { target: -1.5, unitOfMeasure: '起', milestones: [] } },
    ]);
  });
});
