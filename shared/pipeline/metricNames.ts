/**
 * Names of the ingest function's source-profile metrics: the handler emits them, the Monitoring construct
 * alarms on them, and the tests check both against this one table.
 */
export const PROFILE_METRICS = {
  /** Pages a profile matched whose body selector found nothing (read the generic way): all profiles together. */
  bodyMisses: 'ProfileBodyMisses',
  /** The same count per profile, with the `profile` dimension: which site changed its layout. */
  bodyMissesByProfile: 'ProfileBodyMissesByProfile',
  /** Dimension of `bodyMissesByProfile`: the profile's name. */
  profileDimension: 'profile',
  /** Stored profile documents left out because they cannot be used (invalid JSON, field, selector). */
  rejected: 'ProfilesRejected',
} as const;
