import type { Finding } from '../model/types.js'
import type { FileFacts } from './file-scan.js'

/**
 * Sign-in providers read from an enum's members (`enum AuthProvider { GITHUB = 'github' }`) that no module names:
 * lowered to low confidence with why. An app offers the methods its code picks (`AuthProvider.GITHUB` on a button,
 * `Object.values(AuthProvider)` for a list of buttons); a front end's table of every provider its server can be
 * configured with, of which the code names only one (`provider === AuthProvider.LDAP`), says nothing of which are on.
 */
export function demoteUnnamedEnumMembers(
  findings: readonly Finding[],
  files: readonly FileFacts[],
): Finding[] {
  const declared = files.filter((f) => f.signInEnumMembers)
  if (declared.length === 0) return [...findings]
  const used = new Set(files.flatMap((f) => f.signInEnumUses ?? []))
  const unnamed = new Map<string, Map<string, string>>()
  for (const f of declared)
    for (const m of f.signInEnumMembers!) {
      const enumName = m.name.slice(0, m.name.indexOf('.'))
      if (used.has(m.name) || used.has(`${enumName}.*`)) continue
      const places = unnamed.get(f.path) ?? new Map<string, string>()
      places.set(`${m.line}:${m.column}`, m.name)
      unnamed.set(f.path, places)
    }
  if (unnamed.size === 0) return [...findings]
  return findings.map((x) => {
    if (x.evidence.how !== 'sign-in' || x.evidence.confidence === 'low') return x
    const member = unnamed.get(x.evidence.path)?.get(`${x.evidence.line}:${x.evidence.column}`)
    if (!member) return x
    const because = `${member} is a member no module of the repository names`
    const reason = x.evidence.reason ? `${x.evidence.reason}; ${because}` : because
    return { ...x, evidence: { ...x.evidence, confidence: 'low', reason } }
  })
}
