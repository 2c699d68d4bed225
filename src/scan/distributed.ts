import type { Finding } from '../model/types.js'
import type { FileFacts } from './file-scan.js'

/**
 * Folders of workspace packages the repository publishes for others to install — a client SDK, a CLI, an
 * instrumentation library — that no other package of the repository depends on. Their code runs in other people's
 * programs, not in the product this repository deploys, so what it names is not the product's data processing:
 * an SDK's request types name `email` and `avatarUrl`, an instrumentation package lists the LLM vendors it can
 * trace. A published package that an app of the repository depends on (its own API client) stays part of it, and
 * so does the repository's root package.
 */
export function distributedPackageDirs(files: readonly FileFacts[]): Map<string, string> {
  const dependedOn = new Set<string>()
  for (const f of files) for (const d of f.dependencies) if (d.ecosystem === 'npm') dependedOn.add(d.name)
  const out = new Map<string, string>()
  for (const f of files) {
    if (!f.published || !f.packageName || !f.path.endsWith('/package.json')) continue
    if (dependedOn.has(f.packageName)) continue
    out.set(f.path.slice(0, -'package.json'.length), f.packageName)
  }
  return out
}

/** Findings in such packages, at low confidence and saying why (shown with `--min-confidence low`). */
export function demoteDistributed(
  findings: readonly Finding[],
  dirs: ReadonlyMap<string, string>,
): Finding[] {
  if (dirs.size === 0) return [...findings]
  return findings.map((f) => {
    const name = packageOf(f.evidence.path, dirs)
    if (name === undefined || f.evidence.confidence === 'low') return f
    const why = `in ${name}, a package this repository publishes for others and none of its packages uses`
    return {
      ...f,
      evidence: {
        ...f.evidence,
        confidence: 'low',
        reason: f.evidence.reason ? `${f.evidence.reason}; ${why}` : why,
      },
    }
  })
}

function packageOf(path: string, dirs: ReadonlyMap<string, string>): string | undefined {
  for (const [dir, name] of dirs) if (path.startsWith(dir)) return name
  return undefined
}
