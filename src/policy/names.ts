import { registrableDomain } from '../util/domain.js'
import { alternation, WORD, type Lexicon } from './lexicon.js'
import { findDataPhrases, findRecipientCategories, findRecipientNames } from './match.js'
import type { TableColumnRole } from '../rules/policy-rules.js'
import { negatedAt, type SectionTopic, type Sentence } from './segments.js'
import type { PolicyText } from './text.js'

/**
 * Names of recipients that have no rule: read from where a careful reader finds them — an enumeration of
 * recipients ("third parties such as Twitter, Discord and Reddit"), a legal form ("netcup GmbH"), "provided by X" /
 * "Service provider: X", and the name column of a table of recipients. The policy's own company is never one.
 */

/** A name found in the text, with where it stands (offsets in `PolicyText.joined`). */
export interface FoundName {
  name: string
  start: number
  sentence: Sentence
}

/** A capitalised name of one to four words ("The Giving Block", "Fireworks AI", "xAI"). */
// A joining word ("Bank of America", "Procter & Gamble") only between two capitalised words: "offered by Acme and our
// partners" names Acme, not "Acme and".
const NAME = `(?:[A-Z0-9][${WORD}&'.+-]*|[a-z]+[A-Z][${WORD}&'.+-]*)(?:\\s+(?:(?:of|&|and|de)\\s+)?[A-Z0-9][${WORD}&'.+-]*){0,3}`

/** The words around a name that introduce it, from rules/policy/cues.yaml (per lexicon). */
interface NamePatterns {
  /** `introduced-by`: "hosted by X", "powered by the X". */
  byName: RegExp
  /** `introduced-by` `after`: a word after the name that makes it a place ("hosted on Acme servers"). */
  byNamePlace: RegExp
  /** `provider-label`: "Service provider: X". */
  providerLabel: RegExp
  /** `host-place`: "in X data centres". */
  hostPlace: RegExp
  /** `our-partner`: "our delivery partner X". */
  ourPartner: RegExp
  /** `we-use` cue: "We use" before "Tenderly to simulate transactions" (the name is read by `USED_NAME`). */
  weUse: RegExp
  /** `shared-with` cue: "share your data with", "stored by" before what receives the data. */
  sharedWith: RegExp
  /** `controller-intro`: "welcome to X", "the controller is X". */
  controllerIntro: RegExp
  /** `title-words`: the words of a policy's title around the company's name. */
  titleWords: RegExp
  /** `address-words`: the last word of a street address ("Barrow Street"), not a company. */
  addressEnd: RegExp
  /** A street address just before a name ("510 Townsend Street, San Francisco"): the name is its town. */
  addressBefore: RegExp
  /** `self-alias`: a quoted word the policy defines for itself (`Acme Ltd. ("we")`, `("Developer")`). */
  selfAlias: RegExp
  /** `defined-as`: a sentence that opens by saying what a named company is ("AdMob is Google's advertising platform"). */
  definedAs: RegExp
}

const patternCache = new WeakMap<Lexicon, NamePatterns>()

/** Every word for a provider of a service ("provider", "platform", "SDK"), for `defined-as`. */
function providerNouns(lexicon: Lexicon): string {
  const r = lexicon.rules.policy.recipients
  const nouns = [...r.strongNouns, ...r.weakNouns]
  return nouns.length ? alternation(nouns, '', false, true).source : '(?!)'
}

