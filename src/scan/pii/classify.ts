import type { Confidence } from '../../model/types.js'
import type { PiiRule } from '../../rules/schema.js'
import { singularise, tokenizeIdentifier } from './tokenize.js'

/** What a detector knows about a field besides its name. */
export interface FieldContext {
  /** Name of the enclosing object: interface, class, type alias, schema, model or variable. */
  container?: string
  /** Names of the other fields of the same object. */
  siblings?: readonly string[]
  /** The field's TypeScript (or schema) type, simplified. */
  type?: FieldType
}

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'function' | 'object' | 'array' | 'unknown'

export interface PiiMatch {
  rule: PiiRule
  category: string
  confidence: Confidence
  tokens: string[]
  /** Human-readable explanation: which tokens matched and why it counts. */
  reason: string
}

export interface PiiRejection {
  rule: PiiRule
  reason: string
}

/** A word set from a space-separated list (keeps the long vocabularies readable). */
function words(list: string): Set<string> {
  return new Set(list.split(' ').filter(Boolean))
}

/** Words that make a field about data rather than the data itself (`emailVerified`, `phoneRegex`). */
const META_HEADS = words(
  'verified verification verify enabled disabled enable disable required optional valid invalid ' +
    'validity regex regexp re pattern validator validation validate template label placeholder hint ' +
    'help tooltip error message format formatter type kind provider service client transport queue ' +
    'job worker status state count length size max min limit column field key index schema config ' +
    'configuration option options setting settings preference button link icon route path endpoint ' +
    'host domain server url uri visible visibility changed change confirmed confirmation sent opened ' +
    'clicked updated mode version component modal dialog form view page screen handler callback ' +
    'listener loading loaded ref mask policy rule list filter sort order query mutation action event ' +
    'exists missing empty only allowed blocked flag toggle id name header parser param prop ' +
    'permission prompt banner enum code',
)

/** Words after the data term that still mean the data (`emailValue`, `phoneInput`). */
const CARRIERS = words(
  'value input text str string raw data info detail details entry field hash hashed encrypted enc ' +
    'cipher ciphertext digest sha1 sha256 sha512 md5 base64 b64 normalized normalised lower lowercase ' +
    'trimmed clean plain new old current prev previous primary secondary main backup alt alternate ' +
    'other personal private public work home mobile record',
)

/** Modifiers that may precede a weak term without changing what it is (`homeCity`, `preferredLanguage`). */
const QUALIFIERS = words(
  'new old current prev previous primary secondary main backup alt alternate other personal private ' +
    'work home mobile preferred legal real my your their own hashed encrypted masked',
)

/**
 * Leading words that make a field a flag, a count, an action or a fixture rather than the data; the verbs
 * (`setEmail`, `useEmail`, `maskEmail`) name functions.
 */
const NEGATING_PREFIXES = words(
  'is has have should can did does will was show hide enable disable allow validate send resend ' +
    'verify check format parse render max min count total num no without missing invalid valid ' +
    'default sample example mock fake dummy test placeholder support noreply admin system sender from ' +
    'reply get set use on handle fetch load save update delete remove clear reset generate create ' +
    'edit copy mask encrypt decrypt hash normalize normalise sanitize sanitise redact redacted ' +
    'obfuscate obfuscated anonymize anonymise anonymized anonymised random lookup find search submit ' +
    'collect ask capture require include exclude skip ignore track log print display extract detect ' +
    'make sort filter group add link unlink connect attach detach toggle open close apply with zod',
)

/** Container words that make a weak term (`name`, `address`, `age`) personal data. */
export const PERSON_WORDS = words(
  'user users account customer member profile person people contact lead subscriber patient ' +
    'employee applicant candidate student teacher author buyer seller shopper recipient payer payee ' +
    'owner guest visitor attendee participant driver passenger cardholder beneficiary invitee ' +
    'shipping billing checkout signup registration register onboarding me human individual ' +
    'client guardian traveler traveller resident volunteer donor admin staff freelancer rider ' +
    'identity personal kyc physician doctor clinician',
)

