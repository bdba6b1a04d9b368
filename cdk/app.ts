// CDK entry point: `npx cdk synth` (global) or `npx cdk synth -c target=cn` (China regions).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from './config.ts';
import { JixiaoStack } from './stack.ts';

/** Builds the app; tests call this with their own context and outdir. */
export function buildApp(app = new App()): { app: App; stack: JixiaoStack } {
  const stack = new JixiaoStack(app, loadConfig(app.node));
  // cdk-nag 3: a validation plugin; unacknowledged errors fail synth with ValidationFailed.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

// Synthesize only when run as the CDK app (`npx tsx cdk/app.ts`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) buildApp().app.synth();
