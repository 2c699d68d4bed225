import type { CookiePurpose } from '../model/types.js'
import type { PolicyCue, PolicyKnownRecipient, TableColumnRole } from '../rules/policy-rules.js'
import type { RuleSet } from '../rules/ruleset.js'

/**
 * The policy rules (rules/policy) compiled into matchers, once per rule set. Phrases are plain words with a small
 * syntax: `*` ends a stem, `#` is a number, "you"/"your" stand for any way of naming the reader.
 */

/** A phrase that names one or more data categories. */
export interface DataPhrase {
  phrase: string
  /** Sticky: tried only at the offsets where the phrase's first word occurs. */
  re: RegExp
  /** The categories it names (the most specific when a phrase is listed under a parent and a child). */
  categories: string[]
  /** A single ordinary word ("name", "state"): counts only inside a list of data. */
  weak: boolean
  /** Usually about choices or the service, not collected data: counts only inside a list of data. */
  listOnly: boolean
}

/** A recipient without a vendor rule (or a company that owns several rules). */
export type KnownRecipient = Pick<
  PolicyKnownRecipient,
  'name' | 'aliases' | 'category' | 'vendors' | 'product' | 'ambiguous'
>

/** A name a policy may use for a recipient: a vendor rule, a known company, or both. */
export interface RecipientName {
  phrase: string
  re: RegExp
  /** Vendor rule ids the name refers to (several for a company name such as "Google"). */
  vendors: string[]
  known?: KnownRecipient
  /** A common word: needs a capital letter mid-sentence and context. */
  ambiguous: boolean
  /** Software the reader runs ("Google Chrome"): its words name no recipient, not even the company in them. */
  software?: boolean
}

/** How a policy names one category of recipients. Sticky regexes. */
export interface RecipientCategoryPattern {
  key: string
  /** Category words + a strong provider noun, or an agent noun ("advertisers"): recipients anywhere. */
  strong: RegExp
  /** Category words + a weak noun ("payment services"): recipients where the text is about sharing. */
  weak: RegExp
  bare?: RegExp
  /** The category words alone: in a description of a listed recipient ("Content delivery service"). */
  words: RegExp
  firstWords: string[]
}

/** A cookie purpose's phrases and frames (verb … object). */
export interface CookiePurposePattern {
  purpose: CookiePurpose
  phrase?: RegExp
  /** `passive`: the object, then the verb in the passive ("your answers can be restored"). */
  frames: { verbs: RegExp; objects: RegExp; passive: RegExp }[]
  /** "<adjective> cookies" anywhere in the text names the purpose. */
  adjective: RegExp
  /** Data categories such cookies record by their nature (`records`). */
  records: readonly string[]
}

export interface PlacePattern {
  code: string
  /** Names, case-insensitive ("United States"). */
  re: RegExp
  /** Abbreviations, as written ("US", "UK", "EU": "us" is a pronoun). */
  abbr: RegExp
}

/** Everything the policy readers match against. */
export interface Lexicon {
  rules: RuleSet
  data: DataPhrase[]
  names: RecipientName[]
  recipientCategories: RecipientCategoryPattern[]
  cookiePurposes: CookiePurposePattern[]
  dataByWord: Map<string, DataPhrase[]>
  namesByWord: Map<string, RecipientName[]>
  categoriesByWord: Map<string, RecipientCategoryPattern[]>
  /** Cue regexes by cue id (rules/policy/cues.yaml); a cue without phrases never matches. */
  cue: (id: string) => RegExp
  /** `own-account` cue: "your <name>" before a company's name, and "profile", "account" … after it. */
  ownAccountBefore: RegExp
  ownAccountAfter: RegExp
  /** A strong provider noun ("providers", "partners") at the end of a text: companies, not one company's service. */
  strongNounEnd: RegExp
  /** Any word for recipients: provider nouns, `third-parties`, and the words and agents of every category. */
  recipientWord: RegExp
  /** A word for recipients and the `recipient-list` cue after it: the list of kinds of service that follows. */
  recipientListHead: RegExp
  /** `received-from` cue: "information we receive from" before a company's name (a source, not a recipient). */
  receivedFrom: RegExp
  /** After a name: getting data "from those platforms", which points back at the names before it. */
  receivedFromThose: RegExp
  /** `received-through` cue: getting data "through third-party platforms"; names after it are sources. */
  receivedThrough: RegExp
  /** `reference-after` cue: "'s privacy policy", " Settings page" right after a company's name (a reference, not a use). */
  referenceAfter: RegExp
  /** `retention-limit` cue: within seven words after a negated keeping verb, a limit ("not retained beyond"). */
  retentionLimit: RegExp
  /** `describing-clause` cue: ", it provides (a)" between a company's name and a kind of service that describes it. */
  describingClause: RegExp
  /** `self-description` cue: "we provide (a)" before a kind of service (the company itself, not a recipient). */
  selfDescription: RegExp
  /** `described-as` cue between a name and a kind of service: "Apple as a payment provider" (the name's role). */
  describedAs: RegExp
  /** `done-by` cue between a kind of service and a name: "Payment processing is handled entirely by Apple". */
  doneBy: RegExp
  /**
   * After an opening parenthesis, up to a phrase: an optional `enumeration` cue ("for example", "e.g.") and short items
   * joined by commas, "or", "and" or slashes — a list of examples of the noun before the parenthesis.
   */
  parentheticalItems: RegExp
  /** `purpose-before` cue, then up to two words, at the end of a text: the kind of service that follows is a purpose. */
  purposeBefore: RegExp
  /** `activity-after` cue at the start of a text, perhaps after one coordinated word ("hosting and management purposes"). */
  activityAfter: RegExp
  /** Table column roles by the words of their header cells (`columns` in cues.yaml). */
  columns: { role: TableColumnRole; words: RegExp; starts: RegExp }[]
  /** `ownership` cue: words before / after a data phrase that make it the company's own. */
  ownedBefore: RegExp
  ownedAfter: RegExp
  /** The words an enumeration of data must follow ("information such as …"). */
  enumerationHead: RegExp
  topics: { topic: string; re: RegExp }[]
  places: PlacePattern[]
  safeguards: { key: string; re: RegExp; requiresTransfer: boolean }[]
  transferCue: RegExp
  originCue: RegExp
  legalForm: RegExp
  notNames: Set<string>
  /** Names of software the reader runs, lower case (`software` in rules/policy/names.yaml). */
  software: Set<string>
  known: KnownRecipient[]
}