/**
 * Person words too ambiguous to qualify a weak term by themselves (`candidateNames` in a solver, `profileName` of
 * an AWS profile, `postBody` of an HTTP POST, `sessionToken` in cookie code).
 */
const AMBIGUOUS_PREFIX = new Set([
  'candidate',
  'client',
  'lead',
  'register',
  'me',
  'member',
  'owner',
  'host',
  'profile',
  'session',
  'post',
])

/**
 * Container words that only wrap the thing they describe (`userSchema`, `usersTable`, `CustomerDto`): beside a
 * person word they do not make the container something else, even when a rule excludes them elsewhere.
 */
const WRAPPER_WORDS = words(
  'schema schemas table tables model models entity entities dto type types record records row rows document docs ' +
    'doc collection form input inputs data payload shape props values fields column columns db database',
)

/**
 * Groups of people and things people own or write: a person noun after one names a person again (`TeamMember`,
 * `OrganizationUser`, `PostAuthor`, `ListingOwner`).
 */
const GROUP_WORDS = words(
  'team teams company organization organisation org business workspace tenant group project channel store shop ' +
    'merchant vendor supplier brand school post article listing comment review event product item order message',
)

/** Person words that are not nouns for a person (`billing`, `checkout`, `identity`): they do not name one. */
const NOT_PERSON_NOUNS = words(
  'shipping billing checkout signup registration register onboarding me identity personal kyc human individual ' +
    'people users admin client',
)

/** Person words that are nouns for a person, for the head-word rule. */
const PERSON_NOUNS = new Set([...PERSON_WORDS].filter((w) => !NOT_PERSON_NOUNS.has(w)))

/**
 * Categories where a yes/no flag about a person discloses the data itself (GDPR Art. 9 and 10):
 * `hasCriminalRecord` and `isPregnant` are criminal and health data, unlike `isEmailVerified`.
 */
const FLAGGABLE_CATEGORIES = [
  'user.health_and_medical',
  'user.criminal_history',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.political_opinion',
  'user.demographic.sexual_orientation',
]

/** Leading words that make a flag: negating, except before a flaggable category. */
const FLAG_PREFIXES = words('is has have had was were')

/** Container words for infrastructure and configuration objects: not a person unless a person word says so. */
const INFRA_CONTAINER = words(
  'config configuration option options setting settings env environment server database db smtp transport ' +
    'connection window document navigator process node parameter module package plugin command field column ' +
    'metric stat stats span trace rtc ice socket worker thread',
)

/** Container words for objects *about* fields (errors, labels, copy, styling, syntax trees): never the data. */
const ABOUT_CONTAINER = words(
  'theme style styles class classes i18n translation translations messages label labels placeholder placeholders ' +
    'string strings constant constants default defaults icon icons route routes endpoint endpoints validation ' +
    'validator validators error errors regex pattern patterns copy text texts tooltip tooltips hint hints enum ' +
    'tuple ast declaration symbol identifier expression statement signature lint diagnostic',
)

/** `client` names a person only when it is not an SDK or protocol client (`ClientConfig`, `HttpClient`). */
const CLIENT_INFRA = words('http api sdk auth oauth redis grpc db rpc graphql apollo s3 aws')

/** Strong siblings in these categories do not make a neighbouring weak term personal (`Host { name, ip }`). */
const NON_CORROBORATING = [
  'user.device',
  'user.location',
  'user.unique_id',
  'user.behavior',
  'user.telemetry',
  'user.content',
  'user.privacy_preferences',
  'user.authorization.credentials',
  'system',
]

interface IndexedSequence {
  rule: PiiRule
  sequence: string[]
  weak: boolean
}

/** Per-call facts about the container, computed once. */
interface ContainerFacts {
  tokens: string[]
  /** Singular tokens in order, for the head-word rule (`TeamMember` is a member, `UserTeam` a team). */
  ordered: string[]
  person: string | undefined
  /** An infrastructure word (overridden by a person word for strong terms). */
  infra: string | undefined
  /** A word for an object about fields: errors, labels, styles. */
  about: string | undefined
}

const SIBLING_CACHE_LIMIT = 20_000
const DIGITS = /^\d+$/

