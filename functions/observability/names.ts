// The names the Lambdas emit and the CDK dashboard and alarms read: one list for both sides.
// No imports, so the CDK app can use it without loading Powertools.

/** CloudWatch namespace of our own metrics (POWERTOOLS_METRICS_NAMESPACE deployed). */
export const METRICS_NAMESPACE = 'Jixiao';

/** The `service` of every log line and the `service` dimension of every metric (POWERTOOLS_SERVICE_NAME deployed). */
export const SERVICE_NAME = 'jixiao';

/** Recorded once per invocation with the dimensions `service` and `route`. */
export const ROUTE_METRICS = {
  /** Invocations (requests), count. */
  requests: 'Requests',
  /** Invocations that ended in a 5xx or an error nothing turned into a response: 1 or 0, so Average is the error rate. */
  errors: 'Errors',
  /** Time from the first middleware to the last, milliseconds. */
  latency: 'Latency',
} as const;

/** Business events, counted with the dimension `service` (plus any the caller names). */
export const BUSINESS_EVENTS = [
  /** The bureau advanced a cycle to its next stage (the advance operation). */
  'StageAdvanced',
  /** The workflow opened a stage (the first time; a resumed run does not count again). */
  'StageOpened',
  /** A missed stage deadline recorded, with its notice to the bureau (workflow timeout or daily safety net). */
  'EscalationFired',
  /** A reminder before a stage deadline sent to the bureau (daily job). */
  'ReminderSent',
  /** Rows taken in by an Excel import (units, accounts, plan indicators). */
  'ImportRows',
] as const;
export type BusinessEvent = (typeof BUSINESS_EVENTS)[number];