const NEVER = /(?!)/

/** The `passive` cue's source: between an object and its verb in the passive ("can be", "are", "will be automatically"). */
function passiveSource(cue: PolicyCue | undefined): string {
  if (!cue?.phrases.length) return NEVER.source
  const modal = cue.before.length ? `(?:(?:${alternation(cue.before, '').source})\\s+)?` : ''
  return `${modal}(?:${alternation(cue.phrases, '').source})\\s+(?:[a-z]+ly\\s+)?`
}

/**
 * The `received-from` cue: a word about getting data, then (within a clause) "from" and up to five words, at the end;
 * none of them "with" or "to", which say where the data goes ("information from your device with our advertising
 * providers").
 */
function receivedFromRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length || !cue.before.length) return NEVER
  return new RegExp(
    `(?:${alternation(cue.before, '').source})[^.;]{0,40}(?:${alternation(cue.phrases, '').source})\\s+(?:(?!(?:with|to)\\s)\\S+\\s+){0,5}$`,
    'i',
  )
}

/** The `received-from` cue's `after` phrases: a getting word, then "from" and one of them, later in the sentence. */
function receivedFromThoseRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.after.length || !cue.before.length || !cue.phrases.length) return NEVER
  const get = alternation(cue.before, '').source
  return new RegExp(
    `^[^.;]*?(?:${get})[^.;]{0,40}(?:${alternation(cue.phrases, '').source})\\s+(?:${alternation(cue.after, '').source})`,
    'i',
  )
}

/**
 * The `received-through` cue: a getting word, then (within a clause of 80 characters) one of the `received-through-via`
 * words ("through", "via") and a word for platforms, not followed by one of its `after` words ("plugins": a plugin on
 * the site sends data to its maker, so the platform is no mere source).
 */
function receivedThroughRegex(cue: PolicyCue | undefined, via: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length || !cue.before.length || !via?.phrases.length) return NEVER
  const notAfter = cue.after.length ? `(?!\\s+(?:${alternation(cue.after, '', false, true).source}))` : ''
  return new RegExp(
    `(?:${alternation(cue.before, '').source})[^.;]{0,80}(?<via>${alternation(via.phrases, '').source})\\s+(?:[a-z]+\\s+){0,2}(?:${alternation(cue.phrases, '').source})${notAfter}`,
    'id',
  )
}

/** The `reference-after` cue: right after a name, an optional possessive, then one of its phrases. */
function referenceAfterRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length) return NEVER
  return new RegExp(`^(?:['’]s)?\\s+(?:${alternation(cue.phrases, '').source})`, 'i')
}

/** The `self-description` cue: "we provide", then optionally one of its `after` words (an article), at the end. */
function selfDescriptionRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length) return NEVER
  const article = cue.after.length ? `(?:(?:${alternation(cue.after, '').source})\\s+)?` : ''
  return new RegExp(`(?:${alternation(cue.phrases, '').source})\\s+${article}$`, 'i')
}

/** The `retention-limit` cue: one of its phrases within the first eight words of a text ("not keep your personal data or records longer than"). */
function retentionLimitRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length) return NEVER
  return new RegExp(`^\\W*(?:\\w+\\W+){0,7}?(?:${alternation(cue.phrases, '').source})`, 'i')
}

/** A cue's phrases placed in a pattern of the text around them (`source` → the whole pattern), case-insensitive. */
function aroundCue(cue: RegExp | undefined, pattern: (source: string) => string): RegExp {
  return cue ? new RegExp(pattern(cue.source), 'iu') : NEVER
}

