/**
 * A queue delivery's number against the queue's receives before dead-lettering. The last delivery of an
 * event ends the upload FAILED before the heavy work: every earlier one ended without a result (a crash,
 * memory or time exhausted, a store that kept failing), and one more try would only dead-letter the
 * message and leave the upload PENDING for good.
 */
export interface Delivery {
  /** This delivery's number (SQS `ApproximateReceiveCount`, from 1). */
  receiveCount: number;
  /** The queue's redrive `maxReceiveCount`. */
  maxReceives: number;
}

export const isLastDelivery = (d: Delivery | undefined): d is Delivery => !!d && d.receiveCount >= d.maxReceives;

/** The FAILED reason of an upload whose deliveries are spent. */
export const deliveriesSpentReason = (d: Delivery) =>
  `Sift gave up on this upload after ${d.receiveCount} deliveries that each ended without a result (the ingest function crashed, ran out of memory or time, or the store kept failing): upload it again, smaller or split, to retry`;