function namePatterns(lexicon: Lexicon): NamePatterns {
  const hit = patternCache.get(lexicon)
  if (hit) return hit
  const cue = (id: string, flags: string): string => {
    const c = lexicon.rules.policy.cues.find((x) => x.cue === id)
    return c?.phrases.length ? alternation(c.phrases, flags).source : '(?!)'
  }
  const before = (id: string, flags: string): string => {
    const c = lexicon.rules.policy.cues.find((x) => x.cue === id)
    return c?.before.length ? alternation(c.before, flags).source : '(?!)'
  }
  const after = (id: string, flags: string): string => {
    const c = lexicon.rules.policy.cues.find((x) => x.cue === id)
    return c?.after.length ? alternation(c.after, flags).source : '(?!)'
  }
  const patterns: NamePatterns = {
    byName: new RegExp(`(?:${cue('introduced-by', '')})\\s+(?:the\\s+)?(${NAME})`, 'g'),
    byNamePlace: new RegExp(`^\\s+(?:${after('introduced-by', 'i')})(?![${WORD}])`, 'i'),
    providerLabel: new RegExp(`(?:${cue('provider-label', 'i')})\\s*:\\s*(${NAME})`, 'gi'),
    hostPlace: new RegExp(
      `\\b(?:in|at)\\s+(?:the\\s+)?(${NAME})\\s+(?:${cue('host-place', 'i')})(?![${WORD}])`,
      'g',
    ),
    ourPartner: new RegExp(
      `(?:${before('our-partner', 'i')})\\s+(?:[a-z-]+\\s+){0,2}(?:${cue('our-partner', '')})\\s+(?:is\\s+(?=${NAME}\\s*(?:[,.;)]|$)))?(${NAME})`,
      'g',
    ),
    weUse: new RegExp(`(?:${cue('we-use', 'i')})\\s+`, 'gi'),
    sharedWith: new RegExp(`(?:${cue('shared-with', 'i')})\\s+`, 'gi'),
    controllerIntro: new RegExp(`(?:${cue('controller-intro', 'i')})\\s+(${NAME})`, 'gi'),
    titleWords: new RegExp(cue('title-words', 'i'), 'gi'),
    addressEnd: new RegExp(`(?:${cue('address-words', '')})$`),
    addressBefore: new RegExp(`\\b(?:${cue('address-words', '')})\\.?,\\s*$`),
    definedAs: new RegExp(
      `^\\s*(${NAME})\\s+(?:${cue('defined-as', '')})\\s+(?:[A-Z][${WORD}]*['’]s\\s+)?(?:[${WORD}-]+\\s+){0,5}?(?:${providerNouns(lexicon)})(?![${WORD}])`,
    ),
    selfAlias: new RegExp(`["'“”‘’]\\s*(?:the\\s+)?(?:${cue('self-alias', 'i')})`, 'i'),
  }
  patternCache.set(lexicon, patterns)
  return patterns
}

/**
 * An item of a list of receivers that is a capitalised name ("and the Disclosure and Barring Service", "our processor,
 * CGI"): group 1 is what stands before the name, group 2 the name, which ends the item.
 */
const SHARED_ITEM = new RegExp(
  `((?:^|,\\s*|\\s(?:and|or)\\s+)(?:the\\s+)?(?:our\\s+(?:[a-z-]+\\s+){0,2}?(?:processors?|partners?|providers?|suppliers?),?\\s+)?)(${NAME})(?=\\s*(?:,|$|\\s(?:and|or|to|for)\\s))`,
  'g',
)

const WITH_LEGAL_FORM = new RegExp(`(?<![${WORD}.])(${NAME})(?=,?\\s+[A-Z][${WORD}./]*\\.?)`, 'g')

const LIST_OF_NAMES = new RegExp(
  `(?:${NAME})(?:\\s*(?:,\\s*(?:and\\s+|or\\s+)?|\\s+and\\s+|\\s+or\\s+)(?:${NAME})){2,}`,
  'g',
)

/** Sections about what happens to data: the opening of a policy ends at the first of them. */
const DATA_TOPICS: readonly SectionTopic[] = ['collect', 'share', 'cookies', 'retention', 'transfers']

