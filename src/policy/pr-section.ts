import type { Evidence, ItemKind } from '../model/types.js'
import { groupPolicySentences } from '../compare/suggest.js'
import { codeSpan, escapeMarkdown, safeUrl } from '../report/escape.js'
import { plural } from '../report/labels.js'

/**
 * What the policy text (privacy.yml's `policy.file`) must gain for the items a PR adds, and its rendering for the
 * sticky PR comment and the job summary. Types and rendering only: the reading is in additions.ts, so the
 * comment can be rendered from a report-file without the policy reader.
 */

/** The markers of the policy section `check --fix --policy` appends sentences to. */
export const POLICY_MARKERS = {
  start: '<!-- privacy-drift:start -->',
  end: '<!-- privacy-drift:end -->',
} as const

/** One undeclared item the policy text does not describe yet. */
export interface PolicyAddition {
  kind: ItemKind
  key: string
  /** The words a reader would look for ("phone number", "Stripe", "analytics cookies"). */
  label: string
  /** The sentence to add. */
  sentence: string
  /** The section it belongs in (the policy's heading and its line); absent when the policy has no such section. */
  section?: { heading: string; line: number }
  /** The policy says the opposite on this line ("we do not collect …"): correct that sentence instead. */
  contradicts?: number
}

/** The policy text checked against the items a PR adds. */
export interface PolicyCheck {
  /** The policy file relative to the scan root (what evidence links take). */
  file: string
  /** The policy file as reports name it (relative to the repository). */
  display: string
  /** Items that need a sentence in the policy. */
  additions: PolicyAddition[]
  /** Items the policy text already describes. */
  covered: { kind: ItemKind; key: string }[]
  /** Line of the start marker of the section `check --fix --policy` writes to, when the file has the markers. */
  markerLine?: number
  /** The file is markdown: `check --fix --policy` can write to it. */
  markdown: boolean
}

export interface PolicySectionOptions {
  /** Only these items (the ones a truncated comment shows); all when absent. */
  items?: readonly { kind: ItemKind; key: string }[]
  /** A link to a line at the head commit. */
  link?: (e: Evidence) => string | undefined
  /** Heading level (`####` in the comment, `###` in the job summary). */
  level?: string
  /** "…and N more" for items left out. */
  more?: string
  /** What the items are called ("new items" in a PR, "undeclared items" otherwise). */
  noun?: [one: string, many: string]
}

// The markers are constants: written as code spans as they are (codeSpan would break `<!--` to hide comments).
const keyOf = (u: { kind: ItemKind; key: string }): string => `${u.kind}:${u.key}`

/**
 * The policy-text section: for each item the policy does not describe, the sentence to add, grouped under the
 * policy section (heading and line) it belongs in; sentences that say the opposite; and how `check --fix
 * --policy` can write them. Everything from the repository is escaped.
 */
export function renderPolicySection(check: PolicyCheck, o: PolicySectionOptions = {}): string[] {
  const only = o.items ? new Set(o.items.map(keyOf)) : undefined
  const additions = check.additions.filter((a) => !only || only.has(keyOf(a)))
  const covered = check.covered.filter((c) => !only || only.has(keyOf(c))).length
  const [one, many] = o.noun ?? ['new item', 'new items']
  const file = codeSpan(check.display)
  const ref = (line: number): string => {
    const text = `${check.display}:${line}`
    const url = o.link?.({ path: check.file, line } as Evidence)
    return url ? `[${escapeMarkdown(text, 200)}](${safeUrl(url)})` : codeSpan(text)
  }
  const out: string[] = [`${o.level ?? '####'} Add to the privacy policy (${file})`, '']
  const total = additions.length + covered
  if (additions.length === 0) {
    out.push(
      `✅ ${file} already describes ${total === 1 ? `the ${one}` : `all ${plural(total, one, many)}`}.`,
    )
    if (o.more) out.push('', o.more)
    return out
  }
  out.push(
    `${file} does not describe ${additions.length === total ? (total === 1 ? `the ${one}` : `the ${plural(total, one, many)}`) : `${additions.length} of the ${plural(total, one, many)}`} yet` +
      `${covered > 0 ? ` (it already describes ${covered === 1 ? 'one' : covered})` : ''}. Add:`,
    '',
  )
  const contradicted = additions.filter((a) => a.contradicts !== undefined)
  const groups = new Map<string, { section?: PolicyAddition['section']; list: PolicyAddition[] }>()
  for (const a of additions) {
    if (a.contradicts !== undefined) continue
    const k = a.section ? String(a.section.line) : `none:${NO_SECTION[a.kind]}`
    const g = groups.get(k) ?? { section: a.section, list: [] }
    g.list.push(a)
    groups.set(k, g)
  }
  for (const g of groups.values()) {
    const where = g.section
      ? `Under “${escapeMarkdown(g.section.heading, 120)}” (${ref(g.section.line)}):`
      : `${NO_SECTION[g.list[0]!.kind]} (the policy has no such section yet):`
    out.push(`- ${where}`)
    for (const sentence of groupPolicySentences(g.list)) out.push(`  - ${escapeMarkdown(sentence, 600)}`)
  }
  for (const a of contradicted)
    out.push(
      `- ⚠️ ${ref(a.contradicts!)} says the opposite about ${escapeMarkdown(a.label, 120)}: correct that sentence.`,
    )
  if (o.more) out.push(`- ${o.more}`)
  out.push('')
  if (!check.markdown) out.push(`<sub>Add the sentences by hand: ${file} is not markdown.</sub>`)
  else if (check.markerLine !== undefined)
    out.push(
      `<sub>${codeSpan('privacy-drift check --fix --policy')} appends them to the marked section at ${ref(check.markerLine)}.</sub>`,
    )
  else
    out.push(
      `<sub>To let ${codeSpan('privacy-drift check --fix --policy')} append them, put \`${POLICY_MARKERS.start}\` and \`${POLICY_MARKERS.end}\` on lines of their own in ${file}, where they should go.</sub>`,
    )
  return out
}

const NO_SECTION: Record<ItemKind, string> = {
  personalData: 'Where the policy lists the data you collect',
  cookie: 'Where the policy describes cookies',
  analytics: 'Where the policy lists who receives personal data',
  processor: 'Where the policy lists who receives personal data',
  flow: 'Where the policy lists who receives personal data',
}
