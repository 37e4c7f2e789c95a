// Entry of a worker thread that runs one Lambda handler (infra/local/invocationPool.ts). Worker threads do not
// share the main thread's TypeScript loader, so this plain module registers tsx before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./invocationWorker.ts');