/** The names the policy uses for its own company ("GitHub, Inc. … (“GitHub”, “we”)", the title "Zulip Privacy Policy"). */
export function controllerNames(text: PolicyText, all: readonly Sentence[], lexicon: Lexicon): Set<string> {
  const names = new Set<string>()
  const add = (n: string): void => {
    const k = nameKey(n, lexicon)
    if (k) names.add(k)
  }
  const early = all.slice(0, 40)
  for (const s of all) {
    if (!early.includes(s) && !s.topics.has('contact') && !/\bcontroller\b/i.test(s.heading?.text ?? ''))
      continue
    // `X ("X", "we", "us")` and `X (the "Company", "we")`; `X (US), Inc. and its affiliates (hereinafter referred to as
    // "X", "we")`: the quoted names of such a parenthesis, whatever stands before it.
    for (const m of s.text.matchAll(/\(([^()]{0,200})\)/g)) {
      const inside = m[1]!
      if (!namePatterns(lexicon).selfAlias.test(inside)) continue
      const named = new RegExp(`(${NAME})(?:,?\\s+[A-Z][${WORD}.]*\\.?)?\\s*$`).exec(
        s.text.slice(Math.max(0, m.index! - 120), m.index),
      )
      if (named) {
        add(named[1]!)
        // "Company (referred to as "the Company", "We" …) refers to Acme AB": the defined term, then the name.
        const after = s.text.slice(m.index! + m[0].length, m.index! + m[0].length + 120)
        const refers = new RegExp(`^[\\s*_]*(?:${lexicon.cue('refers-to').source})\\s+(${NAME})`).exec(after)
        if (refers) add(refers[1]!)
      }
      for (const q of inside.matchAll(/["“]([^"”]{2,40})["”]/g))
        if (!/^(?:we|us|our|you|your)\b/i.test(q[1]!)) add(q[1]!)
    }
    // `"we," "us" and "our" refer to TutorPlus`, `"we", "us" and "our" refers to Core Contributors GmbH`.
    for (const m of s.text.matchAll(
      new RegExp(
        `["“](?:[Ww]e|[Uu]s|[Oo]ur)[,.]?["”][^.;]{0,60}?\\s(?:${lexicon.cue('refers-to').source})\\s+(?:the\\s+)?(${NAME})`,
        'g',
      ),
    ))
      add(m[1]!)
    // "across our website, https://app.safe.global": the site's name ("safe") is the policy's own.
    for (const m of s.text.matchAll(
      new RegExp(
        `(?:${lexicon.cue('own-site').source})\\s*,?\\s*(?:at\\s+)?[[(<]?(?:https?://)?((?:[a-z0-9-]+\\.)+[a-z]{2,24})\\b`,
        'gi',
      ),
    )) {
      const site = registrableDomain(m[1]!)
      if (site) add(site.split('.')[0]!)
    }
    // "is a service provided by X", "welcome to X", "the controller is X".
    for (const m of s.text.matchAll(namePatterns(lexicon).controllerIntro))
      if (/^[A-Z0-9]/.test(m[1]!) && early.includes(s)) add(m[1]!)
  }
  // "GOV.UK Notify is a service that lets …" opening the policy, before its sections about data: its own service.
  for (const s of all.slice(0, 8)) {
    if (DATA_TOPICS.some((t) => s.topics.has(t))) break
    const defined = namePatterns(lexicon).definedAs.exec(s.text)
    if (defined) add(defined[1]!)
  }
  // The title: "GitHub Privacy Statement", "Privacy Policy | Outlet Table".
  const titles = [text.title ?? '', all.find((s) => s.isHeading)?.text ?? '']
  const titleWords = namePatterns(lexicon).titleWords
  const title = titles.filter((t) => new RegExp(titleWords.source, 'i').test(t) && t.length < 120).join(' | ')
  const rest = title.replace(titleWords, ' ')
  for (const m of rest.matchAll(new RegExp(NAME, 'g'))) if (m[0].length > 2) add(m[0])
  return names
}

/** How a found name is shown: without a trailing legal form ("Oracle America, Inc." → "Oracle America"). */
export function displayName(name: string, lexicon: Lexicon): string {
  // "Arvato  Infoscore": a text's doubled space is not part of the name.
  let n = name.trim().replace(/\s+/g, ' ')
  for (let i = 0; i < 2; i++) n = n.replace(new RegExp(`${lexicon.legalForm.source.slice(1)}$`), '').trim()
  return n.replace(/[,\s]+$/, '')
}

/** A name reduced for comparison: lower case, legal form and punctuation removed; undefined for non-names. */
export function nameKey(name: string, lexicon: Lexicon): string | undefined {
  let n = name.replace(/\s*\([^)]*\)/g, ' ').trim()
  for (let i = 0; i < 2; i++) n = n.replace(new RegExp(`${lexicon.legalForm.source.slice(1)}$`), '').trim()
  n = n.replace(/[,.]+$/, '').trim()
  if (n.length < 2 || lexicon.notNames.has(n.toLowerCase())) return undefined
  return n
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Whether a name is the policy's own company (its first word is one of the controller's). A company the rules know by
 * its full name (`known`) is the controller only when its name is the controller's or begins it: "GOV.UK Pay" in a
 * notice titled "… - GOV.UK" is another service of the same brand, "Hetzner" in Hetzner Online's policy is its own.
 */
export function isController(
  name: string,
  controller: Set<string>,
  lexicon: Lexicon,
  known = false,
): boolean {
  const k = nameKey(name, lexicon)
  if (!k) return false
  const first = k.split(' ')[0]!
  for (const c of controller)
    if (c === k || (known ? c.startsWith(`${k} `) : c.split(' ')[0] === first)) return true
  return false
}

/** A name followed by what it is used for ("Tenderly to simulate", "Nimbus Mail, a mail service"). */
const USED_NAME = new RegExp(`(${NAME})(?=\\s*(?:,|\\(|\\bto\\b|\\bfor\\b|\\bas\\b|\\bin order\\b))`, 'y')

/** Whether a capitalised phrase is a plausible company name (not a data phrase, a category, a place or a common word). */
function plausibleName(lexicon: Lexicon, name: string, s: Sentence): boolean {
  const n = name.trim()
  if (n.length < 2 || n.length > 60) return false
  if (lexicon.notNames.has(n.toLowerCase()) || lexicon.software.has(n.toLowerCase())) return false
  if (!/[A-Z]/.test(n) || lexicon.legalForm.test(` ${n}`)) return false
  // "Gordon House", "Barrow Street": an address, not a company.
  if (namePatterns(lexicon).addressEnd.test(n)) return false
  if (
    /^(?:The|A|An|Our|Your|This|These|Those|Any|All|Other|Such|Some|If|When|Where|For|In|On|To|By|With|From|And|Or)\b/.test(
      n,
    ) &&
    n.split(/\s+/).length === 1
  )
    return false
  // `search` leaves the global regexes' lastIndex alone, which later `matchAll` calls would start from.
  if (lexicon.places.some((p) => n.search(p.re) !== -1 || n.search(p.abbr) !== -1)) return false
  const probe: Sentence = { ...s, text: n, start: 0, end: n.length }
  if (findDataPhrases(lexicon, probe).length) return false
  if (findRecipientCategories(lexicon, probe, { sharingContext: true }).length) return false
  return true
}

/**
 * A name that is only words for a kind of service ("Hosting", "E-mail Sending", "A CDN", "Content-Delivery-Network"):
 * the run-in label or subject of a description of that service, not a company.
 */
export function onlyKindOfService(lexicon: Lexicon, s: Sentence, name: string): boolean {
  const n = name.replace(/^(?:an?|the)\s+/i, '').trim()
  const probe: Sentence = { ...s, text: n, start: 0, end: n.length }
  const kinds = findRecipientCategories(lexicon, probe, { sharingContext: true, wordsAlone: true })
  if (kinds.length === 0) return false
  let rest = n
  for (const k of kinds) rest = rest.slice(0, k.start) + ' '.repeat(k.end - k.start) + rest.slice(k.end)
  return /^[\s\p{P}]*$/u.test(rest.replace(/\b(?:and|or|sending|services?|providers?)\b/gi, ''))
}

/** Items of an enumeration: "Twitter, Discord and Reddit" → three items, with their offsets. */
function items(text: string, offset: number): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = []
  const re = /\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&|\/)\s*/g
  let start = 0
  for (const m of text.matchAll(re)) {
    out.push({ text: text.slice(start, m.index), at: offset + start })
    start = m.index! + m[0].length
  }
  out.push({ text: text.slice(start), at: offset + start })
  return out.map((i) => ({ text: i.text.trim(), at: i.at + (i.text.length - i.text.trimStart().length) }))
}

