import type {
  CookieItem,
  CookiePurpose,
  Evidence,
  FlowItem,
  ItemKind,
  PersonalDataItem,
  UndeclaredItem,
  VendorItem,
} from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { VendorRule } from '../rules/schema.js'
import {
  categoryWording,
  cookiePurposeWords,
  lowerWords,
  recipientCategoryWords,
  specialKind,
  type SpecialKind,
} from '../policy/phrases.js'
import type { FlowTarget } from './flows.js'

/**
 * Suggestions for undeclared items: the privacy.yml entry to add (the first line names the section, the
 * entry follows indented by two spaces, so `mergeSuggestions` and `check --fix` can use it as is), and
 * the sentence the policy text needs.
 */

/** The privacy.yml lines that declare a personal-data category. */
export function suggestData(item: PersonalDataItem, rules?: RuleSet): string {
  const special = (rules && specialKind(item.category, rules)) ?? (item.special ? 'sensitive' : undefined)
  const note = special ? ` — ${SPECIAL_NOTE[special]}` : ''
  return [
    'data:',
    `  - category: ${item.category}  # ${dataWording(item, rules)}${note}`,
    '    purposes: []  # TODO: why you collect it, e.g. essential.service (`privacy-drift explain --list purposes`)',
  ].join('\n')
}

/** The privacy.yml lines that declare a cookie, with its purpose (guessed from the name when unknown). */
export function suggestCookie(item: CookieItem): string {
  const lines = [
    'cookies:',
    `  - name: ${yamlScalar(item.name)}${item.evidence[0] ? `  # ${where(item.evidence[0])}` : ''}`,
  ]
  if (item.purpose) lines.push(`    purpose: ${item.purpose}`)
  else {
    const guess = guessCookiePurpose(item.name)
    lines.push(
      guess
        ? `    purpose: ${guess}  # TODO: confirm (guessed from the name)`
        : '    purpose: functional  # TODO: confirm (strictly-necessary, functional, preferences, analytics, marketing, security)',
    )
  }
  if (item.vendor) lines.push(`    vendor: ${item.vendor}`)
  return lines.join('\n')
}

/**
 * The privacy.yml lines that declare an analytics vendor or processor: its categories, purpose and data. `data:`
 * lists what the code sends the vendor (its flows) when there are any, else the rule's usual data, marked so.
 */
export function suggestVendor(
  item: VendorItem,
  section: 'analytics' | 'processors',
  rules: RuleSet,
  observed: readonly string[] = [],
): string {
  if (item.domain)
    return [
      `${section}:`,
      `  - domain: ${yamlScalar(item.vendor)}  # a service no privacy-drift rule knows${item.evidence[0] ? `; called at ${where(item.evidence[0])}` : ''}`,
      '    # name: …     TODO: the company behind it, as the policy names it',
      '    # purpose: …  TODO: what it does for the product, e.g. "to send push notifications"',
    ].join('\n')
  const vendor = rules.vendors.get(item.vendor)
  const categories = (item.categories.length ? item.categories : (vendor?.categories ?? []))
    .map((c) => lowerWords(rules.vendorCategories.get(c)?.name ?? c))
    .join(', ')
  const lines = [
    `${section}:`,
    `  - vendor: ${item.vendor}  # ${oneLine(item.name)}${categories ? ` · ${categories}` : ''}`,
  ]
  const purpose = vendor?.purpose ?? categoryPurpose(item.categories, rules)
  if (purpose) lines.push(`    purpose: ${yamlScalar(purpose)}`)
  const data = vendorDataLine(item.name, observed, vendor)
  if (data) lines.push(data)
  return lines.join('\n')
}

/**
 * The categories the code sends each vendor (its flows, `logs` included), in inventory order. Suggestions,
 * sentences and records use these first and a vendor rule's typical data only when the code shows none.
 */
export function sentByVendor(flows: readonly FlowItem[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const f of flows) out.set(f.vendor, [...(out.get(f.vendor) ?? []), f.category])
  return out
}

/**
 * The `data:` line of a suggested recipient entry: what the code sends the vendor when it shows any, else the
 * rule's typical data with a comment saying so; undefined when there is neither.
 */
export function vendorDataLine(
  name: string,
  observed: readonly string[],
  rule: VendorRule | undefined,
): string | undefined {
  if (observed.length > 0) return `    data: [${observed.join(', ')}]  # what the code sends ${oneLine(name)}`
  if (rule && rule.data_categories.length > 0)
    return `    data: [${rule.data_categories.join(', ')}]  # typical for ${oneLine(rule.name)}: the code shows none sent`
  return undefined
}

/** The privacy.yml lines that accept undeclared flows: the recipient entry (or `logs:`) with its whole new list. */
export function suggestFlowData(target: FlowTarget, add: readonly string[]): string {
  if (target.kind === 'logs') {
    const data = [...target.data, ...add.filter((c) => !target.data.includes(c))]
    return ['logs:', `  data: [${data.join(', ')}]  # personal data the app writes to its logs`].join('\n')
  }
  const e = target.entry
  const id = e.vendor ? `vendor: ${e.vendor}` : `category: ${e.category}`
  return [
    `${target.section}:`,
    `  - ${id}`,
    `    data: [${[...(e.data ?? []), ...add].join(', ')}]  # the code also sends ${add.join(', ')}`,
  ].join('\n')
}

