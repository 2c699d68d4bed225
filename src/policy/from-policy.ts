import { relative, isAbsolute } from 'node:path'
import type { CookiePurpose } from '../model/types.js'
import { COOKIE_PURPOSES } from '../model/types.js'
import { yamlScalar } from '../compare/suggest.js'
import { SCHEMA_URL } from '../manifest/generate.js'
import type { RuleSet } from '../rules/ruleset.js'
import { categoryWording, RECIPIENT_CATEGORY_WORDS } from './phrases.js'
import {
  findCookiePurposes,
  findDataPhrases,
  findRecipientCategories,
  findRecipientNames,
  lexiconFor,
  type Match,
} from './lexicon.js'
import { sentences, type Sentence } from './segments.js'
import { lineOf, type PolicyText } from './text.js'

/** Where in the policy a drafted entry comes from. */
export interface Source {
  line: number
  /** The words that matched, as written. */
  text: string
  /** The policy line, shortened around the match, for the YAML comment. */
  quote: string
}

export interface DraftData {
  category: string
  sources: Source[]
  retention: { text: string; source: Source }[]
}
export interface DraftRecipient {
  section: 'analytics' | 'processors'
  vendor?: string
  category?: string
  sources: Source[]
  /** Companies the policy names that privacy-drift has no rule for (kept in a comment). */
  names: { name: string; source: Source }[]
}
export interface DraftCookie {
  purpose: CookiePurpose
  sources: Source[]
}

/** What a reading of the policy found, before it is written as YAML. */
export interface Draft {
  data: DraftData[]
  cookies: DraftCookie[]
  recipients: DraftRecipient[]
  /** Named recipients whose kind of service the text does not say. */
  unplaced: { name: string; source: Source }[]
  /** Retention statements that name no drafted category. */
  retention: Source[]
  /** Cookies are mentioned, but no purpose is given. */
  cookiesWithoutPurpose?: Source
  /** Countries or regions data goes to, and the safeguards named for it. */
  transfers?: { countries: { code: string; source: Source }[]; safeguards: { key: string; source: Source }[] }
}

const SKIP_FOR_DATA = ['definitions', 'rights', 'contact', 'children', 'security'] as const
const SKIP_FOR_RECIPIENTS = ['definitions', 'rights', 'contact', 'children'] as const
const COLLECTION_VERB =
  /\b(?:collect\w*|provides?|provided|providing|request\w*|gather\w*|obtain\w*|receiv\w*|stores?|stored|storing|record\w*|includ\w*|such as|process\w*|shar\w*|disclos\w*|track\w*|upload\w*|submit\w*|enter\w*|retain\w*|transfer\w*|access(?:es|ed)?)\b/i
const SHARING_CONTEXT =
  /\bthird[\s-]part\w*|\bshar(?:e|ed|ing)\b|\bdisclos\w*|\bproviders?\b|\bpartners?\b|\bprocessors?\b|\bvendors?\b|\bon our behalf\b|\bengage\b|\bprovided by\b|\bpowered by\b|\bvia\b|\bthrough\b|\bus(?:e|es|ing)\b|\bagencies\b|\bcarriers?\b|\btransfer\w*/i
/** Multi-word synonyms that, in running policy text, are more often about choices or the service than data. */
const NOT_FOR_DRAFTING = new Set([
  'opt-out',
  'how you use',
  'user preferences',
  'account preferences',
  'user accounts',
  'privacy settings',
  'privacy preferences',
  'country of residence',
])
const RETENTION_CUE =
  /\bretain\w*|\bretention\b|\bkept\b|\bkeep (?:your|it|them|this|such|personal)\b|\b(?:deleted|erased|anonymi[sz]ed|purged|destroyed)\b(?:\s+[\w-]+){0,4}?\s+(?:within|after|once|when|upon|at the end)\b|\bfor (?:up to )?\d+ (?:days?|weeks?|months?|years?)\b/i
/** How long, in words: what makes a sentence in a retention section a retention statement. */
const DURATION_CUE =
  /\buntil\b|\bwhile\b|\bfor the duration\b|\bas long as\b|\bno longer (?:required|needed|necessary)\b|\b\d+\s+(?:days?|weeks?|months?|years?)\b|\bperiod\b|\bindefinitely\b|\bas required\b/i