/** Names of recipients without a rule in a sentence (in a context about recipients). */
export function findUnknownNames(lexicon: Lexicon, s: Sentence, sharing: boolean): FoundName[] {
  const out: FoundName[] = []
  const text = s.text
  // A sentence in capitals ("THE BLOCKCHAIN IS AVAILABLE TO THE PUBLIC") shouts; its capitals are no names.
  if (shouting(text)) return out
  const covered = new Set<number>()
  for (const n of findRecipientNames(lexicon, s, { software: true }))
    for (let i = n.start - s.start; i < n.end - s.start; i++) covered.add(i)
  const { addressBefore } = namePatterns(lexicon)
  const push = (name: string, at: number): void => {
    const trimmed = name.replace(/[\s,.;:]+$/, '')
    // Street addresses and postcodes are not names; neither is "a … Corporation" (a kind of company).
    if (/\d/.test(trimmed) || /\b(?:an?|from)\s+(?:\S+\s+){0,3}$/i.test(text.slice(Math.max(0, at - 40), at)))
      return
    // "…, 510 Townsend Street, San Francisco, CA 94103": a town after a street or before a state and ZIP code, and
    // the state itself ("Menlo Park, CA, 94025").
    const after = text.slice(at + trimmed.length, at + trimmed.length + 20)
    if (
      addressBefore.test(text.slice(Math.max(0, at - 60), at)) ||
      /^,\s*[A-Z]{2},?\s+\d{5}\b/.test(after) ||
      (/^[A-Z]{2}$/.test(trimmed) && /^,?\s+\d{5}\b/.test(after))
    )
      return
    if (covered.has(at) || !plausibleName(lexicon, trimmed, s)) return
    if (out.some((o) => o.name === trimmed)) return
    out.push({ name: trimmed, start: s.start + at, sentence: s })
  }
  const { byName, byNamePlace, providerLabel, hostPlace, ourPartner, definedAs } = namePatterns(lexicon)
  for (const re of [byName, providerLabel, hostPlace, ourPartner])
    for (const m of text.matchAll(re)) {
      const end = m.index! + m[0].length
      if (re === byName && byNamePlace.test(text.slice(end, end + 30))) continue
      push(m[1]!, end - m[1]!.length)
    }
  // "will then share your data with your referees … and the Disclosure and Barring Service to obtain …", "shared with
  // our processor, CGI", "your messages may be stored by Helpmonks, our ticketing software": a capitalised item of what
  // a sharing verb gives the data to is a recipient, up to the clause's end ("third parties" is none).
  for (const m of text.matchAll(namePatterns(lexicon).sharedWith)) {
    if (negatedAt(lexicon, text, m.index!, m[0].length)) continue
    const from = m.index! + m[0].length
    const rest = text.slice(from, from + 240)
    const end = rest.search(
      /[;:()[\]]|\.\s|\.$|\s(?:in order|if|who|whom|which|that|so|when|where|as|because|unless)\s/,
    )
    const list = end === -1 ? rest : rest.slice(0, end)
    for (const item of list.matchAll(SHARED_ITEM)) push(item[2]!, from + item.index! + item[1]!.length)
  }
  // "AdMob is Google's mobile advertising platform": a company defined as a service, where the text is about
  // recipients or in a section named after it ("## AdMob").
  const heading = (s.heading?.text ?? '').replace(/^[\d.\s]+/, '')
  // "We use Infura and Nodereal to query blockchain data": named services, where the text is about recipients, under
  // a heading about them ("Node providers") or in a section named after one of them.
  for (const cueMatch of text.matchAll(namePatterns(lexicon).weUse)) {
    USED_NAME.lastIndex = cueMatch.index! + cueMatch[0].length
    const m = USED_NAME.exec(text)
    if (!m) continue
    let at = m.index
    for (const part of m[1]!.split(/(\s+(?:and|&)\s+)/)) {
      if (
        !/^\s/.test(part) &&
        (sharing ||
          lexicon.recipientWord.test(heading) ||
          nameKey(heading, lexicon) === nameKey(part, lexicon))
      )
        push(part, at)
      at += part.length
    }
  }
  // "Link to privacy policy of third party service providers used by the app" over "* [Unity](…)": an item that is
  // only a name, in a list introduced by a word for recipients, names one.
  const listIntro = s.intro ?? s.heading?.text ?? ''
  // Not a list of data ("the following data are processed: … – VAT ID").
  if (
    s.bullet &&
    s.unit.trim() === text.trim() &&
    lexicon.recipientWord.test(listIntro) &&
    !lexicon.cue('collection').test(listIntro) &&
    // "You can learn more about cookies on these third-party websites:": places to read, not recipients.
    !lexicon.cue('reading-list').test(listIntro)
  ) {
    const only = new RegExp(`^(\\s*(?:[-*•+]\\s+)?)(${NAME})\\s*$`).exec(text)
    // A kind of service ("* Hosting") is no name; a name with a kind's word in it ("Acme Cloud") is.
    const kind = (n: string): boolean =>
      findRecipientCategories(
        lexicon,
        { ...s, text: n, start: 0, end: n.length },
        { sharingContext: true, wordsAlone: true },
      ).some((c) => c.start === 0 && c.end >= n.trim().length)
    if (only && !kind(only[2]!)) push(only[2]!, only[1]!.length)
  }
  // "We may use other organisations to do this on our behalf. These include: – Worldpay – for card payments": an item
  // that is names, a spaced dash and what they do, in a list introduced as recipients, names them ("and" joins two).
  if (
    s.bullet &&
    s.unit.trim() === text.trim() &&
    (lexicon.recipientWord.test(listIntro) || lexicon.cue('sharing').test(listIntro)) &&
    !lexicon.cue('reading-list').test(listIntro)
  ) {
    // "* Ko-Fi - Payment facilitator": a dash and a short kind of provider say what it is, as "for …" says what it does.
    const role = new RegExp(`^(\\s*(?:[-*•+]\\s+)?)(${NAME})\\s+[-–—]\\s+(\\S.*)$`).exec(text)
    const what = role ? role[3]!.trim().replace(/[.;]$/, '') : ''
    if (
      role &&
      (/^(?:for|to)\s+\S/.test(what) || (what.split(/\s+/).length <= 4 && lexicon.strongNounEnd.test(what)))
    )
      for (const p of items(role[2]!, role[1]!.length))
        if (!onlyKindOfService(lexicon, s, p.text)) push(p.text, p.at)
  }
  const defined = definedAs.exec(text)
  if (defined && (sharing || nameKey(heading, lexicon) === nameKey(defined[1]!, lexicon)))
    push(defined[1]!, defined.index + defined[0].indexOf(defined[1]!))
  for (const m of text.matchAll(WITH_LEGAL_FORM)) {
    const after = text.slice(m.index! + m[1]!.length, m.index! + m[1]!.length + 40)
    // "Billbee GmbH, Paulinenstrasse 54": the name took its legal form in, and its address follows.
    const withForm = lexicon.legalForm.test(` ${m[1]!.split(/\s+/).pop()}`) && /\s/.test(m[1]!)
    if ((lexicon.legalForm.test(after) || withForm) && (sharing || /\bservice provider\b/i.test(text)))
      push(m[1]!, m.index!)
  }
  if (sharing) {
    const enumeration = new RegExp(lexicon.cue('enumeration').source, 'gi')
    for (const m of text.matchAll(enumeration)) {
      // "from services like Google": sources of data, not recipients.
      if (/\bfrom\b[^.;]{0,40}$/i.test(text.slice(Math.max(0, m.index! - 40), m.index))) continue
      // The examples must be of recipients ("partners such as", "we share it with, e.g."), not of anything else
      // ("a joint effort of brands like Visa, MasterCard").
      const head = /[^.;:()]*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index))![0]
      if (!lexicon.recipientWord.test(head) && !lexicon.cue('sharing').test(head)) continue
      const from = m.index! + m[0].length
      const rest = text.slice(from, from + 240)
      const end = rest.search(/[;)]|\.\s|\.$|:/)
      const list = (end === -1 ? rest : rest.slice(0, end)).replace(/^[\s,:]+/, '')
      const offset = from + rest.indexOf(list)
      const parts = items(list, offset)
      // A list of names: most items capitalised; a list of kinds of things ("IT management, payment processing") is not.
      const capitalised = parts.filter((p) => /^[A-Z0-9]|^[a-z]+[A-Z]/.test(p.text))
      if (capitalised.length === 0 || capitalised.length < parts.length / 2) continue
      // "such as umbrella companies, RPO or PSL providers": an item that ends in a word for providers makes the list
      // one of kinds of provider, its capitals abbreviations of those kinds.
      if (parts.some((p) => /\s/.test(p.text.trim()) && lexicon.strongNounEnd.test(p.text.trim()))) continue
      for (const p of capitalised) {
        const name = new RegExp(`^${NAME}`).exec(p.text)?.[0]
        if (name) push(name, p.at)
      }
    }
  }
  // A list of names with one known recipient ("DonorBox, Stripe, Shopify and PayPal"): the others are recipients too.
  const known = findRecipientNames(lexicon, s)
  if (known.length)
    for (const run of text.matchAll(LIST_OF_NAMES)) {
      // Not an address after a company ("LinkedIn Ireland, Wilton Place, Dublin 2"), nor a list of sources ("from …").
      const before = text.slice(Math.max(0, run.index! - 60), run.index)
      if (/[.,]\s*$/.test(before) && lexicon.legalForm.test(before.replace(/^.*?(\s\S+[.,]?\s*)$/, '$1')))
        continue
      if (/\bfrom\b[^.;]*$/i.test(before)) continue
      const parts = items(run[0], run.index!)
      const named = parts.filter((p) => known.some((k) => k.start - s.start === p.at))
      if (named.length === 0 || parts.length < 3) continue
      // "Google Forms, Sheets and Docs": a list that opens with a company's product and goes on in single words
      // names its other products, the company's name left out ("Slack, Microsoft Teams, OpsGenie" does not).
      const elided =
        named.includes(parts[0]!) &&
        companyProduct(lexicon, parts[0]!.text) &&
        parts.slice(1).every((p) => !/\s/.test(p.text))
      for (const p of parts) {
        // After a company's full legal name comes its address.
        if (named.includes(p) && lexicon.legalForm.test(` ${p.text.split(/\s+/).pop()}`)) break
        if (!named.includes(p) && !(elided && !/\s/.test(p.text))) push(p.text, p.at)
      }
    }
  return out
}

