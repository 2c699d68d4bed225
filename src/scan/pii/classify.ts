import type { Confidence } from '../../model/types.js'
import type { ContainerKind, FIELD_TYPES, PiiDecisionId, PiiRule, PiiVocabulary } from '../../rules/schema.js'
import { singularise, tokenizeIdentifier } from './tokenize.js'

export type { ContainerKind }

/** What a detector knows about a field besides its name. */
export interface FieldContext {
  /** Name of the enclosing object: interface, class, type alias, schema, model, handler or variable. */
  container?: string
  /** What the container is, structurally: a persisted model, an input schema, a form, a request read … */
  kind?: ContainerKind
  /** Names of the other fields of the same object. */
  siblings?: readonly string[]
  /** The field's TypeScript (or schema) type, simplified. */
  type?: FieldType
  /** The file that declares the field: its three folders and base name, without its extension (`lib/src/types/polar`). */
  module?: string
}

/**
 * A field's simplified type; `relation` is a link to another model's rows (a Prisma relation field), `element` a piece
 * of user interface (`React.ReactNode`).
 */
export type FieldType = (typeof FIELD_TYPES)[number]

export interface PiiMatch {
  rule: PiiRule
  category: string
  confidence: Confidence
  tokens: string[]
  /** Human-readable explanation: which tokens matched and why it counts. */
  reason: string
  /** The category the field's model records about the person the field identifies (`TrackPlay.userId`). */
  record?: { rule: PiiRule; category: string; reason: string }
}

export interface PiiRejection {
  rule: PiiRule
  /** The rule of the decision that rejected it (rules/pii/vocabulary.yaml). */
  decision: PiiDecisionId | 'rule-sequence' | 'rule-sibling'
  reason: string
}

/** Container kinds that hold values at run time: their name never vetoes a strong term. */
const DATA_KINDS: ReadonlySet<ContainerKind> = new Set(['model', 'input', 'form', 'request'])

interface IndexedSequence {
  rule: PiiRule
  sequence: string[]
  weak: boolean
}

/** Per-call facts about the container, computed once. */
interface ContainerFacts {
  readonly tokens: readonly string[]
  /** Singular tokens in order, for the head-word rule (`TeamMember` is a member, `UserTeam` a team). */
  readonly ordered: readonly string[]
  person: string | undefined
  /** An infrastructure word (overridden by a person word for strong terms). */
  service: string | undefined
  /** A word for an object about fields: errors, labels, styles. */
  about: string | undefined
  /** A word for the process environment: the operator's configuration. */
  environment: string | undefined
  /** An organisation word with no person noun after it: the record is an organisation's. */
  organisation: string | undefined
}

/** A rejection in the making: the decision and its reason. */
interface Verdict {
  decision: PiiRejection['decision']
  reason: string
}

const SIBLING_CACHE_LIMIT = 20_000
const UNMATCHABLE_CACHE_LIMIT = 50_000
const CONTAINER_CACHE_LIMIT = 20_000
const DIGITS = /^\d+$/
const NO_CONTAINER: ContainerFacts = {
  tokens: [],
  ordered: [],
  person: undefined,
  service: undefined,
  about: undefined,
  environment: undefined,
  organisation: undefined,
}

/** True when a category is one of the keys or below one (`user.contact.email` is under `user.contact`). */
function under(category: string, keys: readonly string[]): boolean {
  return keys.some((k) => category === k || category.startsWith(k + '.'))
}

/** A compiled pii-field rule set: rules indexed by the last token of each sequence, and the decision's vocabulary. */
export class PiiClassifier {
  private readonly byLastToken = new Map<string, IndexedSequence[]>()
  private readonly contexts = new Map<string, Set<string>>()
  private readonly siblingCache = new Map<string, string | null>()
  /**
   * Names no rule's sequence can match, whatever their context (most names a scan meets): `classify` answers them
   * without tokenizing again. An object, not a Map: its keys are copies, not slices that keep a file's text alive.
   */
  private unmatchable: Record<string, true> = Object.create(null)
  private unmatchableSize = 0
  /**
   * `containerFacts` by container name (they depend on the name alone): `written-objects` asks `namesPerson` about the
   * callee of every call with an object literal, and every field classified past the memo asks about its container.
   * An object, for the same reason as `unmatchable`.
   */
  private containers: Record<string, ContainerFacts> = Object.create(null)
  private containersSize = 0
  /** Ids of rules whose category a yes/no flag discloses. */
  private readonly flaggable = new Set<string>()
  /** Ids of rules for secrets that are personal only when they are the person's own. */
  private readonly credentials = new Set<string>()
  /** Ids of rules for addresses and locations, which a place has as well as a person. */
  private readonly places = new Set<string>()
  /** Ids of rules for addresses and locations, which an organisation has as well as a person. */
  private readonly organisationPlaces = new Set<string>()
  /** Ids of rules for login names, which a service's connection settings have as well as a person. */
  private readonly serviceLogins = new Set<string>()
  /** Rules with names of persisted records of their category, for a person's id in such a model. */
  private readonly recordRules: PiiRule[] = []
  private readonly w: Record<keyof PiiVocabulary['words'], ReadonlySet<string>>
  /** Person words that are nouns for a person, for the group-then-person rule. */
  private readonly personNouns: ReadonlySet<string>

