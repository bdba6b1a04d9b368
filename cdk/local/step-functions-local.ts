// The annual-cycle ASL run locally by aws-local-stepfunctions, behind a small endpoint that speaks
// the Step Functions JSON protocol, so the deployed handler code (SFNClient) works unchanged.
//
// What the local runner does that AWS does itself:
//   - Lambda tasks call the handler functions in this process;
//   - a `.waitForTaskToken` task gets a fresh token, calls its handler, and then waits until
//     SendTaskSuccess/SendTaskFailure answers the token, or until the development clock passes the
//     stage deadline, which raises States.Timeout (Node timers cannot hold months: the wait's own
//     TimeoutSeconds is replaced by the longest a timer can hold);
//   - `states:startExecution` starts another local run.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StateMachine } from 'aws-local-stepfunctions';

type Json = any;
type LambdaFn = (payload: Json) => Promise<Json>;

/** The longest a Node timer holds (2^31-1 ms), in whole seconds. */
const MAX_TIMER_SECONDS = 2_147_483;

interface PendingWait {
  executionArn: string;
  resolve(output: Json): void;
  reject(error: Error): void;
  /** Epoch ms of the stage deadline, from the await handler's answer. */
  deadlineAt?: number;
  escalated?: boolean;
}

export interface Execution {
  executionArn: string;
  name: string;
  input: Json;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  output?: Json;
  error?: string;
  /** State names entered, in order (for tests and the log). */
  states: string[];
}

export interface LocalStepFunctionsOptions {
  aslPath: string;
  stateMachineArn: string;
  /** Lambda functions by the substitution name their ARN fills in the ASL. */
  functions: Record<string, LambdaFn>;
  now: () => number;
  log?: (line: string) => void;
}

const timeoutError = (message: string) => Object.assign(new Error(message), { name: 'States.Timeout' });

export class LocalStepFunctions {
  readonly executions = new Map<string, Execution>();
  private readonly waits = new Map<string, PendingWait>();
  private readonly aborts = new Map<string, () => void>();
  private readonly machine: StateMachine;
  private readonly definition: Json;
  private server?: Server;

  constructor(private readonly opts: LocalStepFunctionsOptions) {
    let text = readFileSync(opts.aslPath, 'utf8').replaceAll('${Partition}', 'aws');
    for (const name of Object.keys(opts.functions)) {
      text = text.replaceAll(`\${${name}}`, `arn:aws:lambda:local:000000000000:function:${name}`);
    }
    const unresolved = text.match(/\$\{[A-Za-z]+\}/);
    if (unresolved) throw new Error(`no local value for ${unresolved[0]} in ${opts.aslPath}`);
    this.definition = JSON.parse(text);
    for (const state of Object.values<Json>(this.definition.States)) {
      if (String(state.Resource ?? '').endsWith('.waitForTaskToken')) {
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = MAX_TIMER_SECONDS;
      }
    }
    this.machine = new StateMachine(this.definition);
  }