/**
 * The `describing-clause` cue: the whole text between a name and a kind of service is a comma, one of its phrases, an
 * optional article (`after`) and up to three words (", it provides crash reporting", ", which is a hosted").
 */
function describingClauseRegex(cue: PolicyCue | undefined): RegExp {
  if (!cue?.phrases.length) return NEVER
  const article = cue.after.length ? `(?:(?:${alternation(cue.after, '').source})\\s+)?` : ''
  return new RegExp(
    `^,\\s+(?:${alternation(cue.phrases, '').source})\\s+${article}(?:[\\p{L}'’-]+\\s+){0,3}$`,
    'iu',
  )
}

/** One of the words, then space, at the end of a text ("our " before "email address"). */
function wordsBefore(words: readonly string[] | undefined): RegExp {
  return words?.length
    ? new RegExp(`(?:${words.map((w) => phraseSource(w, false)).join('|')})\\s+$`, 'i')
    : NEVER
}

/** Space, then one of the words, at the start of a text ("email address" before " below"). */
function wordsAfter(words: readonly string[] | undefined): RegExp {
  return words?.length
    ? new RegExp(`^\\s+(?:${words.map((w) => phraseSource(w, false)).join('|')})`, 'i')
    : NEVER
}

/** A value derived from a lexicon (a pattern built on its cues), made once per lexicon. */
export function perLexicon<T>(make: (lexicon: Lexicon) => T): (lexicon: Lexicon) => T {
  const made = new WeakMap<Lexicon, T>()
  return (lexicon) => {
    let value = made.get(lexicon)
    if (value === undefined) made.set(lexicon, (value = make(lexicon)))
    return value
  }
}

const cache = new WeakMap<RuleSet, Lexicon>()

