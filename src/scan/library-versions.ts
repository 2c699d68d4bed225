import { posix } from 'node:path'
import type { Finding } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { fingerprintOf, type FileFacts } from './file-scan.js'

/** The major version a package.json range asks for (`^5.0.0-beta.32` → 5, `~4.24` → 4); none for tags and URLs. */
export function rangeMajor(range: string): number | undefined {
  const m = /^\s*(?:npm:(?:@[^/]+\/)?[^@]+@)?(?:[\^~=v]|>=?)*\s*(\d+)(?:[.\s]|$|-)/.exec(range)
  return m ? Number(m[1]) : undefined
}

/**
 * A library's default cookies by its installed major version. The detector tells next-auth 4 from 5 by the shape of
 * the call where it can (`const { handlers, auth } = NextAuth(…)`), but `NextAuth(config).auth` in a middleware looks
 * like either; the catalogue ties each default name to the majors that use it (`default_of`), and the range in the
 * nearest package.json that declares the package decides. Only `sdk-default` cookie findings whose name the
 * catalogue ties to a version are looked at, and the manifests are read only when one exists.
 */
export function cookiesByInstalledVersion(
  findings: readonly Finding[],
  files: readonly FileFacts[],
  rules: RuleSet,
): Finding[] {
  if (rules.cookieDefaults.size === 0) return [...findings]
  let declared: Map<string, { dir: string; major: number | undefined }[]> | undefined
  const majorFor = (pkg: string, path: string): number | undefined => {
    if (!declared) {
      declared = new Map()
      for (const f of files)
        for (const d of f.dependencies)
          if (d.ecosystem === 'npm' && d.range !== undefined) {
            const list = declared.get(d.name) ?? []
            list.push({ dir: posix.dirname(f.path), major: rangeMajor(d.range) })
            declared.set(d.name, list)
          }
    }
    const list = declared.get(pkg)
    if (!list) return undefined
    // The nearest manifest above the file; else the one version every manifest agrees on.
    let best: { dir: string; major: number | undefined } | undefined
    for (const d of list)
      if ((d.dir === '.' || path.startsWith(d.dir + '/')) && (!best || d.dir.length > best.dir.length))
        best = d
    if (best) return best.major
    const majors = new Set(list.map((d) => d.major))
    return majors.size === 1 ? [...majors][0] : undefined
  }
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const f of findings) {
    const tie =
      f.kind === 'cookie' && f.evidence.how === 'sdk-default' ? rules.cookieDefaults.get(f.key) : undefined
    if (!tie) {
      out.push(f)
      continue
    }
    const major = majorFor(tie.package, f.evidence.path)
    const names =
      major === undefined || tie.majors.includes(major) ? [] : rules.cookieDefaultsFor(tie.package, major)
    if (names.length === 0) {
      out.push(f)
      continue
    }
    for (const name of names) {
      const at = `${name}@${f.evidence.path}:${f.evidence.line}`
      if (seen.has(at)) continue
      seen.add(at)
      out.push({
        ...f,
        key: name,
        cookie: { ...f.cookie!, pattern: name.includes('*') },
        evidence: {
          ...f.evidence,
          reason: `${tie.package} ${major} is installed (package.json), whose default is ${name}`,
          fingerprint: fingerprintOf('cookie', name, f.evidence.path, f.evidence.symbol ?? ''),
        },
      })
    }
  }
  return out
}