  /** Start a run; returns its ARN at once, the run goes on in the background. */
  startExecution(input: Json, name: string = randomUUID()): Execution {
    const executionArn = `${this.opts.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const startDate = this.opts.now();
    const execution: Execution = { executionArn, name, input, status: 'RUNNING', startDate, states: [] };
    this.executions.set(executionArn, execution);
    const run = this.machine.run(input, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(executionArn) },
      context: {
        Execution: { Id: executionArn, Name: name, StartTime: new Date(startDate).toISOString(), Input: input },
        StateMachine: { Id: this.opts.stateMachineArn, Name: 'annual-cycle' },
        Task: { Token: 'replaced-per-wait' },
      } as Json,
      noThrowOnAbort: true,
    });
    this.aborts.set(executionArn, run.abort);
    void (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === 'StateEntered' && event.state) execution.states.push(event.state.name);
      }
    })().catch(() => {});
    run.result.then(
      (output) => {
        execution.status = output === null ? 'ABORTED' : 'SUCCEEDED';
        execution.output = output;
      },
      (e: Error) => {
        execution.status = 'FAILED';
        execution.error = String(e?.message ?? e);
        this.opts.log?.(`execution ${name} failed: ${execution.error}`);
      },
    ).finally(() => {
      execution.stopDate = this.opts.now();
      this.aborts.delete(executionArn);
    });
    return execution;
  }

  private taskHandlers(executionArn: string): Record<string, (input: Json) => Promise<Json>> {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [stateName, state] of Object.entries<Json>(this.definition.States)) {
      if (state.Type !== 'Task') continue;
      const resource = String(state.Resource);
      if (resource.endsWith(':states:::lambda:invoke')) {
        handlers[stateName] = async (input) => ({ Payload: await this.invoke(input) });
      } else if (resource.endsWith(':states:::lambda:invoke.waitForTaskToken')) {
        handlers[stateName] = (input) => this.awaitToken(executionArn, input);
      } else if (resource.endsWith(':states:::states:startExecution')) {
        handlers[stateName] = async (input) => {
          const child = this.startExecution(input.Input);
          return { ExecutionArn: child.executionArn, StartDate: new Date(child.startDate).toISOString() };
        };
      } else {
        throw new Error(`state ${stateName}: resource ${resource} has no local handler`);
      }
    }
    return handlers;
  }

  private invoke(input: Json): Promise<Json> {
    const name = String(input.FunctionName).split(':').pop()!;
    const fn = this.opts.functions[name];
    if (!fn) throw new Error(`no local function ${name}`);
    return fn(input.Payload);
  }

  private async awaitToken(executionArn: string, input: Json): Promise<Json> {
    const token = `local-${randomUUID()}`;
    // Register the wait before the handler stores the token, so an answer can never arrive first.
    let wait!: PendingWait;
    const answered = new Promise<Json>((resolve, reject) => (wait = { executionArn, resolve, reject }));
    answered.catch(() => {}); // the caller handles a rejection; this only keeps Node from flagging it early
    this.waits.set(token, wait);
    try {
      const reply = await this.invoke({ ...input, Payload: { ...input.Payload, taskToken: token } });
      wait.deadlineAt = typeof reply?.deadlineAt === 'number' ? reply.deadlineAt : undefined;
      wait.escalated = Boolean(reply?.escalated);
    } catch (e) {
      this.waits.delete(token);
      throw e;
    }
    this.checkDeadlines();
    return answered;
  }

  /** The clock watcher: a wait whose stage deadline has passed (and was not escalated yet) times out. */
  checkDeadlines(): void {
    const t = this.opts.now();
    for (const [token, w] of this.waits) {
      if (!w.escalated && w.deadlineAt !== undefined && t >= w.deadlineAt) {
        this.waits.delete(token);
        w.reject(timeoutError('stage deadline passed (development clock)'));
      }
    }
  }

  sendTaskSuccess(token: string, output: Json): void {
    const w = this.takeWait(token);
    w.resolve(output);
  }

  sendTaskFailure(token: string, error = 'Error', cause = ''): void {
    const w = this.takeWait(token);
    w.reject(Object.assign(new Error(cause), { name: error }));
  }

  private takeWait(token: string): PendingWait {
    const w = this.waits.get(token);
    if (!w) throw Object.assign(new Error('Task does not exist or has already been answered'), { code: 'TaskDoesNotExist' });
    this.waits.delete(token);
    return w;
  }

  /** Runs still waiting for a task token. */
  get waitingCount(): number {
    return this.waits.size;
  }

  /** Serve the Step Functions JSON protocol on loopback; returns the endpoint URL. */
  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) => {
      this.server!.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server!.address() as { port: number }).port}`));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const op = String(req.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
    const reply = (status: number, body: Json) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      switch (op) {
        case 'StartExecution': {
          const e = this.startExecution(JSON.parse(body.input ?? '{}'), body.name);
          return reply(200, { executionArn: e.executionArn, startDate: e.startDate / 1000 });
        }
        case 'SendTaskSuccess':
          this.sendTaskSuccess(body.taskToken, JSON.parse(body.output ?? '{}'));
          return reply(200, {});
        case 'SendTaskFailure':
          this.sendTaskFailure(body.taskToken, body.error, body.cause);
          return reply(200, {});
        case 'DescribeExecution': {
          const e = this.executions.get(body.executionArn);
          if (!e) return reply(400, { __type: 'com.amazonaws.swf.base.model#ExecutionDoesNotExist', message: 'no such execution' });
          return reply(200, {
            executionArn: e.executionArn,
            name: e.name,
            status: e.status,
            startDate: e.startDate / 1000,
            ...(e.stopDate ? { stopDate: e.stopDate / 1000 } : {}),
            input: JSON.stringify(e.input),
            ...(e.output !== undefined ? { output: JSON.stringify(e.output) } : {}),
          });
        }
        default:
          return reply(400, { __type: 'com.amazonaws.swf.base.model#UnknownOperationException', message: `local runner does not support ${op}` });
      }
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'InvalidArn';
      return reply(400, { __type: `com.amazonaws.swf.base.model#${code}`, message: String((e as Error).message) });
    }
  }

  /** Abort every run and stop serving. */
  async stop(): Promise<void> {
    for (const abort of this.aborts.values()) abort();
    // Settle every wait, not just forget it: the runner clears its own task timer (set to the longest
    // a timer holds) only when the task settles, and that timer would keep the process alive. The
    // error matches no Retry or Catch, and the aborted run stops after this state.
    for (const w of this.waits.values()) w.reject(Object.assign(new Error('local Step Functions stopped'), { name: 'Local.Stopped' }));
    this.waits.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