  /**
   * @param vendorNamed the categories of the vendor whose id or one-word name a lower-case word is (`polar`,
   *   `clearbit`), undefined for none: a type in a module named for a vendor spells that vendor's payload
   *   (the vendor-payload decision).
   */
  constructor(
    readonly rules: readonly PiiRule[],
    readonly vocabulary: PiiVocabulary,
    private readonly vendorNamed: (word: string) => readonly string[] | undefined = () => undefined,
  ) {
    this.w = Object.fromEntries(
      Object.entries(vocabulary.words).map(([k, list]) => [k, new Set(list)]),
    ) as unknown as PiiClassifier['w']
    this.personNouns = new Set([...this.w.person_words].filter((x) => !this.w.not_person_nouns.has(x)))
    for (const rule of rules) {
      for (const sequence of rule.sequences) this.add({ rule, sequence, weak: false })
      for (const sequence of rule.weak_sequences) this.add({ rule, sequence, weak: true })
      if (rule.contexts) this.contexts.set(rule.id, new Set(rule.contexts))
      if (under(rule.category, vocabulary.categories.flaggable)) this.flaggable.add(rule.id)
      if (under(rule.category, vocabulary.categories.credentials)) this.credentials.add(rule.id)
      if (under(rule.category, vocabulary.categories.places)) this.places.add(rule.id)
      if (under(rule.category, vocabulary.categories.service_logins)) this.serviceLogins.add(rule.id)
      if (under(rule.category, vocabulary.categories.organisation_places))
        this.organisationPlaces.add(rule.id)
      if (rule.records.length > 0) this.recordRules.push(rule)
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
    if (this.unmatchable[name] === true) return null
    return this.evaluate(name, ctx).match
  }

  /** Remembers a name no candidate sequence matches (which depends on the name's tokens alone, not its context). */
  private noCandidates(name: string): void {
    if (this.unmatchableSize >= UNMATCHABLE_CACHE_LIMIT) {
      this.unmatchable = Object.create(null)
      this.unmatchableSize = 0
    }
    this.unmatchable[name] = true
    this.unmatchableSize++
  }

  /** Classifies and explains: the winning match and every near-miss with the decision that rejected it. */
  evaluate(
    name: string,
    ctx: FieldContext = {},
  ): { tokens: string[]; match: PiiMatch | null; rejected: PiiRejection[] } {
    const tokens = tokenizeIdentifier(name)
    const rejected: PiiRejection[] = []
    if (tokens.length === 0 || !this.mayMatch(tokens)) {
      this.noCandidates(name)
      return { tokens, match: null, rejected }
    }
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
    if (candidates.length === 0) {
      this.noCandidates(name)
      return { tokens, match: null, rejected }
    }
    // Most specific first: longest sequence, then strong before weak, then closest to the head word.
    candidates.sort(
      (a, b) =>
        b.entry.sequence.length - a.entry.sequence.length ||
        Number(a.entry.weak) - Number(b.entry.weak) ||
        b.end - a.end,
    )
    const container = this.containerFacts(ctx.container)
    const seenRules = new Set<string>()
    for (const c of candidates) {
      const verdict = this.judge(name, tokens, c.entry, c.start, c.end, ctx, container)
      if ('decision' in verdict) {
        if (!seenRules.has(c.entry.rule.id)) rejected.push({ rule: c.entry.rule, ...verdict })
        seenRules.add(c.entry.rule.id)
        continue
      }
      const record = this.recordOf(verdict, ctx, container)
      return { tokens, match: record ? { ...verdict, record } : verdict, rejected }
    }
    return { tokens, match: null, rejected }
  }

  /**
   * A persisted model whose name ends with a rule's record name (`MerchPurchase`, `TrackPlay`, `PlaybackSession`)
   * records what the person its id field identifies did: the id of a person (`userId`) there discloses the category.
   */
  private recordOf(match: PiiMatch, ctx: FieldContext, container: ContainerFacts): PiiMatch['record'] {
    if (ctx.kind !== 'model' || container.ordered.length === 0) return undefined
    if (!under(match.category, this.vocabulary.categories.record_holders)) return undefined
    for (const rule of this.recordRules) {
      const seq = rule.records.find((r) => endsWithOrIs(container.ordered, r))
      if (seq)
        return {
          rule,
          category: rule.category,
          reason: `the model "${ctx.container}" is a record of "${seq.join(' ')}", and "${match.tokens.join(' ')}" ties it to a person`,
        }
    }
    return undefined
  }

  private judge(
    name: string,
    tokens: string[],
    entry: IndexedSequence,
    start: number,
    end: number,
    ctx: FieldContext,
    container: ContainerFacts,
  ): PiiMatch | Verdict {
    const { rule } = entry
    const w = this.w
    const matched = tokens.slice(start, end + 1).join(' ')
    for (const seq of rule.exclude_sequences) {
      if (containsSequence(tokens, seq))
        return { decision: 'rule-sequence', reason: `"${seq.join(' ')}" is excluded for this rule` }
    }
    const tail = tokens.slice(end + 1)
    for (const t of tail) {
      const s = singularise(t)
      if (rule.exclude_heads.includes(t) || rule.exclude_heads.includes(s))
        return {
          decision: 'head-word',
          reason: `"${t}" after "${matched}" makes it something other than the data`,
        }
      if (rule.suffixes.includes(t) || rule.suffixes.includes(s)) continue
      if (w.meta_heads.has(t) || w.meta_heads.has(s))
        return {
          decision: 'head-word',
          reason: `"${t}" after "${matched}" makes it about the data, not the data itself`,
        }
      if (!w.carriers.has(t) && !w.carriers.has(s) && !DIGITS.test(t))
        return { decision: 'head-word', reason: `"${t}" after "${matched}" names something else` }
    }
    const prefix = tokens.slice(0, start)
    const flaggable = this.flaggable.has(rule.id)
    const dataKind = ctx.kind !== undefined && DATA_KINDS.has(ctx.kind)
    // A secret in a person's own record is that person's, whatever service it opens (`profiles.openai_api_key`):
    // the words before the term name the service, not the owner.
    const ownSecret = dataKind && container.person !== undefined && this.credentials.has(rule.id)
    // The key-value storage of the person's own browser or device keeps the signed-in person's secrets: a token kept
    // there is theirs, whichever service issued it (`AsyncStorage.setItem('lastfm_auth_token', …)`).
    const deviceSecret = ctx.kind === 'storage' && this.credentials.has(rule.id)
    let flag: string | undefined
    for (let i = 0; i < prefix.length; i++) {
      const t = prefix[i]!
      if (
        !ownSecret &&
        (rule.exclude_tokens.includes(t) || rule.exclude_tokens.includes(singularise(t))) &&
        !this.personAfterGroup(prefix, i)
      )
        return { decision: 'rule-exclusion', reason: `"${t}" marks a non-personal ${matched}` }
      if (flaggable && w.flag_prefixes.has(t)) flag = t
      else if (w.negating_prefixes.has(t))
        return {
          decision: 'negating-prefix',
          reason: `"${t}" before "${matched}" makes it a flag, count, action or fixture`,
        }
    }
    const type = ctx.type ?? 'unknown'
    if (type === 'function') return { decision: 'field-type', reason: `"${name}" is a function, not data` }
    if (type === 'empty') return { decision: 'field-type', reason: `"${name}" is typed to hold no value` }
    const last = tokens[tokens.length - 1]!
    // `creditCardNumbers: number`, `ipAddresses: number`; not a term spelt in the plural (`ageInYears`).
    if (type === 'number' && singularise(last) !== last && !entry.sequence.includes(last))
      return {
        decision: 'field-type',
        reason: `"${name}" is a number named in the plural: a count, not the data`,
      }
    if (flag && type !== 'boolean' && type !== 'string' && type !== 'unknown')
      return {
        decision: 'flag',
        reason: `"${flag}" before "${matched}" on a ${type} makes it a count or an object, not a yes/no about a person`,
      }
    if (type !== 'unknown' && !(rule.types as string[]).includes(type) && !(flag && type === 'boolean'))
      return { decision: 'field-type', reason: `type ${type} cannot hold ${rule.category}` }
    const where = `container "${ctx.container}"${ctx.kind ? ` (${ctx.kind})` : ''}`
    const excludingSibling = this.namedSibling(ctx.siblings, name, rule.exclude_siblings)
    if (excludingSibling)
      return {
        decision: 'rule-sibling',
        reason: `beside "${excludingSibling}", "${name}" is another kind of ${rule.category} (excluded for this rule)`,
      }
    if (entry.weak && rule.group_siblings.length > 0 && ctx.siblings && ctx.siblings.length > 1) {
      const part = this.groupPart(rule.category, rule.group_siblings, ctx.siblings, name, container)
      if (!part)
        return {
          decision: 'rule-sibling',
          reason: `beside no other part of its whole (${rule.group_siblings.map((q) => q.join(' ')).join(', ')}), "${name}" is not one of its parts`,
        }
    }
    if (ctx.siblings && !container.person && this.places.has(rule.id)) {
      const marker = this.placeMarker(ctx.siblings, name)
      if (marker)
        return {
          decision: 'place-sibling',
          reason: `beside "${marker}", a field only a place has, "${name}" is part of a place's address, not a person's`,
        }
    }
    if (this.organisationPlaces.has(rule.id)) {
      const organisation = container.organisation
        ? `"${container.organisation}"`
        : this.organisationMarker(ctx.siblings, name)
      if (organisation)
        return {
          decision: 'organisation-place',
          reason: `${where} is a record of an organisation (${organisation}): "${name}" is the organisation's, not a person's`,
        }
    }
    if (
      ctx.kind === 'model' &&
      !under(rule.category, this.vocabulary.categories.record_holders) &&
      this.operatorSettings(container, ctx.siblings, name)
    )
      return {
        decision: 'operator-settings',
        reason: `${where} is a configuration record no field ties to a person: "${name}" is the operator's own, not a user's data`,
      }
    if (container.environment)
      return {
        decision: 'environment-container',
        reason: `${where} is the process environment: the operator's configuration, not a user's data`,
      }
    const vendor = this.credentials.has(rule.id) ? undefined : this.vendorPayload(ctx, container)
    if (vendor)
      return {
        decision: 'vendor-payload',
        reason: `${where} is ${ctx.kind === 'input' ? 'a schema named for the vendor in' : 'a type of'} the module "${ctx.module}", named for the vendor "${vendor}": it spells that vendor's payload, not data the product holds`,
      }
    // What the container's name says against the data: a veto outside the data kinds, a doubt inside them.
    let objection: Verdict | undefined
    if (container.about)
      objection = {
        decision: 'about-container',
        reason: `${where} is a ${container.about} object, not the data`,
      }
    const excludedBy = this.containerExclusion(container, rule.exclude_tokens)
    if (!objection && excludedBy)
      objection = {
        decision: 'container-exclusion',
        reason: `"${excludedBy}" in ${where} marks a non-personal ${matched}`,
      }
    let confidence: Confidence = 'high'
    let why = `tokens "${matched}"`
    if (entry.weak) {
      const words = this.contexts.get(rule.id) ?? w.person_words
      const stray =
        ownSecret || deviceSecret
          ? undefined
          : prefix.find(
              (t) => t !== flag && !words.has(t) && !words.has(singularise(t)) && !w.qualifiers.has(t),
            )
      if (stray)
        return {
          decision: 'weak-context',
          reason: `"${stray}" before the weak term "${matched}" names something else`,
        }
      const prefixWord = prefix.find(
        (t) => !w.ambiguous_person_prefixes.has(t) && (words.has(t) || words.has(singularise(t))),
      )
      if (objection) return objection
      // A rule's own context word before the term (`aiPrompt`) says what the value is, not whose: only a person word
      // there outweighs an infrastructure container (`useRuntimeConfig().aiPrompt` is the operator's setting).
      const personPrefix =
        prefixWord !== undefined &&
        (w.person_words.has(prefixWord) || w.person_words.has(singularise(prefixWord)))
      if (!personPrefix && container.service && !container.person)
        return {
          decision: 'service-container',
          reason: `${where} is a ${container.service} object, not a person`,
        }
      const containerWord = container.tokens.find((t) => words.has(t))
      if (prefixWord) why += ` qualified by "${prefixWord}"`
      else if (deviceSecret) why += ` kept in "${ctx.container}", the person's own device`
      else if (containerWord && !(containerWord === 'client' && this.softwareClient(container.tokens)))
        why += ` in "${ctx.container}"`
      else {
        const partner =
          rule.partners.length > 0 ? this.findPartner(rule, entry.sequence, ctx.siblings, name) : undefined
        const sibling =
          !partner && (rule.person_siblings ?? rule.partners.length === 0) && ctx.siblings
            ? this.corroboratingSibling(ctx.siblings, name)
            : undefined
        if (!partner && !sibling)
          return {
            decision: 'weak-context',
            reason: `"${matched}" is a weak term and ${ctx.container ? `"${ctx.container}"` : 'its context'} is not person-like`,
          }
        why += ` beside "${partner ?? sibling}"`
        confidence = 'medium'
      }
    } else {
      if (!objection && container.service && !container.person)
        objection = {
          decision: 'service-container',
          reason: `${where} is a ${container.service} object, not a person`,
        }
      if (objection && !dataKind) return objection
      if (objection) {
        why += `; ${objection.reason.replace(/, not .*$/, '')}, but a strong term in a ${ctx.kind} is kept`
        confidence = 'medium'
      }
      if (type === 'unknown' && tokens.length === 1 && tokens[0]!.length <= 3) confidence = 'medium'
    }
    if (this.credentials.has(rule.id) && ctx.siblings && !container.person) {
      const locator = this.serviceLocator(ctx.siblings, name)
      if (locator)
        return {
          decision: 'service-credential',
          reason: `beside "${locator}" and no person identifier, "${name}" is the secret of that service or thing`,
        }
    }
    if (this.serviceLogins.has(rule.id) && ctx.siblings && !this.namedByPersonNoun(container)) {
      const login = this.serviceLogin(ctx.siblings, name)
      if (login)
        return {
          decision: 'service-credential',
          reason: `beside ${login}, "${name}" is the account that signs in to that service, not a person's`,
        }
    }
    if (flag) why += ` as a "${flag}" flag about a person`
    if (tail.length > 0) why += ` (+ ${tail.join(' ')})`
    return { rule, category: rule.category, confidence, tokens, reason: why }
  }

  /**
   * The vendor whose payload the container spells: any type in a module named for the vendor, and an input schema
   * there whose own name starts with the vendor's (`openaiSubscriptionSchema` in `provider/openai.ts` parses what
   * OpenAI's API answers; `checkoutSchema` beside it may still validate the user's own input).
   */
  private vendorPayload(ctx: FieldContext, container: ContainerFacts): string | undefined {
    if (ctx.kind !== 'type' && ctx.kind !== 'input') return undefined
    const vendor = this.vendorModule(ctx.module)
    if (ctx.kind === 'input' && vendor !== undefined && container.ordered[0] !== vendor) return undefined
    return vendor
  }

  /**
   * The vendor a module is named for: the first word of the file's name or of its folder's is a vendor's id or
   * one-word name (`polar.ts`, `stripe-webhooks.ts`, `clearbit/types.ts`), not an everyday word some vendor is also
   * called (`line.ts`), and not a vendor that keeps the product's own records (a hosted database, an auth service:
   * `supabase.ts` types the product's tables).
   */
  private vendorModule(module: string | undefined): string | undefined {
    if (!module) return undefined
    const parts = module.split('/')
    const integration = this.integrationOf(parts)
    if (integration !== undefined) return integration
    for (const part of parts.slice(-2).reverse()) {
      const [first, second] = tokenizeIdentifier(part)
      if (!first || first.length < 3) continue
      const named = this.w.everyday_vendor_words.has(first) ? undefined : this.namedVendor(first)
      const vendor = named ?? (second !== undefined ? this.twoWordVendor(first, second) : undefined)
      if (!vendor) continue
      const stores = this.vocabulary.sequences.record_store_vendor_categories
      if (vendor.categories.some((c) => stores.some((seq) => sameSequence(c.split('-'), seq))))
        return undefined
      return vendor.word
    }
    return undefined
  }

  /** The vendor a one-word module name names, with its categories. */
  private namedVendor(word: string): { word: string; categories: readonly string[] } | undefined {
    const categories = this.vendorNamed(word)
    return categories ? { word, categories } : undefined
  }

  /**
   * The vendor whose two-word id a module's first two words spell (`google.map.interface` → `google-maps`, the
   * second word singular or plural): a module named for a product of a vendor with several (Google Maps, not Google).
   */
  private twoWordVendor(
    first: string,
    second: string,
  ): { word: string; categories: readonly string[] } | undefined {
    for (const id of [`${first}-${second}`, `${first}-${second}s`]) {
      const named = this.namedVendor(id)
      if (named) return named
    }
    return undefined
  }

  /**
   * The service a module in an integrations folder talks to (`integrations/groupsio/types` → `groupsio`,
   * `integrations/types/stackOverflowTypes` → `stackOverflowTypes`): the part after the folder, when the folder is
   * one of the file's folders, not the file itself (`lib/integrations.ts` lists them).
   */
  private integrationOf(parts: readonly string[]): string | undefined {
    for (let i = 0; i < parts.length - 1; i++)
      if (this.w.integration_folders.has(parts[i]!.toLowerCase())) return parts[i + 1]
    return undefined
  }

  /** True when a name (a function's, a store mutation's) names a person or a person's record (`addUserInfo`). */
  namesPerson(name: string): boolean {
    return this.containerFacts(name).person !== undefined
  }

  /** The container's words that bear on the decision (a route handler's HTTP-method name is no container). */
  private containerFacts(name: string | undefined): ContainerFacts {
    if (!name) return NO_CONTAINER
    const known = this.containers[name]
    if (known) return known
    if (this.containersSize >= CONTAINER_CACHE_LIMIT) {
      this.containers = Object.create(null)
      this.containersSize = 0
    }
    const facts = this.containerFactsOnce(name)
    this.containers[name] = facts
    this.containersSize++
    return facts
  }

  /** `containerFacts` computed. */
  private containerFactsOnce(name: string | undefined): ContainerFacts {
    if (name) {
      const dot = name.indexOf('.')
      const head = dot < 0 ? name : name.slice(0, dot)
      if (head === head.toUpperCase() && this.w.http_handlers.has(head.toLowerCase()))
        name = dot < 0 ? undefined : name.slice(dot + 1)
    }
    if (!name) return NO_CONTAINER
    const words = tokenizeIdentifier(name)
    // A leading verb (`registerRoutes`) says what the function does, not what the container is.
    const raw = this.leadingVerb(name, words) ? words.slice(1) : words
    const ordered = raw.map(singularise)
    const tokens = [...new Set([...raw, ...ordered])]
    const w = this.w
    return {
      tokens,
      ordered,
      person: tokens.find((t) => w.person_words.has(t) && !(t === 'client' && this.softwareClient(raw))),
      service: tokens.find((t) => w.service_containers.has(t)),
      about:
        tokens.find((t) => w.about_containers.has(t)) ??
        this.vocabulary.sequences.markup_containers.find((seq) => containsSequence(raw, seq))?.join(' '),
      environment: tokens.find((t) => w.environment_containers.has(t)),
      organisation: this.organisationWord(ordered),
    }
  }

  /**
   * The organisation word of a container's (singular) words with no person noun after it; a person word that starts
   * an information sequence (`contact` in `orgContactInfo`) is the information, not a person.
   */
  private organisationWord(ordered: readonly string[]): string | undefined {
    const information = this.vocabulary.sequences.information_sequences
    const person = (x: string, i: number): boolean =>
      this.personNouns.has(x) &&
      !information.some((seq) => seq[0] === x && seq.every((t, k) => ordered[i + k] === t))
    return ordered.find(
      (t, i) => this.w.organisation_words.has(t) && !ordered.some((x, j) => j > i && person(x, j)),
    )
  }

  /**
   * True when a container's first word is a verb that is also a person word, in a function's lower-camel name and
   * followed by a word that is neither a person nor a wrapper (`registerKnowledgeBaseHandlers`, not `registerSchema`).
   */
  private leadingVerb(name: string, raw: readonly string[]): boolean {
    const w = this.w
    const next = raw[1]
    if (!w.verb_person_words.has(raw[0]!) || next === undefined || !/^[a-z]/.test(name)) return false
    return !w.person_words.has(next) && !w.person_words.has(singularise(next)) && !w.wrapper_words.has(next)
  }

  /**
   * True when `client` in a container's words is software, not a person: an SDK or protocol client anywhere beside
   * it (`HttpClient`, `ApiClientConfig`, `AuditClientConfig`), or a client component right before it
   * (`SettingsPageClient`).
   */
  private softwareClient(raw: readonly string[]): boolean {
    const w = this.w
    return raw.some(
      (t, i) =>
        w.client_infra.has(t) ||
        (w.client_components.has(t) && (raw[i + 1] === 'client' || raw[i + 1] === 'clients')),
    )
  }

  /**
   * The container word that a rule excludes, unless the container is still a person: a person noun after a group
   * word names a person (`TeamMember`, `OrganizationUser`, but not `SmtpUser`), and a wrapper word beside a person
   * word (`userSchema`, `usersTable`) excludes nothing.
   */
  private containerExclusion(container: ContainerFacts, excluded: readonly string[]): string | undefined {
    if (excluded.length === 0 || container.tokens.length === 0) return undefined
    for (const t of container.tokens) {
      if (!excluded.includes(t)) continue
      if (container.person && this.w.wrapper_words.has(t)) continue
      if (this.personAfterGroup(container.ordered, container.ordered.lastIndexOf(singularise(t)))) continue
      return t
    }
    return undefined
  }

  /** True when tokens[at] is a group word followed by a person noun (`organisationMemberEmail`, `TeamMember`). */
  private personAfterGroup(tokens: readonly string[], at: number): boolean {
    if (at < 0 || !this.w.group_words.has(singularise(tokens[at]!))) return false
    for (let i = at + 1; i < tokens.length; i++)
      if (this.personNouns.has(singularise(tokens[i]!))) return true
    return false
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
      // Words as written: a plural sibling (`production_companies`) is a list of things, not the person's one value.
      const tokens = tokenizeIdentifier(s)
      // A sibling that names a locator (`full_zip_url`, `street_view_url`) is a link, not an address part.
      if (this.vocabulary.sequences.service_locators.some((seq) => endsWithSequence(tokens, seq))) continue
      for (const p of rule.partners) {
        if (p.length === own.length && p.every((t, i) => t === own[i])) continue
        const at = indexOfSequence(tokens, p)
        if (at < 0) continue
        const after = tokens.slice(at + p.length)
        // A plural after the partner makes the sibling a list about it (`company_statistics`), not the partner; an id
        // after it (`organizationId`) makes it a reference to the tenant the record belongs to, not its value.
        if (after.every((t) => singularise(t) === t) && !after.some((t) => this.w.reference_heads.has(t)))
          return s
      }
    }
    return undefined
  }

