// The single DynamoDB table, built from the one key definition in functions/data/table.ts.
import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../../functions/data/sessions.ts';
import { keys } from '../../functions/data/keys.ts';
import { TABLE } from '../../functions/data/table.ts';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/** Partition keys of the audit log begin so. */
export const AUDIT_KEY_PREFIX = keys.auditPrefix;
/** What no application role may do to an audit entry: change or remove it, by any API. */
export const AUDIT_DENIED_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'];
/**
 * A Put on an audit key is allowed only inside a transaction (`dynamodb:EnclosingOperation`), as
 * `commit` writes entries and chain heads: a bare PutItem over an entry is refused. IAM cannot see a
 * ConditionExpression, so a transaction carrying an unconditioned Put is still possible for whoever
 * holds the role; the hash chain (functions/data/audit.ts) is what shows it (README "Audit log").
 */
export const AUDIT_PUT_ONLY_IN = 'TransactWriteItems';

export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(TABLE.partitionKey),
      sortKey: key(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.globalIndexes.map((g) => ({
        indexName: g.indexName,
        partitionKey: key(g.partitionKey),
        sortKey: key(g.sortKey),
      })),
      billing: Billing.onDemand(),
      // Ended sessions and sign-in guards go by themselves (functions/data/sessions.ts, sign-in.ts).
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Read-only access (GetItem/Query...) plus TABLE_NAME. */
  allowRead(fn: LambdaFunction): void {
    this.table.grantReadData(fn);
    this.wire(fn);
  }

  /**
   * Read/write item access (no table management actions) plus TABLE_NAME. The audit log is
   * append-only for every application role (security.md M8): entries may be added (commit's Put,
   * conditioned on not existing, inside a transaction) but never updated or deleted, and a Put on an
   * audit key outside a transaction is refused.
   */
  allowReadWrite(fn: LambdaFunction): void {
    this.table.grantReadWriteData(fn);
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: AUDIT_DENIED_ACTIONS,
        resources: [this.table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_KEY_PREFIX}*`] } },
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['dynamodb:PutItem'],
        resources: [this.table.tableArn],
        conditions: {
          'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_KEY_PREFIX}*`] },
          // A negated operator holds when the key is absent, as it is on a bare PutItem.
          StringNotEquals: { 'dynamodb:EnclosingOperation': AUDIT_PUT_ONLY_IN },
        },
      }),
    );
    this.wire(fn);
  }

  private wire(fn: LambdaFunction): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement);
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: 'Queries on the table\'s own GSIs (gsi1–gsi3); the index ARN pattern covers only this table.',
    });
  }
}
