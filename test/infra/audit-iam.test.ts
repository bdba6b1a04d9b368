// The audit log's IAM, decided request by request: for every role that may write the table, the
// statements the template gives it are evaluated (deny wins; the condition operators they use, with
// IAM's rule that a negated operator holds when its key is absent) against what commit does and what
// an attacker holding the role would try. What the role can still do is said in README "Audit log".
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PUT_ONLY_IN } from '../../cdk/constructs/data.ts';
import { keys } from '../../functions/data/keys.ts';
import { ofType } from './shared.ts';
import { synth, type Synth } from './synth.ts';

type Statement = { Effect: 'Allow' | 'Deny'; Action: string | string[]; Condition?: Record<string, Record<string, string | string[]>> };
interface Request {
  action: string;
  /** The partition keys the request touches (`dynamodb:LeadingKeys`). */
  leadingKeys: string[];
  /** Set by DynamoDB on the item actions of a transaction (`dynamodb:EnclosingOperation`). */
  enclosing?: 'TransactWriteItems' | 'TransactGetItems';
}

const list = (v: string | string[]) => [v].flat();
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`);
const contextOf = (r: Request): Record<string, string[] | undefined> => ({
  'dynamodb:LeadingKeys': r.leadingKeys,
  'dynamodb:EnclosingOperation': r.enclosing ? [r.enclosing] : undefined,
});

/** One condition block, as IAM decides it; an operator this model does not know fails the test. */
function holds(condition: Statement['Condition'], r: Request): boolean {
  const context = contextOf(r);
  return Object.entries(condition ?? {}).every(([operator, byKey]) =>
    Object.entries(byKey).every(([key, wanted]) => {
      const values = context[key];
      const patterns = list(wanted);
      switch (operator) {
        case 'ForAnyValue:StringLike':
          return (values ?? []).some((v) => patterns.some((p) => glob(p).test(v)));
        case 'StringEquals':
          return values !== undefined && values.length === 1 && patterns.includes(values[0]!);
        case 'StringNotEquals':
          // Negated: true when the key is absent.
          return values === undefined || !patterns.includes(values[0]!);
        default:
          throw new Error(`condition operator ${operator} is not modelled here`);
      }
    }),
  );
}

const matchesAction = (st: Statement, action: string) => list(st.Action).some((a) => glob(a).test(action));

function decide(statements: Statement[], r: Request): 'allowed' | 'denied' {
  const applicable = statements.filter((st) => matchesAction(st, r.action) && holds(st.Condition, r));
  if (applicable.some((st) => st.Effect === 'Deny')) return 'denied';
  return applicable.some((st) => st.Effect === 'Allow') ? 'allowed' : 'denied';
}

let s: Synth;
/** Each role that may put items in the table, with every statement attached to it. */
let writers: { role: string; statements: Statement[] }[];

beforeAll(() => {
  s = synth('global');
  const policies = ofType(s, 'AWS::IAM::Policy').map(([, p]) => ({ roles: (p.Properties.Roles ?? []).map((r: { Ref: string }) => r.Ref) as string[], statements: p.Properties.PolicyDocument.Statement as Statement[] }));
  const roles = [...new Set(policies.flatMap((p) => p.roles))];
  writers = roles
    .map((role) => ({ role, statements: policies.filter((p) => p.roles.includes(role)).flatMap((p) => p.statements) }))
    .filter((w) => w.statements.some((st) => st.Effect === 'Allow' && matchesAction(st, 'dynamodb:PutItem')));
}, 180_000);

const audit = keys.audit('450900', '2026-12-03T02:00:00.000Z', 'e1').pk;
const head = keys.auditHead('450900', '2026-12-03', 3).pk;
const region = keys.region('450900').pk;

describe('audit log IAM (global stack)', () => {
  it('finds the writing roles: every API group but public, the stage task and the daily job', () => {
    expect(writers.length).toBeGreaterThanOrEqual(8);
    expect(AUDIT_PUT_ONLY_IN).toBe('TransactWriteItems');
  });

  const cases: [string, Request, 'allowed' | 'denied'][] = [
    ['commit: the entry, Put inside a transaction', { action: 'dynamodb:PutItem', leadingKeys: [audit], enclosing: 'TransactWriteItems' }, 'allowed'],
    ['commit: the chain head, Put inside a transaction', { action: 'dynamodb:PutItem', leadingKeys: [head], enclosing: 'TransactWriteItems' }, 'allowed'],
    ['reading the log (Query)', { action: 'dynamodb:Query', leadingKeys: [audit] }, 'allowed'],
    ['a bare PutItem over an entry', { action: 'dynamodb:PutItem', leadingKeys: [audit] }, 'denied'],
    ['a bare PutItem over a chain head', { action: 'dynamodb:PutItem', leadingKeys: [head] }, 'denied'],
    ['UpdateItem of an entry', { action: 'dynamodb:UpdateItem', leadingKeys: [audit] }, 'denied'],
    ['UpdateItem of an entry inside a transaction', { action: 'dynamodb:UpdateItem', leadingKeys: [audit], enclosing: 'TransactWriteItems' }, 'denied'],
    ['DeleteItem of an entry', { action: 'dynamodb:DeleteItem', leadingKeys: [audit] }, 'denied'],
    ['DeleteItem of an entry inside a transaction', { action: 'dynamodb:DeleteItem', leadingKeys: [audit], enclosing: 'TransactWriteItems' }, 'denied'],
    ['BatchWriteItem on an entry', { action: 'dynamodb:BatchWriteItem', leadingKeys: [audit] }, 'denied'],
    ['PartiQL UPDATE of an entry', { action: 'dynamodb:PartiQLUpdate', leadingKeys: [audit] }, 'denied'],
    ['PartiQL DELETE of an entry', { action: 'dynamodb:PartiQLDelete', leadingKeys: [audit] }, 'denied'],
    ['a bare PutItem of a region item (ordinary data is untouched)', { action: 'dynamodb:PutItem', leadingKeys: [region] }, 'allowed'],
    ['UpdateItem of a region item', { action: 'dynamodb:UpdateItem', leadingKeys: [region] }, 'allowed'],
  ];
  it.each(cases.map(([name, request, expected]) => [`${name} → ${expected}`, request, expected] as const))('%s, for every writing role', (_, request, expected) => {
    for (const w of writers) expect(decide(w.statements, request), w.role).toBe(expected);
  });
});