  /** The category a sibling holds on its own name, when it is strong (cached: siblings repeat across a file). */
  private siblingCategory(sibling: string): string | null {
    let category = this.siblingCache.get(sibling)
    if (category === undefined) {
      const r = this.evaluate(sibling, {})
      category = r.match && r.match.confidence === 'high' ? r.match.category : null
      if (this.siblingCache.size >= SIBLING_CACHE_LIMIT) this.siblingCache.clear()
      this.siblingCache.set(sibling, category)
    }
    return category
  }

  /** The first sibling that is itself strong identifying data about a person. */
  private corroboratingSibling(siblings: readonly string[], self: string): string | undefined {
    const corroborating = this.vocabulary.categories.corroborating
    for (const s of siblings) {
      if (s === self) continue
      const category = this.siblingCategory(s)
      if (category && under(category, corroborating)) return s
    }
    return undefined
  }

  /**
   * A sibling only an organisation has (`vat`, `annual_revenue`, `contact_person`) and none that names a person
   * (`first_name`, `date_of_birth`): the object is a company's record (a CRM account, a client), whatever its
   * container is called. Answers how it knows, for the reason.
   */
  private organisationMarker(siblings: readonly string[] | undefined, self: string): string | undefined {
    const marker = this.namedSibling(siblings, self, this.vocabulary.sequences.organisation_markers)
    if (!marker) return undefined
    const people = this.vocabulary.categories.person_markers
    for (const s of siblings!) {
      const category = s === self ? null : this.siblingCategory(s)
      if (category && under(category, people)) return undefined
    }
    return `beside "${marker}", a field only an organisation has`
  }

