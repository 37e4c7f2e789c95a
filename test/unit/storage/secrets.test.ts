/** Run-time secrets: read once per process, a failed read retried on the next request (error path, SDK mocked). */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretValue } from '../../../shared/service/storage/secrets.js';

afterEach(() => vi.restoreAllMocks());

describe('secretValue', () => {
  it('asks Secrets Manager once per secret and process', async () => {
    const send = vi.spyOn(SecretsManagerClient.prototype, 'send').mockImplementation(async (command: unknown) =>
      ({ SecretString: `value of ${(command as GetSecretValueCommand).input.SecretId}` }) as never);
    expect(await secretValue('arn:a', 3)).toBe('value of arn:a');
    expect(await secretValue('arn:a', 3)).toBe('value of arn:a');
    expect(await secretValue('arn:b', 3)).toBe('value of arn:b');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    const send = vi.spyOn(SecretsManagerClient.prototype, 'send')
      .mockRejectedValueOnce(new Error('throttled') as never)
      .mockResolvedValueOnce({ SecretString: 'k' } as never);
    await expect(secretValue('arn:c', 3)).rejects.toThrow('throttled');
    expect(await secretValue('arn:c', 3)).toBe('k');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('refuses a secret without a string value', async () => {
    vi.spyOn(SecretsManagerClient.prototype, 'send').mockResolvedValue({ SecretBinary: new Uint8Array(1) } as never);
    await expect(secretValue('arn:d', 3)).rejects.toThrow(/no string value/);
  });
});
