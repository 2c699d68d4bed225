import type { SubmittedSource } from './schema.js'

/** The last member of a dotted chain, without a call's `()` (`req.nextUrl.searchParams` → `searchParams`). */
function lastMember(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1).replace(/\(\)$/, '')
}

/**
 * Where server code reads what a client submitted (rules/requests/*.yaml), indexed for the detectors: payload
 * expressions, the calls that pass a payload on, and the getters that read a form or query key by key.
 */
export class SubmittedData {
  private readonly payloads = new Set<string>()
  private readonly wrappers = new Set<string>()
  private readonly getters = new Set<string>()
  /** Owner names in lower case: `FormData`-like objects are named in every case (`formData`, `formdata`). */
  private readonly owners = new Set<string>()
  private readonly queryOwners = new Set<string>()
  private readonly parameterTypes = new Set<string>()
  /** The identifiers payload and wrapper expressions start from (`req`, `request`, `readBody`, `Object`). */
  private readonly roots = new Set<string>()

  constructor(
    /** The sources as the rule files give them, with their examples. */
    readonly sources: readonly SubmittedSource[],
  ) {
    for (const s of sources) {
      for (const p of s.payloads) this.payloads.add(p)
      for (const w of s.wrappers) this.wrappers.add(w)
      for (const g of s.getters) this.getters.add(g)
      for (const o of s.owners) this.owners.add(o.toLowerCase())
      for (const o of s.query_owners) this.queryOwners.add(o.toLowerCase())
      for (const t of s.parameter_types) this.parameterTypes.add(t)
      for (const e of [...s.payloads, ...s.wrappers]) this.roots.add(e.split('.')[0]!.replace(/\(\)$/, ''))
    }
  }

  /** True for an expression whose value is a submitted payload (`req.body`, `request.formData()`). */
  isPayload(dotted: string): boolean {
    return this.payloads.has(dotted)
  }

  /** True for an identifier some payload or wrapper expression starts from: a cheap test before the full one. */
  isRoot(name: string): boolean {
    return this.roots.has(name)
  }

  /** True for a call that hands its first argument on as the same payload (`Object.fromEntries()`). */
  isWrapper(dotted: string): boolean {
    return this.wrappers.has(dotted)
  }

  /** True when `owner.method('key')` reads a submitted form or query value by its owner's name. */
  isGetter(method: string, owner: string): boolean {
    return this.getters.has(method) && this.owners.has(lastMember(owner).toLowerCase())
  }

  /** True for a method that reads one key (`get`), whatever its owner. */
  isGetterMethod(method: string): boolean {
    return this.getters.has(method)
  }

  /** True when the owner holds a URL query rather than a submitted form. */
  isQueryOwner(owner: string): boolean {
    return this.queryOwners.has(lastMember(owner).toLowerCase())
  }

  /** True for a parameter type that holds submitted values (`FormData`). */
  isPayloadType(name: string): boolean {
    return this.parameterTypes.has(name)
  }
}