/** A compiled pii-field rule set: rules indexed by the last token of each sequence. */
export class PiiClassifier {
  private readonly byLastToken = new Map<string, IndexedSequence[]>()
  private readonly contexts = new Map<string, Set<string>>()
  private readonly siblingCache = new Map<string, string | null>()
  /** Ids of rules whose category a yes/no flag discloses (see FLAGGABLE_CATEGORIES). */
  private readonly flaggable = new Set<string>()

  constructor(readonly rules: readonly PiiRule[]) {
    for (const rule of rules) {
      for (const sequence of rule.sequences) this.add({ rule, sequence, weak: false })
      for (const sequence of rule.weak_sequences) this.add({ rule, sequence, weak: true })
      if (rule.contexts) this.contexts.set(rule.id, new Set(rule.contexts))
      if (FLAGGABLE_CATEGORIES.some((c) => rule.category === c || rule.category.startsWith(c + '.')))
        this.flaggable.add(rule.id)
    }
  }

  private add(entry: IndexedSequence): void {
    const last = entry.sequence[entry.sequence.length - 1]!
    const list = this.byLastToken.get(last)
    if (list) list.push(entry)
    else this.byLastToken.set(last, [entry])
  }

  /** True when no rule could match any token of the identifier: the cheap pre-filter. */
  private mayMatch(tokens: readonly string[]): boolean {
    for (const t of tokens) if (this.byLastToken.has(t) || this.byLastToken.has(singularise(t))) return true
    return false
  }

  /** Classifies a data-bearing identifier; null when it is not personal data. */
  classify(name: string, ctx: FieldContext = {}): PiiMatch | null {
    return this.evaluate(name, ctx).match
  }

  /** Classifies and explains: the winning match and every near-miss with the reason it was rejected. */
  evaluate(
    name: string,
    ctx: FieldContext = {},
  ): { tokens: string[]; match: PiiMatch | null; rejected: PiiRejection[] } {
    const tokens = tokenizeIdentifier(name)
    const rejected: PiiRejection[] = []
    if (tokens.length === 0 || !this.mayMatch(tokens)) return { tokens, match: null, rejected }
    const candidates: { entry: IndexedSequence; start: number; end: number }[] = []
    for (let end = tokens.length - 1; end >= 0; end--) {
      const token = tokens[end]!
      const single = singularise(token)
      const forms = token === single ? [token] : [token, single]
      for (const form of forms) {
        for (const entry of this.byLastToken.get(form) ?? []) {
          const start = end - entry.sequence.length + 1
          if (start < 0) continue
          let ok = true
          for (let k = 0; k < entry.sequence.length - 1; k++) {
            if (tokens[start + k] !== entry.sequence[k]) {
              ok = false
              break
            }
          }
          if (ok) candidates.push({ entry, start, end })
        }
      }
    }
    if (candidates.length === 0) return { tokens, match: null, rejected }
    // Most specific first: longest sequence, then strong before weak, then closest to the head word.
    candidates.sort(
      (a, b) =>
        b.entry.sequence.length - a.entry.sequence.length ||
        Number(a.entry.weak) - Number(b.entry.weak) ||
        b.end - a.end,
    )
    const container = containerFacts(ctx.container)
    const seenRules = new Set<string>()
    for (const c of candidates) {
      const verdict = this.judge(name, tokens, c.entry, c.start, c.end, ctx, container)
      if (typeof verdict === 'string') {
        if (!seenRules.has(c.entry.rule.id)) rejected.push({ rule: c.entry.rule, reason: verdict })
        seenRules.add(c.entry.rule.id)
        continue
      }
      return { tokens, match: verdict, rejected }
    }
    return { tokens, match: null, rejected }
  }

