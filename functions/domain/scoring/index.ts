// Public API of the scoring and grading engine (pure: no I/O, no clock).
export * from './points.ts';
export * from './measure.ts';
export * from './problems.ts';
export * from './methods.ts';
export * from './total.ts';
export * from './grading-rules.ts';
export * from './adjustments.ts';
export * from './grading.ts';
