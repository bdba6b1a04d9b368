import { afterEach, describe, expect, it } from 'vitest';
import { demoPlan, demoTree } from '../../cdk/local/seed-plan.ts';
import { units } from '../../cdk/local/demo-data.ts';
import { importRows, methodParams, parseMethod, rowsToTree, templateRows, treeToRows } from '../../functions/domain/plan-rows.ts';
import { setLanguageSource } from '../../functions/contracts/lang.ts';
import { categoryPlan } from '../../functions/model/plan.ts';
import { ConflictError, ValidationError } from '../../functions/domain/errors.ts';
import { checkPlan, defaultPlan, diffTrees, normalisePlan, planAssessors, planProblems, planWrite, sumProblems, totalRulesOf, type CategoryPlan, type PlanMethod } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';

const YL = '450900';
const assessorUnits = units.filter((u) => u.regionId === YL && (u.assessor || u.type === 'bureau' || u.type === 'third_party'));
const ctx = { assessors: new Map(assessorUnits.map((u) => [u.unitId, u.name])) };
const government = () => demoPlan(demoTree(YL, '市直政府部门'));
const clone = <T>(x: T): T => structuredClone(x);

describe('the demo plan of 市直政府部门', () => {
  it('is well formed, adds up to 100.00 and has nothing left to finish', () => {
    const plan = government();
    expect(checkPlan(plan, ctx)).toEqual([]);
    expect(planProblems(plan)).toEqual([]);
    expect(plan.tree.map((n) => [n.name, n.points])).toEqual([['职能工作', 6_000], ['共性指标', 2_500], ['满意度评价', 1_500]]);
  });

  it('gives the engine its total rules: satisfaction parts from the tree, bonus cap 5.00', () => {
    const rules = totalRulesOf(government());
    expect(rules.bonusCap).toBe(500);
    expect(rules.satisfaction).toEqual([
      { id: '3.1', name: '社会公众评价', weight: 800, common: true },
      { id: '3.2', name: '服务对象评价', weight: 700, common: true },
    ]);
  });

  it('every demo category tree of both regions is valid and balanced', () => {
    for (const [region, name] of [[YL, '县（市、区）'], [YL, '市直党群部门'], [YL, '中直区直驻市单位'], ['450981', '镇（街道）'], ['450981', '市直部门']] as const) {
      const all = new Map(units.filter((u) => u.regionId === region).map((u) => [u.unitId, u.name]));
      const plan = demoPlan(demoTree(region, name));
      expect(checkPlan(plan, { assessors: all }), name).toEqual([]);
      expect(sumProblems(plan), name).toEqual([]);
    }
  });
});

describe('sums', () => {
  it('flags each parent whose children do not add up, and the tree against the total', () => {
    const plan = government();
    plan.tree[1]!.children![4]!.points = 400; // 督查督办落实 3 → 4
    const problems = sumProblems(plan);
    expect(problems.map((p) => p.path)).toEqual(['tree.1.points']);
    plan.tree[1]!.points = 2_600;
    expect(sumProblems(plan)).toEqual([{ path: 'tree', message: '一级指标分值合计 101.00 分，与类别总分 100.00 分不符' }]);
    expect(problems[0]!.message).toBe('「共性指标」下级指标分值合计 26.00 分，与本指标分值 25.00 分不符');
  });

  it('balances again when the parent follows its children', () => {
    const plan = government();
    plan.tree[1]!.children![4]!.points = 400;
    plan.tree[1]!.points = 2_600;
    plan.tree[0]!.children![1]!.points = 2_400;
    plan.tree[0]!.points = 5_900;
    expect(sumProblems(plan)).toEqual([]);
  });

  it('flags leaves without method or assessor as unfinished, not as malformed', () => {
    const plan = government();
    delete plan.tree[0]!.children![0]!.method;
    delete plan.tree[0]!.children![0]!.assessorUnitId;
    expect(checkPlan(plan, ctx)).toEqual([]);
    expect(planProblems(plan).map((p) => p.path)).toEqual(['tree.0.children.0.method', 'tree.0.children.0.assessorUnitId']);
  });
});

