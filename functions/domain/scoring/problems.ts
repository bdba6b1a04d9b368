// Field-level problems, in the shape checkStageDates (stages.ts) and ValidationError use.
import { ValidationError } from '../errors.ts';

export interface FieldProblem {
  /** Path of the offending field, e.g. `method.bands.1.percent`. */
  path: string;
  message: string;
}

/** Throws a ValidationError listing `problems`, if there are any. */
export function assertNoProblems(problems: FieldProblem[], message: string): void {
  if (problems.length) throw new ValidationError(message, problems);
}

/** Checks that `value` is an integer in [min, max]; pushes a problem naming `path` if not. */
export function checkInt(
  problems: FieldProblem[],
  path: string,
  value: unknown,
  min: number,
  max: number,
  what: string,
): boolean {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    problems.push({ path, message: `${what}必须是整数` });
    return false;
  }
  if (value < min || value > max) {
    problems.push({ path, message: `${what}必须在 ${min} 到 ${max} 之间` });
    return false;
  }
  return true;
}