  /**
   * Whether a model is a configuration record (its name's head word is a settings word), no person noun names it
   * (`UserSettings`; `ShippingSettings` is the shop's shipping setup) and no sibling ties a row to a person (a record
   * holder such as `userId`). The siblings are only classified for such models.
   */
  private operatorSettings(
    container: ContainerFacts,
    siblings: readonly string[] | undefined,
    self: string,
  ): boolean {
    const head = container.ordered[container.ordered.length - 1]
    if (head === undefined || !this.w.settings_heads.has(head)) return false
    if (this.namedByPersonNoun(container)) return false
    const holders = this.vocabulary.categories.record_holders
    for (const s of siblings ?? []) {
      const category = s === self ? null : this.siblingCategory(s)
      if (category && under(category, holders)) return false
    }
    return true
  }

  /**
   * The sibling (or the container) that holds one of a rule's group sequences (`city` beside `country`,
   * `shipping_zip`, an `Address` container): the whole the field is a part of.
   */
  private groupPart(
    own: string,
    sequences: readonly (readonly string[])[],
    siblings: readonly string[],
    self: string,
    container: ContainerFacts,
  ): string | undefined {
    if (sequences.some((seq) => containsSequence(container.ordered, seq))) return 'container'
    for (const s of siblings) {
      if (s === self) continue
      const tokens = tokenizeIdentifier(s).map(singularise)
      if (!sequences.some((seq) => containsSequence(tokens, seq))) continue
      // A sibling that is itself another category (`emailAddress`, `ipAddress`) is no part of the whole.
      const category = this.siblingCategory(s)
      if (category && category !== own && !category.startsWith(own.slice(0, own.lastIndexOf('.')) + '.'))
        continue
      return s
    }
    return undefined
  }

