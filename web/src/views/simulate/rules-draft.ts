// The rules panel's form: figures as typed text (so "60.00" stays as written), turned into the
// engine's GradingRules with its checks; problems come back keyed by form field.
import { ValidationError } from '@shared/domain/errors.ts';
import { checkGradingRules, defaultGradingRules, formatPoints, parsePoints, type GradingRules } from '@shared/domain/scoring/index.ts';

export interface RulesDraft {
  failLine: string;
  mode: 'proportion' | 'threshold';
  firstPercent: string;
  secondPercent: string;
  firstFrom: string;
  secondFrom: string;
  ties: GradingRules['ties'];
  quotaTie: GradingRules['quotaTie'];
  severeLowering: GradingRules['severeLowering'];
}

export type RulesField = 'failLine' | 'mode' | 'firstPercent' | 'secondPercent' | 'firstFrom' | 'secondFrom' | 'ties' | 'quotaTie' | 'severeLowering';

/** Score lines offered when switching to threshold mode (the regulation gives none). */
const DEFAULT_LINES = { firstFrom: 9_000, secondFrom: 8_000 };

export function draftOf(rules: GradingRules = defaultGradingRules()): RulesDraft {
  const a = rules.allocation;
  const d = defaultGradingRules().allocation as { firstPercent: number; secondPercent: number };
  return {
    failLine: formatPoints(rules.failLine),
    mode: a.mode,
    firstPercent: formatPoints(a.mode === 'proportion' ? a.firstPercent : d.firstPercent),
    secondPercent: formatPoints(a.mode === 'proportion' ? a.secondPercent : d.secondPercent),
    firstFrom: formatPoints(a.mode === 'threshold' ? a.firstFrom : DEFAULT_LINES.firstFrom),
    secondFrom: formatPoints(a.mode === 'threshold' ? a.secondFrom : DEFAULT_LINES.secondFrom),
    ties: rules.ties,
    quotaTie: rules.quotaTie,
    severeLowering: rules.severeLowering,
  };
}

export type RulesCheck = { rules: GradingRules; errors: {} } | { rules: null; errors: Partial<Record<RulesField, string>> };

/** The rules, or the problems by field (first problem per field). */
export function rulesOf(draft: RulesDraft): RulesCheck {
  const errors: Partial<Record<RulesField, string>> = {};
  const points = (field: RulesField): number => {
    try {
      return parsePoints(draft[field].normalize('NFKC').replace(/[%分]$/, ''), field);
    } catch (e) {
      errors[field] = e instanceof ValidationError ? '应为最多两位小数的数值，如 60.00' : String(e);
      return 0;
    }
  };
  const failLine = points('failLine');
  const allocation =
    draft.mode === 'proportion'
      ? { mode: draft.mode, firstPercent: points('firstPercent'), secondPercent: points('secondPercent') }
      : { mode: draft.mode, firstFrom: points('firstFrom'), secondFrom: points('secondFrom') };
  const rules: GradingRules = { failLine, allocation, ties: draft.ties, quotaTie: draft.quotaTie, severeLowering: draft.severeLowering };
  for (const p of checkGradingRules(rules)) {
    const field = p.path.split('.').pop() as RulesField;
    errors[field] ??= p.message;
  }
  return Object.keys(errors).length ? { rules: null, errors } : { rules, errors: {} };
}
