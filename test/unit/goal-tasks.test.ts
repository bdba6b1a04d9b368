// The decomposition rules (domain/goal-tasks.ts): task fields against the cycle year, the goal's last
// milestone, the department list and the department task above a post task; how the department
// list may change; and the two views' grouping.
import { describe, expect, it } from 'vitest';
import { lastMilestone, nextDepartments, taskProblems, taskTree, tasksByDepartment, type TaskContext } from '../../functions/domain/goal-tasks.ts';
import type { GoalTaskRecord, TaskFields } from '../../functions/model/goal-task.ts';

const depts = [
  { id: 'd1', name: '综合科', retired: false },
  { id: 'd2', name: '统计科', retired: true },
];
const fields = (over: Partial<TaskFields> = {}): TaskFields => ({ title: '监测', departmentId: 'd1', owner: '黄海', due: '2026-06-30', lateConfirmed: false, ...over });
const ctx = (over: Partial<TaskContext> = {}): TaskContext => ({ year: 2026, departments: depts, lastMilestone: '2026-11-30', ...over });
const paths = (f: TaskFields, c: TaskContext) => taskProblems(f, c).map((p) => p.path);

describe('taskProblems', () => {
  it('accepts a department task within the year and before the last milestone', () => {
    expect(taskProblems(fields(), ctx())).toEqual([]);
  });
  it('refuses a due date outside the cycle year', () => {
    expect(paths(fields({ due: '2025-12-31' }), ctx())).toEqual(['body.due']);
    expect(paths(fields({ due: '2027-01-01' }), ctx())).toEqual(['body.due']);
  });
  it('asks for confirmation of a due date after the goal’s last milestone, and takes it confirmed', () => {
    expect(paths(fields({ due: '2026-12-01' }), ctx())).toEqual(['body.due']);
    expect(paths(fields({ due: '2026-12-01', lateConfirmed: true }), ctx())).toEqual([]);
    expect(paths(fields({ due: '2026-12-31' }), ctx({ lastMilestone: undefined }))).toEqual([]);
  });
  it('refuses an unknown department and a retired one, but lets a task keep the retired department it had', () => {
    expect(paths(fields({ departmentId: 'd9' }), ctx())).toEqual(['body.departmentId']);
    expect(paths(fields({ departmentId: 'd2' }), ctx())).toEqual(['body.departmentId']);
    expect(paths(fields({ departmentId: 'd2' }), ctx({ departmentBefore: 'd2' }))).toEqual([]);
  });
  it('holds a post task to its department task: same department, a post, not due later, one level only', () => {
    const parent = { due: '2026-06-30', departmentId: 'd1' };
    expect(paths(fields({ post: '统计员', due: '2026-05-31' }), ctx({ parent }))).toEqual([]);
    expect(paths(fields({ due: '2026-07-31' }), ctx({ parent })).sort()).toEqual(['body.due', 'body.post']);
    expect(paths(fields({ post: '统计员', departmentId: 'd9' }), ctx({ parent }))).toContain('body.departmentId');
    expect(paths(fields({ post: '统计员' }), ctx({ parent: { ...parent, parentId: 't1' } }))).toEqual(['body.parentId']);
  });
  it('keeps a department task from being due before its post tasks', () => {
    expect(paths(fields({ due: '2026-05-01' }), ctx({ childDues: ['2026-04-30', '2026-05-20'] }))).toEqual(['body.due']);
    expect(paths(fields({ due: '2026-05-20' }), ctx({ childDues: ['2026-05-20'] }))).toEqual([]);
  });
});

describe('lastMilestone', () => {
  it('is the latest date, in any order, and none without milestones', () => {
    expect(lastMilestone([{ date: '2026-11-30', expected: 1 }, { date: '2026-06-30', expected: 2 }])).toBe('2026-11-30');
    expect(lastMilestone([])).toBeUndefined();
  });
});

describe('nextDepartments', () => {
  let n = 0;
  const newId = () => `dn${++n}`;
  it('gives new departments ids, keeps the others, renames in place', () => {
    const { departments, problems } = nextDepartments(depts, [{ id: 'd1', name: '办公室', retired: false }, { id: 'd2', name: '统计科', retired: true }, { name: '法规科', retired: false }], new Set(), newId);
    expect(problems).toEqual([]);
    expect(departments).toEqual([{ id: 'd1', name: '办公室', retired: false }, { id: 'd2', name: '统计科', retired: true }, { id: 'dn1', name: '法规科', retired: false }]);
  });
  it('refuses a duplicate name among those in use, an unknown id, and dropping a department that has tasks', () => {
    expect(nextDepartments(depts, [{ id: 'd1', name: '综合科', retired: false }, { name: '综合科', retired: false }], new Set(), newId).problems.map((p) => p.path)).toEqual(['body.departments.1.name']);
    expect(nextDepartments(depts, [{ id: 'd1', name: '综合科', retired: false }, { name: '统计科', retired: false }, { id: 'd2', name: '统计科', retired: true }], new Set(), newId).problems).toEqual([]);
    expect(nextDepartments(depts, [{ id: 'dx', name: '某科', retired: false }], new Set(), newId).problems.map((p) => p.path)).toContain('body.departments.0.id');
    expect(nextDepartments(depts, [{ id: 'd1', name: '综合科', retired: false }], new Set(['d2']), newId).problems.map((p) => p.path)).toEqual(['body.departments']);
    expect(nextDepartments(depts, [{ id: 'd1', name: '综合科', retired: false }], new Set(['d1']), newId).problems).toEqual([]);
  });
});

describe('the views', () => {
  const base = { regionId: '450900', cycleId: '2026', unitId: 'u', indicatorId: '1.1', owner: 'x', lateConfirmed: false, version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' };
  const tasks: GoalTaskRecord[] = [
    { ...base, taskId: 't1', title: '乙', departmentId: 'd1', due: '2026-09-30' },
    { ...base, taskId: 't2', title: '甲', departmentId: 'd1', due: '2026-03-31' },
    { ...base, taskId: 't3', title: '岗位', departmentId: 'd1', due: '2026-08-31', parentId: 't1', post: '统计员' },
    { ...base, taskId: 't4', title: '其他', departmentId: 'd3', due: '2026-05-31', indicatorId: '1.2' },
  ];
  it('nests post tasks under their department task, by due date', () => {
    const tree = taskTree(tasks.filter((x) => x.indicatorId === '1.1'));
    expect(tree.map((n) => [n.task.taskId, n.posts.map((p) => p.taskId)])).toEqual([['t2', []], ['t1', ['t3']]]);
  });
  it('groups by department in the list’s order, empty ones shown, retired ones only with tasks', () => {
    const groups = tasksByDepartment([{ id: 'd3', name: '丙', retired: false }, { id: 'd1', name: '甲', retired: false }, { id: 'd2', name: '乙', retired: true }, { id: 'd4', name: '丁', retired: false }], tasks);
    expect(groups.map((g) => [g.department.id, g.tasks.map((x) => x.taskId)])).toEqual([['d3', ['t4']], ['d1', ['t2', 't3', 't1']], ['d4', []]]);
  });
});