/** Sentences that mention keeping or deleting data only to describe a right ("the right to request deletion"). */
const NOT_RETENTION =
  /\bright to\b|\brequest (?:the )?(?:deletion|erasure)\b|\bretain\w*\s+(?:the\s+|all\s+|any\s+)?(?:absolute\s+)?rights?\b|\bdeemed to be deleted\b/i

const has = (s: Sentence, topics: readonly string[]): boolean => topics.some((t) => s.topics.has(t as never))

/** Reads a policy text and lists what it declares: data categories, recipients, cookie purposes, retention. */
export function readPolicy(text: PolicyText, rules: RuleSet): Draft {
  const lexicon = lexiconFor(rules)
  const all = sentences(text)
  const data = new Map<string, DraftData>()
  const cookies = new Map<CookiePurpose, DraftCookie>()
  const recipients = new Map<string, DraftRecipient>()
  const unplaced: Draft['unplaced'] = []
  let cookiesWithoutPurpose: Source | undefined

  for (const s of all) {
    // Personal data. A sub-heading under a section about collected data names a category too ("Health Data").
    const dataHeading =
      s.isHeading === true && s.heading !== s.major && s.major?.topics.has('collect') === true
    if (!has(s, SKIP_FOR_DATA) && (s.isHeading ? dataHeading : dataContext(s))) {
      const matches = findDataPhrases(lexicon, s).filter((m) => !m.negated && !ownedByUs(s, m))
      for (const m of matches) {
        if (m.phrase.categories.length === 0 || (s.isHeading && m.phrase.weak)) continue
        if ((m.phrase.weak || NOT_FOR_DRAFTING.has(m.phrase.phrase)) && !listElement(s, m, matches.length))
          continue
        for (const category of m.phrase.categories) {
          const entry = data.get(category) ?? { category, sources: [], retention: [] }
          entry.sources.push(source(text, m))
          data.set(category, entry)
        }
      }
    }
    // Cookie purposes: in a cookie section or a sentence about cookies.
    const cookieSentence = /\bcookies?\b/i.test(s.text)
    if ((s.topics.has('cookies') || cookieSentence) && !s.isHeading && !has(s, ['definitions', 'rights'])) {
      const purposes = findCookiePurposes(s).filter((m) => !m.negated)
      for (const m of purposes) {
        const entry = cookies.get(m.purpose) ?? { purpose: m.purpose, sources: [] }
        entry.sources.push(source(text, m))
        cookies.set(m.purpose, entry)
      }
      if (purposes.length === 0 && cookieSentence && !cookiesWithoutPurpose)
        cookiesWithoutPurpose = sourceAt(text, s, s.start, s.text.trim())
    }
    // Recipients: named companies first, then categories of recipients.
    if (has(s, SKIP_FOR_RECIPIENTS)) continue
    const sharing =
      s.topics.has('share') ||
      SHARING_CONTEXT.test(s.text) ||
      (s.intro !== undefined && SHARING_CONTEXT.test(s.intro))
    const categories = s.isHeading
      ? []
      : findRecipientCategories(lexicon, s, { sharingContext: sharing }).filter((m) => !m.negated)
    for (const m of categories) addRecipient(recipients, rules, { category: m.category }, source(text, m))
    for (const m of findRecipientNames(lexicon, s).filter((x) => !x.negated)) {
      const name = m.name
      const src = source(text, m)
      if (name.vendors.length === 1 && !name.known) {
        addRecipient(recipients, rules, { vendor: name.vendors[0]! }, src)
        continue
      }
      // A company without a rule (or a group of rules): file it under the category the sentence gives it.
      // The company's usual category wins; the sentence's category decides for groups such as "Google".
      const near = categories.filter((c) => Math.abs(c.start - m.start) < 200)
      const category = name.known?.category ?? nearest(near, m)?.category
      const label = name.known?.name ?? m.text
      if (category) addRecipient(recipients, rules, { category }, src, label)
      else if (!unplaced.some((u) => u.name === label)) unplaced.push({ name: label, source: src })
    }
  }

  // Retention statements, attached to the categories they name.
  const retention: Source[] = []
  for (const s of all) {
    if (s.isHeading || has(s, ['definitions', 'contact']) || NOT_RETENTION.test(s.text)) continue
    const cue = RETENTION_CUE.test(s.text)
    // In a retention section, a statement needs a duration or a "kind of data: how long" shape; list intros do not count.
    if (
      !cue &&
      !(
        s.topics.has('retention') &&
        (DURATION_CUE.test(s.text) || /^\s*(?:[-*•+]\s+)?[^:]{3,60}:\s+\S/.test(s.text)) &&
        !/:\s*$/.test(s.text)
      )
    )
      continue
    const body = s.text.replace(/^\s*(?:[-*•+]\s+|\(?\w{1,4}[.)]\s+)/, '').trim()
    const src = sourceAt(text, s, s.start, body)
    const named = findDataPhrases(lexicon, s)
      .filter((m) => !m.negated && !m.phrase.weak)
      .flatMap((m) => m.phrase.categories)
      .filter((c) => data.has(c))
    const colon = /^([^:]{3,60}):\s+(.+)$/.exec(body)
    if (named.length > 0) {
      const value = colon ? colon[2]! : retentionClause(body)
      for (const c of new Set(named))
        data.get(c)!.retention.push({ text: clean(value).replace(/[.;:]$/, ''), source: src })
    } else retention.push(src)
  }

  // A company name ("Google") that one of its drafted services ("Sign in with Google") explains is not a separate recipient.
  const drafted = new Set([...recipients.values()].flatMap((r) => (r.vendor ? [r.vendor] : [])))
  const explained = (name: string): boolean =>
    (lexicon.names.find((n) => n.known?.name === name)?.vendors ?? []).some((v) => drafted.has(v))
  const byLine = <T extends { sources: Source[] }>(a: T, b: T): number =>
    a.sources[0]!.line - b.sources[0]!.line
  return {
    data: [...data.values()].sort((a, b) => byLine(a, b) || (a.category < b.category ? -1 : 1)),
    cookies: [...cookies.values()].sort(
      (a, b) => COOKIE_PURPOSES.indexOf(a.purpose) - COOKIE_PURPOSES.indexOf(b.purpose),
    ),
    recipients: [...recipients.values()].sort(
      (a, b) => byLine(a, b) || (recipientKey(a) < recipientKey(b) ? -1 : 1),
    ),
    unplaced: unplaced.filter((u) => !explained(u.name)),
    retention,
    cookiesWithoutPurpose: cookies.size === 0 ? cookiesWithoutPurpose : undefined,
  }
}

