import type { Finding } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { detectCalledUrl } from './detectors/hosts.js'
import { FileScan, type FileFacts, type UrlCallee } from './file-scan.js'
import type { ModuleIndex } from './inventory.js'

/**
 * Outbound calls through an API client of the repository: a URL passed to a function or class (`super(url)`, `new
 * Client(url)`), to a method inherited from a base class of another module (`this.fetch(url)`), or as a property of
 * its options (`api({ domain: 'x.social' })`) whose module sends a request to that parameter or property, directly or
 * through the repository functions it hands the parameter on to; the evidence stays at the URL.
 */
export function linkUrlArguments(
  files: readonly FileFacts[],
  modules: ModuleIndex,
  rules: RuleSet,
): Finding[] {
  const out: Finding[] = []
  for (const f of files)
    for (const p of f.pendingUrls ?? []) {
      const sender = senderOf(f, p, modules, rules)
      if (!sender) continue
      for (const x of p.findings)
        out.push({
          ...x,
          evidence: { ...x.evidence, reason: `${x.evidence.reason ?? ''} (the request is in ${sender})` },
        })
    }
  return out
}

/** How many repository functions a URL parameter is followed through (`fetchRate(url)` → `fetch(url)` → the global). */
const MAX_FORWARDS = 3

/**
 * The module whose function, class or inherited method sends a request to the parameter a call passes its URL in,
 * or that exports the HTTP client whose method is called (`export const api = axios.create(…)`, then
 * `api.get(url)`: rules/outbound says which argument of `get` is the URL).
 */
function senderOf(
  f: FileFacts,
  p: UrlCallee,
  modules: ModuleIndex,
  rules: RuleSet,
  depth = 0,
): string | undefined {
  if (p.clientMethod !== undefined) {
    const method = p.clientMethod
    const sends = (file: FileFacts, name: string): true | undefined => {
      const client = file.flows?.clients?.[name]
      const library = client?.module ? rules.libraries.clientForImport(client.module, method) : undefined
      return library?.url_argument === p.index ? true : undefined
    }
    return p.from === '' ? undefined : modules.exportedFact(f.path, p.from, p.exportName, sends)?.path
  }
  // An inherited method is recorded by its module as `this.<method>` of the class that declares it.
  const takes = (file: FileFacts, name: string): true | undefined => {
    const fn = p.method === undefined ? name : `this.${p.method}`
    // A parameter handed on to another repository function sends only where that one does.
    return file.urlParameters?.some(
      (u) =>
        u.fn === fn &&
        u.index === p.index &&
        u.key === p.key &&
        (!u.through || (depth < MAX_FORWARDS && senderOf(file, u.through, modules, rules, depth + 1))),
    )
      ? true
      : undefined
  }
  if (p.from === '') return takes(f, p.exportName) && f.path
  return modules.exportedFact(f.path, p.from, p.exportName, takes)?.path
}

/**
 * Outbound calls whose URL starts with a constant another module of the repository exports (`` fetch(`${API_BASE}/x`)
 * ``, `axios.create({ baseURL: config.apiUrl })`): the constant's value, where it is exported, gives the host.
 */
export function linkImportedUrls(
  files: readonly FileFacts[],
  modules: ModuleIndex,
  rules: RuleSet,
): Finding[] {
  const out: Finding[] = []
  for (const f of files) {
    if (!f.importedUrls) continue
    const scan = new FileScan(f.path, '', rules)
    for (const p of f.importedUrls) {
      const hit = modules.exportedString(f.path, p.from, p.key)
      if (!hit) continue
      // A URL handed to a repository function counts only where that function sends a request to it.
      const sender = p.through && senderOf(f, p.through, modules, rules)
      if (p.through && !sender) continue
      const before = scan.facts.findings.length
      detectCalledUrl(scan, hit.value + p.suffix, { line: p.line, column: p.column }, p.via, p.rule, {
        hostOnly: p.hostOnly,
      })
      for (const x of scan.facts.findings.slice(before)) {
        x.evidence.excerpt = p.excerpt
        x.evidence.reason = `${x.evidence.reason ?? ''} (the URL is ${p.key} from ${hit.path}${sender ? `; the request is in ${sender}` : ''})`
      }
    }
    out.push(...scan.facts.findings)
  }
  return out
}