describe('malformed plans', () => {
  it('names the method parameter at fault', () => {
    const plan = government();
    plan.tree[1]!.children![4]!.method = { kind: 'deduction', perOccurrence: 500 }; // more than the 3.00 points
    expect(checkPlan(plan, ctx)).toEqual([{ path: 'tree.1.children.4.method.perOccurrence', message: '每次扣分必须在 0.01 到 3.00 之间' }]);
  });

  it('refuses fractional amounts, duplicate codes, unknown assessors, a fourth level and bad rules', () => {
    const plan: CategoryPlan = clone(government());
    plan.tree[0]!.points = 60.5;
    plan.tree[2]!.children![1]!.id = '3.1';
    plan.tree[1]!.children![0]!.assessorUnitId = 'yl-jyj';
    plan.tree[2]!.children![0]!.children = [{ id: 'x', name: '甲', points: 800, children: [{ id: 'y', name: '乙', points: 800 }] }];
    plan.bonuses[0]!.cap = 50;
    plan.grading.allocation = { mode: 'proportion', firstPercent: 6_000, secondPercent: 5_000 };
    plan.reviewWindowDays = 0;
    expect(checkPlan(plan, ctx).map((p) => p.path)).toEqual([
      'tree.0.points',
      'tree.1.children.0.assessorUnitId',
      'tree.2.children.0.children.0.children.0',
      'tree.2.children.1.id',
      'bonuses.0.cap',
      'grading.allocation.secondPercent',
      'reviewWindowDays',
    ]);
  });

  it('keeps method and assessor on leaves only', () => {
    const plan = government();
    Object.assign(plan.tree[0]!, { method: { kind: 'direct' }, assessorUnitId: 'yl-zfb' });
    const clean = normalisePlan(plan);
    expect(clean.tree[0]).not.toHaveProperty('method');
    expect(clean.tree[0]).not.toHaveProperty('assessorUnitId');
  });

  it('tells the audit which indicators a change touched', () => {
    const before = government().tree;
    const after = clone(before);
    after[0]!.children![0]!.points = 2_900;
    after[2]!.children!.pop();
    expect(diffTrees(before, after)).toEqual({ added: [], removed: ['3.2'], changed: ['1.1', '3'] });
  });
});

describe('methods as sheet text', () => {
  const methods: PlanMethod[] = [
    { kind: 'completion', capPercent: 10_000 },
    { kind: 'completion', capPercent: 12_000, lowerIsBetter: true },
    { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 3, percent: 10_000 }, { upToRank: 6, percent: 8_000 }], otherwisePercent: 0 },
    { kind: 'ranking', scale: 'linear', lastPercent: 6_000 },
    { kind: 'deduction', perOccurrence: 50, floor: 0 },
    { kind: 'qualitative', percents: { excellent: 10_000, good: 9_000, fair: 7_500, poor: 5_000 } },
    { kind: 'direct' },
    { kind: 'satisfaction' },
  ];
  const names = { completion: '目标完成率法', ranking: '排名法', deduction: '扣分法', qualitative: '定性评价法', direct: '直接评分法', satisfaction: '满意度评价' };

  it('reads back what it writes', () => {
    for (const m of methods) expect(parseMethod(names[m.kind], methodParams(m))).toEqual(m);
    expect(methodParams(methods[2])).toBe('第1-3名100%；第4-6名80%；其余0%');
    expect(methodParams(methods[4])).toBe('每次扣0.5分；保底0分');
  });

  it('names what it cannot read', () => {
    expect(() => parseMethod('打分法', '')).toThrow('未知的评分方法「打分法」');
    expect(() => parseMethod('扣分法', '扣一半')).toThrow('无法识别「扣一半」');
    expect(() => parseMethod('排名法', '第1-3名100%；第5-6名80%')).toThrow('应从第 4 名开始');
    expect(() => parseMethod('扣分法', '每次扣0.555分')).toThrow('不是最多两位小数');
  });
});

