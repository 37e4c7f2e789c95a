/**
 * Secrets read at run time from AWS Secrets Manager, once per process: a secret's value never sits in a
 * function's environment (visible to anyone who may read the function's configuration), only its ARN does.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const cache = new Map<string, Promise<string>>();
let client: SecretsManagerClient | undefined;

/**
 * The string value of the secret `secretId` (ARN or name). A failed read is not cached, so the next request
 * tries again instead of the process serving errors until it is recycled.
 */
export function secretValue(secretId: string, maxAttempts: number): Promise<string> {
  let value = cache.get(secretId);
  if (!value) {
    client ??= new SecretsManagerClient({ maxAttempts });
    value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((out) => {
      if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
      return out.SecretString;
    });
    value.catch(() => cache.delete(secretId));
    cache.set(secretId, value);
  }
  return value;
}
