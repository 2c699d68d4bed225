import { ts } from 'ts-morph'
import { isHostName } from '../../../util/domain.js'
import type { WalkContext } from '../../walk/detector.js'
import { nameText } from '../../walk/ts-helpers.js'

const SK = ts.SyntaxKind

/** Entries a list needs before it reads as a catalogue rather than a configuration of a few services. */
const MIN_ENTRIES = 4
/** Keys that name an entry for people. */
const DISPLAY_KEYS = new Set(['name', 'title', 'label', 'displayName'])
/** Keys that describe an entry for people: what a list shown to choose from carries beside its name. */
const DESCRIPTIVE_KEYS = new Set([
  'description',
  'desc',
  'summary',
  'tagline',
  'category',
  'categories',
  'tags',
  'icon',
  'logo',
  'image',
  'favicon',
  'color',
  'maintainer',
  'author',
  'publisher',
])
/** Keys of an entry's address: the page or profile it links to (`url`, `baseUrl`, `href`, `website`). */
const ADDRESS_KEY = /(^|[a-z])(url|Url|URL|href|Href|link|Link|website|Website)$/
const verdicts = new WeakMap<ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, number>()

/**
 * The number of entries of the catalogue a string sits in, or 0: an array of at least four object literals that
 * share a display key (`name`, `title`, `label`) and a descriptive one (`description`, `icon`, `category`,
 * `maintainer` …) — a list of integrations, MCP servers, partners or logos a page shows people to choose from or
 * read about. An object of at least four such entries keyed by name (`{ facebook: { icon, baseUrl }, … }`) is one
 * too: its keys are the display names. A host that is an entry's own property is an option the code offers, not a
 * service it calls by itself; a host deeper in an entry (the default value of one of its settings) is not judged here.
 */
export function catalogueSize(ctx: WalkContext): number {
  let i = 0
  // Through an `as const` or parentheses around the string.
  while (ctx.ancestor(i) && WRAPPERS.has(ctx.ancestor(i)!.kind)) i++
  if (ctx.ancestor(i)?.kind !== SK.PropertyAssignment) return 0
  const size = catalogueEntrySize(ctx, i + 1)
  if (size > 0) return size
  // `producer: { name, url }`: who makes the entry, described as the entry is, is read about with it.
  return creditOf(ctx, i + 1) ? catalogueEntrySize(ctx, i + 3) : 0
}

/** Keys of the page a credit links to: the maker's site, not an endpoint of a setting (`baseUrl`, `apiUrl`). */
const PAGE_KEYS = new Set(['url', 'href', 'link', 'website', 'homepage'])

/**
 * Whether the object literal at ancestor level `level` is a credit inside an entry (`producer: { name: 'Slack', url:
 * 'https://slack.com' }`): a property's value holding a display name and nothing but display, descriptive and page keys.
 */
function creditOf(ctx: WalkContext, level: number): boolean {
  const [object, property] = [ctx.ancestor(level), ctx.ancestor(level + 1)]
  if (object?.kind !== SK.ObjectLiteralExpression || property?.kind !== SK.PropertyAssignment) return false
  const keys = (object as ts.ObjectLiteralExpression).properties.map((p) =>
    p.name ? nameText(p.name) : undefined,
  )
  return (
    keys.some((k) => k !== undefined && DISPLAY_KEYS.has(k)) &&
    keys.every((k) => k !== undefined && (DISPLAY_KEYS.has(k) || DESCRIPTIVE_KEYS.has(k) || PAGE_KEYS.has(k)))
  )
}

