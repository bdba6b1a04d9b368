// Starts one in-memory DynamoDB Local for the whole run and hands its endpoint to the tests.
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../cdk/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
