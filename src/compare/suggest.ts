import type { CookieItem, PersonalDataItem, VendorItem } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'

/** The privacy.yml lines that declare a personal-data category. */
export function suggestData(item: PersonalDataItem): string {
  return ['data:', `  - category: ${item.category}`, '    purposes: []  # TODO: why you collect it, e.g. essential.service.authentication'].join('\n')
}

/** The privacy.yml lines that declare a cookie. */
export function suggestCookie(item: CookieItem): string {
  const lines = ['cookies:', `  - name: ${yamlScalar(item.name)}`]
  lines.push(item.purpose ? `    purpose: ${item.purpose}` : '    purpose: functional  # TODO: confirm the purpose')
  if (item.vendor) lines.push(`    vendor: ${item.vendor}`)
  return lines.join('\n')
}

/** The privacy.yml lines that declare an analytics vendor or processor. */
export function suggestVendor(item: VendorItem, section: 'analytics' | 'processors', rules: RuleSet): string {
  const vendor = rules.vendors.get(item.vendor)
  const lines = [`${section}:`, `  - vendor: ${item.vendor}`]
  if (vendor?.purpose) lines.push(`    purpose: ${yamlScalar(vendor.purpose)}`)
  if (vendor && vendor.data_categories.length > 0) lines.push(`    data: [${vendor.data_categories.join(', ')}]`)
  return lines.join('\n')
}

/** A plain-language sentence for the policy text. */
export function sentenceFor(kind: 'personalData' | 'cookie' | 'analytics' | 'processor', item: PersonalDataItem | CookieItem | VendorItem, rules: RuleSet): string {
  if (kind === 'personalData') {
    const p = item as PersonalDataItem
    return `We collect your ${lowerFirst(p.name)}.`
  }
  if (kind === 'cookie') {
    const c = item as CookieItem
    const who = c.vendor ? ` set by ${rules.vendors.get(c.vendor)?.name ?? c.vendor}` : ''
    return `We use the ${c.purpose ?? ''}${c.purpose ? ' ' : ''}cookie "${c.name}"${who}.`
  }
  const v = item as VendorItem
  const rule = rules.vendors.get(v.vendor)
  const entity = rule?.legal_entity ?? v.name
  const data = (rule?.data_categories ?? []).map((k) => lowerFirst(rules.categories.get(k)?.name ?? k))
  const what = data.length > 0 ? `your ${joinWords(data)}` : 'data about you'
  return `We share ${what} with ${entity}${rule?.purpose ? ` ${rule.purpose}` : ''}.`
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/** A YAML scalar, quoted when plain style would change its meaning. */
export function yamlScalar(value: string): string {
  return /^[\w.-][\w .\-/]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/\s$/.test(value)
    ? value
    : JSON.stringify(value)
}
