import type { Finding } from '../model/types.js'
import type { FileFacts } from './file-scan.js'
import { nestedPackageOf, workspacePackages, type WorkspacePackage } from './workspace.js'

/**
 * Workspace packages the repository publishes for others to install — a client SDK, a CLI, an instrumentation
 * library — that no other package of the repository depends on. Their code runs in other people's programs, not
 * in the product this repository deploys, so what it names is not the product's data processing: an SDK's request
 * types name `email` and `avatarUrl`, an instrumentation package lists the LLM vendors it can trace. A published
 * package that an app of the repository depends on (its own API client) stays part of it, and so does the
 * repository's root package.
 */
export function distributedPackages(
  files: readonly FileFacts[],
  packages: readonly WorkspacePackage[] = workspacePackages(files),
): WorkspacePackage[] {
  const dependedOn = new Set<string>()
  const published = new Set<string>()
  for (const f of files) {
    for (const d of f.dependencies) if (d.ecosystem === 'npm') dependedOn.add(d.name)
    if (f.published) published.add(f.path)
  }
  return packages.filter(
    (p) => p.dir !== '' && published.has(`${p.dir}package.json`) && !dependedOn.has(p.name),
  )
}

/** Findings in such packages, at low confidence and saying why (shown with `--min-confidence low`). */
export function demoteDistributed(findings: readonly Finding[], files: readonly FileFacts[]): Finding[] {
  const packages = workspacePackages(files)
  const distributed = new Set(distributedPackages(files, packages).map((p) => p.dir))
  if (distributed.size === 0) return [...findings]
  // The innermost package decides: a package nested in a published one is its own.
  const packageOf = nestedPackageOf(packages)
  return findings.map((f) => {
    const pkg = packageOf(f.evidence.path)
    if (!pkg || !distributed.has(pkg.dir) || f.evidence.confidence === 'low') return f
    const why = `in ${pkg.name}, a package this repository publishes for others and none of its packages uses`
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