  private judge(
    name: string,
    tokens: string[],
    entry: IndexedSequence,
    start: number,
    end: number,
    ctx: FieldContext,
    container: ContainerFacts,
  ): PiiMatch | string {
    const { rule } = entry
    const matched = tokens.slice(start, end + 1).join(' ')
    for (const seq of rule.exclude_sequences) {
      if (containsSequence(tokens, seq)) return `"${seq.join(' ')}" is excluded for this rule`
    }
    const tail = tokens.slice(end + 1)
    for (const t of tail) {
      const s = singularise(t)
      if (rule.exclude_heads.includes(t) || rule.exclude_heads.includes(s))
        return `"${t}" after "${matched}" makes it something other than the data`
      if (rule.suffixes.includes(t) || rule.suffixes.includes(s)) continue
      if (META_HEADS.has(t) || META_HEADS.has(s))
        return `"${t}" after "${matched}" makes it a ${describeMeta(s)}, not the data itself`
      if (!CARRIERS.has(t) && !CARRIERS.has(s) && !DIGITS.test(t))
        return `"${t}" after "${matched}" names something else`
    }
    const prefix = tokens.slice(0, start)
    const flaggable = this.flaggable.has(rule.id)
    let flag: string | undefined
    for (let i = 0; i < prefix.length; i++) {
      const t = prefix[i]!
      if (
        (rule.exclude_tokens.includes(t) || rule.exclude_tokens.includes(singularise(t))) &&
        !personAfterGroup(prefix, i)
      )
        return `"${t}" marks a non-personal ${matched}`
      if (flaggable && FLAG_PREFIXES.has(t)) flag = t
      else if (NEGATING_PREFIXES.has(t))
        return `"${t}" before "${matched}" makes it a flag, count, action or fixture`
    }
    const excludedBy = containerExclusion(container, rule.exclude_tokens)
    if (excludedBy) return `"${excludedBy}" in container "${ctx.container}" marks a non-personal ${matched}`
    const type = ctx.type ?? 'unknown'
    if (type === 'function') return `"${name}" is a function, not data`
    if (flag && type !== 'boolean' && type !== 'string' && type !== 'unknown')
      return `"${flag}" before "${matched}" on a ${type} makes it a count or an object, not a yes/no about a person`
    if (type !== 'unknown' && !(rule.types as string[]).includes(type) && !(flag && type === 'boolean'))
      return `type ${type} cannot hold ${rule.category}`
    let confidence: Confidence = 'high'
    let why = `tokens "${matched}"`
    if (entry.weak) {
      const words = this.contexts.get(rule.id) ?? PERSON_WORDS
      const stray = prefix.find(
        (t) => t !== flag && !words.has(t) && !words.has(singularise(t)) && !QUALIFIERS.has(t),
      )
      if (stray) return `"${stray}" before the weak term "${matched}" names something else`
      const prefixWord = prefix.find(
        (t) => !AMBIGUOUS_PREFIX.has(t) && (words.has(t) || words.has(singularise(t))),
      )
      const containerWord = container.tokens.find((t) => words.has(t))
      if (container.about) return `container "${ctx.container}" is a ${container.about} object, not the data`
      if (!prefixWord && container.infra && !container.person)
        return `container "${ctx.container}" is a ${container.infra} object, not a person`
      if (prefixWord) why += ` qualified by "${prefixWord}"`
      else if (
        containerWord &&
        !(containerWord === 'client' && container.tokens.some((t) => CLIENT_INFRA.has(t)))
      )
        why += ` in "${ctx.container}"`
      else {
        const partner =
          rule.partners.length > 0 ? this.findPartner(rule, entry.sequence, ctx.siblings, name) : undefined
        if (partner) {
          why += ` beside "${partner}"`
          confidence = 'medium'
        } else {
          const sibling =
            rule.partners.length === 0 && ctx.siblings
              ? this.corroboratingSibling(ctx.siblings, name)
              : undefined
          if (!sibling)
            return `"${matched}" is a weak term and "${ctx.container ?? 'its context'}" is not person-like`
          why += ` beside "${sibling}"`
          confidence = 'medium'
        }
      }
    } else {
      if (container.about) return `container "${ctx.container}" is a ${container.about} object, not the data`
      if (container.infra && !container.person)
        return `container "${ctx.container}" is a ${container.infra} object, not a person`
      if (type === 'unknown' && tokens.length === 1 && tokens[0]!.length <= 3) confidence = 'medium'
    }
    if (flag) why += ` as a "${flag}" flag about a person`
    if (tail.length > 0) why += ` (+ ${tail.join(' ')})`
    return { rule, category: rule.category, confidence, tokens, reason: why }
  }

