// The stack only wires the constructs together; each concern lives in cdk/constructs/.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { assertResolvedEnv, type AppConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { Evidence } from './constructs/evidence.ts';
import { LogBucket } from './constructs/log-bucket.ts';
import { Observability } from './constructs/observability.ts';
import { DailyJob } from './constructs/schedule.ts';
import { Site } from './constructs/site.ts';
import { EdgeWafStack } from './constructs/waf.ts';
import { Workflow } from './constructs/workflow.ts';

export class JixiaoStack extends Stack {
  constructor(scope: Construct, config: AppConfig, props: StackProps = {}) {
    // The site's web ACL lives in us-east-1 (CLOUDFRONT scope): a stack of its own, referenced across regions.
    const crossRegion = config.waf.mode === 'create' && config.env.region !== 'us-east-1';
    super(scope, config.stackName, { ...props, env: config.env, description: `绩效管理平台 (${config.target})`, crossRegionReferences: crossRegion });
    assertResolvedEnv(this, config);
    let webAclArn = config.waf.arn;
    if (config.waf.mode === 'create') {
      const edge = new EdgeWafStack(scope, `${config.stackName}EdgeWaf`, { env: config.env, description: '绩效管理平台 site web ACL (us-east-1, CLOUDFRONT scope)', crossRegionReferences: crossRegion });
      this.addDependency(edge);
      webAclArn = edge.webAclArn;
    }

    const logs = new LogBucket(this, 'AccessLogs');
    const data = new Data(this, 'Data');
    const evidence = new Evidence(this, 'Evidence', { accessLogs: logs.bucket });
    const workflow = new Workflow(this, 'Workflow', { config, data });
    const daily = new DailyJob(this, 'Daily', { config, data });
    const site = new Site(this, 'Site', { config, logs: logs.bucket, webAclArn });
    const auth = new Auth(this, 'Auth', { config, siteUrls: site.origins });
    const api = new Api(this, 'Api', { config, issuer: auth.issuer, userPool: auth.userPool, data, workflow, siteOrigins: site.origins });
    evidence.serve([api.functions.progress, api.functions.assessment], site.origins);
    const observability = new Observability(this, 'Observability', { config, api, workflow, daily });
    site.publish({
      apiBase: api.url,
      auth: {
        mode: 'oidc',
        issuer: auth.issuer.issuerUrl,
        clientId: auth.issuer.audience,
        scopes: ['openid', 'profile'],
        // The handlers read the cognito:username claim, which only the ID token carries.
        tokenType: 'id_token',
        ...(auth.issuer.endSessionEndpoint ? { endSessionEndpoint: auth.issuer.endSessionEndpoint } : {}),
      },
    });

    new CfnOutput(this, 'SiteUrl', { value: site.origins[0]! });
    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EvidenceBucket', { value: evidence.bucket.bucketName });
    new CfnOutput(this, 'StateMachineArn', { value: workflow.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: observability.topic.topicArn });
  }
}
