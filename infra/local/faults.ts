/**
 * SIFT_FAULTS (CONTRACT.md section 3): `dynamodb=0.1,s3=0.1,crash=0.02`. A share of the SDK calls to a
 * service gets a real throttling or 5xx HTTP response, injected below the SDK's retry middleware, so the SDK
 * parses it into its own error types and the real retry, partial-batch and redrive paths run. `crash` makes
 * the ingest handler die mid-batch: part of the batch is processed, then the invocation fails whole, as when
 * a Lambda runtime crashes or times out. Local only: nothing here is deployed.
 */
import { Readable } from 'node:stream';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { DeserializeHandler, DeserializeHandlerArguments, DeserializeHandlerOutput } from '@smithy/types';
import type { AwsClients } from '../../shared/service/storage/awsClients.js';

export interface FaultRates {
  dynamodb: number;
  s3: number;
  crash: number;
}

export interface FaultCounters {
  injected: Record<'dynamodb' | 's3', number>;
  crashes: number;
  calls: Record<'dynamodb' | 's3', number>;
}

export function parseFaults(spec: string | undefined): FaultRates | null {
  if (!spec?.trim()) return null;
  const rates: FaultRates = { dynamodb: 0, s3: 0, crash: 0 };
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    const rate = Number(value);
    if (!(name in rates) || !(rate >= 0 && rate <= 1)) {
      throw new Error(`SIFT_FAULTS: '${part}' is not service=rate with service in dynamodb, s3, crash and rate from 0 to 1`);
    }
    rates[name as keyof FaultRates] = rate;
  }
  return rates;
}

/** What the services answer when they throttle or fail (status, headers, body), per protocol. */
const RESPONSES = {
  dynamodb: [
    { statusCode: 400, type: 'ThrottlingException', body: '{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}' },
    { statusCode: 500, type: 'InternalServerError', body: '{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error (injected)"}' },
  ],
  s3: [
    { statusCode: 503, type: 'SlowDown', body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' },
    { statusCode: 500, type: 'InternalError', body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error (injected).</Message></Error>' },
  ],
} as const;

function fakeResponse(service: 'dynamodb' | 's3', random: () => number) {
  const r = RESPONSES[service][random() < 0.5 ? 0 : 1];
  const contentType = service === 'dynamodb' ? 'application/x-amz-json-1.0' : 'application/xml';
  return {
    statusCode: r.statusCode,
    reason: r.type,
    headers: { 'content-type': contentType, 'x-amzn-errortype': r.type, 'x-amzn-requestid': 'injected-fault' },
    body: Readable.from([Buffer.from(r.body)]),
  };
}

/**
 * Fault state is per process, like the SDK clients the handlers keep between invocations: the stack sets
 * it at start (and tests may change it), the injectors read it on every call.
 */
export interface FaultState {
  rates: FaultRates | null;
  counters: FaultCounters;
}

/** A client decorator (see shared/service/storage/awsClients.ts) that injects faults into every client created after it. */
export function faultInjector(state: FaultState, random = Math.random) {
  return (clients: AwsClients) => {
    const targets: ['dynamodb' | 's3', { middlewareStack: { add: (m: TransportMiddleware, o: object) => void } }][] = [
      ['dynamodb', clients.ddb as never], ['s3', clients.s3 as never],
    ];
    for (const [service, client] of targets) {
      client.middlewareStack.add(
        (next) => async (args) => {
          const rate = state.rates?.[service] ?? 0;
          state.counters.calls[service]++;
          if (!rate || random() >= rate) return next(args);
          state.counters.injected[service]++;
          return { response: fakeResponse(service, random), output: undefined as never };
        },
        // Innermost (below the deserializer, inside the retry loop): where the service's response would arrive.
        { step: 'deserialize', priority: 'low', name: 'siftFaultInjection' },
      );
    }
  };
}

/** Wraps the ingest handler so that, at the crash rate, an invocation dies after handling part of its batch. */
export function crashingHandler(handler: (e: SQSEvent, context?: Context) => Promise<SQSBatchResponse>, state: FaultState, random = Math.random) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const rate = state.rates?.crash ?? 0;
    if (!rate || random() >= rate) return handler(event, context);
    state.counters.crashes++;
    const survivors = Math.floor(random() * event.Records.length);
    if (survivors) await handler({ Records: event.Records.slice(0, survivors) }, context);
    throw new Error(`injected crash after ${survivors} of ${event.Records.length} records`);
  };
}

type TransportMiddleware = (next: DeserializeHandler<object, object>) => (args: DeserializeHandlerArguments<object>) => Promise<DeserializeHandlerOutput<object>>;

export const newFaultCounters = (): FaultCounters => ({ injected: { dynamodb: 0, s3: 0 }, crashes: 0, calls: { dynamodb: 0, s3: 0 } });

/** Adds what one worker's injector counted to the stack's counters. */
export function addFaultCounters(total: FaultCounters, part: FaultCounters): void {
  for (const service of ['dynamodb', 's3'] as const) {
    total.injected[service] += part.injected[service];
    total.calls[service] += part.calls[service];
  }
  total.crashes += part.crashes;
}