  /** A sibling only a place has (`place_id`, `osm_id`, `amenity`): the object is a geocoded place. */
  private placeMarker(siblings: readonly string[], self: string): string | undefined {
    return this.namedSibling(siblings, self, this.vocabulary.sequences.place_markers)
  }

  /** The first sibling (not the field itself) whose whole name is one of the token sequences. */
  private namedSibling(
    siblings: readonly string[] | undefined,
    self: string,
    sequences: readonly (readonly string[])[],
  ): string | undefined {
    if (!siblings || sequences.length === 0) return undefined
    for (const s of siblings) {
      if (s === self) continue
      const tokens = tokenizeIdentifier(s)
      if (sequences.some((seq) => sameSequence(tokens, seq))) return s
    }
    return undefined
  }

  /** A sibling that locates a service or names a thing, when no sibling identifies a person. */
  /** Whether a person noun names the container (`UserSettings`; not `ShippingSettings` nor `createClient`). */
  private namedByPersonNoun(container: ContainerFacts): boolean {
    return container.tokens.some((t) => this.personNouns.has(t))
  }

  /**
   * A service locator and a credential among the siblings, and no other person identifier (`{ host, username,
   * password, database }`: a database client's connection): the login name is that service's account. Names both.
   */
  private serviceLogin(siblings: readonly string[], self: string): string | undefined {
    const credentials = this.vocabulary.categories.credentials
    let secret: string | undefined
    for (const s of siblings) {
      if (s === self) continue
      const category = this.siblingCategory(s)
      if (category && under(category, credentials)) {
        secret = s
        break
      }
    }
    if (!secret) return undefined
    const locator = this.serviceLocator(siblings, self)
    return locator ? `"${locator}" and "${secret}"` : undefined
  }