/** The lexicon for a rule set (cached). */
export function lexiconFor(rules: RuleSet): Lexicon {
  const hit = cache.get(rules)
  if (hit) return hit
  const p = rules.policy
  const data = dataPhrases(rules)
  const known = knownRecipients(rules)
  const names = recipientNames(rules, known)
  const recipientCategories = recipientCategoryPatterns(rules)
  const cues = new Map<string, RegExp>()
  for (const c of p.cues) if (c.phrases.length) cues.set(c.cue, alternation(c.phrases, 'i'))
  const ownership = p.cues.find((c) => c.cue === 'ownership')
  const ownAccount = p.cues.find((c) => c.cue === 'own-account')
  const enumeration = p.cues.find((c) => c.cue === 'enumeration')
  const passive = passiveSource(p.cues.find((c) => c.cue === 'passive'))
  const verbFirst = p.cues.find((c) => c.cue === 'verb-first')
  if (verbFirst?.before.length) cues.set('verb-first-before', alternation(verbFirst.before, 'i'))
  const lexicon: Lexicon = {
    rules,
    data,
    names,
    recipientCategories,
    cookiePurposes: p.cookiePurposes.map((c) => ({
      purpose: c.purpose as CookiePurpose,
      phrase: c.phrases.length ? alternation(c.phrases, 'gi', false, true) : undefined,
      frames: c.frames.map((f) => {
        const verbs = alternation(f.verbs, 'gi', true)
        const objects = alternation(f.objects, 'i')
        return {
          verbs,
          objects,
          passive: new RegExp(`(?:${objects.source})\\s+${passive}(?:${verbs.source})`, 'gi'),
        }
      }),
      adjective: new RegExp(`${phraseSource(c.adjective, false)}[\\s-]+cookies?(?![${WORD}])`, 'i'),
      records: c.records,
    })),
    dataByWord: indexBy(data, (d) => [firstWord(d.phrase)]),
    namesByWord: indexBy(names, (n) => [firstWord(n.phrase)]),
    categoriesByWord: indexBy(recipientCategories, (c) => c.firstWords),
    cue: (id) => cues.get(id) ?? NEVER,
    receivedFrom: receivedFromRegex(p.cues.find((c) => c.cue === 'received-from')),
    receivedFromThose: receivedFromThoseRegex(p.cues.find((c) => c.cue === 'received-from')),
    receivedThrough: receivedThroughRegex(
      p.cues.find((c) => c.cue === 'received-through'),
      p.cues.find((c) => c.cue === 'received-through-via'),
    ),
    referenceAfter: referenceAfterRegex(p.cues.find((c) => c.cue === 'reference-after')),
    selfDescription: selfDescriptionRegex(p.cues.find((c) => c.cue === 'self-description')),
    retentionLimit: retentionLimitRegex(p.cues.find((c) => c.cue === 'retention-limit')),
    describingClause: describingClauseRegex(p.cues.find((c) => c.cue === 'describing-clause')),
    describedAs: aroundCue(cues.get('described-as'), (c) => `^\\s+(?:${c})\\s+(?:[\\p{L}'’-]+\\s+){0,3}$`),
    doneBy: aroundCue(cues.get('done-by'), (c) => `^\\s*(?:is|are)\\s+(?:[\\p{L}]+ly\\s+)?(?:${c})\\s+$`),
    parentheticalItems: aroundCue(
      cues.get('enumeration'),
      (c) =>
        `^\\s*(?:(?:${c})\\s*,?\\s*)?(?:[\\p{L}\\p{N}'-]+(?:\\s+[\\p{L}\\p{N}'-]+){0,2}\\s*(?:,|\\bor\\b|\\band\\b|\\/)\\s*)*$`,
    ),
    purposeBefore: aroundCue(cues.get('purpose-before'), (c) => `(?:${c})\\s+(?:\\S+\\s+){0,2}$`),
    activityAfter: aroundCue(
      cues.get('activity-after'),
      (c) => `^\\s+(?:(?:and|or|&)\\s+[\\p{L}-]+\\s+)?(?:${c})`,
    ),
    columns: p.columns.map((c) => ({
      role: c.role,
      words: c.words.length ? alternation(c.words, 'i') : NEVER,
      starts: c.starts.length ? new RegExp(`^\\s*(?:${alternation(c.starts, '').source})`, 'i') : NEVER,
    })),
    ownedBefore: wordsBefore(ownership?.before),
    ownedAfter: wordsAfter(ownership?.after),
    ownAccountBefore: wordsBefore(ownAccount?.before),
    ownAccountAfter: wordsAfter(ownAccount?.after),
    recipientListHead: recipientListHead(rules),
    strongNounEnd: p.recipients.strongNouns.length
      ? new RegExp(`(?:${alternation(p.recipients.strongNouns, '', false, true).source})$`, 'i')
      : NEVER,
    recipientWord: alternation(
      [
        ...p.recipients.strongNouns,
        ...p.recipients.weakNouns,
        ...(p.cues.find((c) => c.cue === 'third-parties')?.phrases ?? []),
        ...p.recipients.categories.flatMap((c) => [...c.words, ...c.agents]),
      ],
      'i',
      false,
      true,
    ),
    enumerationHead: enumeration?.before.length
      ? new RegExp(
          // A short relative clause may sit between ("the information you give us, such as …"), and then one of the
          // cue's `after` words ("demographic information only such as name").
          `(?:${enumeration.before.map((w) => phraseSource(w)).join('|')})(?:\\s+(?:that\\s+|which\\s+)?(?:you|we)\\s+[a-z]+(?:\\s+(?:us|to\\s+us|from\\s+you))?)?${enumeration.after.length ? `(?:[\\s,]+(?:${alternation(enumeration.after, '').source}))?` : ''}[\\s,]*$`,
          'i',
        )
      : NEVER,
    topics: p.topics.map((t) => ({ topic: t.topic, re: alternation(t.words, 'i') })),
    places: p.transfers.places.map((pl) => ({
      code: pl.code,
      re: placeRegex(
        pl.names.filter((n) => !isAbbreviation(n)),
        'gi',
      ),
      abbr: placeRegex(pl.names.filter(isAbbreviation), 'g'),
    })),
    safeguards: p.transfers.safeguards.map((s) => ({
      key: s.key,
      re: alternation(s.phrases, 'i'),
      requiresTransfer: s.requires_transfer,
    })),
    transferCue: p.transfers.transferCues.length ? alternation(p.transfers.transferCues, 'i') : NEVER,
    originCue: p.transfers.originCues.length
      ? new RegExp(
          `(?:${p.transfers.originCues.map((w) => phraseSource(w, false)).join('|')})\\s+(?:the\\s+)?$`,
          'i',
        )
      : NEVER,
    legalForm: legalFormRegex(p.names.legalForms),
    notNames: new Set(p.names.notNames.map((n) => n.toLowerCase())),
    software: new Set(p.names.software.map((n) => n.toLowerCase())),
    known,
  }
  cache.set(rules, lexicon)
  return lexicon
}

/** Letters of the languages the phrase lists are written in; no Unicode property classes, which compile slowly. */
export const WORD = 'A-Za-z0-9_\\u00C0-\\u024F'

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The ways a policy names its reader, for "you" in a phrase. */
const PERSON =
  '(?:you|they|(?:the\\s+|each\\s+|our\\s+|a\\s+)?(?:users?|visitors?|customers?|people|persons?|members?|subscribers?|consumers?|clients?|individuals|readers?|players?|buyers?|sellers?))'
/** The possessive forms, for "your". */
const POSSESSIVE =
  "(?:your|their|his\\s+or\\s+her|(?:the\\s+|each\\s+|our\\s+|a\\s+)?(?:user|visitor|customer|member|subscriber|consumer|client|person|reader|player|buyer|seller)(?:'s|s'|s))"

