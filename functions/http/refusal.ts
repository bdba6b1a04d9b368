// Refusals are security events (security.md M7): each one is logged and written to the refused
// caller's region audit log, whether the route table or an operation's own rule refused it.
import { nowIso } from '../config/clock.ts';
import { commit } from '../data/commit.ts';
import { ForbiddenError } from '../domain/errors.ts';
import type { Caller } from '../domain/roles.ts';
import { logger } from '../observability/logger.ts';

export async function auditRefusal(caller: Caller, target: string, after: Record<string, unknown>): Promise<void> {
  logger.warn('refused', { target, ...after, caller });
  try {
    await commit(caller, { action: 'access.refused', target, after }, [], nowIso());
  } catch (e) {
    // The call is refused either way; a failed record must not turn the 403 into a 500.
    logger.error('refusal not audited', { target, error: e as Error });
  }
}

/** Records the refusal, then refuses with `message`. */
export async function refuse(caller: Caller, target: string, message: string): Promise<never> {
  await auditRefusal(caller, target, { reason: 'rule', message });
  throw new ForbiddenError(message);
}
