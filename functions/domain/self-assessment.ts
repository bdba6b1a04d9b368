// Self-assessment rules (Art 16), pure: which input a goal's scoring method takes from the unit, the
// unit's own score as the engine previews it (scoring/methods.ts scoreGoal — never computed here), what
// is still missing before the leader may submit (each goal named), and who may move the set.
// The preview is the unit's claim only: the assessor's score (Art 17) is what counts.
import { t } from '../contracts/lang.ts';
import type { PlanMethod } from '../model/plan.ts';
import type { SelfFields, SelfMethodKind, SelfStatus } from '../model/self-assessment.ts';
import type { Role } from './roles.ts';
import { checkGoalInput, METHOD_NAMES, scoreGoal, type GoalInput, type Hundredths, type ScoringMethod } from './scoring/index.ts';
import type { FieldProblem } from './errors.ts';

/** The input field each method takes from the unit (direct: its own score). */
export const SELF_INPUT: Record<SelfMethodKind, 'achieved' | 'occurrences' | 'level' | 'selfScore'> = {
  completion: 'achieved',
  ranking: 'achieved',
  deduction: 'occurrences',
  qualitative: 'level',
  direct: 'selfScore',
};

const INPUT_NAMES = {
  achieved: () => t('实际完成值', 'value achieved'),
  occurrences: () => t('发生次数', 'occurrences'),
  level: () => t('自评等级', 'level claimed'),
  selfScore: () => t('自评分', 'own score'),
};

/** What the unit sends for one goal (fields as the model has them, plus a direct method's own score). */
export interface SelfInput extends SelfFields {
  selfScore?: Hundredths | undefined;
}

/** The method a goal is self-assessed by; a leaf without one, or a satisfaction leaf, takes none. */
export function selfMethod(method: PlanMethod | undefined): (ScoringMethod & { kind: SelfMethodKind }) | undefined {
  if (!method || method.kind === 'satisfaction') return undefined;
  return method;
}

/** Fields sent that the goal's method does not take (named, so a stale form is refused, not half-stored). */
export function foreignInputs(kind: SelfMethodKind, input: SelfInput): FieldProblem[] {
  const wanted = SELF_INPUT[kind];
  return (['achieved', 'occurrences', 'level', 'selfScore'] as const)
    .filter((f) => f !== wanted && input[f] !== undefined)
    .map((f) => ({ path: `body.${f}`, message: t(`本指标按“${METHOD_NAMES[kind]}”评分，不填${INPUT_NAMES[f]()}`, `This indicator is scored by ${kind}: no ${INPUT_NAMES[f]()}`) }));
}

/** The goal's input for the engine, or undefined while what it needs is missing (a ranking is never the unit's to rank). */
function engineInput(kind: SelfMethodKind, input: SelfInput, target: number | undefined): GoalInput | undefined {
  switch (kind) {
    case 'completion':
      return input.achieved === undefined || target === undefined ? undefined : { kind, target, actual: input.achieved };
    case 'deduction':
      return input.occurrences === undefined ? undefined : { kind, occurrences: input.occurrences };
    case 'qualitative':
      return input.level === undefined ? undefined : { kind, level: input.level };
    case 'direct':
      return input.selfScore === undefined ? undefined : { kind, score: input.selfScore };
    case 'ranking':
      return undefined;
  }
}

/** The engine's input paths as the unit's body names them (the target is the goal's, not the body's). */
const ENGINE_PATHS: Record<string, string> = { 'input.score': 'body.selfScore', 'input.actual': 'body.achieved', 'input.target': 'goal.target', 'input.occurrences': 'body.occurrences', 'input.level': 'body.level' };

/** Problems with the input itself (a direct score above the points, a target the engine cannot divide by), under body.*. */
export function inputProblems(points: Hundredths, method: ScoringMethod & { kind: SelfMethodKind }, input: SelfInput, target: number | undefined): FieldProblem[] {
  const engine = engineInput(method.kind, input, target);
  if (!engine) return [];
  return checkGoalInput(method, points, engine).map((p) => ({ path: ENGINE_PATHS[p.path] ?? p.path, message: p.message }));
}

export interface SelfPreview {
  selfScore?: Hundredths;
  explanation: string[];
}

