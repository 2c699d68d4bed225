/**
 * How privacy-drift words things in policy sentences and reports, from the policy rules (rules/policy): a data
 * category's wording, which special category it is, how a cookie purpose and a category of recipients are said.
 */
import type { CookiePurpose } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'

/** The policy wording of a data category ("IP address"); for categories without one, the taxonomy name cleaned up. */
export function categoryWording(key: string, rules: RuleSet): string {
  const known = rules.policy.data.find((d) => d.category === key)?.wording
  if (known) return known
  const name =
    rules.categories.get(key)?.name ??
    key
      .split('.')
      .pop()!
      .replace(/^x[-_]/, '')
      .replace(/_/g, ' ')
  return lowerWords(name.replace(/^(User|Subject)('s)?\s+(Contact\s+)?/i, ''))
}

/** Lower-cases words but keeps acronyms (ID, IP, AI, URL). */
export function lowerWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => (/^[A-Z0-9]{2,}s?$/.test(w) ? w : w.toLowerCase()))
    .join('')
}

/** Why a special category is special, for the sentence that flags it. */
export type SpecialKind = 'art9' | 'art10' | 'children' | 'government' | 'sensitive'

/** The kind of special data a category is (GDPR Art. 9/10, children's data, government identifiers), if any. */
export function specialKind(key: string, rules: RuleSet): SpecialKind | undefined {
  for (const k of ancestry(key)) {
    const entry = rules.policy.data.find((d) => d.category === k)
    if (entry?.special) return entry.special
  }
  return rules.categories.get(key)?.special ? 'sensitive' : undefined
}

/** How a cookie purpose is said: "We use <adjective> cookies <why>." */
export function cookiePurposeWords(
  purpose: CookiePurpose,
  rules: RuleSet,
): { adjective: string; why: string } {
  const entry = rules.policy.cookiePurposes.find((p) => p.purpose === purpose)
  return entry
    ? { adjective: entry.adjective, why: entry.why }
    : { adjective: purpose.replace(/-/g, ' '), why: 'to [purpose]' }
}

/** How a category of recipients is said ("payment processors", "to process payments"), if the rules word it. */
export function recipientCategoryWords(
  key: string,
  rules: RuleSet,
): { noun: string; purpose: string } | undefined {
  const entry = rules.policy.recipients.categories.find((c) => c.category === key)
  return entry ? { noun: entry.noun, purpose: entry.purpose } : undefined
}

/** The plural a report uses for a category of recipients: the rules' noun, or the taxonomy name. */
export function recipientNoun(key: string, rules: RuleSet): string {
  return recipientCategoryWords(key, rules)?.noun ?? lowerWords(rules.vendorCategories.get(key)?.name ?? key)
}

function ancestry(key: string): string[] {
  const parts = key.split('.')
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'))
}