/** The policy sentence for one flow: who receives which data (`logs`: what the app's logs record). */
export function flowSentence(item: FlowItem, rules: RuleSet): string {
  const words = dataWording(
    { category: item.category, name: rules.categories.get(item.category)?.name ?? item.category },
    rules,
  )
  if (item.vendor === 'logs')
    return `Our application logs record your ${words} [say why, and how long the logs are kept].`
  const rule = rules.vendors.get(item.vendor)
  const kind = rule && rules.roleOf(rule) === 'analytics' ? 'analytics' : 'processor'
  const vendor: VendorItem = {
    vendor: item.vendor,
    name: rule?.name ?? item.vendor,
    categories: rule?.categories ?? [],
    evidence: [],
  }
  return vendorSentence(kind, vendor, rules, [item.category])
}

/** A plain-language sentence for the policy text. */
export function sentenceFor(
  kind: ItemKind,
  item: PersonalDataItem | CookieItem | VendorItem,
  rules: RuleSet,
  /** For a vendor: the categories the code sends it (its flows); the rule's usual data when empty. */
  observed: readonly string[] = [],
): string {
  if (kind === 'personalData') return dataSentence([item as PersonalDataItem], rules)
  if (kind === 'cookie') return cookieSentence([item as CookieItem], rules)
  return vendorSentence(kind, item as VendorItem, rules, observed)
}

/**
 * The policy sentences for a set of undeclared items, grouped the way a policy reads: the ordinary data in
 * one sentence, each special category on its own, cookies one sentence per purpose, one sentence per vendor.
 * Works on the items' sentences alone, so a renderer can call it without the rules.
 */
export function groupPolicySentences(items: readonly Pick<UndeclaredItem, 'kind' | 'sentence'>[]): string[] {
  const data: string[] = []
  const special: string[] = []
  const cookies = new Map<string, { head: string; tail: string; names: string[] }>()
  const vendors: string[] = []
  for (const u of items) {
    if (u.kind === 'personalData') {
      const plain = /^We collect your (.+) to \[purpose\]\.$/.exec(u.sentence)
      if (plain) data.push(plain[1]!)
      else special.push(u.sentence)
    } else if (u.kind === 'cookie') {
      const m = /^(We use (?:a cookie|cookies|.+? cookies)) \((.+)\) (.+)$/.exec(u.sentence)
      if (!m) {
        vendors.push(u.sentence)
        continue
      }
      const key = `${m[1]}\0${m[3]}`
      const group = cookies.get(key) ?? { head: m[1]!, tail: m[3]!, names: [] }
      group.names.push(m[2]!)
      cookies.set(key, group)
    } else vendors.push(u.sentence)
  }
  const out: string[] = []
  if (data.length) out.push(`We collect your ${joinWords(data)} to [purpose].`)
  out.push(...special)
  for (const g of cookies.values())
    out.push(
      `${g.names.length > 1 ? g.head.replace(/^We use a cookie$/, 'We use cookies') : g.head} (${g.names.join('; ')}) ${g.tail}`,
    )
  out.push(...vendors)
  return [...new Set(out)]
}

const SPECIAL_NOTE: Record<SpecialKind, string> = {
  art9: 'special-category data (GDPR Art. 9)',
  art10: 'criminal-offence data (GDPR Art. 10)',
  children: "children's data (GDPR Art. 8, COPPA)",
  government: 'government identifier',
  sensitive: 'sensitive data',
}

/** Follows the data wording in a sentence: what the policy must also say about special data. */
const SPECIAL_SENTENCE: Record<SpecialKind, string> = {
  art9: 'This is special-category data (GDPR Art. 9): we process it only with your explicit consent [confirm the legal basis].',
  art10:
    'This is data about criminal convictions and offences (GDPR Art. 10) [state the legal authority for processing it].',
  children: 'We collect it only with the consent of a parent or guardian [say how you obtain that consent].',
  government: 'This is a government identifier [state why it is needed and the legal basis].',
  sensitive: 'This is sensitive data [state the legal basis for processing it].',
}

