import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { createColors } from 'picocolors'
import type { CookiePurpose } from '../model/types.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { codeSpan, escapeMarkdown } from '../report/escape.js'
import { plural } from '../report/labels.js'
import { ConfigError } from '../util/errors.js'
import { locate, parseLocatedYaml } from '../util/yaml.js'
import { categoryWording, cookiePurposeWords, recipientNoun } from './phrases.js'
import { lexiconFor, phraseSource, type RecipientName } from './lexicon.js'
import { findCookiePurposes, findDataPhrases, findRecipientCategories, findRecipientNames } from './match.js'
import { sentences, type Sentence } from './segments.js'
import { lineOf, readPolicyFile, type PolicyText } from './text.js'

/** One mismatch between privacy.yml and the policy text. */
export interface PolicyGap {
  /** `not-in-policy`: declared in privacy.yml, the text never says it. `not-in-manifest`: the text names a recipient privacy.yml lacks. */
  direction: 'not-in-policy' | 'not-in-manifest'
  kind: 'data' | 'cookie' | 'recipient'
  /** Category key, cookie purpose, vendor id, recipient category, or the company name the text uses. */
  key: string
  /** The words a reader would look for ("phone number", "Stripe", "payment processors"). */
  label: string
  /** privacy.yml line of the declaration (not-in-policy). */
  manifestLine?: number
  /** Policy line: where the recipient is named (not-in-manifest), or the section to add the text to (not-in-policy). */
  policyLine?: number
  /** The heading of that section, as the policy writes it (not-in-policy). */
  section?: string
  /** The policy says the opposite at `policyLine` ("we do not collect …"): that sentence needs correcting. */
  contradicts?: boolean
  message: string
  hint?: string
}

export interface PolicyLintResult {
  manifestFile: string
  policyFile: string
  gaps: PolicyGap[]
  /** How many declarations and named recipients were compared. */
  checked: { declarations: number; named: number }
  /** Where the policy talks about collection, cookies and recipients (the sections gaps point at). */
  sections: Record<'collect' | 'cookies' | 'share', SectionRef>
}

export interface LintOptions {
  /** Vendors must be named; a matching category of recipients ("payment processors") is not enough. */
  strict?: boolean
}