/** The source of a word of a phrase. */
function wordSource(word: string, previous?: string): string {
  if (word === '#') return '\\d+(?:[.,]\\d+)?'
  if (/^you$/i.test(word)) return PERSON
  if (/^your$/i.test(word)) return POSSESSIVE
  if (/^are$/i.test(word) && previous && /^you$/i.test(previous)) return '(?:are|is)'
  // A star inside a word stands for one letter: "analy*e" is analyse or analyze, "personali*ed" either spelling.
  const letters = (w: string): string => w.split('*').map(escape).join(`[${WORD}]`)
  if (word.endsWith('*') && word.length > 1) return `${letters(word.slice(0, -1))}[${WORD}]*`
  if (/\*./.test(word)) return letters(word)
  return escape(word).replace(/\//g, '\\s*/\\s*').replace(/'/g, "'?")
}

/**
 * A regex source for a phrase: whole words, any run of spaces or hyphens between them, an optional plural on the
 * last word (unless `plural` is false or it ends a stem).
 */
export function phraseSource(phrase: string, plural = true, coordinate = false): string {
  const words = phrase.trim().split(/[\s-]+/)
  const parts = words.map((w, i) => wordSource(w, words[i - 1]))
  // "political or philosophical beliefs": the modifiers of a two-word phrase may be coordinated (captured).
  const simple =
    words.length === 2 && words.every((w) => /^[a-z]+$/i.test(w) && !/^(?:you|your|are)$/i.test(w))
  let body =
    coordinate && simple
      ? `${parts[0]}((?:\\s*,\\s*|\\s+(?:and|or|and/or)\\s+)[a-z][a-z-]*){0,3}[\\s-]+${parts[1]}`
      : parts.join('[\\s-]+')
  const last = words[words.length - 1]!
  if (
    plural &&
    /[a-z]$/i.test(last) &&
    !/^(?:you|your|are)$/i.test(last) &&
    !/\s(?:us|me|it|we|in|on|of)$/i.test(phrase)
  )
    body = /y$/i.test(last) && !/[aeiou]y$/i.test(last) ? `${body.slice(0, -1)}(?:y|ies)` : `${body}(?:e?s)?`
  // "Non-essential cookies", "non-personal information": the prefix negates the phrase.
  return `(?<![${WORD}])(?<!\\bnon-)${body}(?![${WORD}])`
}

/** One regex matching any of the phrases (longest first); `inflect` also matches verb endings ("records", "counted"). */
export function alternation(
  phrases: readonly string[],
  flags: string,
  inflect = false,
  plural = false,
): RegExp {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length)
  const source = (p: string): string => {
    const src = phraseSource(p, plural && !p.endsWith('*'))
    if (!inflect || /[\s*#-]/.test(p)) return src
    return src.replace(/\(\?!\[[^\]]*\]\)$/, (end) => `(?:s|es|ed|d|ing)?${end}`)
  }
  return new RegExp(sorted.map(source).join('|'), flags)
}

const isAbbreviation = (name: string): boolean => /^[A-Z.]{2,6}$/.test(name)

function placeRegex(names: readonly string[], flags: string): RegExp {
  if (!names.length) return new RegExp(NEVER.source, flags)
  const parts = [...new Set(names)]
    .sort((a, b) => b.length - a.length)
    .map((n) => escape(n).replace(/\s+/g, '\\s+'))
  return new RegExp(`(?<![${WORD}.])(?:${parts.join('|')})(?![${WORD}]|\\.[${WORD}])`, flags)
}

function legalFormRegex(forms: readonly string[]): RegExp {
  if (!forms.length) return NEVER
  const alt = [...new Set(forms)]
    .sort((a, b) => b.length - a.length)
    .map((f) => escape(f).replace(/\s+/g, '\\s+'))
    .join('|')
  return new RegExp(`^,?\\s+(?:${alt})(?![${WORD}])`)
}

/** The first word of a phrase, lower case ("zip/postal code" → "zip", "e-mail" → "e"). */
export function firstWord(phrase: string): string {
  return (
    phrase
      .toLowerCase()
      .split(/[^\p{L}\p{N}'*#]+/u)
      .find(Boolean) ?? ''
  )
}

/** Index keys for a phrase's first word: "you" and "your" stand for the reader words too. */
const PERSON_KEYS = [
  'you',
  'your',
  'they',
  'their',
  'his',
  'user',
  'users',
  'visitor',
  'visitors',
  'customer',
  'customers',
  'people',
  'person',
  'persons',
  'member',
  'members',
  'subscriber',
  'subscribers',
  'consumer',
  'consumers',
  'client',
  'clients',
  'individuals',
  'reader',
  'readers',
  'player',
  'players',
  'buyer',
  'buyers',
  'seller',
  'sellers',
]

function indexBy<T extends object>(items: T[], keysFor: (t: T) => string[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  const add = (k: string, item: T): void => {
    const list = map.get(k) ?? []
    if (!list.includes(item)) list.push(item)
    map.set(k, list)
  }
  for (const item of items)
    for (const k of new Set(keysFor(item))) {
      if (k === 'you' || k === 'your') for (const p of PERSON_KEYS) add(p, item)
      // "disclos*", "analy*e": a star in the first word; the word is looked up by its first three letters.
      else if (k.includes('*')) add(`*${k.slice(0, k.indexOf('*')).slice(0, 3)}`, item)
      else add(k, item)
    }
  for (const list of map.values()) list.sort((a, b) => phraseLength(b) - phraseLength(a))
  return map
}

const phraseLength = (t: object): number => (t as { phrase?: string }).phrase?.length ?? 0

/** Index keys a word of the text may stand for: itself, its singular forms, and a stem prefix. */
function keysOf(word: string): string[] {
  const keys = [word, `*${word.slice(0, 3)}`]
  if (word.endsWith("'s")) keys.push(word.slice(0, -2))
  if (word.endsWith('ies')) keys.push(word.slice(0, -3) + 'y')
  if (word.endsWith('es')) keys.push(word.slice(0, -2))
  if (word.endsWith('s')) keys.push(word.slice(0, -1))
  return keys
}

/** The words of a text with their offsets. */
export function wordsOf(text: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}']+/gu)) out.push({ word: m[0].toLowerCase(), at: m.index! })
  return out
}

/** For each word of a text, the indexed items that may start there, longest phrase first. */
export function* candidatesAt<T extends object>(
  words: readonly { word: string; at: number }[],
  index: Map<string, T[]>,
): Generator<{ at: number; items: T[] }> {
  for (const w of words) {
    let only: T[] | undefined
    let seen: Set<T> | undefined
    for (const k of keysOf(w.word)) {
      const list = index.get(k)
      if (!list) continue
      if (!only && !seen) only = list
      else {
        seen ??= new Set(only)
        only = undefined
        for (const item of list) seen.add(item)
      }
    }
    // One index list is already longest-first; several are merged and sorted again.
    if (only) yield { at: w.at, items: only }
    else if (seen) yield { at: w.at, items: [...seen].sort((a, b) => phraseLength(b) - phraseLength(a)) }
  }
}

/** Runs a sticky regex at one offset. */
export function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(text)
}

function dataPhrases(rules: RuleSet): DataPhrase[] {
  const p = rules.policy
  const entries = new Map(p.data.map((d) => [d.category, d]))
  const skip = new Set(['user.device.cookie', 'user.device.cookie_id'])
  const listOnly = new Set(
    (p.cues.find((c) => c.cue === 'not-for-drafting')?.phrases ?? []).map((x) => x.toLowerCase()),
  )
  const strong = new Set(p.data.flatMap((d) => d.words.map((w) => w.toLowerCase())))
  const byPhrase = new Map<string, { keys: Set<string>; curated: Set<string> }>()
  // "your account info", "payment info": a phrase ending in a long word (`short-form` cue, `before`) is also written
  // with the short form (`phrases`).
  const shortForm = p.cues.find((c) => c.cue === 'short-form')
  const shortForms = (shortForm?.before ?? []).map((long) => ({
    end: ` ${long.toLowerCase()}`,
    shorts: (shortForm?.phrases ?? []).map((x) => ` ${x.toLowerCase()}`),
  }))
  const add = (phrase: string, key: string, curated: boolean): void => {
    const k = phrase.trim().toLowerCase()
    if (!k) return
    const e = byPhrase.get(k) ?? { keys: new Set(), curated: new Set() }
    e.keys.add(key)
    if (curated) e.curated.add(key)
    byPhrase.set(k, e)
    for (const f of shortForms)
      if (k.endsWith(f.end))
        for (const short of f.shorts) add(k.slice(0, -f.end.length) + short, key, curated)
  }
  for (const [key, c] of rules.categories) {
    if (key === 'user' || key === 'system' || key.startsWith('system.') || skip.has(key)) continue
    const entry = entries.get(key)
    for (const s of c.synonyms ?? []) add(s, key, false)
    if (entry?.wording) add(entry.wording, key, true)
    for (const s of [...(entry?.phrases ?? []), ...(entry?.words ?? [])]) add(s, key, true)
  }
  const out: DataPhrase[] = []
  for (const [phrase, e] of byPhrase) {
    let list = [...e.keys]
    // The curated wording decides where the taxonomy lists a phrase under two unrelated categories.
    if (e.curated.size > 0 && e.curated.size < list.length) list = [...e.curated]
    // A phrase listed under a parent and a child names the child ("browser type" → user agent).
    const specific = list.filter((k) => !list.some((o) => o !== k && o.startsWith(k + '.')))
    out.push({
      phrase,
      re: new RegExp(phraseSource(phrase, true, true), 'yi'),
      categories: specific.sort(),
      weak: !/[\s-]/.test(phrase.replace(/^e-mail$/, 'email')) && !strong.has(phrase),
      listOnly: listOnly.has(phrase),
    })
  }
  // Longest phrases first, so "email address" wins over "email" at the same place.
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

/**
 * Known companies: the rules' list, plus every vendor legal entity whose short name is not the vendor's own name
 * ("Reddit, Inc." for the "Reddit Pixel" rule): the company, not one of its products.
 */
function knownRecipients(rules: RuleSet): KnownRecipient[] {
  const out: KnownRecipient[] = rules.policy.names.known.map((k) => ({ ...k, vendors: [...k.vendors] }))
  const byName = new Map(out.flatMap((k) => [k.name, ...k.aliases].map((n) => [n.toLowerCase(), k] as const)))
  const ambiguous = new Set(rules.policy.names.ambiguous)
  // Every name a vendor rule already answers to: such a name is that product, not a company of its own.
  const productNames = new Set<string>()
  for (const v of rules.vendors.values()) {
    productNames.add(
      v.name
        .replace(/\s*\([^)]*\)/g, '')
        .trim()
        .toLowerCase(),
    )
    for (const m of v.name.matchAll(/\(([^)]*)\)/g))
      for (const part of m[1]!.split(/\s*,\s*/)) productNames.add(part.toLowerCase())
  }
  for (const a of rules.policy.names.aliases) for (const n of a.aliases) productNames.add(n.toLowerCase())
  for (const v of rules.vendors.values()) {
    if (!v.legal_entity) continue
    const short = stripLegal(rules, v.legal_entity)
    if (!short || short.length < 3 || ambiguous.has(short.toLowerCase())) continue
    if (productNames.has(short.toLowerCase())) continue
    // "Slack Technologies", "Notion Labs": the product's name and a word for the company is the product's maker.
    if (productOwnName(v.name, short)) continue
    const existing = byName.get(short.toLowerCase())
    if (existing) {
      if (!existing.vendors.includes(v.id)) existing.vendors.push(v.id)
      continue
    }
    const k: KnownRecipient = { name: short, aliases: [], vendors: [v.id], ambiguous: false }
    out.push(k)
    byName.set(short.toLowerCase(), k)
  }
  return out
}

/** A company's short legal name that is the product's name plus a word ("Slack Technologies" for Slack). */
function productOwnName(vendorName: string, short: string): boolean {
  const base = vendorName
    .replace(/\s*\([^)]*\)/g, '')
    .trim()
    .toLowerCase()
  const s = short.toLowerCase()
  return base.length >= 4 && s !== base && s.startsWith(base) && !/\s+and\s+/.test(base)
}