  /** A sibling holding one of the rule's partner sequences (not the same term again). */
  private findPartner(
    rule: PiiRule,
    own: readonly string[],
    siblings: readonly string[] | undefined,
    self: string,
  ): string | undefined {
    if (!siblings) return undefined
    for (const s of siblings) {
      if (s === self) continue
      const tokens = tokenizeIdentifier(s).map(singularise)
      for (const p of rule.partners) {
        if (p.length === own.length && p.every((t, i) => t === own[i])) continue
        if (containsSequence(tokens, p)) return s
      }
    }
    return undefined
  }

  /** The first sibling that is itself strong personal data about a person (not a device or location). */
  private corroboratingSibling(siblings: readonly string[], self: string): string | undefined {
    for (const s of siblings) {
      if (s === self) continue
      let category = this.siblingCache.get(s)
      if (category === undefined) {
        const r = this.evaluate(s, {})
        category = r.match && r.match.confidence === 'high' ? r.match.category : null
        if (this.siblingCache.size >= SIBLING_CACHE_LIMIT) this.siblingCache.clear()
        this.siblingCache.set(s, category)
      }
      if (category && !NON_CORROBORATING.some((p) => category === p || category!.startsWith(p + '.')))
        return s
    }
    return undefined
  }
}

/** Next.js route handlers are named after HTTP methods: `POST` is a verb there, not a user's post. */
const HTTP_HANDLERS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

function containerFacts(container: string | undefined): ContainerFacts {
  if (container) {
    const dot = container.indexOf('.')
    if (HTTP_HANDLERS.has(dot < 0 ? container : container.slice(0, dot)))
      container = dot < 0 ? undefined : container.slice(dot + 1)
  }
  if (!container) return { tokens: [], ordered: [], person: undefined, infra: undefined, about: undefined }
  const raw = tokenizeIdentifier(container)
  const ordered = raw.map(singularise)
  const tokens = [...new Set([...raw, ...ordered])]
  return {
    tokens,
    ordered,
    person: tokens.find((t) => PERSON_WORDS.has(t)),
    infra: tokens.find((t) => INFRA_CONTAINER.has(t)),
    about: tokens.find((t) => ABOUT_CONTAINER.has(t)),
  }
}

/**
 * The container word that a rule excludes, unless the container is still a person: a person noun after a group
 * word names a person (`TeamMember`, `OrganizationUser`, but not `SmtpUser`), and a wrapper word beside a person
 * word (`userSchema`, `usersTable`) excludes nothing.
 */
function containerExclusion(container: ContainerFacts, excluded: readonly string[]): string | undefined {
  if (excluded.length === 0 || container.tokens.length === 0) return undefined
  for (const t of container.tokens) {
    if (!excluded.includes(t)) continue
    if (container.person && WRAPPER_WORDS.has(t)) continue
    if (personAfterGroup(container.ordered, container.ordered.lastIndexOf(singularise(t)))) continue
    return t
  }
  return undefined
}

/** True when tokens[at] is a group word followed by a person noun (`organisationMemberEmail`, `TeamMember`). */
function personAfterGroup(tokens: readonly string[], at: number): boolean {
  if (at < 0 || !GROUP_WORDS.has(singularise(tokens[at]!))) return false
  for (let i = at + 1; i < tokens.length; i++) if (PERSON_NOUNS.has(singularise(tokens[i]!))) return true
  return false
}

function containsSequence(tokens: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let k = 0; k < seq.length; k++) if (tokens[i + k] !== seq[k]) continue outer
    return true
  }
  return false
}

function describeMeta(word: string): string {
  if (['verified', 'enabled', 'disabled', 'required', 'valid', 'visible', 'confirmed'].includes(word))
    return 'flag'
  if (['count', 'length', 'size', 'max', 'min', 'limit'].includes(word)) return 'number about it'
  return 'thing about it'
}