/** Compares privacy.yml with the policy text in both directions. */
export function lintPolicy(input: {
  manifest: Manifest
  /** The raw privacy.yml text: names in comments or `name:` count as declaring a company without a rule. */
  manifestText?: string
  policy: PolicyText
  rules: RuleSet
  options?: LintOptions
}): PolicyLintResult {
  const { manifest, policy, rules } = input
  const lexicon = lexiconFor(rules)
  const all = sentences(policy, lexicon)
  const gaps: PolicyGap[] = []
  const sections = sectionLines(all)

  // --- Declared data categories are mentioned (a child's words count for its parent). ---
  const mentions = new Map<string, { yes: number[]; no: number[] }>()
  for (const s of all)
    for (const m of findDataPhrases(lexicon, s))
      for (const c of m.phrase.categories) {
        const e = mentions.get(c) ?? { yes: [], no: [] }
        ;(m.negated ? e.no : e.yes).push(lineOf(policy, m.start))
        mentions.set(c, e)
      }
  for (const entry of manifest.data) {
    const keys = [...mentions.keys()].filter(
      (k) => k === entry.category || k.startsWith(entry.category + '.'),
    )
    const yes = keys.flatMap((k) => mentions.get(k)!.yes)
    const no = keys.flatMap((k) => mentions.get(k)!.no)
    const label = categoryWording(entry.category, rules)
    if (yes.length > 0) continue
    if (!rules.categories.has(entry.category) && wordingMentioned(policy, label)) continue
    gaps.push({
      direction: 'not-in-policy',
      kind: 'data',
      key: entry.category,
      label,
      manifestLine: entry.line,
      ...(no.length ? { policyLine: Math.min(...no), contradicts: true } : sections.collect),
      message: no.length
        ? `the policy says it does not collect ${label} (line ${Math.min(...no)}), but privacy.yml declares ${entry.category}`
        : `declared, but the policy never mentions ${label}`,
      hint: no.length
        ? 'correct the policy sentence, or remove the declaration if the code no longer collects it'
        : `add "${label}" to the list of data the policy says you collect`,
    })
  }

  // --- Declared cookie purposes are described. ---
  const cookieText = /\bcookies?\b/i.test(policy.joined)
  const purposesSaid = new Set<CookiePurpose>()
  for (const s of all) {
    if (s.question || !(s.topics.has('cookies') || lexicon.cue('cookie-statement').test(s.text))) continue
    for (const m of findCookiePurposes(lexicon, s)) if (!m.negated) purposesSaid.add(m.purpose)
  }
  for (const p of lexicon.cookiePurposes) if (p.adjective.test(policy.joined)) purposesSaid.add(p.purpose)
  const declaredPurposes = new Map<CookiePurpose, number>()
  for (const c of manifest.cookies) {
    const purpose = (c.purpose ?? (c.name ? rules.cookieInfo(c.name)?.purpose : undefined)) as
      CookiePurpose | undefined
    if (purpose && !declaredPurposes.has(purpose)) declaredPurposes.set(purpose, c.line)
  }
  for (const [purpose, line] of declaredPurposes) {
    if (purposesSaid.has(purpose)) continue
    const w = cookiePurposeWords(purpose, rules)
    gaps.push({
      direction: 'not-in-policy',
      kind: 'cookie',
      key: purpose,
      label: `${w.adjective} cookies`,
      manifestLine: line,
      ...sections.cookies,
      message: cookieText
        ? `privacy.yml declares ${purpose} cookies; the policy does not say it uses cookies ${w.why}`
        : `privacy.yml declares ${purpose} cookies; the policy never mentions cookies`,
      hint: `e.g. "We use ${w.adjective} cookies ${w.why}."`,
    })
  }

  // --- Declared recipients are named (or, unless strict, covered by a category of recipients the text names). ---
  const namesFound = all.flatMap((s) =>
    findRecipientNames(lexicon, s)
      .filter((m) => !m.negated)
      .map((m) => ({ ...m, line: s.line })),
  )
  const categoriesFound = new Set<string>()
  for (const s of all)
    for (const m of findRecipientCategories(lexicon, s, { sharingContext: true }))
      if (!m.negated) categoriesFound.add(m.category)
  for (const section of ['analytics', 'processors'] as const)
    for (const entry of manifest[section]) {
      if (entry.vendor) {
        const vendor = rules.vendors.get(entry.vendor)
        const named = namesFound.some((n) => n.name.vendors.includes(entry.vendor!))
        if (named) continue
        const byCategory = (vendor?.categories ?? []).find((c) => categoriesFound.has(c))
        if (byCategory && !input.options?.strict) continue
        const cats = vendor?.categories ?? []
        gaps.push({
          direction: 'not-in-policy',
          kind: 'recipient',
          key: entry.vendor,
          label: vendor?.name ?? entry.vendor,
          manifestLine: entry.line,
          ...sections.share,
          message: byCategory
            ? `${vendor?.name ?? entry.vendor} is declared; the policy names only the category (${recipientNoun(byCategory, rules)}), and --strict asks for the name`
            : `${vendor?.name ?? entry.vendor} (${section}) is declared but the policy neither names it nor a category of recipients it belongs to`,
          hint: `name ${vendor?.legal_entity ?? vendor?.name ?? entry.vendor}${cats.length && !input.options?.strict ? `, or a category such as "${recipientNoun(cats[0]!, rules)}"` : ''}`,
        })
      } else if (entry.category) {
        const covered =
          categoriesFound.has(entry.category) ||
          namesFound.some(
            (n) =>
              n.name.known?.category === entry.category ||
              n.name.vendors.some((v) => rules.vendors.get(v)?.categories.includes(entry.category!)),
          )
        if (covered) continue
        const noun = recipientNoun(entry.category, rules)
        gaps.push({
          direction: 'not-in-policy',
          kind: 'recipient',
          key: entry.category,
          label: noun,
          manifestLine: entry.line,
          ...sections.share,
          message: `privacy.yml declares ${noun} (category ${entry.category}) as recipients; the policy does not mention them`,
          hint: `add "${noun}" to the list of third parties you share data with`,
        })
      }
    }

  // --- Every recipient the text names is declared. ---
  const declaredVendors = new Set<string>([
    ...[...manifest.analytics, ...manifest.processors].flatMap((e) => (e.vendor ? [e.vendor] : [])),
    ...manifest.cookies.flatMap((c) => (c.vendor ? [c.vendor] : [])),
  ])
  const declaredCategories = new Set(
    [...manifest.analytics, ...manifest.processors].flatMap((e) => (e.category ? [e.category] : [])),
  )
  const manifestWords = (input.manifestText ?? '').toLowerCase()
  const reported = new Map<string, PolicyGap>()
  for (const n of namesFound) {
    if (n.sentence.topics.has('definitions')) continue
    const label = n.name.known?.name ?? n.name.phrase
    if (isDeclared(n.name, label, rules, declaredVendors, declaredCategories, manifestWords)) continue
    const prior = reported.get(label)
    if (prior) continue
    reported.set(label, {
      direction: 'not-in-manifest',
      kind: 'recipient',
      key: n.name.vendors.length === 1 && !n.name.known ? n.name.vendors[0]! : label,
      label,
      policyLine: n.line,
      message: `the policy names ${n.text}, which privacy.yml does not declare`,
      hint: declareHint(n.name, rules),
    })
  }
  gaps.push(...reported.values())

  gaps.sort(
    (a, b) =>
      (a.direction === b.direction ? 0 : a.direction === 'not-in-policy' ? -1 : 1) ||
      (a.manifestLine ?? 0) - (b.manifestLine ?? 0) ||
      (a.policyLine ?? 0) - (b.policyLine ?? 0) ||
      (a.key < b.key ? -1 : 1),
  )
  return {
    manifestFile: manifest.file,
    policyFile: policy.file,
    gaps,
    sections,
    checked: {
      declarations:
        manifest.data.length + declaredPurposes.size + manifest.analytics.length + manifest.processors.length,
      named: new Set(namesFound.map((n) => n.name.known?.name ?? n.name.phrase)).size,
    },
  }
}