/** Host keys a table needs before it reads as a list the code looks hosts up in. */
const MIN_HOST_KEYS = 4
/** Whether a string is a host or an origin (`'trc.taboola.com'`, `'https://slack.com'`), nothing after it. */
const isHostKey = (text: string): boolean => isHostName(text.replace(/^https?:\/\//i, '').replace(/\.$/, ''))
const tables = new WeakMap<ts.ObjectLiteralExpression, boolean>()

/**
 * Whether the string is a property name of a table keyed by host: an object literal at least four of whose keys are
 * hosts (`{ 'trc.taboola.com': { type: 'paid' }, 'slack.com': 'Slack', … }`), the referrers, bots or sources an app
 * classifies traffic by. The code looks a visitor's host up in it and calls none of them.
 */
export function hostKeyedTable(node: ts.Node, ctx: WalkContext): boolean {
  const property = ctx.ancestor(0)
  if (property?.kind !== SK.PropertyAssignment || (property as ts.PropertyAssignment).name !== node)
    return false
  const table = ctx.ancestor(1)
  if (table?.kind !== SK.ObjectLiteralExpression) return false
  const object = table as ts.ObjectLiteralExpression
  let verdict = tables.get(object)
  if (verdict === undefined) {
    let hosts = 0
    for (const p of object.properties)
      if (p.name?.kind === SK.StringLiteral && isHostKey((p.name as ts.StringLiteral).text)) hosts++
    tables.set(object, (verdict = hosts >= MIN_HOST_KEYS))
  }
  return verdict
}

/**
 * The number of entries of the catalogue whose entry is the object literal at ancestor level `level`, or 0: what
 * {@link catalogueSize} asks of a string's entry, for a detector visiting one of the entry's properties (level 0).
 */
export function catalogueEntrySize(ctx: WalkContext, level: number): number {
  const [entry, array] = [ctx.ancestor(level), ctx.ancestor(level + 1)]
  if (entry?.kind !== SK.ObjectLiteralExpression) return 0
  if (array?.kind === SK.ArrayLiteralExpression) {
    const list = array as ts.ArrayLiteralExpression
    let size = verdicts.get(list)
    if (size === undefined) verdicts.set(list, (size = entriesOf(list)))
    return size
  }
  // `{ facebook: { icon, baseUrl } }`: the entry is the value of a named property of the keyed list.
  const map = ctx.ancestor(level + 2)
  if (array?.kind !== SK.PropertyAssignment || map?.kind !== SK.ObjectLiteralExpression) return 0
  const list = map as ts.ObjectLiteralExpression
  let size = verdicts.get(list)
  if (size === undefined) verdicts.set(list, (size = keyedEntriesOf(list)))
  return size
}

const WRAPPERS = new Set([SK.AsExpression, SK.SatisfiesExpression, SK.ParenthesizedExpression])

function entriesOf(array: ts.ArrayLiteralExpression): number {
  const objects = array.elements.filter(
    (e) => e.kind === SK.ObjectLiteralExpression,
  ) as ts.ObjectLiteralExpression[]
  return catalogueOf(objects, false)
}

/** The entries of an object whose properties are object literals, keyed by the entry's name. */
function keyedEntriesOf(map: ts.ObjectLiteralExpression): number {
  const objects: ts.ObjectLiteralExpression[] = []
  for (const p of map.properties) {
    if (p.kind !== SK.PropertyAssignment) continue
    const value = (p as ts.PropertyAssignment).initializer
    if (value.kind === SK.ObjectLiteralExpression) objects.push(value as ts.ObjectLiteralExpression)
  }
  return catalogueOf(objects, true)
}

/** How many entries the objects are as a catalogue, or 0; `named` when their keys in a map already name them. */
function catalogueOf(objects: readonly ts.ObjectLiteralExpression[], named: boolean): number {
  if (objects.length < MIN_ENTRIES) return 0
  const counts = new Map<string, number>()
  for (const o of objects)
    for (const key of new Set(o.properties.map((p) => (p.name ? nameText(p.name) : undefined))))
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  // Keys most entries carry: a catalogue's entries have the same shape.
  const shared = [...counts].filter(([, n]) => n * 4 >= objects.length * 3).map(([k]) => k)
  const described = shared.some((k) => DESCRIPTIVE_KEYS.has(k))
  if (!described) return 0
  // A keyed entry holds what people see and the address it links to, nothing more: one that also carries settings
  // (`authType`, `scopes`) configures a connection the app makes once the entry is chosen.
  if (named)
    return shared.every((k) => DISPLAY_KEYS.has(k) || DESCRIPTIVE_KEYS.has(k) || ADDRESS_KEY.test(k))
      ? objects.length
      : 0
  return shared.some((k) => DISPLAY_KEYS.has(k)) ? objects.length : 0
}

/** Array methods that test a value against a list's entries. */
const MATCH_METHODS = new Set(['some', 'every', 'includes', 'indexOf', 'find', 'findIndex', 'filter', 'has'])
const matchLists = new WeakMap<ts.ArrayLiteralExpression, boolean>()

/**
 * Whether the string is an entry of a list of hosts the code matches addresses against: a `const` array (or a `new
 * Set([…])` of one) of at least four host strings and nothing else, whose every use in its file tests a value against
 * it (`SITES.some((h) => location.href.includes(h))`, `BLOCKED.includes(host)`, `ALLOWED.has(suffix)`). The page the
 * person is on, or the site a link points to, not a service called.
 */
export function hostMatchList(ctx: WalkContext): boolean {
  const array = ctx.ancestor(0)
  const set = ctx.ancestor(1)
  const inSet =
    set?.kind === SK.NewExpression &&
    (set as ts.NewExpression).expression.kind === SK.Identifier &&
    ((set as ts.NewExpression).expression as ts.Identifier).text === 'Set'
  const decl = ctx.ancestor(inSet ? 2 : 1)
  if (array?.kind !== SK.ArrayLiteralExpression || decl?.kind !== SK.VariableDeclaration) return false
  const name = (decl as ts.VariableDeclaration).name
  if (name.kind !== SK.Identifier) return false
  const list = array as ts.ArrayLiteralExpression
  let verdict = matchLists.get(list)
  if (verdict === undefined) {
    const hosts = list.elements.every(
      (e) => e.kind === SK.StringLiteral && isHostKey((e as ts.StringLiteral).text),
    )
    verdict = hosts && list.elements.length >= MIN_HOST_KEYS && onlyMatched(name.text, ctx.sf.text)
    matchLists.set(list, verdict)
  }
  return verdict
}

/** Whether every use of `name` in the text after its declaration calls a matching method on it; one at least. */
function onlyMatched(name: string, text: string): boolean {
  const uses = [
    ...text.matchAll(
      new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])(?:\\s*\\??\\.\\s*(\\w+)\\s*\\()?`, 'g'),
    ),
  ]
  // The first occurrence is the declaration itself.
  const rest = uses.slice(1)
  return rest.length > 0 && rest.every((m) => m[1] !== undefined && MATCH_METHODS.has(m[1]))
}
