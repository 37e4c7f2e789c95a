/** Deployment choices from the CDK context: Cognito JWT auth instead of IAM, CORS origins. */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createSiftApp } from '../../infra/app.js';
import { buildSiftApp } from './synth.js';

const USER_POOL = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1';

describe('API authorization and CORS from the CDK context', () => {
  it('authorizes every data method with the Cognito user pool, answers CORS preflights, and passes cdk-nag', () => {
    // Act
    const { app, stack } = buildSiftApp({
      builtinCloudFormationValidation: false,
      context: { auth: 'cognito', userPoolArn: USER_POOL, corsOrigins: 'https://reader.example, https://desk.example' },
    });
    const template = Template.fromStack(stack);
    app.synth(); // throws on an unacknowledged cdk-nag finding
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [USER_POOL] });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as { Properties: { HttpMethod: string; AuthorizationType: string } }[];
    const data = methods.filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
    expect(data.length).toBeGreaterThan(4);
    expect(data.every((m) => m.Properties.AuthorizationType === 'COGNITO_USER_POOLS')).toBe(true);
    expect(methods.some((m) => m.Properties.HttpMethod === 'OPTIONS')).toBe(true);
    const env = Object.values(template.findResources('AWS::Lambda::Function')).map((f: any) => f.Properties.Environment?.Variables ?? {})
      .find((v: any) => v.SIFT_CURSOR_SECRET_ARN);
    expect(env.SIFT_CORS_ORIGIN).toBe('https://reader.example,https://desk.example');
  });

  it('refuses cognito without a user pool, and an unknown auth kind', () => {
    expect(() => createSiftApp({ context: { auth: 'cognito' } })).toThrow(/userPoolArn/);
    expect(() => createSiftApp({ context: { auth: 'basic' } })).toThrow(/iam or cognito/);
  });
});
