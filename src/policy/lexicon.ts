import type { CookiePurpose } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import {
  AMBIGUOUS_NAMES,
  CATEGORY_WORDING,
  COOKIE_DATA_CATEGORIES,
  COOKIE_PURPOSE_WORDS,
  EXTRA_DATA_PHRASES,
  EXTRA_VENDOR_ALIASES,
  KNOWN_RECIPIENTS,
  LEGAL_SUFFIX,
  RECIPIENT_CATEGORY_WORDS,
  STRONG_PROVIDER_NOUNS,
  STRONG_SINGLE_WORDS,
  WEAK_PROVIDER_NOUNS,
  type KnownRecipient,
} from './phrases.js'
import { negatedAt, type Sentence } from './segments.js'

/** A phrase that names one or more data categories. */
export interface DataPhrase {
  phrase: string
  /** Sticky: tried only at the offsets where the phrase's first word occurs. */
  re: RegExp
  /** The categories it names (the most specific when a phrase is listed under a parent and a child). */
  categories: string[]
  /** A single ordinary word ("name", "state"): counts only inside a list of data. */
  weak: boolean
}

/** A name a policy may use for a recipient: a vendor rule, a known company without a rule, or both. */
export interface RecipientName {
  phrase: string
  /** Sticky, like DataPhrase.re. */
  re: RegExp
  /** Vendor rule ids the name refers to (several for a company name such as "Google"). */
  vendors: string[]
  known?: KnownRecipient
  /** A common word: needs a capital letter mid-sentence and context. */
  ambiguous: boolean
}

/** How a policy names one category of recipients: with a provider noun, or a bare phrase. Sticky regexes. */
export interface RecipientCategoryPattern {
  key: string
  strong: RegExp
  weak: RegExp
  bare?: RegExp
  /** The words the patterns can start with. */
  firstWords: string[]
}

/** Everything the policy readers match against, built once per rule set. */
export interface Lexicon {
  rules: RuleSet
  data: DataPhrase[]
  names: RecipientName[]
  recipientCategories: RecipientCategoryPattern[]
  /** Phrases by their first word, longest first: each regex runs only where its first word occurs. */
  dataByWord: Map<string, DataPhrase[]>
  namesByWord: Map<string, RecipientName[]>
  categoriesByWord: Map<string, RecipientCategoryPattern[]>
}

const cache = new WeakMap<RuleSet, Lexicon>()

/** The lexicon for a rule set (cached). */
export function lexiconFor(rules: RuleSet): Lexicon {
  const hit = cache.get(rules)
  if (hit) return hit
  const data = dataPhrases(rules)
  const names = recipientNames(rules)
  const recipientCategories = recipientCategoryPatterns(rules)
  const lexicon: Lexicon = {
    rules,
    data,
    names,
    recipientCategories,
    dataByWord: indexBy(data, (d) => [firstWord(d.phrase)]),
    namesByWord: indexBy(names, (n) => [firstWord(n.phrase)]),
    categoriesByWord: indexBy(recipientCategories, (c) => c.firstWords),
  }
  cache.set(rules, lexicon)
  return lexicon
}

/** The first word of a phrase, lower case ("zip/postal code" → "zip", "e-mail" → "e"). */
export function firstWord(phrase: string): string {
  return (
    phrase
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u)
      .find(Boolean) ?? ''
  )
}

function indexBy<T>(items: T[], keysFor: (t: T) => string[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items)
    for (const k of new Set(keysFor(item))) {
      const list = map.get(k) ?? []
      list.push(item)
      map.set(k, list)
    }
  return map
}

