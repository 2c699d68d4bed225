import type { RuleSet } from '../rules/ruleset.js'
import type { ScanNote } from '../model/types.js'
import { emptyFacts, FileScan, type FieldTrace, type FileFacts } from './file-scan.js'
import { scanGraphql, scanPrisma, scanSql } from './detectors/schema-files.js'
import { scanSource } from './walk/scan-source.js'
import { scanTemplate } from './detectors/templates.js'
import { scriptBlocks } from './detectors/script-blocks.js'
import { scanStylesheet, STYLESHEET_EXTENSIONS } from './detectors/stylesheets.js'
import { configReader } from './manifests/configs.js'
import { manifestReader, readEnvExample } from './manifests/dependencies.js'

export const SOURCE_EXTENSIONS = new Set(['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'])
export const TEMPLATE_EXTENSIONS = new Set([
  'html',
  'htm',
  'ejs',
  'hbs',
  'handlebars',
  // Nunjucks layouts (Express and GOV.UK Frontend apps, Eleventy) hold the pages' `<script>` tags.
  'njk',
  'pug',
  'vue',
  'svelte',
  'astro',
])
/** Committed environment templates (`.env.example`, `.env.local.example`, `env.sample`); never real `.env` files. */
export const ENV_EXAMPLE =
  /^\.?env(\.[\w-]+)*\.(example|sample|template|dist|defaults)$|^\.env\.(example|sample|template)\.[\w-]+$|^example\.env$/

/** Limits that keep one odd file from stalling a scan, and the optional analyses a file scan runs. */
export interface FileLimits {
  /** Files larger than this are skipped with a note. */
  maxBytes: number
  /** `false` skips the flows analysis (sink calls): the benchmark's flows-off comparison. */
  flows?: boolean
}

export const DEFAULT_LIMITS: FileLimits = { maxBytes: 1_500_000 }

/** True when privacy-drift has a reader for the file (by extension or name). */
export function isScannable(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return false
  const ext = extensionOf(base)
  return (
    SOURCE_EXTENSIONS.has(ext) ||
    TEMPLATE_EXTENSIONS.has(ext) ||
    STYLESHEET_EXTENSIONS.has(ext) ||
    ext === 'prisma' ||
    ext === 'graphql' ||
    ext === 'gql' ||
    ext === 'sql' ||
    ENV_EXAMPLE.test(base) ||
    manifestReader(base) !== undefined ||
    configReader(base) !== undefined
  )
}

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.')
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase()
}

/**
 * Scans one file's content; never throws — problems become notes and the file's findings are dropped.
 * `trace` (for `explain`) sees every field the detectors classify, with the context they classified it in.
 */
export function scanFile(
  path: string,
  content: Buffer | string,
  rules: RuleSet,
  limits: FileLimits = DEFAULT_LIMITS,
  trace?: FieldTrace,
): FileFacts {
  const base = path.slice(path.lastIndexOf('/') + 1)
  const ext = extensionOf(base)
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length
  if (size > limits.maxBytes) return oversizeFacts(path, size, limits)
  if (typeof content !== 'string' && looksBinary(content))
    return skipped(path, 'info', 'skipped: binary content')
  let text = typeof content === 'string' ? content : decode(content)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (
    (SOURCE_EXTENSIONS.has(ext) || TEMPLATE_EXTENSIONS.has(ext)) &&
    looksMinified(text) &&
    !pastedSnippetOnly(text, ext)
  )
    return skipped(path, 'info', 'skipped: looks minified or generated (very long lines)')
  const scan = new FileScan(path, text, rules)
  scan.trace = trace
  scan.flowsEnabled = limits.flows !== false
  try {
    if (SOURCE_EXTENSIONS.has(ext)) scanSource(scan, text, ext)
    else if (TEMPLATE_EXTENSIONS.has(ext)) scanTemplate(scan, text, ext)
    else if (STYLESHEET_EXTENSIONS.has(ext)) scanStylesheet(scan, text)
    else if (ext === 'prisma') scanPrisma(scan, text)
    else if (ext === 'graphql' || ext === 'gql') scanGraphql(scan, text)
    else if (ext === 'sql') scanSql(scan, text)
    else if (ENV_EXAMPLE.test(base)) readEnvExample(scan, text)
    else (manifestReader(base) ?? configReader(base))?.(scan, text)
  } catch (e) {
    const reason = e instanceof RangeError ? 'too deeply nested to parse' : (e as Error).message
    return skipped(path, 'warning', `could not be scanned: ${reason}`)
  }
  markEmailTemplateHosts(scan.facts, rules)
  return scan.facts
}

/**
 * An e-mail template (a file importing an e-mail rendering module, rules/outbound `email_template_modules`): the
 * hosts its markup names are loaded by the recipient's mail client, not the app's pages, so each is on the `email`
 * basis. Only a file that imports such a module has its findings looked at.
 */
function markEmailTemplateHosts(facts: FileFacts, rules: RuleSet): void {
  const modules = rules.libraries.emailTemplateModules
  if (modules.size === 0 || !facts.imports.some((i) => !i.typeOnly && modules.has(i.specifier))) return
  for (const f of facts.findings)
    if ((f.kind === 'analytics' || f.kind === 'processor') && f.evidence.how === 'hostname' && !f.basis)
      f.basis = 'email'
}

/** The facts of a file skipped for its size: no findings, one note (callers may know the size without reading). */
export function oversizeFacts(path: string, size: number, limits: FileLimits = DEFAULT_LIMITS): FileFacts {
  return skipped(
    path,
    'info',
    `skipped: ${formatBytes(size)} is over the ${formatBytes(limits.maxBytes)} file limit`,
  )
}

function skipped(path: string, level: ScanNote['level'], message: string): FileFacts {
  return emptyFacts(path, [{ path, level, message }])
}

/** A NUL byte in the first 8,000 bytes (found by the buffer's native search, not a loop over bytes). */
function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0)
}

/** UTF-8, falling back to Latin-1 when the bytes are not valid UTF-8 (offsets stay usable). */
function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf)
  } catch {
    return buf.toString('latin1')
  }
}

/**
 * Build output: lines averaging over 300 characters. Hand-written code averages under 50 even with one long data
 * URI; a bundler's chunk (`693.e0ca38056f3a2978.js`, 9 kB on one line) does not, however small.
 */
function looksMinified(text: string): boolean {
  if (text.length < 4_000) return false
  // Counts lines only until there are enough for an average of 300 (most files: a small part of their text).
  let lines = 1
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
    if (++lines * 300 >= text.length) return false
  return true
}

/**
 * A hand-written page whose only long lines are inline scripts (a vendor's minified loader snippet pasted into
 * `index.html`): its markup is still the app's own, so it is scanned. Built HTML is minified outside scripts too.
 */
function pastedSnippetOnly(text: string, ext: string): boolean {
  if (!TEMPLATE_EXTENSIONS.has(ext)) return false
  let markup = ''
  let from = 0
  for (const block of scriptBlocks(text)) {
    markup += text.slice(from, block.start) + '\n'
    from = block.end
  }
  return !looksMinified(markup + text.slice(from))
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.round(n / 1000)} kB`
}
