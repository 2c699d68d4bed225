/** The distinct names of each group, in first-seen order: the fields one form or payload holds are siblings. */
export function siblingsByGroup<T>(
  items: readonly T[],
  group: (t: T) => string,
  name: (t: T) => string,
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const item of items) {
    const list = out.get(group(item)) ?? []
    if (!list.includes(name(item))) list.push(name(item))
    out.set(group(item), list)
  }
  return out
}