describe('the tree as sheet rows', () => {
  const names = new Map(assessorUnits.map((u) => [u.unitId, u.name]));
  const options = assessorUnits.map((u) => ({ unitId: u.unitId, name: u.name }));

  it('exports and re-imports the demo tree unchanged', () => {
    const tree = government().tree;
    const rows = treeToRows(tree, (id) => names.get(id) ?? id);
    expect(rows[0]).toEqual(['一级指标', '二级指标', '分值', '评分方法', '方法参数', '考评单位', '共性/个性', '评分标准', '单位可细化']);
    expect(rows[3]).toEqual(['', '部门职能业务指标', '25', '直接评分法', '', '玉林市绩效考评领导小组办公室（市绩效办）', '个性', expect.any(String), '是']);
    const back = rowsToTree(rows, options);
    expect(back.errors).toEqual([]);
    expect(normalisePlan({ ...defaultPlan(), tree: back.tree }).tree).toEqual(tree);
  });

  it('reads the template', () => {
    const { plan, errors } = importRows(templateRows(), defaultPlan(), ctx, options);
    expect(errors).toEqual([]);
    expect(sumProblems(plan)).toEqual([]);
    expect(plan.tree[1]!.children![0]).toMatchObject({ id: '2.1', common: true, method: { kind: 'deduction', perOccurrence: 50, floor: 0 } });
  });

  it('reads merged 一级 cells carrying their points, after title rows', () => {
    const rows = [
      ['玉林市2026年度绩效考评指标'],
      [],
      ['一级指标', '二级指标', '分值', '评分方法', '方法参数', '考评单位', '共性/个性', '评分标准'],
      ['职能工作（60分）', '重点工作', '40', '直接评分法', '', '', '', ''],
      ['职能工作（60分）', '业务工作', '20', '直接评分法', '', '', '', ''],
      ['共性指标', '督查督办', '40', '扣分法', '每次扣1分', '市政府办', '共性', ''],
    ];
    const { tree, errors, rowOf } = rowsToTree(rows, [...options, { unitId: 'yl-zfb', name: '玉林市人民政府办公室', shortName: '市政府办' }]);
    expect(errors).toEqual([]);
    expect(tree.map((n) => [n.id, n.name, n.points, n.children!.length])).toEqual([['1', '职能工作', 6_000, 2], ['2', '共性指标', 4_000, 1]]);
    expect(tree[1]!.children![0]).toMatchObject({ assessorUnitId: 'yl-zfb', common: true });
    expect(rowOf.get('tree.1.children.0')).toBe(6);
  });

  it('reads 单位可细化 as 是 / 否 (empty: 否), and names any other word', () => {
    const header = ['一级指标', '二级指标', '分值', '评分方法', '方法参数', '考评单位', '共性/个性', '评分标准', '单位可细化'];
    const ok = rowsToTree([header, ['职能工作', '重点工作', '40', '直接评分法', '', '', '个性', '', '是'], ['职能工作', '业务工作', '20', '直接评分法', '', '', '个性', '', '否']], options);
    expect(ok.errors).toEqual([]);
    expect(ok.tree[0]!.children!.map((n) => n.refinable)).toEqual([true, undefined]);
    const bad = rowsToTree([header, ['职能工作', '重点工作', '40', '直接评分法', '', '', '个性', '', '可以']], options);
    expect(bad.errors).toEqual([{ row: 2, column: '单位可细化', message: expect.stringContaining('是') }]);
  });

  it('reports every bad row with its column, and imports nothing', () => {
    const rows = [
      ['一级指标', '二级指标', '分值', '评分方法', '方法参数', '考评单位', '共性/个性', '评分标准'],
      ['职能工作', '', '60', '', '', '', '', ''],
      ['', '重点工作', '三十', '直接评分法', '', '', '', ''],
      ['', '业务工作', '30', '打分法', '', '', '', ''],
      ['', '排名', '10', '排名法', '前三名满分', '', '', ''],
      ['', '督查', '5', '扣分法', '每次扣1分', '不存在的局', '共性', ''],
      ['', '安全', '5', '扣分法', '每次扣9分', '', '甲性', ''],
      ['', '安全2', '5', '扣分法', '每次扣9分', '', '', ''],
    ];
    const { plan, errors } = importRows(rows, government(), ctx, options);
    expect(plan).toEqual(government());
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '分值'],
      [4, '评分方法'],
      [5, '方法参数'],
      [6, '考评单位'],
      [7, '共性/个性'],
    ]);
    // Once the cells read, the plan's own checks still point at the row: 9 points per item out of 5.
    const second = importRows(rows.filter((_, i) => i < 2 || i === 7), government(), ctx, options);
    expect(second.errors).toEqual([{ row: 3, column: '方法参数', message: '每次扣分必须在 0.01 到 5.00 之间' }]);
  });

  it('refuses a sheet without the header', () => {
    expect(rowsToTree([['指标', '分数']], options).errors).toEqual([{ row: 1, column: '一级指标', message: expect.stringContaining('表头') }]);
  });
});