/** The part of a long sentence that says how long data is kept ("shall not be retained beyond …"). */
function retentionClause(sentence: string): string {
  if (sentence.length <= 120) return sentence
  const cue = RETENTION_CUE.exec(sentence)
  if (!cue) return sentence
  const before = sentence.slice(0, cue.index)
  const breaks = [
    ...before.matchAll(/[,;(]\s*|\)\s*(?:and\s+)?|\s+and\s+(?=(?:shall|will|may|is|are|must)\b)/g),
  ]
  const from = breaks.length ? breaks[breaks.length - 1]!.index! + breaks[breaks.length - 1]![0].length : 0
  const clause = sentence.slice(from).trim()
  return clause.length > 200 ? clause.slice(0, 199).replace(/\s\S*$/, '') + '…' : clause
}

/** A sentence talks about data the service handles. */
function dataContext(s: Sentence): boolean {
  if (has(s, ['collect', 'share', 'retention'])) return true
  return COLLECTION_VERB.test(s.text) || (s.intro !== undefined && COLLECTION_VERB.test(s.intro))
}

/** "our website", "the contact details provided below": the company's own details, not the user's. */
function ownedByUs(s: Sentence, m: Match): boolean {
  const before = s.text.slice(0, m.start - s.start)
  const after = s.text.slice(m.end - s.start)
  // Lists after "located outside your …" or "transferred to …" are places the data goes, not data.
  const jurisdiction =
    /\b(?:outside|located in|located outside|transferred to|transfer to|stored in)\s+(?:of\s+)?(?:your\s+|the\s+|a\s+)?[^.;]*$/i.test(
      before,
    )
  return (
    jurisdiction || /\bour\s+$/i.test(before) || /^\s+(?:provided\s+)?(?:below|herein|above)\b/i.test(after)
  )
}

