import { existsSync, readFileSync, statSync } from 'node:fs'
import type { CookiePurpose, Drift, Inventory } from '../model/types.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { groupPolicySentences, sentByVendor, sentenceFor } from '../compare/suggest.js'
import { UsageError } from '../util/errors.js'
import { isMarkdownPolicy, policyAdditions, type PolicyItem } from './additions.js'
import { lintPolicy, locateManifestPolicy } from './lint.js'
import { cookiePurposeWords, recipientCategoryWords, recipientNoun } from './phrases.js'
import { POLICY_MARKERS } from './pr-section.js'
import { decodeLossless, encodeLossless } from '../util/lossless-utf8.js'
import { writeFileAtomic } from '../util/write-file.js'
import { policyText, readPolicyBytes } from './text.js'

const HOW_TO_MARK = `put these two lines, each on a line of its own, where the sentences should go:\n  ${POLICY_MARKERS.start}\n  ${POLICY_MARKERS.end}\n(HTML comments: they do not show on the rendered page)`

/** The marked section of a markdown policy: the lines of its two markers (0-based). */
export function markedSection(source: string, display: string): { start: number; end: number } {
  const lines = source.split(/\r\n|\n|\r/)
  const at = (marker: string): number[] => lines.flatMap((l, i) => (l.trim() === marker ? [i] : []))
  const starts = at(POLICY_MARKERS.start)
  const ends = at(POLICY_MARKERS.end)
  if (starts.length === 0 && ends.length === 0)
    throw new UsageError(
      `${display} has no privacy-drift section: check --fix --policy writes only between its markers, and never elsewhere; ${HOW_TO_MARK}`,
    )
  if (starts.length !== 1 || ends.length !== 1)
    throw new UsageError(
      `${display} must have exactly one ${POLICY_MARKERS.start} and one ${POLICY_MARKERS.end} line ` +
        `(found ${starts.length} and ${ends.length}): remove the extra ones, and run again`,
    )
  if (ends[0]! < starts[0]!)
    throw new UsageError(
      `${display}: ${POLICY_MARKERS.end} (line ${ends[0]! + 1}) comes before ${POLICY_MARKERS.start} (line ${starts[0]! + 1}); swap them`,
    )
  return { start: starts[0]!, end: ends[0]! }
}

/** Text for markdown source: no markup from names in code or rules, one line. */
export function markdownSentence(sentence: string): string {
  return sentence
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim()
}

/**
 * Appends sentences to the marked section of a markdown policy, each as a paragraph of its own, after what the
 * section already holds; a sentence the section already has is not added again. Nothing outside the markers
 * changes, byte for byte (mixed line endings included); inside, only the blank lines before the end marker do.
 * New lines take the line ending of the start marker's line.
 */
export function appendToMarkedSection(
  source: string,
  sentences: readonly string[],
  display: string,
): { text: string; added: string[]; line: number } {
  const { start, end } = markedSection(source, display)
  // Lines and the separator after each, so that the text outside the section is copied as it was.
  const parts = source.split(/(\r\n|\n|\r)/)
  const lineAt = (i: number): string => parts[2 * i]!
  const separatorAfter = (i: number): string => parts[2 * i + 1] ?? ''
  const inside = Array.from({ length: end - start - 1 }, (_, k) => lineAt(start + 1 + k))
  const have = new Set(inside.map((l) => l.trim().replace(/^[-*+]\s+/, '')))
  const added: string[] = []
  for (const s of sentences) {
    const line = markdownSentence(s)
    if (line && !have.has(line)) {
      have.add(line)
      added.push(line)
    }
  }
  if (added.length === 0) return { text: source, added, line: start + 1 }
  let last = inside.length
  while (last > 0 && inside[last - 1]!.trim() === '') last--
  const eol = separatorAfter(start) || '\n'
  const head = parts.slice(0, 2 * (start + 1)).join('')
  const kept = inside
    .slice(0, last)
    .map((l, k) => l + separatorAfter(start + 1 + k))
    .join('')
  const tail = parts.slice(2 * end).join('')
  const text = `${head}${kept}${eol}${added.join(eol + eol)}${eol}${eol}${tail}`
  return { text, added, line: start + 1 }
}

/**
 * The items a policy must describe for the declarations privacy.yml has and the text lacks (policy lint). A
 * vendor's sentence names the data its entry declares, else what the code sends it, else (saying so) its
 * typical data.
 */
