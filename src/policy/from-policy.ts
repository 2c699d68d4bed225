import { relative, isAbsolute } from 'node:path'
import type { CookiePurpose } from '../model/types.js'
import { COOKIE_PURPOSES } from '../model/types.js'
import { yamlScalar } from '../compare/suggest.js'
import { SCHEMA_URL } from '../manifest/generate.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { VendorRule } from '../rules/schema.js'
import { escapeControl } from '../util/text.js'
import { categoryWording, recipientNoun } from './phrases.js'
import {
  alternation,
  lexiconFor,
  type DataPhrase,
  type Lexicon,
  type RecipientName,
  perLexicon,
} from './lexicon.js'
import { registrableDomain } from '../util/domain.js'
import {
  cookieFrameSpans,
  findCookiePurposes,
  findDataPhrases,
  findRecipientCategories,
  findRecipientNames,
  type Match,
} from './match.js'
import {
  controllerNames,
  displayName,
  findUnknownNames,
  isController,
  isHeaderRow,
  type FoundName,
  nameKey,
  onlyKindOfService,
  tableColumns,
  type TableColumns,
} from './names.js'
import { negatedAt, sentences, topicsOf, type Sentence } from './segments.js'
import { lineOf, type PolicyTable, type PolicyText } from './text.js'
import { findSafeguards, findTransferPlaces } from './transfers.js'

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
  /** The text names this category of recipients itself (not only companies filed under it). */
  categoryNamed?: boolean
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
/** The sentence is skipped for data only because its section is about security. */
const onlySecurity = (s: Sentence): boolean =>
  s.topics.has('security') &&
  !has(
    s,
    SKIP_FOR_DATA.filter((t) => t !== 'security'),
  )
/** The heading of the sentence's section (not a run-in label) is about cookies. */
const underCookieHeading = (s: Sentence): boolean =>
  s.heading?.topics.has('cookies') === true || s.major?.topics.has('cookies') === true
const SKIP_FOR_RECIPIENTS = ['definitions', 'rights', 'contact', 'children'] as const
const SKIP_FOR_RECIPIENTS_BUT_RIGHTS = SKIP_FOR_RECIPIENTS.filter((t) => t !== 'rights')
const has = (s: Sentence, topics: readonly string[]): boolean => topics.some((t) => s.topics.has(t))

/** Where the clause after a "received through platforms" phrase ends: a semicolon, or ", and" opening another. */
const NEXT_CLAUSE = /;|,\s+and\s/

/** An item's text that opens by naming where something is hosted ("Hosted on Replit"). */
const hostFirst = perLexicon(
  (lexicon) => new RegExp(`^[\\s*:–—-]*(?:${lexicon.cue('introduced-by').source})\\s`, 'i'),
)

/** How far around a phrase the list and ownership checks look. */
const WINDOW = 200