function isDeclared(
  name: RecipientName,
  label: string,
  rules: RuleSet,
  vendors: Set<string>,
  categories: Set<string>,
  manifestWords: string,
): boolean {
  if (name.vendors.some((v) => vendors.has(v))) return true
  const cats = new Set(name.vendors.flatMap((v) => rules.vendors.get(v)?.categories ?? []))
  if (name.known?.category) cats.add(name.known.category)
  if ([...cats].some((c) => categories.has(c))) return true
  // A company without a rule is declared by naming it in privacy.yml (a comment or `name:`).
  return manifestWords !== '' && new RegExp(phraseSource(label.toLowerCase(), false), 'u').test(manifestWords)
}

function declareHint(name: RecipientName, rules: RuleSet): string {
  if (name.vendors.length === 1 && !name.known) {
    const v = rules.vendors.get(name.vendors[0]!)!
    return `add \`- vendor: ${v.id}\` under ${rules.roleOf(v) === 'analytics' ? 'analytics' : 'processors'}`
  }
  if (name.known?.category) {
    const section =
      rules.vendorCategories.get(name.known.category)?.role === 'analytics' ? 'analytics' : 'processors'
    return `add \`- category: ${name.known.category}  # ${name.known.name}\` under ${section}${name.vendors.length ? ` (or the ${name.known.name} service you use: ${name.vendors.slice(0, 3).join(', ')})` : ''}`
  }
  return `declare the ${name.known?.name ?? name.phrase} service you use (${name.vendors.slice(0, 4).join(', ')}${name.vendors.length > 4 ? ', …' : ''}), or a \`category:\` of recipients with its name in a comment`
}

