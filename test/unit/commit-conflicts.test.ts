// commit() against the answers real DynamoDB gives under contention (DynamoDB Local does not make
// TransactionConflict on demand): a conflict with another transaction is retried and then answered
// 409, never a 500 (issue 10, defect 4); a failed condition of the change is a 409 at once.
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { commit, put } from '../../functions/data/commit.ts';
import { ConflictError } from '../../functions/domain/errors.ts';

process.env.TABLE_NAME = 'unit-test';
process.env.AWS_REGION = 'cn-north-1';
const doc = mockClient(DynamoDBDocumentClient);
const actor = { username: 'yl_staff', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' };

/** The error a cancelled transaction throws, with one reason per item (the change's item first). */
const cancelled = (...codes: string[]) => Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
const write = () => commit(actor, { action: 'test.write', target: 'x' }, [put({ pk: 'X', sk: 'Y' }, 'attribute_not_exists(pk)')], new Date().toISOString());

beforeEach(() => {
  doc.reset();
  doc.on(GetCommand).resolves({});
});

describe('commit under contention', () => {
  it('retries a transaction that met another one on its items, and succeeds', async () => {
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None', 'None')).rejectsOnce(cancelled('TransactionConflict', 'None', 'None')).resolves({});
    await expect(write()).resolves.toBeUndefined();
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('answers 409 when the conflict lasts, after a bounded number of tries', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    const error = await write().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).statusCode).toBe(409);
    expect(doc.commandCalls(TransactWriteCommand).length).toBeLessThanOrEqual(3);
  });

  it('answers 409 at once when the change’s own condition failed', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    await expect(write()).rejects.toBeInstanceOf(ConflictError);
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
