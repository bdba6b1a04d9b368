// The annual-cycle state machine: the same ASL file the local runner executes, with the stage-task Lambda.
import { readFileSync } from 'node:fs';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AppConfig } from '../config.ts';
import { AppFunction, LOG_RETENTION } from './app-function.ts';
import type { Data } from './data.ts';
import { repoPath } from './paths.ts';

export interface WorkflowProps {
  config: AppConfig;
  data: Data;
}

export class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  /** Built from the explicit name, so the machine can be allowed to start itself without a cycle. */
  readonly stateMachineArn: string;
  readonly stageTask: AppFunction;
  /** The preliminary-results computation (Art 21–22): a stage-7 task of the machine, and started by the results API. */
  readonly computeResults: AppFunction;
  /** The background recolour of a category's early warning after new thresholds (Art 12), started by the plan and progress APIs. */
  readonly recolourWarnings: AppFunction;

  constructor(scope: Construct, id: string, { config, data }: WorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = `${stack.stackName}-annual-cycle`;
    this.stateMachineArn = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.stageTask = new AppFunction(this, 'StageTask', {
      entry: 'functions/handlers/workflow/stage-task.ts',
      description: 'Annual-cycle state machine tasks: open, await (task token), escalate',
      architecture: config.arch,
      tracing: config.tracing.lambda,
      timeout: Duration.seconds(30),
    });
    data.allowReadWrite(this.stageTask);

    // A whole region's cycle in one invocation: a city (300 units × 50 goals) takes seconds, a province's
    // largest region well under the 15-minute limit (test/bench/results.ts, README); memory holds the
    // cycle's scores (~1 KB each) with room to spare.
    this.computeResults = new AppFunction(this, 'ComputeResults', {
      entry: 'functions/handlers/workflow/compute-results.ts',
      description: 'Preliminary results and grading of a region cycle (汇总反馈, 等次评定)',
      architecture: config.arch,
      tracing: config.tracing.lambda,
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    data.allowReadWrite(this.computeResults);

    // One category's units, 8 at a time: a 300-unit category takes minutes at most (each unit a Query and
    // a few transactions), well inside the limit; a run that dies is seen stale and restarted by the bureau.
    this.recolourWarnings = new AppFunction(this, 'RecolourWarnings', {
      entry: 'functions/handlers/workflow/recolour-warnings.ts',
      description: 'Early-warning recolour of a category after new warning thresholds (预警状态重新计算)',
      architecture: config.arch,
      tracing: config.tracing.lambda,
      timeout: Duration.minutes(15),
      memorySize: 512,
    });
    data.allowReadWrite(this.recolourWarnings);

    const logs = new LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps the logs resource policy small (Step Functions guidance).
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Inline (fromString) rather than fromFile: no extra S3 asset, and the template shows the definition.
    const asl = readFileSync(repoPath('statemachines/annual-cycle.asl.json'), 'utf8');
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: { Partition: stack.partition, StageTaskFunctionArn: this.stageTask.functionArn, ComputeResultsFunctionArn: this.computeResults.functionArn },
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: true },
      // X-Ray for Step Functions in China regions is unconfirmed: off there unless switched on (config.tracing).
      tracingEnabled: config.tracing.stateMachine,
    });
    this.stageTask.grantInvoke(this.stateMachine);
    this.computeResults.grantInvoke(this.stateMachine);
    // ContinueAsNew starts a fresh execution of this same machine.
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.stateMachineArn] }));

    const role = this.stateMachine.role;
    const fnId = stack.getLogicalId(this.stageTask.node.defaultChild as CfnElement);
    const computeId = stack.getLogicalId(this.computeResults.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudWatch Logs delivery and X-Ray APIs do not support resource-level permissions (CDK-generated).' },
      { id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`, reason: 'Invoke any version/alias of the one stage-task function (CDK grantInvoke).' },
      { id: `AwsSolutions-IAM5[Resource::<${computeId}.Arn>:*]`, reason: 'Invoke any version/alias of the one results function (CDK grantInvoke).' },
    );
    if (!config.tracing.stateMachine) {
      Validations.of(this.stateMachine).acknowledge({ id: 'AwsSolutions-SF2', reason: 'X-Ray switched off (stateMachineTracing; the aws-cn default, where it is unconfirmed); logging level ALL is on.' });
    }
  }

  /** The results API starts the computation asynchronously (functions/data/result-runner.ts). */
  grantStartResults(grantee: AppFunction): void {
    grantee.addEnvironment('RESULTS_FUNCTION_NAME', this.computeResults.functionName);
    this.computeResults.grantInvoke(grantee);
    const id = Stack.of(this).getLogicalId(this.computeResults.node.defaultChild as CfnElement);
    Validations.of(grantee.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`, reason: 'Invoke any version/alias of the one results function (CDK grantInvoke).' });
  }

  /** The plan API (an approval with new thresholds) and the progress API (a restart) start a recolour asynchronously (functions/data/warning-runner.ts). */
  grantStartRecolour(grantee: AppFunction): void {
    grantee.addEnvironment('WARNINGS_FUNCTION_NAME', this.recolourWarnings.functionName);
    this.recolourWarnings.grantInvoke(grantee);
    const id = Stack.of(this).getLogicalId(this.recolourWarnings.node.defaultChild as CfnElement);
    Validations.of(grantee.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`, reason: 'Invoke any version/alias of the one recolour function (CDK grantInvoke).' });
  }

  /** The API starts cycles and answers the waiting stage's task token. */
  grantStartAndAnswer(grantee: IGrantable): void {
    this.stateMachine.grantStartExecution(grantee);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['states:SendTaskSuccess'], resources: [this.stateMachineArn] }),
    );
  }
}
