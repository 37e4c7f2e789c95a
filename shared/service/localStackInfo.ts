/**
 * What the local stack tells its clients once it is up (the `<dataDir>/ready.json` it writes and the command
 * line reads): endpoints, the bucket and prefix to upload to, and the credentials it accepts. A shape of its
 * own so the command line depends on it, not on the local wiring.
 */
export interface ReadyInfo {
  s3Endpoint: string;
  bucket: string;
  prefix: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  api: string;
  token: string;
}
