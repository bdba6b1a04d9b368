// Typed failures the domain and data layers raise; the HTTP layer maps each to its status code.
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Input breaks a rule; `details` lists the fields at fault and the message names them too. */
export class ValidationError extends DomainError {
  constructor(lead: string, details: FieldProblem[]) {
    super(400, 'VALIDATION', `${lead}：${details.map((f) => `${f.path}（${f.message}）`).join('；')}`, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = '无权访问该资源') {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = '资源不存在') {
    super(404, 'NOT_FOUND', message);
  }
}

/** The state changed under the caller (a concurrent edit, or a step taken out of order). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}

/** A service the request depends on failed; nothing was changed. */
export class UnavailableError extends DomainError {
  constructor(message: string) {
    super(503, 'UNAVAILABLE', message);
  }
}