/** Whether a name is a company's name and one more word ("Google Forms"): a product of a company that owns several. */
function companyProduct(lexicon: Lexicon, name: string): boolean {
  const words = name.trim().split(/\s+/)
  if (words.length !== 2) return false
  const company = words[0]!.toLowerCase()
  return lexicon.names.some((n) => n.known && n.vendors.length > 1 && n.phrase.toLowerCase() === company)
}

/** Most of a sentence's letters are capitals: a disclaimer in upper case, where capitals mark no names. */
function shouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '')
  const upper = letters.replace(/[^\p{Lu}]/gu, '')
  return letters.length >= 20 && upper.length > letters.length * 0.8
}

/** The role each column of a table plays, from its header. */
export interface TableColumns {
  name?: number
  provider?: number
  purpose?: number
  duration?: number
  location?: number
  category?: number
  /** A column of kinds of recipients ("Categories of Third Parties"): the row's only words about recipients. */
  recipientKinds?: number
  /** The table lists cookies. */
  cookies: boolean
  /** The table lists recipients (subprocessors, providers, partners). */
  recipients: boolean
}

function hasRole(lexicon: Lexicon, r: TableColumnRole, cell: string): boolean {
  return lexicon.columns.some((c) => c.role === r && (c.words.test(cell) || c.starts.test(cell)))
}