/** A company name without its legal form and trailing parenthesis ("Stripe, Inc." → "Stripe"). */
export function stripLegal(rules: RuleSet, entity: string): string {
  const forms = [...rules.policy.names.legalForms].sort((a, b) => b.length - a.length).map(escape)
  const suffix = forms.length ? new RegExp(`,?\\s+(?:${forms.join('|')})\\.?$`, 'i') : NEVER
  let s = entity.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
  for (let i = 0; i < 3; i++) s = s.replace(suffix, '').trim()
  return s.replace(/,$/, '')
}

/**
 * A sticky regex for a name as written (all-caps spellings count too: "STRIPE" in a heading). Not inside a word, a
 * host or a path ("stripe.com/docs"), but one of two names joined by a slash ("[Stripe/RevenueCat]") counts.
 */
function nameRegex(phrase: string, caseSensitive: boolean): RegExp {
  const slashBefore = `(?<=(?:^|[\\s\\[(])[A-Z][A-Za-z0-9]*/)`
  const slashAfter = `(?=/[A-Z][A-Za-z0-9]*(?:[\\s\\])/,;:]|\\.?$))`
  return new RegExp(
    `(?:(?<![${WORD}.@/-])|${slashBefore})(?:${escape(phrase)}|${escape(phrase.toUpperCase())})(?![${WORD}@]|\\.[${WORD}])(?:(?!/)|${slashAfter})`,
    caseSensitive ? 'y' : 'yi',
  )
}