  private serviceLocator(siblings: readonly string[], self: string): string | undefined {
    let locator: string | undefined
    const people = this.vocabulary.categories.person_identifiers
    for (const s of siblings) {
      if (s === self) continue
      const category = this.siblingCategory(s)
      if (category && under(category, people)) return undefined
      const tokens = tokenizeIdentifier(s)
      if (!locator && this.vocabulary.sequences.service_locators.some((seq) => sameSequence(tokens, seq)))
        locator = s
    }
    return locator
  }
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i])
}

/** True when the tokens are the sequence or end with it. */
function endsWithOrIs(tokens: readonly string[], seq: readonly string[]): boolean {
  return sameSequence(tokens, seq) || endsWithSequence(tokens, seq)
}

function endsWithSequence(tokens: readonly string[], seq: readonly string[]): boolean {
  return tokens.length > seq.length && sameSequence(tokens.slice(tokens.length - seq.length), seq)
}

function containsSequence(tokens: readonly string[], seq: readonly string[]): boolean {
  return indexOfSequence(tokens, seq) >= 0
}

/** Where a token sequence first occurs in tokens, or -1. */
function indexOfSequence(tokens: readonly string[], seq: readonly string[]): number {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let k = 0; k < seq.length; k++) if (tokens[i + k] !== seq[k]) continue outer
    return i
  }
  return -1
}
