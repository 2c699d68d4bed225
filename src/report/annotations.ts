import type { UndeclaredItem } from '../model/types.js'
import { LIMITS } from './budget.js'
import { KIND_LABEL, plural } from './labels.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** One file annotation (plain text: the workflow-command writer escapes it). */
export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  /** Path relative to the repository root (GitHub resolves annotations against it). */
  file?: string
  startLine?: number
  startColumn?: number
}

export interface AnnotationOptions {
  /** The level for an item: error when it fails the step, warning otherwise. */
  level: (u: UndeclaredItem) => 'error' | 'warning'
  /** Prefix that turns scan-root-relative paths into repository-relative ones (`''` or `apps/web/`). */
  pathPrefix?: string
  manifestFile: string
  /** Per-level cap (GitHub shows 10 errors and 10 warnings per step). */
  perLevel?: number
}

/**
 * Annotations on the evidence lines of undeclared items, within GitHub's per-step limits: every item gets one
 * annotation before any gets a second, duplicates (same line) are dropped, and what does not fit is counted in
 * a final notice ("+N more in the job summary").
 */
export function buildAnnotations(items: readonly UndeclaredItem[], options: AnnotationOptions): Annotation[] {
  const cap = options.perLevel ?? LIMITS.annotationsPerLevel
  const prefix = options.pathPrefix ?? ''
  const counts = { error: 0, warning: 0 }
  const seen = new Set<string>()
  const out: Annotation[] = []
  let omitted = 0
  const depth = Math.max(0, ...items.map((u) => u.evidence.length))
  for (let i = 0; i < depth; i++) {
    for (const u of items) {
      const e = u.evidence[i]
      if (!e) continue
      const file = prefix + e.path
      const where = `${file}:${e.line}`
      if (seen.has(where)) continue
      seen.add(where)
      const level = options.level(u)
      if (counts[level] >= cap) {
        omitted++
        continue
      }
      counts[level]++
      const label = KIND_LABEL[u.kind].one
      const name = u.name && u.name !== u.key ? `${u.name} (${u.key})` : u.key
      out.push({
        level,
        title: `Undeclared ${label}: ${u.key}`,
        message: `${name} is not declared in ${options.manifestFile}. Add it under \`${sectionOf(u)}\`, or remove the code. (rule ${e.rule}${e.symbol ? `, ${e.symbol}` : ''})`,
        file,
        startLine: e.line,
        startColumn: e.column,
      })
    }
  }
  if (omitted > 0)
    out.push({
      level: 'notice',
      title: 'More undeclared items',
      message: `+${plural(omitted, 'more location')} not annotated (GitHub shows ${cap} per level per step); see the job summary.`,
    })
  return out
}

function sectionOf(u: UndeclaredItem): string {
  return u.suggestion.split('\n')[0]?.replace(/:$/, '') ?? u.kind
}
