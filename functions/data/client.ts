// One DocumentClient per process. Locally DYNAMODB_ENDPOINT points it at DynamoDB Local.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../config/env.ts';
import { traced } from '../observability/tracer.ts';

let doc: DynamoDBDocumentClient | undefined;
let docEndpoint: string | undefined;

export function documentClient(): DynamoDBDocumentClient {
  const endpoint = env.dynamoEndpoint;
  // A restarted local stack may bring DynamoDB Local up on another port: follow it.
  if (!doc || endpoint !== docEndpoint) {
    docEndpoint = endpoint;
    const base = traced(
      new DynamoDBClient(
        endpoint
          ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
          : {},
      ),
    );
    doc = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return doc;
}

export function tableName(): string {
  return env.tableName;
}