function wordingMentioned(policy: PolicyText, words: string): boolean {
  return new RegExp(phraseSource(words), 'iu').test(policy.joined)
}

export type SectionRef = { policyLine?: number; section?: string }

/** Where a policy talks about each subject: the section (line and heading) to add something to. */
function sectionLines(all: Sentence[]): Record<'collect' | 'cookies' | 'share', SectionRef> {
  const first = (topic: 'collect' | 'cookies' | 'share'): SectionRef => {
    const s = all.find((x) => x.heading?.topics.has(topic) || x.major?.topics.has(topic))
    const h = s ? (s.heading?.topics.has(topic) ? s.heading : s.major) : undefined
    return h ? { policyLine: h.line, section: h.text } : {}
  }
  const cookies = first('cookies')
  return {
    collect: first('collect'),
    cookies: cookies.policyLine
      ? cookies
      : { policyLine: all.find((s) => /\bcookies?\b/i.test(s.text))?.line },
    share: first('share'),
  }
}

/** Where `policy.file` points, resolved from the repository root (then from privacy.yml's folder). */
export function resolvePolicyFile(file: string, root: string, manifestPath?: string): string {
  if (isAbsolute(file)) return file
  const fromRoot = resolve(root, file)
  if (existsSync(fromRoot) || !manifestPath) return fromRoot
  const fromManifest = resolve(dirname(manifestPath), file)
  return existsSync(fromManifest) ? fromManifest : fromRoot
}

/** Where a policy file is, how reports name it, and where privacy.yml names it (for errors). */
export interface PolicyLocation {
  path: string
  display: string
  from?: { file: string; line: number; column: number }
  /** The folder the file must stay in once links are followed: the repository, for privacy.yml's policy.file. */
  within?: string
}

/**
 * The policy file to read: `policyFile` (a command-line path) or privacy.yml's `policy.file`, resolved from the
 * repository root; undefined when neither is set. `policy.file` comes from the repository, so it must name a file
 * inside it.
 */
export function locateManifestPolicy(args: {
  manifest: Manifest
  manifestText: string
  /** privacy.yml on disk (default: `manifest.file` from the current folder). */
  manifestPath?: string
  root: string
  policyFile?: string
}): PolicyLocation | undefined {
  const file = args.policyFile ?? args.manifest.policy.file
  if (!file) return undefined
  const manifestPath = args.manifestPath ?? resolve(args.manifest.file)
  const path = args.policyFile ? resolve(file) : resolvePolicyFile(file, args.root, manifestPath)
  const display = relative(process.cwd(), path) || path
  if (args.policyFile) return { path, display }
  let from: PolicyLocation['from']
  try {
    from = {
      file: args.manifest.file,
      ...locate(parseLocatedYaml(args.manifestText, args.manifest.file), ['policy', 'file']),
    }
  } catch {
    from = { file: args.manifest.file, line: 1, column: 1 }
  }
  const inside = relative(args.root, path)
  if (inside.startsWith('..') || isAbsolute(inside))
    throw new ConfigError([
      {
        ...from,
        key: 'policy.file',
        message: `policy.file ${file} is outside the repository`,
        hint: 'point policy.file at the policy text inside the repository, relative to its root',
      },
    ])
  return { path, display, from, within: args.root }
}

/** Reads privacy.yml's policy file and lints it; undefined when the manifest sets no `policy.file`. */
export function lintManifestPolicy(args: {
  manifest: Manifest
  manifestPath: string
  root: string
  rules: RuleSet
  policyFile?: string
  options?: LintOptions
}): PolicyLintResult | undefined {
  const manifestText = readFileSync(args.manifestPath, 'utf8')
  const where = locateManifestPolicy({ ...args, manifestText })
  if (!where) return undefined
  const policy = readPolicyFile(where.path, where.display, where.from, where.within)
  return lintPolicy({
    manifest: args.manifest,
    manifestText,
    policy,
    rules: args.rules,
    options: args.options,
  })
}

