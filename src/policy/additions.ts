import { readFileSync } from 'node:fs'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import { COOKIE_PURPOSES, type CookiePurpose, type ItemKind, type UndeclaredItem } from '../model/types.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { guessCookiePurpose } from '../compare/suggest.js'
import { parseFlowKey } from '../scan/file-scan.js'
import {
  lintPolicy,
  locateManifestPolicy,
  type PolicyGap,
  type PolicyLocation,
  type SectionRef,
} from './lint.js'
import { categoryWording, cookiePurposeWords } from './phrases.js'
import { POLICY_MARKERS, type PolicyAddition, type PolicyCheck } from './pr-section.js'
import { policyText, readPolicySource, type PolicyText } from './text.js'

/** An item the policy text may need to describe: an undeclared item, or a declaration of privacy.yml. */
export type PolicyItem = Pick<UndeclaredItem, 'kind' | 'key' | 'name' | 'categories' | 'sentence'>

const SECTION_OF: Record<ItemKind, 'collect' | 'cookies' | 'share'> = {
  personalData: 'collect',
  cookie: 'cookies',
  analytics: 'share',
  processor: 'share',
  flow: 'share',
}

/**
 * Which items the policy text does not describe yet, with the sentence each needs and the section it belongs in.
 * The items are read as if privacy.yml declared them and the policy lint run on that: an item is described when
 * the lint finds no gap for it (a data category or a child of it mentioned, a cookie purpose described, a vendor
 * named or, as for the lint, a category of recipients it belongs to named). A flow (`vendor → category`) is
 * described when both its vendor and its category are; a flow to the app's logs when its category is (the lint
 * reads no sentence that ties a category to one recipient).
 */
export function policyAdditions(
  items: readonly PolicyItem[],
  policy: PolicyText,
  rules: RuleSet,
): { additions: PolicyAddition[]; covered: PolicyItem[] } {
  const manifest: Manifest = {
    file: 'privacy.yml',
    version: 1,
    policy: {},
    data: [],
    cookies: [],
    analytics: [],
    processors: [],
    firstParty: [],
    ignore: { paths: [], findings: [] },
  }
  const purposeOf = new Map<PolicyItem, CookiePurpose | undefined>()
  items.forEach((u, i) => {
    const line = i + 1
    if (u.kind === 'personalData') manifest.data.push({ category: u.key, line })
    else if (u.kind === 'cookie') {
      const given = u.categories[0]
      const purpose = (COOKIE_PURPOSES as readonly string[]).includes(given ?? '')
        ? (given as CookiePurpose)
        : guessCookiePurpose(u.key)
      purposeOf.set(u, purpose)
      if (purpose) manifest.cookies.push({ name: u.key, purpose, line })
    } else if (u.kind === 'flow') {
      const { vendor, category } = parseFlowKey(u.key)
      manifest.data.push({ category, line })
      if (vendor !== 'logs') {
        const rule = rules.vendors.get(vendor)
        const role = rule && rules.roleOf(rule) === 'analytics' ? manifest.analytics : manifest.processors
        role.push({ vendor, line })
      }
    } else (u.kind === 'analytics' ? manifest.analytics : manifest.processors).push({ vendor: u.key, line })
  })
  const result = lintPolicy({ manifest, policy, rules })
  const findGap = (kind: PolicyGap['kind'], key: string | undefined): PolicyGap | undefined =>
    result.gaps.find((g) => g.direction === 'not-in-policy' && g.kind === kind && g.key === key)
  const gapOf = (u: PolicyItem): PolicyGap | undefined => {
    if (u.kind === 'personalData') return findGap('data', u.key)
    if (u.kind === 'cookie') return findGap('cookie', purposeOf.get(u))
    if (u.kind !== 'flow') return findGap('recipient', u.key)
    const { vendor, category } = parseFlowKey(u.key)
    return (vendor === 'logs' ? undefined : findGap('recipient', vendor)) ?? findGap('data', category)
  }
  const additions: PolicyAddition[] = []
  const covered: PolicyItem[] = []
  for (const u of items) {
    const gap = gapOf(u)
    const unknownPurpose = u.kind === 'cookie' && !purposeOf.get(u)
    if (!gap && !unknownPurpose) {
      covered.push(u)
      continue
    }
    const where: SectionRef = gap ?? result.sections.cookies
    const addition: PolicyAddition = {
      kind: u.kind,
      key: u.key,
      label: labelOf(u, purposeOf.get(u), rules),
      sentence: u.sentence,
    }
    if (gap?.contradicts && gap.policyLine) addition.contradicts = gap.policyLine
    else if (where.policyLine)
      addition.section = {
        heading: where.section ?? SECTION_WORDS[SECTION_OF[u.kind]],
        line: where.policyLine,
      }
    additions.push(addition)
  }
  return { additions, covered }
}