/** The words of a sentence with their offsets, cached per sentence. */
const wordCache = new WeakMap<Sentence, { word: string; at: number }[]>()
function wordsOf(s: Sentence): { word: string; at: number }[] {
  let list = wordCache.get(s)
  if (!list) {
    list = [...s.text.matchAll(/[\p{L}\p{N}']+/gu)].map((m) => ({ word: m[0].toLowerCase(), at: m.index! }))
    wordCache.set(s, list)
  }
  return list
}

/** Index keys a word of the text may stand for: itself and its singular forms ("cookies" → "cookie"). */
function keysOf(word: string): string[] {
  const keys = [word]
  if (word.endsWith("'s")) keys.push(word.slice(0, -2))
  if (word.endsWith('ies')) keys.push(word.slice(0, -3) + 'y')
  if (word.endsWith('es')) keys.push(word.slice(0, -2))
  if (word.endsWith('s')) keys.push(word.slice(0, -1))
  return keys
}

/** For each word of a sentence, the indexed items that may start there, longest phrase first. */
function* candidatesAt<T extends { phrase?: string; key?: string }>(
  s: Sentence,
  index: Map<string, T[]>,
): Generator<{ at: number; items: T[] }> {
  for (const w of wordsOf(s)) {
    const items = [...new Set(keysOf(w.word).flatMap((k) => index.get(k) ?? []))]
    if (items.length)
      yield { at: w.at, items: items.sort((a, b) => (b.phrase?.length ?? 0) - (a.phrase?.length ?? 0)) }
  }
}

/** Runs a sticky regex at one offset. */
function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(text)
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Letters of the languages the phrase lists are written in; no Unicode property classes, which compile slowly. */
const WORD = 'A-Za-z0-9_\\u00C0-\\u024F'

/** A regex for a phrase: any run of spaces or hyphens between words, a plural ending, whole words only. */
export function phraseSource(phrase: string, plural = true): string {
  const words = phrase
    .trim()
    .split(/[\s-]+/)
    .map((w) => escape(w).replace(/\//g, '\\s*/\\s*').replace(/'/g, "'?"))
  let body = words.join('[\\s-]+')
  if (plural && /[a-z]$/i.test(phrase) && !/\s(?:us|me|it|we|in|on|of)$/i.test(phrase))
    body =
      /y$/i.test(phrase) && !/[aeiou]y$/i.test(phrase) ? `${body.slice(0, -1)}(?:y|ies)` : `${body}(?:e?s)?`
  return `(?<![${WORD}])${body}(?![${WORD}])`
}

function dataPhrases(rules: RuleSet): DataPhrase[] {
  const byPhrase = new Map<string, Set<string>>()
  const add = (phrase: string, key: string): void => {
    const p = phrase.trim().toLowerCase()
    if (!p) return
    if (!byPhrase.has(p)) byPhrase.set(p, new Set())
    byPhrase.get(p)!.add(key)
  }
  for (const [key, c] of rules.categories) {
    if (key === 'user' || key === 'system' || key.startsWith('system.') || COOKIE_DATA_CATEGORIES.has(key))
      continue
    for (const s of c.synonyms ?? []) add(s, key)
    if (CATEGORY_WORDING[key]) add(CATEGORY_WORDING[key]!, key)
    for (const s of EXTRA_DATA_PHRASES[key] ?? []) add(s, key)
  }
  const out: DataPhrase[] = []
  for (const [phrase, keys] of byPhrase) {
    // A phrase listed under a parent and a child names the child ("browser type" → user agent).
    let list = [...keys]
    // Our curated wording decides where the taxonomy lists a phrase under two unrelated categories.
    const curated = list.filter(
      (k) => CATEGORY_WORDING[k] === phrase || (EXTRA_DATA_PHRASES[k] ?? []).includes(phrase),
    )
    if (curated.length > 0 && curated.length < list.length) list = curated
    const specific = list.filter((k) => !list.some((o) => o !== k && o.startsWith(k + '.')))
    out.push({
      phrase,
      re: new RegExp(phraseSource(phrase), 'yi'),
      categories: specific.sort(),
      weak: !/[\s-]/.test(phrase.replace(/^e-mail$/, 'email')) && !STRONG_SINGLE_WORDS.has(phrase),
    })
  }
  // Longest phrases first, so "email address" wins over "email" at the same place.
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

function stripLegal(entity: string): string {
  let s = entity.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
  for (let i = 0; i < 3; i++)
    s = s
      .replace(LEGAL_SUFFIX, '')
      .replace(/,?\s+Pte\.?$/, '')
      .trim()
  return s.replace(/,$/, '')
}

function recipientNames(rules: RuleSet): RecipientName[] {
  interface Acc {
    phrase: string
    named: Set<string>
    entity: Set<string>
    known?: KnownRecipient
  }
  const byPhrase = new Map<string, Acc>()
  const acc = (phrase: string): Acc => {
    const k = phrase.toLowerCase()
    let a = byPhrase.get(k)
    if (!a) byPhrase.set(k, (a = { phrase, named: new Set(), entity: new Set() }))
    return a
  }
  for (const k of KNOWN_RECIPIENTS)
    for (const p of [k.name, ...k.aliases]) {
      const a = acc(p)
      a.known = k
      for (const v of k.vendors ?? []) if (rules.vendors.has(v)) a.entity.add(v)
    }
  for (const v of rules.vendors.values()) {
    const base = v.name.replace(/\s*\([^)]*\)/g, '').trim()
    const names = [base, ...base.split(/\s+and\s+/).filter((p) => p !== base)]
    for (const m of v.name.matchAll(/\(([^)]*)\)/g))
      for (const part of m[1]!.split(/\s*,\s*/))
        if (part && part.split(/\s+/).length <= 3 && !/&/.test(part)) names.push(part)
    for (const n of [...names, ...(EXTRA_VENDOR_ALIASES[v.id] ?? [])]) {
      const a = acc(n)
      if (a.known) a.entity.add(v.id)
      else a.named.add(v.id)
    }
    if (v.legal_entity) {
      const full = v.legal_entity.replace(/\s*\([^)]*\)\s*$/g, '').trim()
      const short = stripLegal(v.legal_entity)
      for (const n of [full, short]) {
        if (!n || n.length < 3) continue
        if (n === short && AMBIGUOUS_NAMES.has(n.toLowerCase())) continue
        acc(n).entity.add(v.id)
      }
    }
  }
  const out: RecipientName[] = []
  for (const a of byPhrase.values()) {
    const vendors = a.named.size ? [...a.named] : [...a.entity]
    if (vendors.length === 0 && !a.known) continue
    const ambiguous = AMBIGUOUS_NAMES.has(a.phrase.toLowerCase()) || (a.known?.ambiguous ?? false)
    out.push({
      phrase: a.phrase,
      // Names match as written; all-caps spellings count too ("STRIPE" in a heading).
      re: new RegExp(
        `(?<![${WORD}.@/-])(?:${escape(a.phrase)}|${escape(a.phrase.toUpperCase())})(?![${WORD}@/]|\\.[${WORD}])`,
        ambiguous ? 'y' : 'yi',
      ),
      vendors: vendors.sort(),
      known: a.known,
      ambiguous,
    })
  }
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

function recipientCategoryPatterns(rules: RuleSet): RecipientCategoryPattern[] {
  const nouns = (list: string[]): string =>
    list.map((n) => phraseSource(n, false).replace(/^\(\?<!\[[^\]]*\]\)/, '')).join('|')
  const out: RecipientCategoryPattern[] = []
  for (const [key, w] of Object.entries(RECIPIENT_CATEGORY_WORDS)) {
    if (!rules.vendorCategories.has(key)) continue
    const words = w.words.map((x) => phraseSource(x, false).replace(/\(\?!\[[^\]]*\]\)$/, '')).join('|')
    // "hosting and cloud service providers", "analytics or payment providers": one conjunct may sit between.
    const conj = `(?:\\s*(?:,|and|or|&|/)\\s*[${WORD}-]+(?:\\s+[${WORD}-]+)?)?`
    const head = `(?:third[\\s-]party\\s+)?(?:${words})${conj}\\s+(?:service\\s+)?`
    out.push({
      key,
      strong: new RegExp(`${head}(?:${nouns(STRONG_PROVIDER_NOUNS)})`, 'yi'),
      weak: new RegExp(`${head}(?:${nouns(WEAK_PROVIDER_NOUNS)})`, 'yi'),
      bare: w.bare?.length ? new RegExp(w.bare.map((b) => phraseSource(b)).join('|'), 'yi') : undefined,
      firstWords: [...new Set(['third', ...w.words.map(firstWord), ...(w.bare ?? []).map(firstWord)])],
    })
  }
  return out
}

/** One phrase found in the policy. */
export interface Match {
  /** Offset in `PolicyText.joined`. */
  start: number
  end: number
  text: string
  sentence: Sentence
  negated: boolean
}

/** Data categories named in a sentence, left to right; the longest phrase wins where phrases start together. */
export function findDataPhrases(lexicon: Lexicon, sentence: Sentence): (Match & { phrase: DataPhrase })[] {
  const found: (Match & { phrase: DataPhrase })[] = []
  let covered = 0
  for (const { at, items } of candidatesAt(sentence, lexicon.dataByWord)) {
    if (at < covered) continue
    for (const phrase of items) {
      const m = matchAt(phrase.re, sentence.text, at)
      if (!m) continue
      covered = at + m[0].length
      found.push({
        start: sentence.start + at,
        end: sentence.start + covered,
        text: m[0],
        sentence,
        negated: negatedAt(sentence.text, at),
        phrase,
      })
      break
    }
  }
  return found
}

const ENTITY_CUE = /^,?\s*(?:inc\b|ltd\b|llc\b|limited\b|gmbh\b|corp\b|\(|,\s*inc\b)/i
const GENERIC_VENDOR_CUE =
  /\b(?:inc|ltd|llc|providers?|services?|processors?|partners?|vendors?|third[\s-]part\w*|platforms?|tools?|powered by|provided by|hosted by|via|through|using|uses?|used|integrat\w*|sdk|api|pixel|plugin|widget|account|shar(?:e|es|ed|ing)|disclos\w*|sen(?:d|ds|t))\b/i

/** Recipient names in a sentence, with the context rule for common-word names applied. */
export function findRecipientNames(
  lexicon: Lexicon,
  sentence: Sentence,
): (Match & { name: RecipientName })[] {
  const found: (Match & { name: RecipientName })[] = []
  let covered = 0
  for (const { at, items } of candidatesAt(sentence, lexicon.namesByWord)) {
    if (at < covered) continue
    for (const name of items) {
      const m = matchAt(name.re, sentence.text, at)
      if (!m) continue
      const end = at + m[0].length
      // A capitalised one-word name must be capitalised in the text: "stripe" or "square" in lower case is a word.
      if (/^\p{Lu}/u.test(name.phrase) && !/\s/.test(name.phrase) && !/^\p{Lu}/u.test(m[0])) continue
      if (name.ambiguous && !ambiguousNameHolds(lexicon, name, sentence.text, at, end)) continue
      covered = end
      found.push({
        start: sentence.start + at,
        end: sentence.start + end,
        text: m[0],
        sentence,
        negated: negatedAt(sentence.text, at),
        name,
      })
      break
    }
  }
  return found
}

/** A common-word name counts when capitalised mid-sentence and the sentence is about a service of its kind. */
function ambiguousNameHolds(
  lexicon: Lexicon,
  name: RecipientName,
  text: string,
  start: number,
  end: number,
): boolean {
  if (ENTITY_CUE.test(text.slice(end))) return true
  const before = text.slice(0, start)
  // At the start of a sentence or list item every word is capitalised: no evidence it is a name.
  if (/^\s*(?:[-*•+]\s+|\(?\w{1,4}[.)]\s+)?["'(]?$/.test(before)) return false
  const categories = new Set<string>()
  for (const v of name.vendors)
    for (const c of lexicon.rules.vendors.get(v)?.categories ?? []) categories.add(c)
  if (name.known?.category) categories.add(name.known.category)
  const lower = text.toLowerCase()
  for (const c of categories)
    for (const w of RECIPIENT_CATEGORY_WORDS[c]?.words ?? [])
      if (w.length > 3 && lower.includes(w)) return true
  return GENERIC_VENDOR_CUE.test(text)
}

/** Recipient categories named in a sentence ("payment gateways", "hosting and cloud service providers"). */
export function findRecipientCategories(
  lexicon: Lexicon,
  sentence: Sentence,
  opts: { sharingContext: boolean },
): (Match & { category: string })[] {
  const found: (Match & { category: string })[] = []
  for (const { at, items } of candidatesAt(sentence, lexicon.categoriesByWord)) {
    // "we provide payment services" describes us, not a recipient.
    if (
      /\b(?:we|us)\s+(?:provide|offer|are)\s+(?:an?\s+|the\s+)?$/i.test(
        sentence.text.slice(Math.max(0, at - 30), at),
      )
    )
      continue
    for (const c of items) {
      const patterns = [c.strong, ...(opts.sharingContext ? [c.weak, ...(c.bare ? [c.bare] : [])] : [])]
      for (const re of patterns) {
        const m = matchAt(re, sentence.text, at)
        if (!m) continue
        found.push({
          start: sentence.start + at,
          end: sentence.start + at + m[0].length,
          text: m[0],
          sentence,
          negated: negatedAt(sentence.text, at),
          category: c.key,
        })
        break
      }
    }
  }
  // The same category named twice at once ("third-party payment providers" from "third" and from "payment"): keep the first.
  const seen = new Set<string>()
  return found.filter((f) => {
    const key = `${f.category}:${f.end}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Cookie purposes a cookie statement gives ("to maintain user sessions" → strictly-necessary). */
export function findCookiePurposes(sentence: Sentence): (Match & { purpose: CookiePurpose })[] {
  const found: (Match & { purpose: CookiePurpose })[] = []
  for (const [purpose, w] of Object.entries(COOKIE_PURPOSE_WORDS) as [
    CookiePurpose,
    (typeof COOKIE_PURPOSE_WORDS)[CookiePurpose],
  ][]) {
    const re = new RegExp(w.cues.source, 'gi')
    for (const m of sentence.text.matchAll(re)) {
      const start = m.index!
      found.push({
        start: sentence.start + start,
        end: sentence.start + start + m[0].length,
        text: m[0],
        sentence,
        negated: negatedAt(sentence.text, start),
        purpose,
      })
      break
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