/** The unit's own score as the engine computes it from its input, with the engine's sentence; none for a ranking or while input is missing. */
export function selfPreview(points: Hundredths, method: ScoringMethod & { kind: SelfMethodKind }, input: SelfInput, target: number | undefined): SelfPreview {
  if (method.kind === 'ranking') {
    return { explanation: [t(`${METHOD_NAMES.ranking}：名次待本类别全部单位的数值报齐后由考评单位确定，不预估得分`, 'Ranking: the rank is set by the assessor once every unit of the category has its value; no preview')] };
  }
  if (method.kind === 'completion' && target === undefined) return { explanation: [t('目标未设目标值，无法预估完成率', 'The goal has no target value: no completion preview')] };
  const engine = engineInput(method.kind, input, target);
  if (!engine || inputProblems(points, method, input, target).length) return { explanation: [] };
  const result = scoreGoal(points, method, engine);
  return { selfScore: result.score, explanation: [result.text] };
}

/** Everything the method needs is there, and the narrative. */
export function isComplete(kind: SelfMethodKind, input: SelfInput): boolean {
  return input[SELF_INPUT[kind]] !== undefined && (input.narrative ?? '').trim().length > 0;
}

export interface SelfGoal {
  indicatorId: string;
  name: string;
  methodKind?: SelfMethodKind;
}

export interface MissingProblem {
  indicatorId: string;
  code: 'not_started' | 'input' | 'narrative' | 'no_method';
  message: string;
}

/** What keeps the set from being submitted, each goal named: not assessed, its input or its narrative missing. */
export function missing(goals: readonly SelfGoal[], items: ReadonlyMap<string, SelfInput>): MissingProblem[] {
  const out: MissingProblem[] = [];
  for (const g of goals) {
    const item = items.get(g.indicatorId);
    const name = `${g.indicatorId} ${g.name}`;
    if (!g.methodKind) {
      out.push({ indicatorId: g.indicatorId, code: 'no_method', message: t(`「${name}」在方案中没有评分方法，请联系绩效办`, `“${name}” has no scoring method in the plan; ask the bureau`) });
      continue;
    }
    if (!item) {
      out.push({ indicatorId: g.indicatorId, code: 'not_started', message: t(`「${name}」尚未自评`, `“${name}” has no self-assessment yet`) });
      continue;
    }
    const field = SELF_INPUT[g.methodKind];
    if (item[field] === undefined) out.push({ indicatorId: g.indicatorId, code: 'input', message: t(`「${name}」未填${INPUT_NAMES[field]()}`, `“${name}”: ${INPUT_NAMES[field]()} missing`) });
    if (!(item.narrative ?? '').trim()) out.push({ indicatorId: g.indicatorId, code: 'narrative', message: t(`「${name}」未填完成情况说明`, `“${name}”: the narrative is missing`) });
  }
  return out;
}

export type SelfAction = 'edit' | 'submit' | 'approve' | 'return';

/** Whether `role` may make `action` on a set now in `status` (undefined: nothing saved yet), and the status it leads to. */
export function selfMove(action: SelfAction, status: SelfStatus | undefined, role: Role): { ok: true; to: SelfStatus } | { ok: false; message: string } {
  const withUnit = status === undefined || status === 'draft' || status === 'returned';
  switch (action) {
    case 'edit':
      if (role !== 'unit_staff' && role !== 'unit_leader') return { ok: false, message: t('只有本单位人员可以填写自评', 'Only the unit’s own people fill in its self-assessment') };
      return withUnit ? { ok: true, to: status ?? 'draft' } : { ok: false, message: t('自评已报送，不能修改（绩效办退回后可修改）', 'The self-assessment has been submitted and can no longer be changed (unless the bureau returns it)') };
    case 'submit':
      if (role !== 'unit_leader') return { ok: false, message: t('只有单位负责人可以审核报送自评', 'Only the unit leader approves and submits the self-assessment') };
      return withUnit ? { ok: true, to: 'submitted' } : { ok: false, message: t('自评已报送', 'The self-assessment has already been submitted') };
    case 'approve':
    case 'return':
      if (status !== 'submitted') return { ok: false, message: t('只能审核已报送的自评', 'Only a submitted self-assessment can be reviewed') };
      return { ok: true, to: action === 'approve' ? 'approved' : 'returned' };
  }
}

/** Assessor units read a set once the unit has submitted it (and after the bureau approved it), never a draft or a returned one. */
export const readableByAssessor = (status: SelfStatus | undefined) => status === 'submitted' || status === 'approved';