const SECTION_WORDS = { collect: 'data we collect', cookies: 'cookies', share: 'recipients' }

function labelOf(u: PolicyItem, purpose: CookiePurpose | undefined, rules: RuleSet): string {
  if (u.kind === 'personalData') return categoryWording(u.key, rules)
  if (u.kind === 'cookie') return purpose ? `${cookiePurposeWords(purpose, rules).adjective} cookies` : u.key
  if (u.kind === 'flow') {
    const { vendor, category } = parseFlowKey(u.key)
    const who = vendor === 'logs' ? 'the logs' : (rules.vendors.get(vendor)?.name ?? vendor)
    return `${categoryWording(category, rules)} sent to ${who}`
  }
  return u.name
}

/** Whether `check --fix --policy` can write to a file of this name. */
export function isMarkdownPolicy(file: string): boolean {
  return ['.md', '.markdown'].includes(extname(file).toLowerCase())
}

/** 1-based line of the start marker, when the source has the marked section. */
export function markerLine(source: string): number | undefined {
  const lines = source.split(/\r?\n|\r/)
  const i = lines.findIndex((l) => l.trim() === POLICY_MARKERS.start)
  return i === -1 || !lines.slice(i + 1).some((l) => l.trim() === POLICY_MARKERS.end) ? undefined : i + 1
}

/** privacy.yml's policy text, read once: where it is, its source and its plain text. */
export interface ManifestPolicy {
  where: PolicyLocation
  manifestText: string
  source: string
  policy: PolicyText
}

/** Reads privacy.yml's `policy.file`; undefined when privacy.yml names no policy file. */
export function readManifestPolicy(args: {
  manifest: Manifest
  root: string
  manifestPath?: string
}): ManifestPolicy | undefined {
  const manifestPath = args.manifestPath ?? resolve(args.manifest.file)
  const manifestText = readFileSync(manifestPath, 'utf8')
  const where = locateManifestPolicy({ manifest: args.manifest, manifestText, manifestPath, root: args.root })
  if (!where) return undefined
  const source = readPolicySource(where.path, where.display, where.from, where.within)
  return { where, manifestText, source, policy: policyText(source, where.display) }
}

/**
 * What the policy text lacks for `items`. `repoTop` makes the displayed name repository-relative (the file
 * relative to `root` is what evidence links take).
 */
export function policyCheckOf(
  read: ManifestPolicy,
  args: { rules: RuleSet; root: string; items: readonly PolicyItem[]; repoTop?: string },
): PolicyCheck {
  const { where, source, policy } = read
  const { additions, covered } = policyAdditions(args.items, policy, args.rules)
  const posix = (p: string): string => p.split('\\').join('/')
  const inTop = args.repoTop ? relative(args.repoTop, where.path) : undefined
  const display =
    inTop !== undefined && !inTop.startsWith('..') && !isAbsolute(inTop) ? posix(inTop) : posix(where.display)
  return {
    file: posix(relative(args.root, where.path)),
    display,
    additions,
    covered: covered.map((c) => ({ kind: c.kind, key: c.key })),
    markerLine: markerLine(source),
    markdown: isMarkdownPolicy(where.path),
  }
}

/**
 * The policy check for a check outcome: reads privacy.yml's `policy.file` and finds which of `items` it does not
 * describe. Undefined when privacy.yml names no policy file.
 */
export function checkPolicyText(args: {
  manifest: Manifest
  rules: RuleSet
  root: string
  items: readonly PolicyItem[]
  repoTop?: string
  manifestPath?: string
}): PolicyCheck | undefined {
  const read = readManifestPolicy(args)
  return read && policyCheckOf(read, args)
}