/**
 * A row of short cells that each name a column's role ("name | provider | type | expiry | category"): the header of
 * a table whose markup has none (an HTML table without `<th>`).
 */
export function isHeaderRow(lexicon: Lexicon, cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim())
  return (
    filled.length >= 2 &&
    filled.every(
      (c) =>
        c.split(/\s+/).length <= 4 && lexicon.columns.some((col) => col.words.test(c) || col.starts.test(c)),
    )
  )
}

/** Reads a table's header (and caption): which column names cookies, providers, purposes, durations and locations. */
export function tableColumns(lexicon: Lexicon, header: readonly string[], caption?: string): TableColumns {
  const cols: TableColumns = { cookies: false, recipients: false }
  const role = (r: TableColumnRole, cell: string): boolean => hasRole(lexicon, r, cell)
  header.forEach((h, i) => {
    // The first role that fits, in this order: a provider column ("Cookie provider") before a name column.
    // "Categories of Third Parties": a column of kinds of recipients, not of their names.
    if (role('provider', h) && role('category', h)) cols.recipientKinds ??= i
    else if (role('provider', h) && cols.provider === undefined) cols.provider = i
    else if (role('name', h) && cols.name === undefined) cols.name = i
    else if (role('duration', h)) cols.duration = i
    else if (role('location', h) && cols.location === undefined) cols.location = i
    else if (role('purpose', h) && cols.purpose === undefined) cols.purpose = i
    else if (role('category', h) && cols.category === undefined) cols.category = i
  })
  // A name, a lifetime and what the cookie is for (its purpose or its category: "Statistics") make a cookie table.
  cols.cookies =
    header.some((h) => role('cookies', h)) ||
    (caption !== undefined && role('cookies', caption)) ||
    (cols.name !== undefined &&
      cols.duration !== undefined &&
      (cols.purpose !== undefined || cols.category !== undefined))
  cols.recipients = cols.provider !== undefined && !cols.cookies
  return cols
}