function declarationItems(
  manifest: Manifest,
  rules: RuleSet,
  gaps: ReturnType<typeof lintPolicy>['gaps'],
  sent: ReadonlyMap<string, string[]>,
): PolicyItem[] {
  const out: PolicyItem[] = []
  for (const g of gaps) {
    if (g.direction !== 'not-in-policy' || g.contradicts) continue
    if (g.kind === 'data') {
      const name = rules.categories.get(g.key)?.name ?? g.key
      out.push({
        kind: 'personalData',
        key: g.key,
        name,
        categories: [],
        sentence: sentenceFor('personalData', { category: g.key, name, special: false, evidence: [] }, rules),
      })
    } else if (g.kind === 'cookie') {
      const named = manifest.cookies.filter((c) => c.purpose === g.key && c.name)
      const w = cookiePurposeWords(g.key as CookiePurpose, rules)
      if (named.length === 0)
        out.push({
          kind: 'cookie',
          key: g.key,
          name: g.key,
          categories: [g.key],
          sentence: `We use ${w.adjective} cookies ${w.why}.`,
        })
      for (const c of named)
        out.push({
          kind: 'cookie',
          key: c.name!,
          name: c.name!,
          categories: [g.key],
          sentence: sentenceFor(
            'cookie',
            {
              name: c.name!,
              pattern: false,
              vendor: c.vendor ?? null,
              purpose: (c.purpose ?? null) as CookiePurpose | null,
              source: 'code',
              evidence: [],
            },
            rules,
          ),
        })
    } else if (rules.vendors.has(g.key)) {
      const entry = manifest.analytics.find((e) => e.vendor === g.key)
      const kind = entry ? 'analytics' : 'processor'
      const declared = (entry ?? manifest.processors.find((e) => e.vendor === g.key))?.data
      const vendor = { vendor: g.key, name: g.label, categories: [], evidence: [] }
      out.push({
        kind,
        key: g.key,
        name: g.label,
        categories: [],
        sentence: sentenceFor(kind, vendor, rules, declared ?? sent.get(g.key) ?? []),
      })
    } else {
      const words = recipientCategoryWords(g.key, rules)
      out.push({
        kind: 'processor',
        key: g.key,
        name: g.label,
        categories: [g.key],
        sentence: `We share personal data with ${recipientNoun(g.key, rules)} ${words?.purpose ?? 'to [purpose]'}.`,
      })
    }
  }
  return out
}

/**
 * `check --fix --policy [file]`: appends the sentences the policy text lacks — for the items found in code that
 * privacy.yml does not declare, and for the declarations the text never mentions — to the marked section of the
 * markdown policy. Refuses, changing nothing, when the file is not markdown or has no marked section. Returns
 * what it did, in lines for the terminal.
 */
export function fixPolicy(args: {
  outcome: {
    manifest: Manifest
    rules: RuleSet
    drift: Pick<Drift, 'undeclared'>
    inventory?: Pick<Inventory, 'flows'>
  }
  manifestPath: string
  root: string
  /** A path from the command line; privacy.yml's policy.file when absent. */
  policyFile?: string
}): string {
  const { manifest, rules, drift } = args.outcome
  if (args.policyFile && existsSync(args.policyFile) && statSync(args.policyFile).isDirectory())
    throw new UsageError(
      `--policy ${args.policyFile} is a folder: --policy takes the policy file (check DIR --fix --policy docs/privacy.md), or nothing for policy.file`,
    )
  const manifestText = readFileSync(args.manifestPath, 'utf8')
  const where = locateManifestPolicy({
    manifest,
    manifestText,
    manifestPath: args.manifestPath,
    root: args.root,
    policyFile: args.policyFile,
  })
  if (!where)
    throw new UsageError(
      `--policy: ${manifest.file} has no policy.file; name the policy file (--policy docs/privacy.md), or set policy.file in ${manifest.file}`,
    )
  const { display } = where
  if (!isMarkdownPolicy(where.path))
    throw new UsageError(
      `--policy: ${display} is not a markdown file (.md); check --fix --policy writes only into markdown policies. ` +
        'Add the sentences by hand: `check --format markdown` lists them',
    )
  // policy.file is read only inside the repository (links followed), so the write through a link stays there too.
  // Edited as lossless text: a byte that is not UTF-8 (a Latin-1 `é`) outside the section is written back as it was.
  const source = decodeLossless(readPolicyBytes(where.path, display, where.from, where.within))
  markedSection(source, display)
  const policy = policyText(source, display)
  const fromCode = policyAdditions(drift.undeclared, policy, rules)
  const lint = lintPolicy({ manifest, manifestText, policy, rules })
  const needed = [
    ...drift.undeclared.filter((u) =>
      fromCode.additions.some((a) => a.kind === u.kind && a.key === u.key && a.contradicts === undefined),
    ),
    ...declarationItems(manifest, rules, lint.gaps, sentByVendor(args.outcome.inventory?.flows ?? [])),
  ]
  const contradictions = [
    ...fromCode.additions
      .filter((a) => a.contradicts !== undefined)
      .map((a) => ({ line: a.contradicts!, label: a.label })),
    ...lint.gaps
      .filter((g) => g.contradicts && g.policyLine)
      .map((g) => ({ line: g.policyLine!, label: g.label })),
  ]
  const { text, added, line } = appendToMarkedSection(source, groupPolicySentences(needed), display)
  const out: string[] = []
  if (added.length > 0) {
    writeFileAtomic(where.path, encodeLossless(text), { display })
    out.push(
      `${display}: added ${added.length === 1 ? '1 sentence' : `${added.length} sentences`} to the privacy-drift section (line ${line})` +
        `${added.some((s) => s.includes('\\[')) ? '; replace the [placeholders] with your own words' : ''}.`,
    )
  } else out.push(`${display}: nothing to add — the policy text already describes every item.`)
  for (const c of contradictions)
    out.push(`${display}:${c.line}: says the opposite about ${c.label}; correct that sentence by hand.`)
  return out.join('\n')
}