function recipientNames(rules: RuleSet, known: KnownRecipient[]): RecipientName[] {
  interface Acc {
    phrase: string
    named: Set<string>
    known?: KnownRecipient
    software?: boolean
  }
  const byPhrase = new Map<string, Acc>()
  const acc = (phrase: string): Acc => {
    const k = phrase.toLowerCase()
    let a = byPhrase.get(k)
    if (!a) byPhrase.set(k, (a = { phrase, named: new Set() }))
    return a
  }
  const ambiguous = new Set(rules.policy.names.ambiguous)
  const aliases = new Map(rules.policy.names.aliases.map((a) => [a.vendor, a.aliases]))
  for (const k of known) for (const p of [k.name, ...k.aliases]) acc(p).known = k
  for (const p of rules.policy.names.software) acc(p).software = true
  for (const v of rules.vendors.values()) {
    const base = v.name.replace(/\s*\([^)]*\)/g, '').trim()
    const names = [base, ...base.split(/\s+and\s+/).filter((p) => p !== base)]
    // "Sign in with GitHub (GitHub OAuth)": the parentheses give another name; words all in lower case ("Safe
    // (transaction service)") describe the product, they name nothing.
    for (const m of v.name.matchAll(/\(([^)]*)\)/g))
      for (const part of m[1]!.split(/\s*,\s*/))
        if (part && part.split(/\s+/).length <= 3 && !/&/.test(part) && !/^[a-z]+(?:\s+[a-z]+)+$/.test(part))
          names.push(part)
    if (v.legal_entity) {
      const short = stripLegal(rules, v.legal_entity)
      // A legal name that is the product's own name ("Stripe, Inc."), or that name and a word for the company
      // ("Slack Technologies, LLC", "Notion Labs Inc."), names the vendor, with or without its legal form.
      if (short.toLowerCase() === base.toLowerCase() || productOwnName(v.name, short)) {
        names.push(v.legal_entity.replace(/\s*\([^)]*\)\s*$/g, '').trim())
        if (short.toLowerCase() !== base.toLowerCase()) names.push(short)
      }
    }
    // The vendor's own domain written as its name ("Polar.sh" for polar.sh, "plausible.io" for Plausible Analytics,
    // whose alias "Plausible" is the domain's label).
    const host = v.website ? /^https?:\/\/(?:www\.)?([^/:]+)/i.exec(v.website)?.[1] : undefined
    const squash = (n: string): string => n.toLowerCase().replace(/\s+/g, '')
    if (
      host &&
      host.split('.').length === 2 &&
      (host.toLowerCase().startsWith(squash(base)) ||
        (aliases.get(v.id) ?? []).some((a) => host.toLowerCase().split('.')[0] === squash(a)))
    )
      names.push(host)
    for (const n of [...names, ...(aliases.get(v.id) ?? [])]) {
      const a = acc(n)
      if (!a.known) a.named.add(v.id)
    }
  }
  const out: RecipientName[] = []
  for (const a of byPhrase.values()) {
    if (a.software) {
      out.push({
        phrase: a.phrase,
        re: nameRegex(a.phrase, false),
        vendors: [],
        ambiguous: false,
        software: true,
      })
      continue
    }
    const vendors = a.known ? [...a.known.vendors].filter((v) => rules.vendors.has(v)) : [...a.named]
    if (vendors.length === 0 && !a.known) continue
    const isAmbiguous = ambiguous.has(a.phrase.toLowerCase()) || (a.known?.ambiguous ?? false)
    out.push({
      phrase: a.phrase,
      re: nameRegex(a.phrase, isAmbiguous),
      vendors: vendors.sort(),
      known: a.known,
      ambiguous: isAmbiguous,
    })
  }
  return out.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1))
}