function dataWording(item: { category: string; name: string }, rules?: RuleSet): string {
  if (rules?.categories.has(item.category)) return categoryWording(item.category, rules)
  return lowerWords(item.name.replace(/^(User|Subject)('s)?\s+(Contact\s+)?/i, '')) || item.category
}

function dataSentence(items: PersonalDataItem[], rules: RuleSet): string {
  const words = items.map((i) => dataWording(i, rules))
  const kind =
    items.length === 1
      ? (specialKind(items[0]!.category, rules) ?? (items[0]!.special ? 'sensitive' : undefined))
      : undefined
  const what = kind === 'children' ? "children's data" : `your ${joinWords(words)}`
  const sentence = `We collect ${what} to [purpose].`
  return kind ? `${sentence} ${SPECIAL_SENTENCE[kind]}` : sentence
}

function cookieSentence(items: CookieItem[], rules: RuleSet): string {
  const purpose = items[0]?.purpose ?? guessCookiePurpose(items[0]?.name ?? '')
  const names = items.map((c) => {
    const vendor = c.vendor ? (rules.vendors.get(c.vendor)?.name ?? c.vendor) : undefined
    return vendor ? `${c.name}, set by ${vendor}` : c.name
  })
  const list = names.join('; ')
  if (!purpose) return `We use ${items.length === 1 ? 'a cookie' : 'cookies'} (${list}) to [purpose].`
  const words = cookiePurposeWords(purpose, rules)
  return `We use ${words.adjective} cookies (${list}) ${words.why}.`
}

function vendorSentence(
  kind: ItemKind,
  item: VendorItem,
  rules: RuleSet,
  observed: readonly string[] = [],
): string {
  if (item.domain)
    return `We share data with the service at ${oneLine(item.vendor)} [name the company] to [purpose].`
  const rule = rules.vendors.get(item.vendor)
  const name = oneLine(rule?.name ?? item.name)
  const entity = oneLine(rule?.legal_entity ?? name)
  // "Twilio Inc. (Segment)": the product name when the legal name does not contain it.
  const who = entity.toLowerCase().includes(name.toLowerCase().split(/[\s(]/)[0]!)
    ? entity
    : `${entity} (${name})`
  const purpose =
    rule?.purpose ??
    categoryPurpose(item.categories.length ? item.categories : (rule?.categories ?? []), rules) ??
    'to [purpose]'
  // What the code sends when it shows any; otherwise what the vendor typically receives, and the sentence says so.
  const typical = observed.length === 0 && (rule?.data_categories.length ?? 0) > 0
  const data = (observed.length > 0 ? observed : (rule?.data_categories ?? [])).map((k) => ({
    key: k,
    words: dataWording({ category: k, name: rules.categories.get(k)?.name ?? k }, rules),
  }))
  const special = data.filter((d) => specialKind(d.key, rules))
  const tail =
    (special.length
      ? ` This includes special-category data (${joinWords(special.map((d) => d.words))}) [state the legal basis].`
      : '') + (typical ? ` [typical for ${name}: the code shows no personal data sent to it — confirm]` : '')
  if (kind === 'analytics') {
    const receives = data.length ? `; ${name} receives your ${joinWords(data.map((d) => d.words))}` : ''
    return `We use ${who} ${purpose}${receives}.${tail}`
  }
  if (data.length === 0) return `We use ${who} ${purpose}.${tail}`
  return `We share your ${joinWords(data.map((d) => d.words))} with ${who} ${purpose}.${tail}`
}

function categoryPurpose(categories: readonly string[], rules: RuleSet): string | undefined {
  for (const c of categories) {
    const words = recipientCategoryWords(c, rules)
    if (words) return words.purpose
  }
  return undefined
}

/** A cookie purpose guessed from its name (`ll_session` → strictly-necessary); undefined when nothing fits. */
export function guessCookiePurpose(name: string): CookiePurpose | undefined {
  const tokens = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  const has = (...words: string[]): boolean => tokens.some((t) => words.includes(t))
  const lower = name.toLowerCase()
  if (has('csrf', 'xsrf') || lower.includes('csrf') || has('captcha', 'bot', 'fraud')) return 'security'
  if (has('consent', 'cookieconsent', 'gdpr', 'ccpa', 'optanon')) return 'strictly-necessary'
  if (
    has(
      'session',
      'sess',
      'sid',
      'auth',
      'token',
      'jwt',
      'login',
      'remember',
      'cart',
      'basket',
      'checkout',
      'lb',
      'affinity',
    )
  )
    return 'strictly-necessary'
  if (
    has(
      'lang',
      'language',
      'locale',
      'currency',
      'theme',
      'pref',
      'prefs',
      'preferences',
      'dismissed',
      'banner',
      'tz',
      'timezone',
      'region',
      'country',
      'dark',
      'mode',
      'sidebar',
      'layout',
    )
  )
    return 'preferences'
  if (
    /^_ga|^_gid|^_pk_|^mp_|^amp_|^ajs_|^_hj/.test(lower) ||
    has('utm', 'analytics', 'visitor', 'visit', 'ab', 'experiment', 'variant')
  )
    return 'analytics'
  if (
    /^_fbp|^_gcl|^_ttp|^_uet/.test(lower) ||
    has('ads', 'ad', 'campaign', 'affiliate', 'referral', 'ref', 'retarget')
  )
    return 'marketing'
  return undefined
}

function where(e: Evidence): string {
  return `${oneLine(e.path)}:${e.line}`
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ')
}

function joinWords(words: string[]): string {
  const unique = [...new Set(words)]
  if (unique.length <= 1) return unique.join('')
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`
}

/** A YAML scalar, quoted when plain style would change its meaning. */
export function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z_.][\w .\-/]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|y|n|~|\.nan|\.inf)$/i.test(value) &&
    !/\s$/.test(value) &&
    !/^\.\d/.test(value)
  return plain ? value : JSON.stringify(value)
}
