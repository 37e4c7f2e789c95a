/** The SHA-256 (and HMAC) the SDK's signer wants, from node:crypto: tests sign requests with @smithy/signature-v4. */
import { createHash, createHmac } from 'node:crypto';
import type { SourceData } from '@smithy/types';

const bytes = (data: SourceData) => (typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

export class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Uint8Array) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}