/** Reads a policy text and lists what it declares: data, recipients, cookie purposes, retention and transfers. */
export function readPolicy(text: PolicyText, rules: RuleSet): Draft {
  const lexicon = lexiconFor(rules)
  text = withoutInstructions(withHeaders(text, lexicon), rules)
  const noteFrom = authorNoteLine(text, rules)
  const all = sentences(text, lexicon).filter((s) => s.line < noteFrom)
  const controller = controllerNames(text, all, lexicon)
  const data = new Map<string, DraftData>()
  const cookies = new Map<CookiePurpose, DraftCookie>()
  const recipients = new Map<string, DraftRecipient>()
  const unplaced: Draft['unplaced'] = []
  const countries = new Map<string, { code: string; source: Source }>()
  const safeguards = new Map<string, { key: string; source: Source }>()
  let cookiesWithoutPurpose: Source | undefined
  const columns = new Map<PolicyTable, TableColumns>()
  // "The following is a list of our sub-processors:" over "Name | Address | Purpose": the intro says the names are
  // the companies receiving data, so the name column is read as a provider column (a table of recipients).
  const columnsOf = (t: PolicyTable, intro?: string): TableColumns => {
    let c = columns.get(t)
    if (!c) {
      c = tableColumns(lexicon, t.header, t.caption)
      if (
        c.provider === undefined &&
        !c.cookies &&
        c.name !== undefined &&
        intro !== undefined &&
        lexicon.cue('provider-table').test(intro)
      )
        c = { ...c, provider: c.name, name: undefined, recipients: true }
      columns.set(t, c)
    }
    return c
  }

  /**
   * "information from services like Google": the words before a recipient (at `start`) get data from it, a source.
   * A closed parenthesis before it is an aside ("information about the purchase (order ID, region) from Google"): it is
   * left out of the words read before the recipient.
   */
  const receivedFromBefore = (s: Sentence, start: number): boolean =>
    lexicon.receivedFrom.test(
      s.text
        .slice(0, start - s.start)
        .replace(/\([^().;]{0,80}\)/g, '')
        .slice(-60),
    )

  /**
   * The kinds of recipient named right after a company ("Twitter remarketing service") or just before it ("remarketing
   * service is provided by Twitter"), not negated; a kind later in the sentence ("…, Facebook) when you use your social
   * credentials") says what the sentence is about, not which product of the company it names.
   */
  const kindsAround = (s: Sentence, name: Match): { category: string }[] =>
    findRecipientCategories(lexicon, s, { sharingContext: true }).filter(
      (k) =>
        !k.negated &&
        ((k.start >= name.end && k.start - name.end <= 2) ||
          (k.end <= name.start && name.start - k.end <= 30)),
    )
  /** The one product of a group whose vendor rule provides a kind of service the sentence names, if exactly one does. */
  const productForKind = (
    vendors: readonly string[],
    kinds: readonly { category: string }[],
  ): string | undefined => {
    const fits = vendors.filter((v) =>
      kinds.some((k) => rules.vendors.get(v)?.categories.includes(k.category)),
    )
    return fits.length === 1 ? fits[0] : undefined
  }

  /** Files a named company under the category its rule or the sentence gives it, or as unplaced. */
  const place = (
    label: string,
    knownCategory: string | undefined,
    categories: (Match & { category: string })[],
    m: Match,
    src: Source,
    s: Sentence,
  ): void => {
    // The company's usual category wins; the sentence's category decides for groups such as "Google"; then the
    // label of the list item it is in ("Serving ads: Our partner EthicalAds …").
    const near = categories.filter((c) => Math.abs(c.start - m.start) < 200)
    let category = knownCategory ?? nearest(near, m)?.category
    if (!category && s.label) {
      const fromLabel = findRecipientCategories(
        lexicon,
        { ...s, text: s.label, start: 0 },
        { sharingContext: true, wordsAlone: true },
      )[0]
      if (fromLabel) {
        category = fromLabel.category
        addRecipient(recipients, rules, { category }, src)
      }
    }
    if (sameAsDrafted(label)) return
    if (category) addRecipient(recipients, rules, { category }, src, label)
    else if (!unplaced.some((u) => u.name === label)) unplaced.push({ name: label, source: src })
  }
  /** "Data Dog" for the drafted Datadog, "Amazon Web Service" for Amazon Web Services: one company spelt two ways. */
  const sameAsDrafted = (label: string): boolean => {
    const squash = (n: string): string => n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
    const b = squash(label)
    const seen = [
      ...[...recipients.values()].flatMap((r) => [
        ...r.names.map((n) => n.name),
        ...(r.vendor ? [rules.vendors.get(r.vendor)?.name ?? ''] : []),
      ]),
      ...unplaced.map((u) => u.name),
    ]
    return seen.some((x) => {
      const a = squash(x)
      if (a === b) return x !== label
      return Math.abs(a.length - b.length) <= 1 && b.length >= 6 && (a.startsWith(b) || b.startsWith(a))
    })
  }

  // Groups named where one of their products may be named too ("Google" near "Google Analytics"), decided at the end.
  const cookiePronoun = new RegExp(`^[\\s*_-]*(?:${lexicon.cue('cookie-pronoun').source})`, 'i')
  let cookieUnit: string | undefined
  const selfHosted = lexicon.cue('self-hosted')
  const selfHostedAfter = new RegExp(
    `^\\s+(?:(?:are|is)\\s+)?(?:${lexicon.cue('self-hosted-after').source})`,
    'i',
  )
  const platformBefore = new RegExp(`(?:${lexicon.cue('platform-before').source})\\s+(?:the\\s+)?$`, 'i')
  const providerField = new RegExp(`(?:${lexicon.cue('provider-field').source})[*_]*\\s*:`, 'i')
  // "Fraud prevention and security data": the data noun may close a coordination of the kind with another word.
  const serviceData = new RegExp(
    `^\\s+(?:(?:and|or|&)\\s+[\\p{L}-]+\\s+)?(?:${lexicon.cue('service-data').source})`,
    'iu',
  )
  const signInBefore = new RegExp(
    `(?:${lexicon.cue('sign-in').source})(?:[^.;]|\\b(?:e\\.g|i\\.e)\\.){0,40}$`,
    'i',
  )
  const makers: { vendors: readonly string[]; s: Sentence; place: () => void }[] = []
  // Companies with products of their own named by their name ("Facebook", "Microsoft Corporation"), kept where read.
  const groupMentions: { label: string; vendors: readonly string[]; s: Sentence; cookie: boolean }[] = []
  const standIns: { vendor: string; siblings: readonly string[]; src: Source }[] = []
  const cookieMakers: { vendor: string; src: Source }[] = []
  const vendorPlaces: { vendor: string; s: Sentence }[] = []
  // Vendors named in the sentence before, and in this one (a company's products, for "named as its maker").
  let previousVendors = new Set<string>()
  let currentVendors = new Set<string>()
  // The line of the last heading that names a company.
  let companyHeading = 0
  // The last top-level list item is labelled with a company.
  let companyItem = false
  // Data a sub-heading names, kept until a statement under it collects data.
  let headingData: { category: string; source: Source }[] = []
  const companyLists = listsOfCompanies(lexicon, all)
  // "If you request an invoice, we also collect: – Address – Zip code – City – Country": the items of a list with an
  // item that is a postal address (its street, its postcode) are parts of it, each on its own line.
  const postalParts = new Set([
    'user.contact.address',
    'user.contact.address.street',
    'user.contact.address.postal_code',
  ])
  const postalLists = new Set(
    all
      .filter(
        (s) =>
          s.bullet &&
          s.intro !== undefined &&
          findDataPhrases(lexicon, s).some((m) => m.phrase.categories.some((c) => postalParts.has(c))),
      )
      .map(listKey),
  )
  // "We use the following hoster …" over "netcup GmbH / Daimlerstraße 25 / …": a block that opens with a company's
  // name and legal form, right after an intro naming a kind of provider (cue `name-block`), names that provider; the
  // intro's kind only describes it.
  const nameBlocks = new Map<Sentence, string>()
  const blockIntros = new Set<Sentence>()
  all.forEach((s, i) => {
    const intro = all[i - 1]
    if (!intro || s.bullet || s.isHeading || s.row || intro.isHeading || s.line - intro.line > 3) return
    if (!lexicon.cue('name-block').test(intro.text)) return
    const first = s.text.split('\n')[0]!.trim()
    const name = displayName(first, lexicon)
    if (name === first || !nameKey(name, lexicon)) return
    nameBlocks.set(s, first)
    blockIntros.add(intro)
  })
  // A part of an address named where the same item names no postal address: the category it then names.
  const generalCategories = new Set(rules.policy.data.filter((d) => d.general).map((d) => d.category))
  const outsideAddress = new Map(
    rules.policy.data.flatMap((d) => (d.outside_address ? [[d.category, d.outside_address] as const] : [])),
  )
  // A table's header row names its columns ("Supplier | Function | Geographic Location"): labels, not data collected.
  const headerLines = new Set(text.tables.map((t) => t.headerLine))
  // Kinds of cookie a heading names, kept until the first statement under it (see below).
  let headingCookies: { purpose: CookiePurpose; src: Source }[] = []
  const flushHeadingCookies = (): void => {
    for (const h of headingCookies) addCookie(cookies, h.purpose, h.src)
    headingCookies = []
  }
  // The sign-in product each company of the sentence was read as ("registering via Google" → Google Sign-In).
  let signedIn = new Map<string, string>()
  for (const s of all) {
    previousVendors = currentVendors
    currentVendors = new Set()
    signedIn = new Map()
    const cols = s.row ? columnsOf(s.row.table, s.intro) : undefined
    let collected = false
    const addData = (category: string, src: Source): void => {
      const entry = data.get(category) ?? { category, sources: [], retention: [] }
      entry.sources.push(src)
      data.set(category, entry)
      collected = true
    }
    // Personal data. A sub-heading under a section about collected data names a category too ("Health Data").
    const dataHeading =
      s.isHeading === true &&
      s.heading !== s.major &&
      (s.major?.topics.has('collect') === true || s.heading?.parent?.topics.has('collect') === true)
    // A row that only names columns ("Cookie name | Description", repeated above each group of a long table) is a
    // header too: it names no data.
    const headerRow =
      (!s.row && headerLines.has(s.line)) ||
      (s.row !== undefined && s.row.index > 0 && isHeaderRow(lexicon, s.row.cells))
    // "… from the following sources: data brokers, advertising networks": where the list of sources begins.
    const sourcesFrom = lexicon.cue('sources-list').exec(s.text)
    const sourcesAt = sourcesFrom ? s.start + sourcesFrom.index + sourcesFrom[0].length : Infinity
    // "We may receive information about you from third-party sources, including: – Social media platforms": the items
    // of a list whose intro says we get data from them are where data comes from, not recipients ("Our payment provider
    // obtains credit information from: – …" names whom that provider exchanges data with).
    const sourceItem =
      s.bullet &&
      s.intro !== undefined &&
      (lexicon.cue('sources-list').test(s.intro) ||
        (/\bwe\b/i.test(s.intro) && lexicon.receivedFrom.test(`${s.intro.replace(/[\s:]+$/, '')} `)))
    // "We receive information about you … through third-party platforms, for example by liking us on Facebook": the
    // platforms and companies named from "through" to the end of that clause are where the data comes from, not
    // recipients; a company named before it, or in a clause after it ("…, and share it with Mailchimp"), still is.
    const through = lexicon.receivedThrough.exec(s.text)
    const platformsAt = through ? s.start + (through.indices?.groups?.via?.[0] ?? through.index) : Infinity
    const afterThrough = through ? through.index + through[0].length : 0
    const clauseEnd = through ? NEXT_CLAUSE.exec(s.text.slice(afterThrough)) : null
    const platformsEnd = clauseEnd ? s.start + afterThrough + clauseEnd.index : Infinity
    const fromPlatforms = (at: number): boolean => at >= platformsAt && at < platformsEnd
    // A section about security says how data is protected; a sentence in it that says data is collected declares it.
    // "… personal information we have collected within the last twelve (12) months … are as follows:" over a table:
    // a disclosure of what was collected, even under a heading about the reader's rights.
    const skipData =
      has(s, SKIP_FOR_DATA) &&
      !(onlySecurity(s) && lexicon.cue('security-collection').test(s.text)) &&
      !(
        s.intro !== undefined &&
        !has(s, ['definitions']) &&
        lexicon.cue('collection-disclosure').test(s.intro)
      )
    if (!skipData && !s.question && !headerRow && (s.isHeading ? dataHeading : true)) {
      const context = s.isHeading === true || dataContext(lexicon, s)
      // "cookies … to save your language preferences": what the cookie does, not data collected.
      // "A cookie is … It may help remember login information": the pronoun speaks of the cookie too.
      // "lang | Used to remember a user's language setting": a row of a cookie table speaks of its cookie.
      const aboutCookies =
        lexicon.cue('cookie-statement').test(s.text) ||
        (s.unit === cookieUnit && cookiePronoun.test(s.text)) ||
        cols?.cookies === true
      const cookieWork = aboutCookies ? cookieFrameSpans(lexicon, s) : []
      // "We also use Google Analytics to help us see how visitors use the site": what a tracking tool the sentence names
      // is used for records what such work records by its nature (a frame's `records`), with no verb of collecting.
      const toolWork =
        !aboutCookies &&
        findRecipientNames(lexicon, s).some((n) => n.name.vendors.some((v) => trackingVendor(rules, v)))
          ? cookieFrameSpans(lexicon, s)
          : []
      // The same holds for a cookie's work: "They allow us … to see how visitors move around our website".
      const recorded = (m: Match & { phrase: DataPhrase }): boolean =>
        [...cookieWork, ...toolWork].some(
          (w) =>
            m.start >= w.start && m.start < w.end && m.phrase.categories.every((c) => w.records.includes(c)),
        )
      const found = findDataPhrases(lexicon, s)
      const labelNegated = runInLabelNegated(lexicon, s, found)
      const matches = found.filter(
        (m) =>
          !m.negated &&
          !(labelNegated && m.start < labelNegated) &&
          m.start < sourcesAt &&
          // "__identity-credentials.us-east-1:…" in a cookie table's name column: the cookie's name, not data.
          !(cols?.cookies && cols.name !== undefined && inColumn(s, m, cols.name)) &&
          !ownedByUs(lexicon, s, m) &&
          !notData(lexicon, s, m) &&
          // "Saves your cookie consent settings": inside a frame that records consent (strictly necessary) and one
          // that saves settings (preferences); the frame that records it decides.
          !(
            cookieWork.some((w) => m.start >= w.start && m.start < w.end) &&
            !cookieWork.some(
              (w) =>
                m.start >= w.start &&
                m.start < w.end &&
                m.phrase.categories.every((c) => w.records.includes(c)),
            )
          ),
      )
      // "Location Data: City, country, and approximate location": the specific category the sentence names is what
      // its general word stands for, so the general one is not drafted from it.
      const postal =
        lexicon.cue('postal-address').test(s.text) ||
        (s.bullet && s.intro !== undefined && postalLists.has(listKey(s)))
      const categoriesOf = (m: Match & { phrase: DataPhrase }): string[] =>
        postal ? m.phrase.categories : m.phrase.categories.map((c) => outsideAddress.get(c) ?? c)
      const named = new Set(matches.flatMap(categoriesOf))
      const narrower = (c: string): boolean =>
        generalCategories.has(c) && [...named].some((o) => o.startsWith(`${c}.`))
      for (const m of matches) {
        if (m.phrase.categories.length === 0 || (s.isHeading && m.phrase.weak)) continue
        const implied = impliedUse(lexicon, s, m)
        if (!context && !implied && !recorded(m)) continue
        if (
          (m.phrase.weak || m.phrase.listOnly) &&
          !implied &&
          !slashPaired(s, m, matches) &&
          !listElement(lexicon, s, m, matches.length, cols)
        )
          continue
        for (const category of new Set(categoriesOf(m).filter((c) => !narrower(c))))
          if (s.isHeading) headingData.push({ category, source: source(text, m) })
          else addData(category, source(text, m))
      }
    }
    // "### App Usage Data" over "- We do NOT collect any analytics …": a heading names data only when a statement under
    // it collects some.
    if (s.isHeading) headingData = headingData.filter((h) => h.source.line === s.line)
    else if (headingData.length && s.heading?.line === headingData[0]!.source.line && collected) {
      for (const h of headingData) addData(h.category, h.source)
      headingData = []
    }
    // "### Advertising cookies" over "We don't use advertising cookies.": a heading's kind of cookie counts unless the
    // first statement under it denies that kind.
    if (s.isHeading || (headingCookies.length && s.heading?.line !== headingCookies[0]!.src.line))
      flushHeadingCookies()
    else if (headingCookies.length) {
      const denied = new Set(
        findCookiePurposes(lexicon, s)
          .filter((m) => m.negated)
          .map((m) => m.purpose),
      )
      headingCookies = headingCookies.filter((h) => !denied.has(h.purpose))
      flushHeadingCookies()
    }
    // Cookie purposes: in a cookie section, a statement about cookies, or a cookie table.
    // "We use cookies to … It is statistical data about our visitors": a sentence in the same paragraph as one about
    // cookies that speaks of them by a pronoun is about cookies too.
    const statesCookies = lexicon.cue('cookie-statement').test(s.text)
    if (statesCookies) cookieUnit = s.unit
    // "… by using cookies … Examples of how we use automatically collected information include to: …": what the
    // cookies' information is used for, in the same paragraph, is what they are for.
    const cookieSentence =
      statesCookies ||
      (cols?.cookies ?? false) ||
      (s.unit === cookieUnit && (cookiePronoun.test(s.text) || lexicon.cue('cookie-collected').test(s.text)))
    const cookieHeading = s.isHeading === true && /\bcookies?\b/i.test(s.text)
    if (
      (s.topics.has('cookies') || cookieSentence) &&
      (!s.isHeading || cookieHeading) &&
      !s.question &&
      // "## Tracking Tools and Opt-Out": a section about cookies whose heading also names the reader's choices says
      // what the cookies are for in its list or table of kinds of cookie; its prose is about refusing them.
      !has(s, ['definitions']) &&
      (!s.topics.has('rights') || (underCookieHeading(s) && (s.bullet || s.row !== undefined)))
    ) {
      // "You can control cookies through your browser preferences": how to refuse cookies, not what they are for;
      // only the kinds of cookie it names ("disable analytics cookies") are purposes.
      const control = lexicon.cue('cookie-control').test(s.text)
      // "This allows websites to … remember preferences": what cookies do anywhere, not what this site's are for.
      const general = !s.row && lexicon.cue('cookie-general').test(s.text)
      const purposes = general
        ? []
        : [
            ...findCookiePurposes(lexicon, s).filter(
              (m) => !inCells(s, m, cols, [cols?.provider, cols?.duration]),
            ),
            ...cookieKinds(lexicon, s, cols),
          ].filter((m) => !m.negated && (!control || /cookies?$/i.test(m.text)))
      if (s.isHeading) headingCookies = purposes.map((m) => ({ purpose: m.purpose, src: source(text, m) }))
      else for (const m of purposes) addCookie(cookies, m.purpose, source(text, m))
      // The cookie catalogue speaks for a listed cookie only when its row gives no purpose of its own.
      const nameCell = cols?.cookies && cols.name !== undefined ? s.row!.cells[cols.name] : undefined
      const known = nameCell && purposes.length === 0 ? rules.cookieInfo(nameCell) : undefined
      // "_ga" in a cookie table with no provider column is Google Analytics' tracking cookie whatever domain the row
      // gives: its maker gets the data (decided at the end, see cookieMakers).
      const maker = nameCell && cols?.provider === undefined ? rules.cookieInfo(nameCell)?.vendor : undefined
      if (maker && nameCell && s.text.includes(nameCell) && trackingVendor(rules, maker)) {
        cookieMakers.push({
          vendor: maker,
          src: sourceAt(text, s, s.start + s.text.indexOf(nameCell), nameCell),
        })
        currentVendors.add(maker)
      }
      // A row read as several sentences: the one that holds the name cell quotes it.
      if (known && nameCell && s.text.includes(nameCell))
        addCookie(cookies, known.purpose, sourceAt(text, s, s.start + s.text.indexOf(nameCell), nameCell))
      if (
        purposes.length === 0 &&
        !known &&
        !general &&
        cookieSentence &&
        !cookiesWithoutPurpose &&
        !s.isHeading
      )
        cookiesWithoutPurpose = sourceAt(text, s, s.start, s.text.trim())
    }
    // A nested list item ("  - Purpose: …") keeps the company of the item above it; anything else ends it.
    const nested = s.bullet && NESTED_ITEM.test(s.text)
    if (!nested) companyItem = false
    // Recipients: categories of recipients, named companies, and names without a rule.
    if (
      // "We share … with …" is a statement about recipients wherever it stands (even in a section about rights).
      // "## Tracking Tools and Opt-Out": a section about cookies whose heading also names the reader's choices still
      // names the companies whose cookies the site sets ("Google … uses cookies in connection with Google Analytics").
      (!has(s, SKIP_FOR_RECIPIENTS) ||
        (lexicon.cue('we-share').test(s.text) && !has(s, ['definitions'])) ||
        (underCookieHeading(s) && !has(s, SKIP_FOR_RECIPIENTS_BUT_RIGHTS))) &&
      !s.question
    ) {
      const sharingCue = lexicon.cue('sharing')
      const sharing =
        s.topics.has('share') ||
        sharingCue.test(s.text) ||
        (s.intro !== undefined && sharingCue.test(s.intro)) ||
        (cols?.recipients ?? false)
      const names = findRecipientNames(lexicon, s).filter((x) => !x.negated)
      for (const n of names)
        if (n.name.vendors.length === 1 && !n.name.known) currentVendors.add(n.name.vendors[0]!)
      // A heading names categories of recipients only when it says they are third parties.
      const categories = (
        s.isHeading && !lexicon.cue('third-parties').test(s.text)
          ? []
          : findRecipientCategories(lexicon, s, { sharingContext: sharing, wordsAlone: cols?.recipients })
      ).filter(
        (m) =>
          !m.negated &&
          m.start < sourcesAt &&
          !sourceItem &&
          !fromPlatforms(m.start) &&
          !names.some((n) => n.start <= m.start && n.end > m.start) &&
          !serviceOfNamed(lexicon, s, m, names) &&
          !roleOfLabelCompany(s, m, companyLists) &&
          !dataListItem(lexicon, s, m) &&
          !purposeLabel(s, m) &&
          !definedActivity(lexicon, s, m) &&
          (cols?.recipientKinds === undefined || inColumn(s, m, cols.recipientKinds)) &&
          // "push notification tokens", "support ticket data": the kind of service qualifies data.
          !serviceData.test(s.text.slice(m.end - s.start, m.end - s.start + 30)),
      )
      // In a table of recipients, a row's role and data columns say what the company of its provider cell does
      // ("Hetzner Online GmbH | Cloud infrastructure"): they file that company, they name no category of their own.
      // "- **UpCloud** (European, Finland): database hosting": the labels of a list of companies are its providers.
      // "- **Threads:** Social network; **Service provider**: Meta Platforms …": a provider field says so too.
      const fieldAt = s.label ? s.text.search(providerField) : -1
      // "- **Backend API**: Hosted on Replit": a label whose item opens by naming the host says what is hosted there.
      const hostAfterLabel =
        s.label !== undefined &&
        hostFirst(lexicon).test(s.text.slice(s.text.indexOf(s.label) + s.label.length))
      const providerLabel =
        s.label &&
        !hostAfterLabel &&
        companyLists.has(listKey(s)) &&
        TITLE_WORDS.test(s.label) &&
        ((sharing && cellLike(s)) || fieldAt !== -1)
          ? s.label
          : undefined
      const labelNamed =
        providerLabel !== undefined && nameKey(displayName(providerLabel, lexicon), lexicon) !== undefined
      const blockName = nameBlocks.get(s)
      const providerCell = cols?.recipients
        ? s.row!.cells[cols.provider ?? -1]?.trim()
        : (providerLabel ?? blockName)
      // "### Rollbar" over "**Purpose:** Error monitoring": the labelled facts of a section named after a company
      // say what that company does.
      if (s.isHeading && names.length > 0) companyHeading = s.line
      const aboutHeadingCompany = !s.isHeading && s.label !== undefined && s.heading?.line === companyHeading
      // "- **Stripe** - For payment processing" over "  - Purpose: Secure payment processing": the nested items of
      // an item labelled with a company say what that company does, as the role cell of a table row would.
      if (s.bullet && !nested && s.label !== undefined)
        companyItem = providerLabel !== undefined || names.some((n) => n.text === s.label)
      const aboutItemCompany = nested && companyItem
      if (!providerCell && !aboutHeadingCompany && !aboutItemCompany && !blockIntros.has(s))
        for (const m of categories) addRecipient(recipients, rules, { category: m.category }, source(text, m))
      // A product of the company named in this sentence, or in the sentence just before ("We use reCAPTCHA … Google
      // processes this data on our behalf"): the company is its maker.
      const drafted = (v: string): boolean =>
        names.some((n) => n.name.vendors.length === 1 && !n.name.known && n.name.vendors[0] === v) ||
        previousVendors.has(v) ||
        currentVendors.has(v)
      // A provider given as a domain is read whole below ("linkedin.com" with LinkedIn Insight's cookies).
      const domainCell = cols?.cookies ? s.row!.cells[cols.provider ?? -1]?.trim() : undefined
      const domainAt = domainCell && DOMAIN.test(domainCell) ? s.start + s.text.indexOf(domainCell) : -1
      for (const m of names) {
        if (domainAt >= s.start && m.start >= domainAt && m.start < domainAt + domainCell!.length) continue
        const name = m.name
        const label = name.known?.name ?? m.text
        if (fromPlatforms(m.start) || sourceItem) continue
        if (
          isController(label, controller, lexicon, !!name.known) ||
          isController(m.text, controller, lexicon, !!name.known)
        )
          continue
        // "information from services like Google": a source of data, not a recipient.
        if (receivedFromBefore(s, m.start) || lexicon.receivedFromThose.test(s.text.slice(m.end - s.start)))
          continue
        // "your LinkedIn profile": the reader's own account there, not a recipient.
        if (ownAccount(lexicon, s, m)) continue
        // "If Google Analytics is provided via Google Tag Manager, this cookie gets the name dc_gtm": a cookie's
        // description tells how it works with a product under a condition, not that the site uses that product.
        if (cookieSentence && namedInCondition(s, m)) continue
        // "a self-hosted instance of Plausible": the software's maker, not a recipient.
        // "available on the Google Play Store", "an issue on GitHub": where the app is published or people write.
        const justBefore = s.text.slice(Math.max(0, m.start - s.start - 40), m.start - s.start)
        if (selfHosted.test(justBefore) || platformBefore.test(justBefore)) continue
        // "These Google fonts are locally installed": a copy on the site's own server.
        if (selfHostedAfter.test(s.text.slice(m.end - s.start, m.end - s.start + 60))) continue
        // "the Google Ads Settings page", "Shopify's Terms of Service": a reference to the company's pages, not a use.
        if (lexicon.referenceAfter.test(s.text.slice(m.end - s.start, m.end - s.start + 40))) continue
        // "- **Instagram:** …; **Service provider**: Meta Platforms Ireland Limited": the company behind the label. A
        // label too short to be read as a name ("X") leaves the field's company ("Twitter International Company").
        if (labelNamed && fieldAt !== -1 && m.start - s.start > fieldAt) continue
        if (makerInParentheses(lexicon, s, { name: m.text, start: m.start })) continue
        const src = source(text, m)
        // "Authentication services (Apple, Google)", "When registering via Google": a company named as what people
        // sign in with is its sign-in product, and so is the same company named again in the sentence ("… your data
        // will be forwarded to Google Ireland Limited").
        const signIn =
          name.known &&
          (signedIn.get(label) ??
            (signInBefore.test(s.text.slice(Math.max(0, m.start - s.start - 80), m.start - s.start))
              ? signInProduct(rules, name, label)
              : undefined))
        // "_fbp | Meta Platforms, Inc." in a cookie table: the row's cookie tells which of the company's products
        // set it, as it does for a provider given as a domain.
        const rowCookie =
          cols?.cookies && cols.name !== undefined ? s.row!.cells[cols.name]?.trim() : undefined
        const setBy = rowCookie && name.vendors.length > 1 ? rules.cookieInfo(rowCookie)?.vendor : undefined
        if (!signIn && setBy && name.vendors.includes(setBy)) {
          addRecipient(recipients, rules, { vendor: setBy }, src)
          vendorPlaces.push({ vendor: setBy, s })
          currentVendors.add(setBy)
        } else if (signIn) {
          signedIn.set(label, signIn)
          addRecipient(recipients, rules, { vendor: signIn }, src)
          vendorPlaces.push({ vendor: signIn, s })
          currentVendors.add(signIn)
        } else if (name.vendors.length === 1 && !name.known) {
          addRecipient(recipients, rules, { vendor: name.vendors[0]! }, src)
          vendorPlaces.push({ vendor: name.vendors[0]!, s })
        }
        // "Firebase, a service provided by Google": the company is named only as its service's maker; so is the legal
        // entity several rules share ("the OpenStreetMap Foundation (OSMF)", maker of two rules' services).
        else if ((name.known || name.vendors.length > 1) && name.vendors.some(drafted)) continue
        // A group that makes products ("Google", "Microsoft": a known company with no category of its own) named
        // without its legal form is the maker of a product the policy names elsewhere, if it names one.
        // "Google's Consent Mode": a group's product named by its own name, not the group receiving data.
        else if (
          name.known &&
          !name.known.category &&
          /^['’]s\s+[A-Z]/.test(s.text.slice(m.end - s.start, m.end - s.start + 5))
        )
          continue
        else if (
          name.known &&
          !name.known.category &&
          name.vendors.length > 0 &&
          !withLegalForm(lexicon, s, m) &&
          !(cols?.recipients || cols?.cookies || providerLabel)
        )
          makers.push({
            vendors: name.vendors,
            s,
            place: () => place(label, undefined, categories, m, src, s),
          })
        // "Twitter remarketing service is provided by Twitter Inc.": a group named with a kind of service that one of
        // its products (and only one) provides is that product.
        // The kinds are read before the filter that drops a named company's own service ("Twitter remarketing service").
        // The group's own kind ("social networking platforms (e.g., Instagram …)") says what it is, not which product.
        else {
          const known = name.known
          const product =
            known && name.vendors.length > 1
              ? productForKind(
                  name.vendors,
                  kindsAround(s, m).filter((k) => k.category !== known.category),
                )
              : undefined
          // A company whose bare name stands for one product ("embedded content from Twitter": X's platform) is that
          // product, unless the policy names another of its products (decided once the whole text is read).
          if (!product && known?.product && rules.vendors.has(known.product))
            standIns.push({ vendor: known.product, siblings: name.vendors, src })
          else if (product) {
            addRecipient(recipients, rules, { vendor: product }, src)
            vendorPlaces.push({ vendor: product, s })
          } else {
            place(label, known?.category, categories, m, src, s)
            if (known && name.vendors.length > 0 && !(cols?.recipients || cols?.cookies || providerLabel))
              groupMentions.push({ label, vendors: name.vendors, s, cookie: cookieSentence })
          }
        }
      }
      if (!s.isHeading) {
        // A list of sources ("Information from third parties: …") names where data comes from, not where it goes.
        const unknown = s.topics.has('sources') || sourceItem ? [] : findUnknownNames(lexicon, s, sharing)
        const cellNames = new Set<FoundName>()
        // The provider column of a table of recipients or cookies names a company, with or without a rule.
        const cell =
          cols && (cols.recipients || cols.cookies)
            ? s.row!.cells[cols.provider ?? -1]
            : (providerLabel ?? blockName)
        const head = cell ? /^[^(;]+/.exec(cell)?.[0].trim() : undefined
        // A label may join companies ("Help Scout and Anthropic"); a cell only with a plus ("Digital Realty + OpenMetal").
        const firsts = head ? head.split(providerLabel ? /\s+(?:and|\+)\s+/ : /\s+\+\s+/) : []
        // A long row is read as several sentences: the one that holds the provider's cell names it.
        // "info@example.com" in a provider column is whom to write to, not a company receiving data.
        for (const first of firsts.filter((f) => s.text.includes(f) && !f.includes('@'))) {
          const at = s.start + s.text.indexOf(first)
          const m: Match = { start: at, end: at + first.length, text: first, sentence: s, negated: false }
          // The cookies the table lists for this provider tell which of its company's products it is.
          const owner = DOMAIN.test(first)
            ? domainOwner(rules, lexicon, first, cookiesBySite(s.row?.table, cols).get(siteOf(first)) ?? [])
            : undefined
          const rule =
            owner?.name ??
            lexicon.names.find((n) => n.phrase.toLowerCase() === displayName(first, lexicon).toLowerCase())
          if (owner?.vendor) addRecipient(recipients, rules, { vendor: owner.vendor }, source(text, m))
          // "- **X:** Social network; **Service provider**: …": a known company as the label of a provider list.
          else if (rule?.known && (owner || providerLabel || blockName))
            place(rule.known.name, rule.known.category, [], m, source(text, m), s)
          else if (rule && rule.vendors.length === 1 && !rule.known)
            addRecipient(recipients, rules, { vendor: rule.vendors[0]! }, source(text, m))
          else if (!rule && !findRecipientNames(lexicon, { ...s, text: first }).length) {
            // "ws.zoominfo.com" and "zoominfo.com" are one company: its registrable domain names it.
            const site = DOMAIN.test(first) ? siteOf(first) : undefined
            const name = site && first.toLowerCase().endsWith(site) ? first.slice(-site.length) : first
            const u = { name, start: at + first.length - name.length, sentence: s }
            unknown.push(u)
            if (cols?.recipients) cellNames.add(u)
          }
        }
        for (const u of unknown) {
          if (fromPlatforms(u.start) || makerInParentheses(lexicon, s, u)) continue
          // "Joincube Inc. (Beamer)": the legal name of a recipient named in the parentheses; "Eighteenth September
          // Limited ("MoonPay")": the company goes by the quoted name.
          const alias = aliasAfter(lexicon, s, u, names)
          if (alias === null) continue
          if (alias) Object.assign(u, alias)
          const name = displayName(u.name, lexicon)
          if (!nameKey(name, lexicon) || onlyKindOfService(lexicon, s, name)) continue
          if (
            isController(name, controller, lexicon) &&
            !(cellNames.has(u) && groupCompany(u.name, controller, lexicon))
          )
            continue
          if (negatedAt(lexicon, s.text, u.start - s.start, u.name.length)) continue
          const m: Match = {
            start: u.start,
            end: u.start + u.name.length,
            text: u.name,
            sentence: s,
            negated: false,
          }
          place(name, undefined, categories, m, source(text, m), s)
        }
      }
    }
    // International transfers.
    // "Name: Hetzner Online GmbH / Country: Germany", "**Location:** United States": a labelled field naming where a
    // provider processes the data is a location cell, as a table's column would be.
    const field = cols
      ? undefined
      : [...s.text.matchAll(LABELLED_FIELD)].find((f) => tableColumns(lexicon, [f[1]!]).location === 0)
    const locationCell = cols?.location !== undefined ? s.row!.cells[cols.location] : field?.[2]
    for (const t of findTransferPlaces(lexicon, s, locationCell))
      if (!countries.has(t.key))
        countries.set(t.key, { code: t.key, source: sourceAt(text, s, t.start, t.text) })
    for (const g of findSafeguards(lexicon, s))
      if (!safeguards.has(g.key))
        safeguards.set(g.key, { key: g.key, source: sourceAt(text, s, g.start, g.text) })
  }
  flushHeadingCookies()

  // A group is its product's maker when the product is named in the same section (and under the same run-in label).
  const sameSection = (a: Sentence, b: Sentence): boolean =>
    a.heading?.line === b.heading?.line && a.label === b.label
  const productInSection = (m: { vendors: readonly string[]; s: Sentence }): boolean =>
    vendorPlaces.some((p) => m.vendors.includes(p.vendor) && sameSection(p.s, m.s))
  // A company with a single product rule ("GitHub", maker only of GitHub OAuth), named without its legal form, is the
  // same recipient as that product when the policy names the product anywhere: not one more. Named with its legal
  // form in a list of providers ("ConsenSys Software Inc." beside Infura), it is listed as a company of its own.
  const placedVendors = new Set(vendorPlaces.map((p) => p.vendor))
  const onlyProductPlaced = (m: { vendors: readonly string[] }): boolean =>
    m.vendors.length === 1 && placedVendors.has(m.vendors[0]!)
  for (const maker of makers) if (!productInSection(maker) && !onlyProductPlaced(maker)) maker.place()
  // "### Facebook Pixel … played on Facebook", "Bing Ads … Microsoft Corporation is certified …": a company named
  // only in sections about one of its products is that product's maker, not a recipient of its own.
  // "This Site uses LinkedIn cookies …", then "**LinkedIn**" over a table of LinkedIn Insight's cookies: a company whose
  // cookies a sentence names, or that titles a section, is the maker of its product the policy identifies anywhere.
  const productAnywhere = (m: { vendors: readonly string[]; s: Sentence; cookie: boolean }): boolean =>
    (m.cookie || m.s.isHeading === true) && m.vendors.some((v) => placedVendors.has(v))
  const makerOnly = new Set(
    groupMentions
      .filter((g) =>
        groupMentions
          .filter((o) => o.label === g.label)
          .every((o) => productInSection(o) || productAnywhere(o)),
      )
      .map((g) => g.label),
  )
  if (makerOnly.size) {
    for (const [key, r] of recipients) {
      r.names = r.names.filter((n) => !makerOnly.has(n.name))
      if (!r.vendor && !r.categoryNamed && r.names.length === 0) recipients.delete(key)
    }
    for (let i = unplaced.length - 1; i >= 0; i--) if (makerOnly.has(unplaced[i]!.name)) unplaced.splice(i, 1)
  }
  for (const { vendor, siblings, src } of standIns)
    if (!siblings.some((v) => v !== vendor && recipients.has(recipientKey({ vendor: v }))))
      addRecipient(recipients, rules, { vendor }, src)
  // A cookie one company's products share ("MUID") belongs to the product of that company the policy names in words.
  const namedInWords = new Set(recipients.keys())
  for (const { vendor, src } of cookieMakers) {
    const siblings = lexicon.names
      .filter((n) => n.known && n.vendors.includes(vendor))
      .flatMap((n) => n.vendors)
    if (!siblings.some((v) => v !== vendor && namedInWords.has(recipientKey({ vendor: v }))))
      addRecipient(recipients, rules, { vendor }, src)
  }

  // Retention statements, attached to the categories they name.
  const retention: Source[] = []
  // Outside a section about retention, keeping data is a retention statement only with a period or a criterion
  // ("until …", "as necessary for legal obligations", "temporarily"): "the information will be retained on your
  // device" says where, not how long.
  // "children under 13 years of age": an age, not a period.
  // "kept up to date": a duration word that says nothing of how long (the `no-period` cue).
  const ages = new RegExp(lexicon.cue('age').source, 'gi')
  const noPeriod = new RegExp(lexicon.cue('no-period').source, 'gi')
  const untimed = (text: string): string => text.replace(ages, ' ').replace(noPeriod, ' ')
  const keptCurrent = new RegExp(`^\\s+(?:\\S+\\s+){0,3}?(?:${noPeriod.source})`, 'i')
  const verbs = new RegExp(lexicon.cue('retention').source, 'gi')
  const hasPeriod = (text: string): boolean => lexicon.cue('period').test(untimed(text))
  const timedText = (text: string): boolean =>
    hasPeriod(text) ||
    lexicon.cue('duration').test(untimed(text)) ||
    lexicon.cue('retention-criterion').test(text)
  // "All your data will be deleted upon account deletion": an event that ends keeping is a criterion too, but not for a
  // list's intro ("When you delete your account, we delete: – your profile" lists the data, not statements).
  const timedStatement = (text: string): boolean =>
    timedText(text) || lexicon.cue('deletion-event').test(text)
  // "### Deletion" under "## Your Rights": a section about the right to deletion is no section about retention; its
  // sentences keep data for a time only when they say so themselves ("within 30 days").
  const retentionSection = (s: Sentence): boolean =>
    s.topics.has('retention') && (!s.topics.has('rights') || hasPeriod(s.text))
  // "we will not be able to delete messages you sent to another user": in a section about rights, a limit of the right
  // to deletion; elsewhere, data kept for good.
  const timed = (s: Sentence, text: string): boolean =>
    retentionSection(s) ||
    timedStatement(text) ||
    (!s.topics.has('rights') && lexicon.cue('unable-to-delete').test(text))
  const purposesIntro = new RegExp(
    `(?:${lexicon.cue('retention-list-purposes').source})(?:[\\s,]+[a-z]+){0,3}[\\s,]*:\\s*$`,
    'i',
  )
  let retentionCookieUnit: string | undefined
  for (const s of all) {
    const afterCookie = s.unit === retentionCookieUnit
    if (lexicon.cue('cookie-statement').test(s.text)) retentionCookieUnit = s.unit
    if (s.isHeading || s.question || has(s, ['definitions', 'contact'])) continue
    const cols = s.row ? columnsOf(s.row.table, s.intro) : undefined
    // Cookie lifetimes are not data retention, nor is the sentence after a cookie's that speaks of it by a pronoun
    // ("We use a session cookie … It is deleted when you log out").
    // A row of a table of data whose first cell names cookies ("Cookies | Identifiers | … | 1 Year") gives their lifetime.
    if (cols?.cookies || (s.topics.has('cookies') && lexicon.cue('cookie-statement').test(s.text))) continue
    if (s.row && /\bcookies?\b/i.test(s.row.cells[0] ?? '')) continue
    if (afterCookie && cookiePronoun.test(s.text)) continue
    // "There are the following options: - Deletion after 14 months": settings to pick from, not what is done.
    if (s.bullet && s.intro !== undefined && lexicon.cue('choice-list').test(s.intro)) continue
    // "These laws say that the personal information we hold about you must be: - kept only as long as necessary": the
    // law's principles, not what this service does.
    if (s.bullet && s.intro !== undefined && lexicon.cue('principles-list').test(s.intro)) continue
    // "We retain your information for as long as necessary to: - Provide our services": the items finish the intro's
    // sentence as its reasons (or the factors its period depends on), unless an item gives a period of its own.
    if (
      s.bullet &&
      s.intro !== undefined &&
      purposesIntro.test(s.intro) &&
      !hasPeriod(s.text) &&
      !lexicon.cue('duration').test(untimed(s.text))
    )
      continue
    const period = hasPeriod(s.text)
    // "kept up to date", "keep your details up to date": kept correct, not kept for a time.
    verbs.lastIndex = 0
    let verb = verbs.exec(s.text)
    while (verb && keptCurrent.test(s.text.slice(verb.index + verb[0].length))) verb = verbs.exec(s.text)
    // "Retained until you opt out or request deletion": a criterion, though it names a right.
    if (
      !period &&
      !(verb && lexicon.cue('duration').test(untimed(s.text.slice(verb.index)))) &&
      lexicon.cue('not-retention').test(s.text)
    )
      continue
    // A retention cell of "N/A" or "Per Discord policy" gives no period: not a retention statement.
    const cell = cols?.duration !== undefined ? s.row!.cells[cols.duration] : undefined
    const durationCell =
      cell !== undefined && (timedText(cell) || !lexicon.cue('no-duration').test(cell)) ? cell : undefined
    // "shall not be retained beyond the period necessary" limits retention: a retention statement too.
    // "This data cannot be deleted": the negation is the statement (kept for good), outside a section about rights.
    const kept =
      verb !== null &&
      timed(s, s.text) &&
      (!negatedAt(lexicon, s.text, verb.index, verb[0].length) ||
        lexicon.retentionLimit.test(
          s.text.slice(verb.index + verb[0].length, verb.index + verb[0].length + 80),
        ) ||
        (!s.topics.has('rights') && lexicon.cue('unable-to-delete').test(s.text)))
    // A list item under an intro that keeps data for a time ("We retain your data for as long as: - your account is
    // active"), unless the item only names the data the intro is about ("- name"). An intro that keeps no time ("We will
    // anonymize the following data: …", "The following personal data will be deleted:") introduces data, not
    // retention, even in a section about retention: the time must be the intro's own.
    const underIntro =
      s.bullet &&
      s.intro !== undefined &&
      lexicon.cue('retention').test(s.intro) &&
      timedText(s.intro) &&
      !onlyData(lexicon, s)
    const cue = kept || !!durationCell || underIntro || (period && lexicon.cue('retention-noun').test(s.text))
    // In a retention section, a statement needs a duration or a "kind of data: how long" shape; list intros do not count.
    if (
      !cue &&
      !(
        retentionSection(s) &&
        (lexicon.cue('duration').test(s.text) ||
          /^\s*(?:[-*•+]\s+)?[^:]{3,60}:\s+\S/.test(s.text.slice(0, 200))) &&
        !/:\s*$/.test(s.text)
      )
    )
      continue
    const body = s.text.replace(/^\s*(?:[-*•+]\s+|\(?\w{1,4}[.)]\s+)/, '').trim()
    // A row over several lines (an HTML table) states its period in the duration cell: that cell's line quotes it.
    const cellAt = durationCell?.trim() ? s.text.indexOf(durationCell.trim()) : -1
    // A statement wrapped over several lines is quoted where it keeps or deletes ("… but this\n information is deleted
    // after 14 days"), the line that says how long.
    const src =
      cellAt >= 0 && !kept && !underIntro
        ? sourceAt(text, s, s.start + cellAt, durationCell!.trim())
        : kept && verb
          ? sourceAt(text, s, s.start + verb.index, s.text.slice(verb.index, verb.index + 60))
          : sourceAt(text, s, s.start, body)
    const named = findDataPhrases(lexicon, s)
      .filter((m) => !m.negated && !m.phrase.weak)
      .flatMap((m) => m.phrase.categories)
      .filter((c) => data.has(c))
    const colon = /^([^:]{3,60}):\s+(.+)$/.exec(body.slice(0, 2000))
    if (named.length > 0) {
      const value = durationCell ?? (colon ? colon[2]! : retentionClause(lexicon, body))
      for (const c of new Set(named))
        data.get(c)!.retention.push({ text: clean(value).replace(/[.;:]$/, ''), source: src })
    } else retention.push(src)
  }

  const byLine = <T extends { sources: Source[] }>(a: T, b: T): number =>
    a.sources[0]!.line - b.sources[0]!.line
  const bySource = <T extends { source: Source }>(a: T, b: T): number => a.source.line - b.source.line
  return {
    data: [...data.values()].sort((a, b) => byLine(a, b) || (a.category < b.category ? -1 : 1)),
    cookies: [...cookies.values()].sort(
      (a, b) => COOKIE_PURPOSES.indexOf(a.purpose) - COOKIE_PURPOSES.indexOf(b.purpose),
    ),
    recipients: [...recipients.values()].sort(
      (a, b) => byLine(a, b) || (recipientKey(a) < recipientKey(b) ? -1 : 1),
    ),
    unplaced,
    retention,
    cookiesWithoutPurpose: cookies.size === 0 ? cookiesWithoutPurpose : undefined,
    transfers: {
      countries: [...countries.values()].sort((a, b) => bySource(a, b) || (a.code < b.code ? -1 : 1)),
      safeguards: [...safeguards.values()].sort((a, b) => bySource(a, b) || (a.key < b.key ? -1 : 1)),
    },
  }
}

/** A thematic break on a line of its own (markdown "---", "***", "___"). */
const THEMATIC_BREAK = /^\s*(?:-\s*){3,}$|^\s*(?:\*\s*){3,}$|^\s*(?:_\s*){3,}$/

/** How many lines after a note's label its instructions are looked for. */
const NOTE_LINES = 8

/**
 * The line where a note to the policy's author begins (`author-note` cue: after a thematic break, a labelled line
 * whose next lines instruct the author), or Infinity: what follows is no part of the policy.
 */
function authorNoteLine(text: PolicyText, rules: RuleSet): number {
  const cue = rules.policy.cues.find((c) => c.cue === 'author-note')
  if (!cue?.before.length || !cue.phrases.length) return Infinity
  const label = new RegExp(
    `^\\s*(?:[*_]{1,2})?(?:${alternation(cue.before, '').source})(?:[*_]{1,2})?\\s*:`,
    'i',
  )
  const instruction = alternation(cue.phrases, 'i')
  let previous = ''
  for (let i = 0; i < text.lines.length; i++) {
    const line = text.lines[i]!
    if (!line.trim()) continue
    if (
      THEMATIC_BREAK.test(previous) &&
      label.test(line) &&
      instruction.test(text.lines.slice(i, i + NOTE_LINES).join('\n'))
    )
      return i + 1
    previous = line
  }
  return Infinity
}

/**
 * Where a list item's run-in label ends, when the statement after it is negated ("**Crash Reports**: We do NOT
 * collect crash reports"): the label is its subject, like a heading, and names no data the statement denies.
 * 0 when the item has no label or its statement is not negated.
 */
function runInLabelNegated(lexicon: Lexicon, s: Sentence, found: readonly Match[]): number {
  if (!s.label) return 0
  const at = s.text.indexOf(s.label)
  if (at === -1 || at > 8) return 0
  const end = s.start + at + s.label.length
  const body = found.filter((m) => m.start >= end)
  const negated = body.length
    ? body.every((m) => m.negated)
    : negatedAt(lexicon, s.text, Math.max(0, s.text.trimEnd().length - 1))
  return negated ? end : 0
}

/** Whether a match lies in the given cell of its table row. */
function inColumn(s: Sentence, m: Match, column: number): boolean {
  const cell = s.row?.cells[column]
  const at = cell ? s.text.indexOf(cell) : -1
  return at !== -1 && m.start - s.start >= at && m.start - s.start < at + cell!.length
}

/** Whether a match lies in one of the given cells of a cookie table's row (a lifetime "Session" is no purpose). */
function inCells(
  s: Sentence,
  m: Match,
  cols: TableColumns | undefined,
  which: (number | undefined)[],
): boolean {
  if (!cols?.cookies || !s.row) return false
  return which.some((i) => i !== undefined && inColumn(s, m, i))
}

/**
 * A cookie table's short cells outside its name, provider and lifetime columns name the kind of cookie ("Necessary",
 * "Statistics"): each is read as "<cell> cookies".
 */
function cookieKinds(
  lexicon: Lexicon,
  s: Sentence,
  cols: TableColumns | undefined,
): (Match & { purpose: CookiePurpose })[] {
  if (!cols?.cookies || !s.row) return []
  return s.row.cells.flatMap((cell, i) => {
    const at = s.text.indexOf(cell)
    if (
      !cell ||
      at === -1 ||
      [cols.name, cols.provider, cols.duration].includes(i) ||
      cell.split(/\s+/).length > 3
    )
      return []
    const kind = { ...s, start: s.start + at, text: `${cell} cookies` }
    return findCookiePurposes(lexicon, kind)
      .filter((m) => m.start < kind.start + cell.length)
      .map((m) => {
        const end = Math.min(m.end, kind.start + cell.length)
        return { ...m, end, text: m.text.slice(0, end - m.start), sentence: s }
      })
  })
}

/** Words each capitalised, as company names are ("Friendly Captcha", "UpCloud"; "and" may join two). */
const TITLE_WORDS = /^(?:[A-Z0-9][\p{L}\p{N}.&'-]*)(?:\s+(?:and\s+)?[A-Z0-9][\p{L}\p{N}.&'-]*){0,3}$/u

/** A labelled item whose first sentence is short, like a table's row ("Paddle: payment processing"), not prose. */
function cellLike(s: Sentence): boolean {
  const after = s.text.slice(s.text.indexOf(s.label!) + s.label!.length)
  return after.split(/\s+/).filter(Boolean).length <= 24
}

/**
 * "- **Hetzner:** Services in the field of … (e.g. storage space and/or computing capacities); **Service provider**: …":
 * in a list whose labels are companies, the first clause after a label says what that company does, known or not.
 */
function roleOfLabelCompany(s: Sentence, m: Match, companyLists: ReadonlySet<string>): boolean {
  if (!s.label || !TITLE_WORDS.test(s.label) || !companyLists.has(listKey(s))) return false
  const at = s.text.indexOf(s.label)
  if (at === -1 || at > 8) return false
  const from = s.start + at + s.label.length
  return m.start >= from && NAME_THEN_ROLE.test(s.text.slice(from - s.start, m.start - s.start))
}

/** A short labelled field on its line ("Country: Germany", "- **Location:** United States"): group 1 the label, 2 the value. */
const LABELLED_FIELD =
  /^[ \t]*(?:(?:[-*•+]|\d+\.)[ \t]+)?([\p{L}][\p{L} ]{1,30}?)[ \t]*:[ \t]*([^:\n]{2,80})$/gmu

/** A link to a company's own policy or terms after its label ("([Privacy Policy](…))"). */
const OWN_POLICY =
  /\b(?:privacy\s+(?:policy|notice|statement)|terms\s+(?:of\s+(?:service|use)|and\s+conditions))\b/i

/** The list a labelled item belongs to: its section and its intro. */
function listKey(s: Sentence): string {
  return `${s.heading?.line ?? 0}|${s.intro ?? ''}`
}

/**
 * Lists whose run-in labels name companies: a label is a recipient the rules know ("**Paddle**: payment
 * processing"), so the other labels of that list are companies too, known or not ("**Nolt**: product feedback"); or
 * every label is a name that points to its own policy, under words for recipients.
 */
function listsOfCompanies(lexicon: Lexicon, all: readonly Sentence[]): Set<string> {
  const out = new Set<string>()
  for (const s of all)
    if (s.bullet && s.label && TITLE_WORDS.test(s.label)) {
      // The whole label is names ("Help Scout and Anthropic"), not a phrase about one ("With Firebase").
      const label = s.label
      const rest = findRecipientNames(lexicon, { ...s, text: label, start: 0 })
        .reduce((l, m) => l.slice(0, m.start) + ' '.repeat(m.end - m.start) + l.slice(m.end), label)
        .replace(/\band\b/g, '')
        .trim()
      if (lexicon.names.some((n) => n.phrase.toLowerCase() === label.toLowerCase()) || !rest)
        out.add(listKey(s))
    }
  // "### Financial Data Providers" over "- **SnapTrade**: For investment account connections ([Privacy Policy](…))": a
  // list under a heading or intro that names recipients, whose labels are all names (none a kind of service or of
  // data, at least two) and whose items each point to that company's own privacy policy or terms, is a list of
  // companies though no rule knows them ("**No Data Sharing**: …" under "Third-Party Services" points to none).
  const labelled = new Map<string, Sentence[]>()
  for (const s of all)
    if (s.bullet && s.label) labelled.set(listKey(s), [...(labelled.get(listKey(s)) ?? []), s])
  for (const [key, items] of labelled) {
    if (out.has(key) || items.length < 2) continue
    const intro = items[0]!.intro ?? items[0]!.heading?.text ?? ''
    if (!lexicon.recipientWord.test(intro)) continue
    const name = (s: Sentence): boolean =>
      TITLE_WORDS.test(s.label!) &&
      !onlyKindOfService(lexicon, s, s.label!) &&
      !findDataPhrases(lexicon, { ...s, text: s.label!, start: 0, end: s.label!.length }).length &&
      nameKey(displayName(s.label!, lexicon), lexicon) !== undefined &&
      OWN_POLICY.test(s.text.slice(s.text.indexOf(s.label!) + s.label!.length))
    if (items.every(name)) out.add(key)
  }
  return out
}

/**
 * A provider cell that names a legal entity of its own beside the policy's company ("Stakater Czech s.r.o." in the
 * subprocessor table of Stakater AB): a group company that processes the data, so a recipient.
 */
function groupCompany(cell: string, controller: Set<string>, lexicon: Lexicon): boolean {
  const key = nameKey(cell, lexicon)
  // "Stakater AB" itself (the controller's first word with a legal form) is the publisher, not a recipient.
  return (
    key !== undefined &&
    displayName(cell, lexicon) !== cell.trim() &&
    ![...controller].some((c) => c === key || c.split(' ')[0] === key)
  )
}

/**
 * The product of a company that people sign in with: its one vendor rule that is an identity provider, or the one of
 * several whose name holds the company's ("Facebook Login" beside "Instagram Login" and "Sign in with Threads").
 */
function signInProduct(rules: RuleSet, name: RecipientName, label: string): string | undefined {
  const providers = name.vendors.filter((v) => rules.vendors.get(v)?.categories.includes('identity-provider'))
  if (providers.length <= 1) return providers[0]
  const own = providers.filter((v) => rules.vendors.get(v)!.name.toLowerCase().includes(label.toLowerCase()))
  return own.length === 1 ? own[0] : undefined
}

/** A vendor whose cookies track visitors (analytics, advertising): a cookie table lists its cookies for what it does. */
function trackingVendor(rules: RuleSet, id: string): boolean {
  return (rules.vendors.get(id)?.categories ?? []).some((c) => c === 'analytics' || c === 'advertising')
}

/** A provider given as a domain ("doubleclick.net", "ws.zoominfo.com"). */
const DOMAIN = /^(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}$/i

const vendorSites = new WeakMap<RuleSet, Map<string, VendorRule[]>>()

/** The vendors whose hosts lie under each registrable domain, built once per rule set. */
function vendorsBySite(rules: RuleSet): Map<string, VendorRule[]> {
  let sites = vendorSites.get(rules)
  if (!sites) {
    sites = new Map()
    for (const v of rules.vendors.values())
      for (const site of new Set(v.hostnames.map((h) => registrableDomain(h.replace(/^\*\./, ''))))) {
        if (!site) continue
        const list = sites.get(site) ?? []
        list.push(v)
        sites.set(site, list)
      }
    vendorSites.set(rules, sites)
  }
  return sites
}

const tableSites = new WeakMap<PolicyTable, Map<string, string[]>>()

/** The cookie names a cookie table lists for each provider site, built once per table. */
function cookiesBySite(
  table: PolicyTable | undefined,
  cols: TableColumns | undefined,
): Map<string, string[]> {
  if (!table || !cols?.cookies || cols.name === undefined || cols.provider === undefined) return new Map()
  let sites = tableSites.get(table)
  if (!sites) {
    sites = new Map()
    for (const r of table.rows) {
      const provider = r.cells[cols.provider]
      const name = r.cells[cols.name]
      if (!provider || !name || !DOMAIN.test(provider.trim())) continue
      const site = siteOf(provider)
      const names = sites.get(site) ?? []
      names.push(name)
      sites.set(site, names)
    }
    tableSites.set(table, sites)
  }
  return sites
}

/** The site a domain belongs to: its registrable domain, or the domain itself when that is a public suffix. */
function siteOf(domain: string): string {
  const host = domain.trim().toLowerCase()
  return registrableDomain(host) ?? host
}

/**
 * The company a provider domain belongs to: the vendor rule that lists the host, or the one vendor whose hosts lie
 * under its registrable domain (the row's cookie decides between several: "IDE" on doubleclick.net is Google Ads'),
 * or the company a name rule calls by the domain's name ("google.com" → Google, "akamaized.net" → Akamai's alias).
 */
function domainOwner(
  rules: RuleSet,
  lexicon: Lexicon,
  domain: string,
  cookies: readonly string[],
): { vendor?: string; name?: RecipientName } | undefined {
  const host = domain.toLowerCase()
  const exact = rules.vendorForHost(host)
  if (exact) return { vendor: exact.id }
  // A content-delivery domain ("akamaized.net") is a public suffix of its own: the host itself names it.
  const registrable = siteOf(host)
  const under = vendorsBySite(rules).get(registrable) ?? []
  const byCookie = new Set(cookies.map((c) => rules.cookieInfo(c)?.vendor))
  const vendor = under.length === 1 ? under[0] : under.find((v) => byCookie.has(v.id))
  if (vendor) return { vendor: vendor.id }
  const label = registrable.split('.')[0]!
  const name = lexicon.names.find((n) => [host, registrable, label].includes(n.phrase.toLowerCase()))
  return name
    ? name.vendors.length === 1 && !name.known
      ? { vendor: name.vendors[0] }
      : { name }
    : undefined
}

/** A copy of the text where a table without a header row in its markup takes its first row as header when that row
 * names the columns ("name | provider | expiry | category"). */
function withHeaders(text: PolicyText, lexicon: Lexicon): PolicyText {
  const promote = text.tables.filter(
    (t) => t.header.length === 0 && t.rows.length > 1 && isHeaderRow(lexicon, t.rows[0]!.cells),
  )
  if (promote.length === 0) return text
  const tables = text.tables.map((t) =>
    promote.includes(t)
      ? { ...t, header: t.rows[0]!.cells, headerLine: t.rows[0]!.line, rows: t.rows.slice(1) }
      : t,
  )
  const rowAt = new Map<number, { table: PolicyTable; row: number }>()
  for (const t of tables)
    t.rows.forEach((r, k) => {
      for (let l = r.line; l <= r.lastLine; l++) rowAt.set(l, { table: t, row: k })
    })
  return { ...text, tables, rowAt }
}

/**
 * The text with a template's instructions in capitals blanked out (`template-instruction` cue): "[ADD ANY VENDORS
 * USED TO PROVIDE CUSTOMER SUPPORT]" tells whoever fills the template in what to write, and says nothing of the
 * service. Blanked with spaces in the text that is read, so every offset and line stays where it was.
 */
function withoutInstructions(text: PolicyText, rules: RuleSet): PolicyText {
  const words = rules.policy.cues.find((c) => c.cue === 'template-instruction')?.phrases ?? []
  if (words.length === 0) return text
  const open = words.map((w) => w.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  // From the opening word (not inside a run of capitals already) to a closing bracket or the first small letter.
  const run = new RegExp(
    `(?<![\\p{L}\\p{N}])(?<!\\p{Lu}[\\s,]*)(?:${open})(?![\\p{L}\\p{N}])[^\\p{Ll}\\n\\]]*\\]?`,
    'gu',
  )
  let joined = text.joined
  for (const m of text.joined.matchAll(run)) {
    if ((m[0].match(/\p{Lu}{2,}/gu) ?? []).length < 4) continue
    joined = joined.slice(0, m.index) + ' '.repeat(m[0].length) + joined.slice(m.index + m[0].length)
  }
  if (joined === text.joined) return text
  // The lines stay as written: quotes are taken from them, and a blanked run leaves its line's shape (a bullet) as it was.
  return { ...text, joined }
}

function addCookie(map: Map<CookiePurpose, DraftCookie>, purpose: CookiePurpose, src: Source): void {
  const entry = map.get(purpose) ?? { purpose, sources: [] }
  entry.sources.push(src)
  map.set(purpose, entry)
}

/** The part of a long sentence that says how long data is kept ("shall not be retained beyond …"). */
function retentionClause(lexicon: Lexicon, sentence: string): string {
  if (sentence.length <= 120) return sentence
  const cue = lexicon.cue('retention').exec(sentence)
  if (!cue) return sentence.slice(0, 199).replace(/\s\S*$/, '') + '…'
  const from = Math.max(0, cue.index - WINDOW)
  const before = sentence.slice(from, cue.index)
  const breaks = [
    ...before.matchAll(/[,;(]\s*|\)\s*(?:and\s+)?|\s+and\s+(?=(?:shall|will|may|is|are|must)\b)/g),
  ]
  const at = breaks.length ? breaks[breaks.length - 1]!.index! + breaks[breaks.length - 1]![0].length : 0
  const clause = sentence.slice(from + at).trim()
  return clause.length > 200 ? clause.slice(0, 199).replace(/\s\S*$/, '') + '…' : clause
}

/** A list item that is nothing but a data phrase ("- mobile phone number"). */
function onlyData(lexicon: Lexicon, s: Sentence): boolean {
  let rest = s.text
  for (const m of findDataPhrases(lexicon, s)) rest = rest.replace(m.text, ' ')
  return !/[\p{L}]{3,}/u.test(
    rest.replace(/^\s*(?:[-*•+]|\(?\w{1,4}[.)])\s+/, ' ').replace(/\b(?:your|the|and|or|any)\b/gi, ' '),
  )
}

/**
 * Words for a kind of service that only say what a named company does: "cloud infrastructure (Firebase)", or the
 * items of "We use Firebase for: – crash reporting". The company is the recipient; no other category is named.
 */
function serviceOfNamed(lexicon: Lexicon, s: Sentence, m: Match, names: readonly Match[]): boolean {
  const after = s.text.slice(m.end - s.start, m.end - s.start + 80)
  const inParentheses = /^\s*\(([^()]{1,60})\)/.exec(after)
  // "(e.g., Instagram, Facebook)" gives examples of the category: the category is named.
  if (inParentheses && !lexicon.cue('enumeration').test(inParentheses[1]!)) {
    const from = m.end + inParentheses.index + inParentheses[0].indexOf('(')
    if (names.some((n) => n.start > from && n.end <= from + inParentheses[0].length)) return true
  }
  // "Google Ads Remarketing": the words end the name of a product, they name no kind of recipient of their own.
  const rel = m.start - s.start
  if (names.some((n) => n.end <= m.start && /^\s?$/.test(s.text.slice(n.end - s.start, rel)))) return true
  // "PayPal is an online payment service provider", "Google Analytics, a web analytics service": the words define the
  // named company; "The provider of this payment service is Stripe": they name its kind. Not a category of its own.
  const between = (from: number, to: number): string => s.text.slice(from - s.start, to - s.start)
  if (
    names.some(
      (n) =>
        (n.end <= m.start &&
          m.start - n.end < 80 &&
          (/^(?:\s+(?:is|was)\s+|,\s+)(?:an?|the|one)\s+(?:[\p{L}'’-]+\s+){0,5}$/iu.test(
            between(n.end, m.start),
          ) ||
            // "App Center is a product of Microsoft, it provides crash reporting": a clause on the name says what it does.
            lexicon.describingClause.test(between(n.end, m.start)) ||
            // "The App uses Apple as a payment provider": the role the name is given (cue `described-as`).
            lexicon.describedAs.test(between(n.end, m.start)))) ||
        (n.start >= m.end &&
          n.start - m.end < 40 &&
          ((/^\s*(?:[\p{L}-]+\s+)?(?:is|are)\s+$/iu.test(between(m.end, n.start)) &&
            /\b(?:this|the)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(
              between(Math.max(s.start, m.start - 40), m.start),
            )) ||
            // "Payment processing is handled entirely by Apple": the name does that service (cue `done-by`).
            lexicon.doneBy.test(between(m.end, n.start)))),
    )
  )
    return true
  // "Shopify's data storage", "Google's advertising services": a kind of service a named company owns is its
  // description; "Google's advertising partners" (a provider noun) are other companies, a category of their own.
  if (
    !lexicon.strongNounEnd.test(m.text) &&
    names.some((n) => n.end <= m.start && /^['’]s\s+$/.test(between(n.end, m.start)))
  )
    return true
  // "the newsletter company MailChimp", "our payment provider Stripe": a kind of service in the singular just before a
  // name is that company's description ("payment providers Stripe and PayPal" names a kind with its examples).
  // "Cloud Hosting: Supabase": a run-in label in the singular that only a name follows is the same.
  if (!/s$/i.test(m.text) && names.some((n) => n.start >= m.end && /^:?\s+$/.test(between(m.end, n.start))))
    return true
  // "**YouTube:** Social network and video platform; …", "Stripe (United States) - Payment processing": a name set off
  // by a colon or a dash at the start of an item, then the words of its own clause, says what that company does.
  if (
    names.some(
      (n) =>
        n.end <= m.start &&
        /^[\s*_[\]|-]*$/.test(s.text.slice(0, n.start - s.start)) &&
        NAME_THEN_ROLE.test(between(n.end, m.start)),
    )
  )
    return true
  // "via Resend (transactional email)": the parentheses after a name say what it does.
  const before = s.text.slice(0, m.start - s.start)
  const open = before.lastIndexOf('(')
  if (
    open !== -1 &&
    m.start - s.start - open < 40 &&
    !before.slice(open).includes(')') &&
    !lexicon.cue('enumeration').test(before.slice(open)) &&
    names.some((n) => open - (n.end - s.start) >= 0 && open - (n.end - s.start) <= 2)
  )
    return true
  if (!s.bullet || s.intro === undefined || !/\b(?:for|to)\s*:\s*$/i.test(s.intro)) return false
  if (names.length > 0) return false
  return findRecipientNames(lexicon, { ...s, text: s.intro, start: 0 }).length > 0
}

/**
 * "Crash reporting is a technology that automatically detects when the app stops working …": an activity (a kind of
 * service without a word for its provider) that opens a sentence defining it (cue `defined-as`) is explained, not a
 * recipient named.
 */
function definedActivity(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  if (lexicon.strongNounEnd.test(m.text) || !/^[\s*_-]*$/.test(s.text.slice(0, m.start - s.start)))
    return false
  // "is a technology", not "is handled by our partners" (a kind of recipient doing it).
  const after = s.text.slice(m.end - s.start, m.end - s.start + 20)
  return (
    new RegExp(`^\\s+(?:${lexicon.cue('defined-as').source})\\s`, 'i').test(after) &&
    /^\s+\S+\s+(?:an?|the)\s/i.test(after)
  )
}

/**
 * A kind of service in the run-in label of an item in a section about collecting or using data ("- **Social Media or
 * Linked Services**: If you engage with us on social media …", "Email marketing: we may send you emails"): the label
 * names where data comes from or what it is used for, not who receives it.
 */
function purposeLabel(s: Sentence, m: Match): boolean {
  if (!s.label || s.topics.has('share') || !(s.topics.has('collect') || s.topics.has('use'))) return false
  const at = s.text.indexOf(s.label)
  return at !== -1 && at <= 8 && m.start - s.start >= at && m.start - s.start < at + s.label.length
}

/**
 * A word for a kind of service that is one more item of a list of data, outside a statement about sharing: "your
 * name, email address, profile image and authentication provider" says which provider you sign in with.
 */
function dataListItem(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  const rel = m.start - s.start
  // "… provided by Microsoft, which sets cookies to collect usage data — such as pages visited, clicks, and heatmaps":
  // a list set off by a dash or a colon is read from there; words about sharing before it are another clause.
  const window = s.text.slice(Math.max(0, rel - WINDOW), rel)
  const before = window.slice(
    Math.max(window.search(/\s[-–—]\s(?!.*\s[-–—]\s)/), window.lastIndexOf(': ')) + 1,
  )
  if (lexicon.cue('sharing').test(before)) return false
  // After a data phrase, other short items may come first ("profile image, workspace membership, and …").
  return findDataPhrases(lexicon, s).some(
    (d) =>
      !d.negated &&
      d.end <= m.start &&
      m.start - d.end < WINDOW &&
      LIST_TAIL.test(s.text.slice(d.end - s.start, rel)),
  )
}

/**
 * What follows a name that opens an item, up to a kind of service in the same clause: an optional aside in parentheses
 * ("(United States)", "(via Twilio)"), a colon or a dash, and words without a clause or sentence end ("e.g." allowed).
 */
const NAME_THEN_ROLE =
  /^[*_]*(?:\s*\([^()]{1,40}\))?[*_]*\s*(?::|\s[-–—])[*_]*\s+(?:[^;.!?]|\b(?:e\.g|i\.e)\.){0,160}$/u

/** An indented list item: a bullet or a number after leading spaces. */
const NESTED_ITEM = /^[ \t]{2,}(?:[-*+•]|\d+[.)])\s/

const LIST_TAIL =
  /^(?:\s*[,;]\s*(?:(?:and|or)\s+)?[\p{L}-]+(?:\s+[\p{L}-]+){0,2}){0,3}\s*[,;]?\s*(?:(?:and|or)\s+)?$/iu

/**
 * The name is one a conditional clause of the sentence names ("If you have linked your Google Analytics and AdWords
 * accounts, AdWords … will read this cookie"): what happens when the reader or the site uses it, not that it is used.
 */
function namedInCondition(s: Sentence, m: Match): boolean {
  const name = m.text.toLowerCase()
  for (const c of s.text.matchAll(/\bif\s+([^,;.]{3,150}),/gi)) {
    const from = s.start + c.index!
    if ((m.start >= from && m.end <= from + c[0].length) || c[1]!.toLowerCase().includes(name)) return true
  }
  return false
}

/**
 * "your LinkedIn profile", "the user's GitHub handle": the company's name qualifies the reader's own account. A list
 * item or cell that is nothing but the name and such a word ("- LinkedIn profile" in a list of fields asked for) is a
 * field of the form, the reader's account there, without "your".
 */
function ownAccount(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  const rel = m.start - s.start
  const after = s.text.slice(m.end - s.start, m.end - s.start + 30)
  if (!lexicon.ownAccountAfter.test(after)) return false
  if (lexicon.ownAccountBefore.test(s.text.slice(Math.max(0, rel - 30), rel))) return true
  const field = lexicon.ownAccountAfter.exec(after)![0]
  const item = s.text.slice(m.end - s.start + field.length).replace(/[\s.:;,*_|-]+$/, '')
  return (s.bullet === true || s.row !== undefined) && /^[\s*_|-]*$/.test(s.text.slice(0, rel)) && item === ''
}

/** A sentence talks about data the service handles. */
function dataContext(lexicon: Lexicon, s: Sentence): boolean {
  if (has(s, ['collect', 'share', 'retention'])) return true
  if (s.row || s.label) return true
  return lexicon.cue('collection').test(s.text) || introAboutData(lexicon, s)
}

/**
 * The intro of a list item says the list is of data: a statement about collecting ("We collect:"), or a short label
 * naming the class of data ("Personal Data:", "Usage information:") — words of the `collect` section topic.
 */
function introAboutData(lexicon: Lexicon, s: Sentence): boolean {
  if (s.intro === undefined) return false
  if (lexicon.cue('collection').test(s.intro)) return true
  const label = s.intro.trim()
  return label.endsWith(':') && label.split(/\s+/).length <= 4 && topicsOf(lexicon, label).has('collect')
}

/** A data word joined to "-protected", "-based" …: the service handles that data ("password-protected pages"). */
function impliedUse(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  const after = /^-([a-z]+)/i.exec(s.text.slice(m.end - s.start, m.end - s.start + 20))
  return after !== null && lexicon.cue('implied-use').test(after[1]!)
}

/** "our website", "the contact details provided below", places data goes: the company's own details, not the user's. */
function ownedByUs(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  const rel = m.start - s.start
  const before = s.text.slice(Math.max(0, rel - WINDOW), rel)
  const after = s.text.slice(m.end - s.start, m.end - s.start + 40)
  // Lists after "located outside your …" or "transferred to …" are places the data goes, not data.
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf(';')) + 1)
  // "a device's IP address (stored in a de-identified form), device type": a place named inside closed parentheses
  // qualifies the item before them, the list goes on after them.
  return (
    lexicon.cue('jurisdiction').test(clause.replace(/\([^()]*\)/g, ' ')) ||
    lexicon.ownedBefore.test(before) ||
    lexicon.ownedAfter.test(after)
  )
}

/**
 * A phrase that is not data here: a verb ("we log data about …" — `verb-first` cue) or a modifier of another noun
 * ("credit card processing", "your Website interactions" — `modifier` cue).
 */
function notData(lexicon: Lexicon, s: Sentence, m: Match & { phrase: DataPhrase }): boolean {
  const rel = m.start - s.start
  // "- **Emergency Contacts**: Names and phone numbers you designate": other people's data, under their label.
  if (s.label && lexicon.cue('others-data').test(s.label)) return true
  const first = /^[\p{L}']+/u.exec(m.text)?.[0]
  if (
    first &&
    lexicon.cue('verb-first').test(first) &&
    new RegExp(`(?:${lexicon.cue('verb-first-before').source})\\s+$`, 'i').test(
      s.text.slice(Math.max(0, rel - 30), rel),
    )
  )
    return true
  // "processed locally on your device": the device is where data stays.
  if (
    m.phrase.categories.includes('user.device') &&
    new RegExp(`\\b(?:${lexicon.cue('device-place').source})\\s+(?:your|the|their|a)?\\s*$`, 'i').test(
      s.text.slice(Math.max(0, rel - 30), rel),
    )
  )
    return true
  // "a computer, mobile phone, or tablet": a phone among kinds of device is the device.
  if (m.phrase.categories.includes('user.contact.phone_number')) {
    const kind = lexicon.cue('device-kind').source
    const before = new RegExp(`\\b(?:${kind})\\s*(?:,\\s*)?(?:(?:or|and)\\s+)?(?:an?\\s+)?$`, 'i')
    const after = new RegExp(`^\\s*(?:,\\s*)?(?:(?:or|and)\\s+)?(?:an?\\s+|other\\s+)?(?:${kind})\\b`, 'i')
    if (
      before.test(s.text.slice(Math.max(0, rel - 40), rel)) ||
      after.test(s.text.slice(m.end - s.start, m.end - s.start + 40))
    )
      return true
  }
  const previous = /([\p{L}-]+)\s+$/u.exec(s.text.slice(Math.max(0, rel - 40), rel))?.[1]
  if (
    previous !== undefined &&
    new RegExp(`^(?:${lexicon.cue('modifier-before').source})$`, 'i').test(previous)
  )
    return true
  const next = /^\s+([\p{L}-]+)/u.exec(s.text.slice(m.end - s.start, m.end - s.start + 40))?.[1]
  return next !== undefined && new RegExp(`^(?:${lexicon.cue('modifier').source})$`, 'i').test(next)
}

/** A single ordinary word counts as data only as an element of a list of data ("name, email address, city"). */
function listElement(
  lexicon: Lexicon,
  s: Sentence,
  m: Match,
  dataPhrases: number,
  cols?: TableColumns,
): boolean {
  // A table row is a list, except the description of a cookie (its words describe the cookie, not data collected).
  if (s.row) return !cols?.cookies
  const rel = m.start - s.start
  const relEnd = m.end - s.start
  const left = s.text.slice(Math.max(0, rel - WINDOW), rel)
  const right = s.text.slice(relEnd, relEnd + WINDOW)
  const enumeration = lexicon.cue('enumeration')
  let from = 0
  // A spaced dash ends a run-in label as a colon does: "- Your personal details - name, address, phone number".
  for (const x of left.matchAll(/[,;(:/]|\s[-–—]\s|\band\b|\bor\b/gi)) from = x.index! + x[0].length
  // The first item follows the verb: "We collect [your] name, …".
  const base = from
  for (const x of left.slice(base).matchAll(new RegExp(lexicon.cue('collection').source, 'gi')))
    from = base + x.index! + x[0].length
  const l = left.slice(from)
  // "- Name (first and last)": the parentheses qualify the item, they end it as a comma would.
  const r = /^(.*?)(?:[,;():./]|\band\b|\bor\b|$)/i.exec(right)?.[1] ?? right
  const rest = `${l} ${r}`
    .replace(/^\s*(?:[-*•+]|\(?\w{1,4}[.)])\s+/, ' ')
    .replace(new RegExp(enumeration.source, 'gi'), ' ')
    .replace(/\b(?:and|or|your|their|the|a|an|any|other|etc|data|information|details|optional)\b/gi, ' ')
    // A brand before the item ("your GitHub handle") does not make it something else.
    .replace(/\b[A-Z][\p{L}]*[A-Z][\p{L}]*\b|\b[A-Z][a-z]+(?=\s+[a-z])/gu, ' ')
    .replace(/[\s"'/()]+/g, '')
  if (rest !== '') return false
  // After "such as", the list gives examples of the word before it: data only if that word is about data.
  const enumerated = new RegExp(`(${enumeration.source})[^.;]*$`, 'i').exec(left.slice(-120))
  if (enumerated) return lexicon.enumerationHead.test(left.slice(-120).slice(0, enumerated.index))
  if (dataPhrases > 1) return true
  // A list item on its own ("- Name") under a heading about collected data.
  return (
    (s.bullet || s.label !== undefined) &&
    s.unit.trimStart().startsWith(s.text.trimStart()) &&
    s.text.trim().split(/\s+/).length <= 6 &&
    (s.topics.has('collect') || introAboutData(lexicon, s))
  )
}

/**
 * A word joined by a slash to another data phrase of the sentence ("basic IP/user agent metadata"): two items written
 * as one, so the word is an item of data as its partner is.
 */
function slashPaired(s: Sentence, m: Match, matches: readonly Match[]): boolean {
  const gap = (from: number, to: number): boolean =>
    /^\s*\/\s*$/.test(s.text.slice(from - s.start, to - s.start))
  return matches.some(
    (o) =>
      o !== m && ((o.start >= m.end && gap(m.end, o.start)) || (o.end <= m.start && gap(o.end, m.start))),
  )
}

/** A company name followed by its legal form ("Google LLC", "Google, LLC"). */
function withLegalForm(lexicon: Lexicon, s: Sentence, m: Match): boolean {
  const last = m.text.includes(' ') ? ` ${m.text.split(/\s+/).pop()}` : ''
  return (
    lexicon.legalForm.test(last) ||
    lexicon.legalForm.test(s.text.slice(m.end - s.start, m.end - s.start + 20))
  )
}

/**
 * A legal entity in parentheses right after a product's name ("Papertrail (SolarWinds Worldwide LLC)"): the product's
 * maker, not a recipient of its own.
 */
function makerInParentheses(lexicon: Lexicon, s: Sentence, u: { name: string; start: number }): boolean {
  const rel = u.start - s.start
  if (!/[A-Z0-9][\w.&'-]*\s*\(\s*$/.test(s.text.slice(Math.max(0, rel - 40), rel))) return false
  const end = rel + u.name.length
  const form = lexicon.legalForm.exec(s.text.slice(end, end + 30))
  if (form) return /^\s*\)/.test(s.text.slice(end + form[0].length))
  return new RegExp(`${lexicon.legalForm.source.slice(1)}$`).test(u.name) && /^\s*\)/.test(s.text.slice(end))
}

/**
 * What the parentheses after a name without a rule say it is: null when they hold a recipient already named (the name
 * is that recipient's legal entity), the quoted trade name it goes by, or undefined.
 */
function aliasAfter(
  lexicon: Lexicon,
  s: Sentence,
  u: { name: string; start: number },
  names: readonly Match[],
): { name: string; start: number } | null | undefined {
  let rel = u.start - s.start + u.name.length
  const form = lexicon.legalForm.exec(s.text.slice(rel, rel + 30))
  if (form) rel += form[0].length
  const p = /^\s*\(\s*(["“”'‘’]?)([^()"“”'‘’]{2,40})["“”'‘’]?\s*\)/.exec(s.text.slice(rel, rel + 80))
  if (!p) return undefined
  // "Papertrail (SolarWinds Worldwide LLC)": a legal entity in the parentheses is the maker of the named product.
  if (new RegExp(`${lexicon.legalForm.source.slice(1)}$`).test(p[2]!.trim())) return undefined
  const from = s.start + rel + p[0].indexOf(p[2]!)
  if (names.some((n) => n.start >= from && n.end <= from + p[2]!.length)) return null
  return p[1] && /^[A-Z]/.test(p[2]!) ? { name: p[2]!.trim(), start: from } : undefined
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
  if (what.category && !name) entry.categoryNamed = true
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
export function quoteAround(fullLine: string, position: number, length: number): string {
  // Only a window around the match matters (a one-line policy is one very long line).
  const from = Math.max(0, position - 2 * QUOTE_MAX)
  const line = fullLine.slice(from, position + length + 2 * QUOTE_MAX)
  const at = position - from
  let s = from === 0 ? line.replace(/^\s*(?:[-*•+]\s+)?/, '') : line
  let pos = Math.max(0, at - (line.length - s.length))
  s = s.trimEnd()
  if (s.length <= QUOTE_MAX) return clean(s)
  // Centred on a short match; a match longer than the quote (a whole statement) is quoted from its start.
  const centred = length < QUOTE_MAX ? pos - Math.floor((QUOTE_MAX - length) / 2) : pos
  const start = Math.max(0, Math.min(centred, s.length - QUOTE_MAX))
  let out = s.slice(start, start + QUOTE_MAX)
  pos = start
  // Drop a word cut in two at the start; a word that starts there stays.
  if (start > 0) out = '…' + (/\s/.test(s[start - 1]!) ? out : out.replace(/^\S*\s/, ''))
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
          : recipientNoun(r.category!, rules)
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
  const transfers = draft.transfers
  if (transfers && (transfers.countries.length || transfers.safeguards.length)) {
    out.push(
      '',
      '# International transfers the policy names (privacy.yml has no field for them: check your processors):',
    )
    for (const c of transfers.countries)
      out.push(`#   ${placeName(c.code, rules)} (${c.code}) — ${q(c.source)}`)
    for (const g of transfers.safeguards)
      out.push(`#   safeguard: ${SAFEGUARD_WORDS[g.key] ?? g.key} — ${q(g.source)}`)
  }
  out.push('')
  // Quotes from the policy text: control characters as escapes, so `init --from-policy --stdout` is inert.
  return escapeControl(out.join('\n'), true)
}

const SAFEGUARD_WORDS: Record<string, string> = {
  scc: 'standard contractual clauses',
  adequacy: 'adequacy decision',
  dpf: 'EU-U.S. Data Privacy Framework',
  bcr: 'binding corporate rules',
  consent: 'your consent',
  derogation: 'a GDPR Art. 49 derogation',
}

function placeName(code: string, rules: RuleSet): string {
  return rules.policy.transfers.places.find((p) => p.code === code)?.names[0] ?? code
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