function recipientListHead(rules: RuleSet): RegExp {
  const p = rules.policy
  const intro = p.cues.find((c) => c.cue === 'recipient-list')?.phrases ?? []
  const thirdParty = p.cues.find((c) => c.cue === 'third-parties')?.phrases ?? []
  const nouns = [...p.recipients.strongNouns, ...p.recipients.weakNouns, ...thirdParty]
  if (intro.length === 0) return new RegExp(NEVER.source, 'g')
  const any = (list: readonly string[]): string =>
    [...list]
      .sort((a, b) => b.length - a.length)
      .map((w) => phraseSource(w, false))
      .join('|')
  // A few words may sit between the noun and the list ("services on our behalf, including").
  return new RegExp(`(?:${any(nouns)})[^.;:]{0,40}?(?:${any(intro)})\\s+`, 'gi')
}

function recipientCategoryPatterns(rules: RuleSet): RecipientCategoryPattern[] {
  const p = rules.policy.recipients
  const noBefore = (src: string): string => src.replace(/^\(\?<!\[[^\]]*\]\)/, '')
  const noAfter = (src: string): string => src.replace(/\(\?!\[[^\]]*\]\)$/, '')
  const nouns = (list: string[]): string =>
    [...list]
      .sort((a, b) => b.length - a.length)
      .map((n) => noBefore(phraseSource(n, false)))
      .join('|')
  const strongNouns = nouns(p.strongNouns.length ? p.strongNouns : ['providers'])
  const weakNouns = nouns(p.weakNouns.length ? p.weakNouns : ['services'])
  // "third-party payment processors": the `third-parties` cue may open any category's phrase.
  const thirdParty = rules.policy.cues.find((c) => c.cue === 'third-parties')?.phrases ?? []
  const prefix = thirdParty.length ? `(?:(?:${alternation(thirdParty, '').source})\\s+)?` : ''
  const out: RecipientCategoryPattern[] = []
  for (const c of p.categories) {
    if (!rules.vendorCategories.has(c.category)) continue
    const words = [...c.words]
      .sort((a, b) => b.length - a.length)
      .map((x) => noAfter(phraseSource(x, false)))
      .join('|')
    // "hosting and cloud service providers", "analytics or payment providers": one conjunct may sit between.
    // A list may sit between ("hosting, marketing, analytics or support services").
    const conj = `(?:\\s*(?:,|and|or|&|/)\\s*(?:and\\s+|or\\s+)?[${WORD}-]+(?:\\s+[${WORD}-]+)??){0,4}?`
    const head = `${prefix}(?:${words || '(?!)'})${conj}\\s+(?:service\\s+)?`
    const agents = c.agents.map((x) => phraseSource(x))
    out.push({
      key: c.category,
      strong: new RegExp([`${head}(?:${strongNouns})`, ...agents].join('|'), 'yi'),
      weak: new RegExp(`${head}(?:${weakNouns})`, 'yi'),
      bare: c.bare.length ? new RegExp(c.bare.map((b) => phraseSource(b)).join('|'), 'yi') : undefined,
      words: new RegExp(words ? `(?:${words})(?![${WORD}])` : '(?!)', 'yi'),
      firstWords: [...new Set([...thirdParty, ...c.words, ...c.bare, ...c.agents].map(firstWord))],
    })
  }
  return out
}
