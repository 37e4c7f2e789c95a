// Placeholder until the ingest adapter lands.
export const handler = async () => ({ batchItemFailures: [] });