/** A single ordinary word counts as data only as an element of a list of data ("name, email address, city"). */
function listElement(s: Sentence, m: Match, dataPhrases: number): boolean {
  const rel = m.start - s.start
  const relEnd = m.end - s.start
  const left = s.text.slice(0, rel)
  const right = s.text.slice(relEnd)
  const l = /(?:^|[,;(:/]|\band\b|\bor\b|\be\.g\.)([^,;(:/]*)$/i.exec(left)?.[1] ?? left
  const r = /^([^,;):./]*)/.exec(right)?.[1] ?? right
  const rest = `${l} ${r}`
    .replace(/^\s*(?:[-*•+]|\(?\w{1,4}[.)])\s+/, ' ')
    .replace(
      /\b(?:and|or|your|the|a|an|any|other|e\.g\.|such as|including|etc|data|information|details)\b/gi,
      ' ',
    )
    .replace(/[\s"'/]+/g, '')
  if (rest !== '') return false
  if (dataPhrases > 1) return true
  // A list item on its own ("- Name") under a heading about collected data.
  return (
    s.bullet &&
    s.text.trim().split(/\s+/).length <= 6 &&
    (s.topics.has('collect') || (s.intro !== undefined && COLLECTION_VERB.test(s.intro)))
  )
}

function nearest<T extends { start: number }>(list: T[], m: { start: number }): T | undefined {
  return [...list].sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start))[0]
}

function recipientKey(r: { vendor?: string; category?: string }): string {
  return r.vendor ? `vendor:${r.vendor}` : `category:${r.category}`
}

function addRecipient(
  map: Map<string, DraftRecipient>,
  rules: RuleSet,
  what: { vendor?: string; category?: string },
  src: Source,
  name?: string,
): void {
  const key = recipientKey(what)
  let entry = map.get(key)
  if (!entry) {
    const role = what.vendor
      ? rules.roleOf(rules.vendors.get(what.vendor)!)
      : (rules.vendorCategories.get(what.category!)?.role ?? 'processor')
    entry = { section: role === 'analytics' ? 'analytics' : 'processors', ...what, sources: [], names: [] }
    map.set(key, entry)
  }
  entry.sources.push(src)
  if (name && !entry.names.some((n) => n.name === name)) entry.names.push({ name, source: src })
}

function source(text: PolicyText, m: Match): Source {
  return sourceAt(text, m.sentence, m.start, m.text)
}

function sourceAt(text: PolicyText, s: Sentence, offset: number, matched: string): Source {
  const line = lineOf(text, offset)
  return {
    line,
    text: clean(matched),
    quote: quoteAround(text.lines[line - 1] ?? s.text, offset - text.lineStarts[line - 1]!, matched.length),
  }
}

const QUOTE_MAX = 90

/** The policy line around a match, shortened with "…" to fit a YAML comment. */
export function quoteAround(line: string, at: number, length: number): string {
  let s = line.replace(/^\s*(?:[-*•+]\s+)/, '')
  let pos = Math.max(0, at - (line.length - s.length))
  s = s.replace(/\s+$/, '')
  if (s.length <= QUOTE_MAX) return clean(s)
  const start = Math.max(0, Math.min(pos - Math.floor((QUOTE_MAX - length) / 2), s.length - QUOTE_MAX))
  let out = s.slice(start, start + QUOTE_MAX)
  pos = start
  if (start > 0) out = '…' + out.replace(/^\S*\s/, '')
  if (start + QUOTE_MAX < s.length) out = out.replace(/\s\S*$/, '') + '…'
  return clean(out)
}

function clean(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The draft as privacy.yml text: every entry with a comment quoting the policy line it came from. */
export function renderDraft(draft: Draft, policyFile: string | undefined, rules: RuleSet): string {
  const q = (s: Source): string => `line ${s.line}: "${s.quote.replace(/"/g, "'")}"`
  const also = (sources: Source[]): string => {
    const lines = [...new Set(sources.slice(1).map((s) => s.line))].filter((l) => l !== sources[0]!.line)
    return lines.length
      ? ` (also line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 6).join(', ')}${lines.length > 6 ? ', …' : ''})`
      : ''
  }
  const out: string[] = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '#',
    `# privacy.yml — drafted by \`privacy-drift init --from-policy\`${policyFile ? ` from ${policyFile}` : ''}.`,
    '# A rule-based reading of the policy text: each entry quotes the line it came from. Review every entry,',
    '# fill in purposes, then run `privacy-drift check` to compare the policy with what the code does.',
    'version: 1',
    '',
    'policy:',
    policyFile
      ? `  file: ${yamlScalar(policyFile)}`
      : '  # file: docs/privacy-policy.md   # the policy text in this repo, for `privacy-drift policy lint`',
    '',
    '# Categories of personal data the policy says are collected.',
  ]
  if (draft.data.length === 0) out.push('data: []')
  else {
    out.push('data:')
    for (const d of draft.data) {
      out.push(
        `  - category: ${d.category}  # ${categoryWording(d.category, rules)} — ${q(d.sources[0]!)}${also(d.sources)}`,
      )
      out.push(
        '    purposes: []  # TODO: why, e.g. essential.service (`privacy-drift explain --list purposes`)',
      )
      const retention = [...new Map(d.retention.map((r) => [r.text, r])).values()]
      if (retention.length)
        out.push(
          `    retention: ${yamlScalar(retention.map((r) => r.text).join('; '))}  # line${retention.length > 1 ? 's' : ''} ${retention.map((r) => r.source.line).join(', ')}`,
        )
    }
  }
  if (draft.retention.length) {
    out.push('# Retention statements that name no specific category (add them to the entries they apply to):')
    for (const r of draft.retention) out.push(`#   ${q(r)}`)
  }
  out.push('', '# Cookies, by purpose.')
  if (draft.cookies.length === 0) {
    out.push('cookies: []')
    if (draft.cookiesWithoutPurpose)
      out.push(`# The policy mentions cookies without saying what for — ${q(draft.cookiesWithoutPurpose)}`)
  } else {
    out.push('cookies:')
    for (const c of draft.cookies)
      out.push(`  - purpose: ${c.purpose}  # ${q(c.sources[0]!)}${also(c.sources)}`)
  }
  for (const [section, comment] of [
    ['analytics', 'Analytics and advertising recipients (by vendor, or by `category:` of recipient).'],
    [
      'processors',
      'Processors: third parties that receive personal data (by vendor, or by `category:` of recipient).',
    ],
  ] as const) {
    const items = draft.recipients.filter((r) => r.section === section)
    out.push('', `# ${comment}`)
    if (items.length === 0) out.push(`${section}: []`)
    else {
      out.push(`${section}:`)
      for (const r of items) {
        const label = r.vendor
          ? (rules.vendors.get(r.vendor)?.name ?? r.vendor)
          : (RECIPIENT_CATEGORY_WORDS[r.category!]?.noun ?? r.category!)
        const named = r.names.length
          ? ` — named: ${r.names.map((n) => `${n.name} (line ${n.source.line})`).join(', ')}`
          : ''
        out.push(
          `  - ${r.vendor ? `vendor: ${r.vendor}` : `category: ${r.category}`}  # ${label}${named} — ${q(r.sources[0]!)}${also(r.sources)}`,
        )
      }
    }
    if (section === 'processors' && draft.unplaced.length) {
      out.push(
        '# Named in the policy, but the text does not say what they do (add them with `category:` or `vendor:`):',
      )
      for (const u of draft.unplaced) out.push(`#   ${u.name} — ${q(u.source)}`)
    }
  }
  out.push('')
  return out.join('\n')
}

/** The draft manifest text for a policy; `policyFile` is written as `policy.file` when it is inside `root`. */
export function draftManifestFromPolicy(
  text: PolicyText,
  rules: RuleSet,
  opts: { policyPath?: string; root?: string } = {},
): { yaml: string; draft: Draft } {
  const draft = readPolicy(text, rules)
  let file: string | undefined
  if (opts.policyPath) {
    const rel = isAbsolute(opts.policyPath)
      ? relative(opts.root ?? process.cwd(), opts.policyPath)
      : opts.policyPath
    file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : undefined
  }
  return { yaml: renderDraft(draft, file, rules), draft }
}
