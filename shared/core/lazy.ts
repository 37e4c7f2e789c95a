/**
 * A value built on first use and kept: lookup tables (phrase tries, compiled alternations) that would
 * otherwise be built when the module loads, on every cold start, whether or not the invocation needs them.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
