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
  re: RegExp
  /** The categories it names (the most specific when a phrase is listed under a parent and a child). */
  categories: string[]
  /** A single ordinary word ("name", "state"): counts only inside a list of data. */
  weak: boolean
}

/** A name a policy may use for a recipient: a vendor rule, a known company without a rule, or both. */
export interface RecipientName {
  phrase: string
  re: RegExp
  /** Vendor rule ids the name refers to (several for a company name such as "Google"). */
  vendors: string[]
  known?: KnownRecipient
  /** A common word: needs a capital letter mid-sentence and context. */
  ambiguous: boolean
}

/** Everything the policy readers match against, built once per rule set. */
export interface Lexicon {
  rules: RuleSet
  data: DataPhrase[]
  names: RecipientName[]
  /** Per recipient category: the phrases that name it with a provider noun, and bare phrases. */
  recipientCategories: { key: string; strong: RegExp; weak: RegExp; bare?: RegExp }[]
}

const cache = new WeakMap<RuleSet, Lexicon>()

/** The lexicon for a rule set (cached). */
export function lexiconFor(rules: RuleSet): Lexicon {
  const hit = cache.get(rules)
  if (hit) return hit
  const lexicon: Lexicon = { rules, data: dataPhrases(rules), names: recipientNames(rules), recipientCategories: recipientCategoryPatterns(rules) }
  cache.set(rules, lexicon)
  return lexicon
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A regex for a phrase: any run of spaces or hyphens between words, a plural ending, whole words only. */
export function phraseSource(phrase: string, plural = true): string {
  const words = phrase.trim().split(/[\s-]+/).map((w) => escape(w).replace(/\//g, '\\s*/\\s*').replace(/'/g, "'?"))
  let body = words.join('[\\s-]+')
  if (plural && /[a-z]$/i.test(phrase) && !/\s(?:us|me|it|we|in|on|of)$/i.test(phrase)) body = /y$/i.test(phrase) && !/[aeiou]y$/i.test(phrase) ? `${body.slice(0, -1)}(?:y|ies)` : `${body}(?:e?s)?`
  return `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`
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
    if (key === 'user' || key === 'system' || key.startsWith('system.') || COOKIE_DATA_CATEGORIES.has(key)) continue
    for (const s of c.synonyms ?? []) add(s, key)
    if (CATEGORY_WORDING[key]) add(CATEGORY_WORDING[key]!, key)
    for (const s of EXTRA_DATA_PHRASES[key] ?? []) add(s, key)
  }
  const out: DataPhrase[] = []
  for (const [phrase, keys] of byPhrase) {
    // A phrase listed under a parent and a child names the child ("browser type" → user agent).
    let list = [...keys]
    // Our curated wording decides where the taxonomy lists a phrase under two unrelated categories.
    const curated = list.filter((k) => CATEGORY_WORDING[k] === phrase || (EXTRA_DATA_PHRASES[k] ?? []).includes(phrase))
    if (curated.length > 0 && curated.length < list.length) list = curated
    const specific = list.filter((k) => !list.some((o) => o !== k && o.startsWith(k + '.')))
    out.push({
      phrase,
      re: new RegExp(phraseSource(phrase), 'giu'),
      categories: specific.sort(),
      weak: !/[\s-]/.test(phrase.replace(/^e-mail$/, 'email')) && !STRONG_SINGLE_WORDS.has(phrase),
    })
  }
  // Longest phrases first, so "email address" wins over "email" at the same place.
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

function stripLegal(entity: string): string {
  let s = entity.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
  for (let i = 0; i < 3; i++) s = s.replace(LEGAL_SUFFIX, '').replace(/,?\s+Pte\.?$/, '').trim()
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
      for (const part of m[1]!.split(/\s*,\s*/)) if (part && part.split(/\s+/).length <= 3 && !/&/.test(part)) names.push(part)
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
      re: new RegExp(`(?<![\\p{L}\\p{N}_.@/-])(?:${escape(a.phrase)}|${escape(a.phrase.toUpperCase())})(?![\\p{L}\\p{N}_@/]|\\.[\\p{L}\\p{N}])`, ambiguous ? 'gu' : 'giu'),
      vendors: vendors.sort(),
      known: a.known,
      ambiguous,
    })
  }
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

function recipientCategoryPatterns(rules: RuleSet): Lexicon['recipientCategories'] {
  const nouns = (list: string[]): string => list.map((n) => phraseSource(n, false).replace(/^\(\?<!\[[^\]]*\]\)/, '')).join('|')
  const out: Lexicon['recipientCategories'] = []
  for (const [key, w] of Object.entries(RECIPIENT_CATEGORY_WORDS)) {
    if (!rules.vendorCategories.has(key)) continue
    const words = w.words.map((x) => phraseSource(x, false).replace(/\(\?!\[[^\]]*\]\)$/, '')).join('|')
    // "hosting and cloud service providers", "analytics or payment providers": one conjunct may sit between.
    const conj = `(?:\\s*(?:,|and|or|&|/)\\s*[\\p{L}-]+(?:\\s+[\\p{L}-]+)?)?`
    const head = `(?:third[\\s-]party\\s+)?(?:${words})${conj}\\s+(?:service\\s+)?`
    out.push({
      key,
      strong: new RegExp(`${head}(?:${nouns(STRONG_PROVIDER_NOUNS)})`, 'giu'),
      weak: new RegExp(`${head}(?:${nouns(WEAK_PROVIDER_NOUNS)})`, 'giu'),
      bare: w.bare?.length ? new RegExp(w.bare.map((b) => phraseSource(b)).join('|'), 'giu') : undefined,
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

/** Data categories named in a sentence: longest phrase wins where phrases overlap. */
export function findDataPhrases(lexicon: Lexicon, sentence: Sentence): (Match & { phrase: DataPhrase })[] {
  const found: (Match & { phrase: DataPhrase })[] = []
  for (const phrase of lexicon.data) {
    phrase.re.lastIndex = 0
    for (const m of sentence.text.matchAll(phrase.re)) {
      const start = m.index!
      const end = start + m[0].length
      if (found.some((f) => start < f.end - sentence.start && end > f.start - sentence.start)) continue
      found.push({ start: sentence.start + start, end: sentence.start + end, text: m[0], sentence, negated: negatedAt(sentence.text, start), phrase })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

const ENTITY_CUE = /^,?\s*(?:inc\b|ltd\b|llc\b|limited\b|gmbh\b|corp\b|\(|,\s*inc\b)/i
const GENERIC_VENDOR_CUE =
  /\b(?:inc|ltd|llc|providers?|services?|processors?|partners?|vendors?|third[\s-]part\w*|platforms?|tools?|powered by|provided by|hosted by|via|through|using|uses?|used|integrat\w*|sdk|api|pixel|plugin|widget|account|shar(?:e|es|ed|ing)|disclos\w*|sen(?:d|ds|t))\b/i

/** Recipient names in a sentence, with the context rule for common-word names applied. */
export function findRecipientNames(lexicon: Lexicon, sentence: Sentence): (Match & { name: RecipientName })[] {
  const found: (Match & { name: RecipientName })[] = []
  for (const name of lexicon.names) {
    name.re.lastIndex = 0
    for (const m of sentence.text.matchAll(name.re)) {
      const start = m.index!
      const end = start + m[0].length
      if (found.some((f) => start < f.end - sentence.start && end > f.start - sentence.start)) continue
      // A capitalised name must be capitalised in the text: "stripe" or "square" in lower case is a word.
      if (/^\p{Lu}/u.test(name.phrase) && !/\s/.test(name.phrase) && !/^\p{Lu}/u.test(m[0])) continue
      if (name.ambiguous && !ambiguousNameHolds(lexicon, name, sentence.text, start, end)) continue
      found.push({ start: sentence.start + start, end: sentence.start + end, text: m[0], sentence, negated: negatedAt(sentence.text, start), name })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** A common-word name counts when capitalised mid-sentence and the sentence is about a service of its kind. */
function ambiguousNameHolds(lexicon: Lexicon, name: RecipientName, text: string, start: number, end: number): boolean {
  if (ENTITY_CUE.test(text.slice(end))) return true
  const before = text.slice(0, start)
  // At the start of a sentence or list item every word is capitalised: no evidence it is a name.
  if (/^\s*(?:[-*•+]\s+|\(?\w{1,4}[.)]\s+)?["'(]?$/.test(before)) return false
  const categories = new Set<string>()
  for (const v of name.vendors) for (const c of lexicon.rules.vendors.get(v)?.categories ?? []) categories.add(c)
  if (name.known?.category) categories.add(name.known.category)
  const lower = text.toLowerCase()
  for (const c of categories) for (const w of RECIPIENT_CATEGORY_WORDS[c]?.words ?? []) if (w.length > 3 && lower.includes(w)) return true
  return GENERIC_VENDOR_CUE.test(text)
}

/** Recipient categories named in a sentence ("payment gateways", "hosting and cloud service providers"). */
export function findRecipientCategories(
  lexicon: Lexicon,
  sentence: Sentence,
  opts: { sharingContext: boolean },
): (Match & { category: string })[] {
  const found: (Match & { category: string })[] = []
  for (const c of lexicon.recipientCategories) {
    const patterns = [c.strong, ...(opts.sharingContext ? [c.weak, ...(c.bare ? [c.bare] : [])] : [])]
    for (const re of patterns) {
      re.lastIndex = 0
      for (const m of sentence.text.matchAll(re)) {
        const start = m.index!
        if (found.some((f) => f.category === c.key && f.start === sentence.start + start)) continue
        // "our payment providers" is still a recipient; "we provide payment services" is us, not a recipient.
        if (/\b(?:we|us)\s+(?:provide|offer|are)\s+(?:an?\s+|the\s+)?$/i.test(sentence.text.slice(Math.max(0, start - 30), start))) continue
        found.push({ start: sentence.start + start, end: sentence.start + start + m[0].length, text: m[0], sentence, negated: negatedAt(sentence.text, start), category: c.key })
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || (a.category < b.category ? -1 : 1))
}

/** Cookie purposes a cookie statement gives ("to maintain user sessions" → strictly-necessary). */
export function findCookiePurposes(sentence: Sentence): (Match & { purpose: CookiePurpose })[] {
  const found: (Match & { purpose: CookiePurpose })[] = []
  for (const [purpose, w] of Object.entries(COOKIE_PURPOSE_WORDS) as [CookiePurpose, (typeof COOKIE_PURPOSE_WORDS)[CookiePurpose]][]) {
    const re = new RegExp(w.cues.source, 'gi')
    for (const m of sentence.text.matchAll(re)) {
      const start = m.index!
      found.push({ start: sentence.start + start, end: sentence.start + start + m[0].length, text: m[0], sentence, negated: negatedAt(sentence.text, start), purpose })
      break
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
