import type { PolicyCheck } from '../policy/pr-section.js'
import type { Drift, Inventory } from '../model/types.js'
import { renderJson } from '../report/json.js'
import { renderMarkdown } from '../report/markdown.js'
import { renderSarif } from '../report/sarif.js'
import { renderText } from '../report/text.js'
import type { WorkspacePackage } from '../report/datamap.js'
import { renderCycloneDx } from '../report/cyclonedx.js'
import { renderFides } from '../report/fides.js'
import { renderRopa } from '../report/ropa.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { UsageError } from '../util/errors.js'
import { writeFileAtomic } from '../util/write-file.js'

export type Format = 'text' | 'json' | 'markdown' | 'sarif' | 'html' | 'cyclonedx' | 'fides' | 'ropa'
export const FORMATS: readonly Format[] = [
  'text',
  'json',
  'markdown',
  'sarif',
  'html',
  'cyclonedx',
  'fides',
  'ropa',
]

export interface RenderOptions {
  color: boolean
  verbose: boolean
  manifestFile?: string
  /** The project's name (the scanned folder), for report titles. */
  project?: string
  /** Workspace packages, for the parts of the data map. */
  packages?: readonly WorkspacePackage[]
  /** Rules (vendor facts, taxonomy) and the manifest (purposes, retention): the exports need them. */
  rules?: RuleSet
  manifest?: Manifest
  /** With privacy.yml's `policy.file`: what the policy text lacks (the markdown report shows it). */
  policy?: PolicyCheck
}

/** Renders a report in the requested format. */
export async function render(
  format: Format,
  inventory: Inventory,
  drift: Drift | undefined,
  opts: RenderOptions,
): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(inventory, drift)
    case 'html': {
      // Loaded on demand: the layout engine is only needed for this format.
      const { renderHtml } = await import('../report/html/page.js')
      return renderHtml(inventory, drift, opts)
    }
    case 'cyclonedx':
    case 'fides':
    case 'ropa': {
      if (!opts.rules) throw new Error(`--format ${format} needs the rules`)
      const input = { rules: opts.rules, manifest: opts.manifest, project: opts.project }
      if (format === 'cyclonedx') return renderCycloneDx(inventory, drift, input)
      return format === 'fides' ? renderFides(inventory, drift, input) : renderRopa(inventory, drift, input)
    }
    case 'markdown':
      return renderMarkdown(inventory, drift, {
        manifestFile: opts.manifestFile,
        packages: opts.packages,
        policy: opts.policy,
      })
    case 'sarif':
      return renderSarif(inventory, drift)
    case 'text':
      return renderText(inventory, drift, opts)
  }
}

/** Writes the report to stdout, or atomically to a file (never a half-written report; /dev/stdout written in place). */
export function writeReport(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text)
    return
  }
  writeFileAtomic(output, text, { mkdir: true })
}

/** Parses --format. */
export function parseFormat(value: string): Format {
  if ((FORMATS as string[]).includes(value)) return value as Format
  throw new UsageError(`--format ${value}: expected one of ${FORMATS.join(', ')}`)
}
