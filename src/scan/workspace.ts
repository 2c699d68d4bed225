import type { FileFacts } from './file-scan.js'

/** A package of the repository: its package.json `name` and its folder (`''` at the root, else with a `/`). */
export interface WorkspacePackage {
  name: string
  dir: string
}

/** The workspace packages of a scan: every package.json that names a package, by folder. */
export function workspacePackages(
  facts: readonly Pick<FileFacts, 'path' | 'packageName'>[],
): WorkspacePackage[] {
  const out: WorkspacePackage[] = []
  for (const f of facts) {
    if (!f.packageName || !(f.path === 'package.json' || f.path.endsWith('/package.json'))) continue
    out.push({ name: f.packageName, dir: f.path.slice(0, f.path.length - 'package.json'.length) })
  }
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))
}

/** The innermost package below the root that holds a repo-relative path (a nested package wins over its parent). */
export function nestedPackageOf(
  packages: readonly WorkspacePackage[],
): (path: string) => WorkspacePackage | undefined {
  const nested = packages.filter((p) => p.dir !== '').sort((a, b) => b.dir.length - a.dir.length)
  return (path) => nested.find((p) => path.startsWith(p.dir))
}