describe('how a save is written (planWrite)', () => {
  const planStage = { status: 'open' as const, currentStage: stageNumber('plan') };
  const execution = { status: 'open' as const, currentStage: stageNumber('execution') };
  const v1 = { version: 1, revision: 3, reason: undefined };

  it('creates version 1 of a category without a plan, and edits it in place during the plan stage', () => {
    expect(planWrite(planStage, undefined, { revision: 0 })).toEqual({ version: 1, inPlace: false, reasonRequired: false, proposed: false });
    expect(planWrite(planStage, v1, { revision: 3 })).toEqual({ version: 1, inPlace: true, reasonRequired: false, proposed: false });
    // An in-place edit keeps the reason its version was made with, and ignores one given now.
    expect(planWrite(planStage, { ...v1, reason: '调整' }, { revision: 3, reason: '另一个' })).toEqual({ version: 1, inPlace: true, reasonRequired: false, proposed: false, reason: '调整' });
  });

  it('proposes a new version with its reason after the plan stage, for the leader to approve', () => {
    expect(planWrite(execution, v1, { revision: 3, reason: '  市委调整  ' })).toEqual({ version: 2, inPlace: false, reasonRequired: true, proposed: true, reason: '市委调整' });
    expect(planWrite(execution, undefined, { revision: 0, reason: '补设' })).toMatchObject({ version: 1, inPlace: false, proposed: true });
  });

  it('refuses a second proposal while one awaits the leader (409), but not an edit during the plan stage', () => {
    const second = planWrite(execution, v1, { revision: 3, reason: '再调整' }, { seq: 2 });
    expect('refusal' in second && second.refusal).toBeInstanceOf(ConflictError);
    expect('refusal' in second && second.refusal.message).toContain('第 2 号');
    expect(planWrite(planStage, v1, { revision: 3 }, { seq: 2 })).toMatchObject({ inPlace: true, proposed: false });
  });

  it('refuses a closed cycle and a stale revision (409), and a later change without a reason (400 at body.reason)', () => {
    const closed = planWrite({ status: 'closed', currentStage: stageNumber('closed') }, v1, { revision: 3, reason: '迟改' });
    expect('refusal' in closed && closed.refusal).toBeInstanceOf(ConflictError);
    const stale = planWrite(planStage, v1, { revision: 2 });
    expect('refusal' in stale && stale.refusal).toBeInstanceOf(ConflictError);
    const fresh = planWrite(planStage, undefined, { revision: 1 });
    expect('refusal' in fresh && fresh.refusal).toBeInstanceOf(ConflictError);
    for (const reason of [undefined, '   ']) {
      const none = planWrite(execution, v1, { revision: 3, reason });
      if (!('refusal' in none)) throw new Error('expected a refusal');
      expect(none.refusal).toBeInstanceOf(ValidationError);
      expect(none.refusal.details).toEqual([{ path: 'body.reason', message: expect.stringContaining('「过程管理」') }]);
    }
  });
});

describe('units that may score a leaf', () => {
  it('are the active assessor units, the bureau and third parties', () => {
    const units = [
      { unitId: 'jxb', type: 'bureau', status: 'active' },
      { unitId: 'tjj', type: 'department', status: 'active', assessor: true },
      { unitId: 'old', type: 'department', status: 'retired', assessor: true },
      { unitId: 'jyj', type: 'department', status: 'active' },
      { unitId: 'sqmy', type: 'third_party', status: 'active' },
    ];
    expect(planAssessors(units, 'jxb').map((u) => u.unitId)).toEqual(['jxb', 'tjj', 'sqmy']);
  });
});

describe('the stored shape (model/plan.ts)', () => {
  it('takes the demo plan as it is, and fills the defaults of a bare one', () => {
    expect(categoryPlan.parse(government())).toEqual(government());
    expect(categoryPlan.parse({ tree: [], grading: defaultPlan().grading })).toEqual(defaultPlan());
  });

  it('refuses a tree deeper than three levels whole, and a ranking without its bands', () => {
    const deep = { ...government(), tree: [{ id: '1', name: '甲', points: 100, children: [{ id: '1.1', name: '乙', points: 100, children: [{ id: '1.1.1', name: '丙', points: 100, children: [{ id: 'x', name: '丁', points: 100 }] }] }] }] };
    expect(categoryPlan.safeParse(deep).error?.issues.map((i) => i.path.join('.'))).toEqual(['tree']);
    const ranking = { ...government(), tree: [{ id: '1', name: '甲', points: 100, method: { kind: 'ranking', scale: 'bands' } }] };
    expect(categoryPlan.safeParse(ranking).error?.issues.map((i) => i.path.join('.'))).toEqual(['tree.0.method.bands', 'tree.0.method.otherwisePercent']);
  });

  it('normalises names and refuses invisible characters in them', () => {
    const plan = government();
    plan.tree[0]!.name = ' 职能工作 ';
    expect(categoryPlan.parse(plan).tree[0]!.name).toBe('职能工作');
    plan.tree[0]!.name = '职能\u200b工作';
    expect(categoryPlan.safeParse(plan).error?.issues[0]?.path.join('.')).toBe('tree.0.name');
  });
});

describe('messages in the caller’s language', () => {
  afterEach(() => setLanguageSource(() => 'zh'));

  it('gives the plan’s problems and refusals in English when asked', () => {
    setLanguageSource(() => 'en');
    const plan = government();
    plan.tree[1]!.children![4]!.points = 400;
    expect(sumProblems(plan)[0]!.message).toBe('The indicators under “共性指标” add up to 26.00, not its 25.00');
    const refused = planWrite({ status: 'open', currentStage: stageNumber('execution') }, { version: 1, revision: 1 }, { revision: 1 });
    expect('refusal' in refused && refused.refusal.message).toContain('A reason is needed');
    expect(() => parseMethod('打分法', '')).toThrow('Unknown scoring method “打分法”');
  });
});
