/**
 * Records keyed by names from scanned code or policy text. A plain object answers `constructor`, `toString` or
 * `__proto__` from its prototype, so a function named `toString` in a scanned file would look like a recorded fact
 * (it crashed the flow linker on a real monorepo). Reads go through `ownValue`; records are built with `ownRecord`.
 */

/** The record's own value under `key`, never one inherited from `Object.prototype`. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}

/** An empty record without a prototype, so that any key (even `__proto__`) is stored as an ordinary entry. */
export function ownRecord<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>
  for (const [k, v] of entries ?? []) out[k] = v
  return out
}