/** The lint result as terminal text. */
export function renderLintText(
  result: PolicyLintResult,
  opts: { color: boolean; heading?: boolean },
): string {
  const c = createColors(opts.color)
  const out: string[] = []
  if (opts.heading !== false)
    out.push(c.dim(`policy lint · ${result.policyFile} ↔ ${result.manifestFile}`), '')
  if (result.gaps.length === 0) {
    out.push(
      c.green(
        `✓ ${result.policyFile} mentions everything ${result.manifestFile} declares, and names no undeclared recipient.`,
      ),
    )
    return out.join('\n') + '\n'
  }
  out.push(
    c.red(
      c.bold(
        `✗ ${plural(result.gaps.length, 'gap')} between ${result.manifestFile} and ${result.policyFile}`,
      ),
    ),
  )
  const forward = result.gaps.filter((g) => g.direction === 'not-in-policy')
  const reverse = result.gaps.filter((g) => g.direction === 'not-in-manifest')
  if (forward.length) {
    out.push('', `  ${c.bold('Declared in privacy.yml, missing from the policy text')}`)
    for (const g of forward) {
      const where = `${result.manifestFile}:${g.manifestLine}`
      out.push(`    ${c.cyan(where)}  ${KIND_WORD[g.kind]} ${c.yellow(g.key)}  ${g.message}`)
      const near = g.policyLine ? ` — near ${c.cyan(`${result.policyFile}:${g.policyLine}`)}` : ''
      if (g.hint) out.push(`      ${c.dim(`${g.hint}`)}${near}`)
    }
  }
  if (reverse.length) {
    out.push('', `  ${c.bold('Named in the policy text, missing from privacy.yml')}`)
    for (const g of reverse) {
      out.push(`    ${c.cyan(`${result.policyFile}:${g.policyLine}`)}  ${c.yellow(g.label)}  ${g.message}`)
      if (g.hint) out.push(`      ${c.dim(g.hint)}`)
    }
  }
  return out.join('\n') + '\n'
}

const KIND_WORD: Record<PolicyGap['kind'], string> = {
  data: 'personal data',
  cookie: 'cookies',
  recipient: 'recipient',
}

/** The lint result as GitHub markdown (all policy and manifest text escaped). */
export function renderLintMarkdown(result: PolicyLintResult): string {
  const out: string[] = ['### Policy text', '']
  if (result.gaps.length === 0) {
    out.push(
      `✅ ${codeSpan(result.policyFile)} mentions everything ${codeSpan(result.manifestFile)} declares.`,
      '',
    )
    return out.join('\n')
  }
  out.push(
    `⚠️ **${plural(result.gaps.length, 'gap')}** between ${codeSpan(result.manifestFile)} and ${codeSpan(result.policyFile)}.`,
    '',
  )
  out.push('| Where | Item | Gap |', '| --- | --- | --- |')
  for (const g of result.gaps) {
    const where =
      g.direction === 'not-in-policy'
        ? `${result.manifestFile}:${g.manifestLine}`
        : `${result.policyFile}:${g.policyLine}`
    out.push(
      `| ${codeSpan(where)} | ${KIND_WORD[g.kind]} ${codeSpan(g.key)} | ${escapeMarkdown(g.message, 300)}${g.hint ? ` — ${escapeMarkdown(g.hint, 200)}` : ''} |`,
    )
  }
  out.push('')
  return out.join('\n')
}

/** The lint result as JSON (a stable shape: `{ policyFile, manifestFile, gaps[] }`). */
export function lintJson(result: PolicyLintResult): object {
  return {
    policyFile: result.policyFile,
    manifestFile: result.manifestFile,
    checked: result.checked,
    gaps: result.gaps,
  }
}
