import type { Finding } from '../model/types.js'
import { compileGlob } from '../util/glob.js'
import type { FileFacts } from './file-scan.js'
import type { RepositoryRoles } from '../rules/repository-roles.js'
import type { ImportUsage } from './reachability.js'
import { outsideAreas } from './roles.js'

/** Globs that override the inferred roles (the manifest's `scope`). */
export interface ProductScope {
  /** Always part of the product, whatever its role. */
  product?: readonly string[]
  /** Never part of the product: its evidence is low confidence. */
  outside?: readonly string[]
}

/**
 * Evidence in code that is not the deployed product — a package published for others, developer tooling, a
 * dot-folder of generated code, a documentation site (`roles.ts`) — at low confidence, saying why: shown with
 * `--min-confidence low` and by `explain`, never counted at the default confidence. The product's own use of such
 * code shows in the product's own files.
 */
export function demoteOutsideProduct(
  findings: readonly Finding[],
  files: readonly FileFacts[],
  known: RepositoryRoles,
  scope: ProductScope = {},
  imports?: { resolve: (from: string, specifier: string) => string | undefined; usage: ImportUsage },
): Finding[] {
  const areaOf = outsideAreas(
    files,
    known,
    { product: (scope.product ?? []).map(compileGlob), outside: (scope.outside ?? []).map(compileGlob) },
    imports,
  )
  return findings.map((f) => {
    if (f.evidence.confidence === 'low') return f
    const area = areaOf(f.evidence.path)
    if (!area) return f
    return {
      ...f,
      evidence: {
        ...f.evidence,
        confidence: 'low',
        reason: f.evidence.reason ? `${f.evidence.reason}; ${area.why}` : area.why,
      },
    }
  })
}
