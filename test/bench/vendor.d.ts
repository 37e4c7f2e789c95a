// dynalite's item-size rules (DynamoDB's), which the pipeline bench uses to size index copies.
declare module 'dynalite/db/index.js' {
  type AttributeMap = Record<string, unknown>;
  const db: {
    /** Bytes of an item as DynamoDB counts them. */
    itemSize(item: AttributeMap): number;
    /** Capacity units of reading (`isRead`) or writing an item. */
    capacityUnits(item: AttributeMap, isRead: boolean, isConsistent?: boolean): number;
  };
  export default db;
}
