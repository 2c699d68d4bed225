import type { ts } from 'ts-morph'
import { nameText } from '../../walk/ts-helpers.js'

/** Member names of object-like nodes (interfaces, type literals, classes), computed once per node per file. */
export type MemberNames = Map<ts.Node, string[]>

/** The names of an owner's members: the siblings a field is classified with (wide types would be quadratic otherwise). */
export function memberNames(
  cache: MemberNames,
  owner: ts.Node,
  members: readonly ts.NamedDeclaration[],
): string[] {
  let names = cache.get(owner)
  if (!names) {
    names = members.map((m) => nameText(m.name) ?? '').filter(Boolean)
    cache.set(owner, names)
  }
  return names
}
