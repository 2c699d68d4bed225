import { ts } from 'ts-morph'
import type { EvidenceBasis } from '../../../model/types.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, jsxAttrName, jsxTagName, nameText, unwrap } from '../../walk/ts-helpers.js'
import {
  COPY_PATH,
  detectCalledUrl,
  detectHostsInString,
  detectScriptElement,
  detectTemplateHost,
  isAssetFile,
  mayHoldHost,
  MEDIA_TAG,
  SCRIPT_SRC,
} from '../hosts.js'
import { catalogueSize, hostKeyedTable, hostMatchList } from './catalogue.js'
import { isScriptTag } from './script-elements.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const SLASH = 47
/** A template head before a host set at run time: nothing, a scheme, or a relative path. */
const HOSTLESS_HEAD = /^(?:$|[a-z]+:\/\/$|\/)/

/** JSX attributes that hold words for people, not addresses the page talks to. */
const COPY_ATTRIBUTES = new Set([
  'placeholder',
  'alt',
  'title',
  'label',
  'aria-label',
  'aria-description',
  'description',
])
/** Object keys whose string is a link (`href`, `CALL_LINK`, `docsUrl`, `homepage`), a schema id or an image setting. */
const LINK_KEYS =
  /(^|_|[a-z])(href|Href|HREF|link|Link|LINK|links|Links|LINKS)$|^(homepage|website|(docs|learnMore|privacyPolicy|terms|support|profile|share)(Url|URL|Link|Href)?)$/
const SCHEMA_KEYS = new Set(['$id', '$schema', '$ref'])
const IMAGE_KEYS = new Set(['remotePatterns', 'images', 'imageDomains'])
/** One absolute URL without a query (a tracking pixel carries its data in one): a photo's address in data. */
const BARE_URL = /^https?:\/\/[^\s?#]+$/
/** A stylesheet a page loads is a service the browser calls (Google Fonts' CSS), not a bare asset. */
const STYLESHEET = /\.css(?:[?#]|$)/i
/** Content-Security-Policy text is an allow-list of hosts, not prose. */
const CSP = /\b(?:default|script|connect|img|frame|style|font|media|worker)-src\b/
/** A CSP directive as an object key (helmet `directives`, Hydrogen `createContentSecurityPolicy`). */
const CSP_KEY =
  /^(?:default|script|connect|img|frame|style|font|media|worker|child|object|manifest)-?src(?:-?(?:elem|attr))?$/i
/** An opening `<script` tag. */
const SCRIPT_TAG = /<script\b/i
/** A template head that ends inside a URL's host: the first substitution is part of the host. */
const HOST_OPEN = /\/\/[^/?#\s'"`@]*$/
/**
 * A browser-extension match pattern (`*://*.plex.tv/web/*`, `https://radio.example.org/*`): the `*` scheme, or a `*`
 * in the path, exists only in patterns of pages an extension runs on, never in a URL anything requests.
 */
const MATCH_PATTERN = /^\*:\/\/|^[a-z]+:\/\/[^/\s]*\/[^\s]*\*$/
/** JSX attributes naming an icon or a logo to show: a host there is the image's subject, not a service called. */
const ICON_ATTRIBUTE = /^(favicon|icon|logo)(Url|Src|Domain|Host)?$/i

/**
 * Vendor hostnames in string and template literals (API endpoints, SDK hosts, CSP allow-lists). Module specifiers,
 * literal types, tagged templates, links (`<a href>`) and script sources (their own detector) are not data flows.
 * A host in UI copy or prose, a link key, an image setting, a schema id or a key of a host lookup table is recorded on that basis, and
 * inventory aggregation keeps it from counting as an integration.
 */
export const hostsInStrings: SourceDetector = {
  name: 'hosts-in-strings',
  kinds: [SK.StringLiteral, SK.NoSubstitutionTemplateLiteral, SK.TemplateExpression],
  visit(node, ctx) {
    if (node.kind === SK.TemplateExpression) templateExpression(node as ts.TemplateExpression, ctx)
    else stringLiteral(node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx)
  },
}

function stringLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx: WalkContext): void {
  // A relative path (`'/openai/deployments/' + id`) holds no host, but may be a vendor's API on a configured one.
  if (node.text.charCodeAt(0) === SLASH) {
    apiPath(node.text, node, ctx)
    oauthRoute(node.text, node, ctx)
  }
  // Most strings hold no host: skip them before looking at where they sit.
  if (node.text.length < 4 || node.text.indexOf('.') < 0 || !mayHoldHost(node.text)) return
  const parent = ctx.parent!
  let attribute: EvidenceBasis | null | undefined
  switch (parent.kind) {
    case SK.ImportDeclaration:
    case SK.ExportDeclaration:
    case SK.ExternalModuleReference:
    case SK.LiteralType:
    case SK.TaggedTemplateExpression:
      return
    case SK.JsxAttribute:
      attribute = jsxAttributeBasis(ctx, 0, node.text, node)
      if (attribute === null) return
      break
    case SK.JsxExpression:
      if (ctx.ancestor(1)!.kind === SK.JsxAttribute) {
        attribute = jsxAttributeBasis(ctx, 1, node.text, node)
        if (attribute === null) return
      }
      break
    case SK.BinaryExpression:
      if (imageSource(node, ctx)) return
  }
  const basis =
    attribute ?? (hostKeyedTable(node, ctx) || hostMatchList(ctx) ? 'lookup' : stringBasis(node.text, ctx))
  if (basis === undefined) {
    scriptTags(node.text, node, ctx)
    keyedRequest(node.text, node, ctx)
  }
  detectHostsInString(ctx.scan, node.text, ctx.at(node), 'high', 'hostname', basis)
}

/** A query parameter carrying an API key (`?apikey=…`, `&api_key=…`, `access_key=`). */
const API_KEY_PARAM =
  /^https?:\/\/[^/?#\s]+[^?#\s]*\?(?:[^#\s]*&)?(?:api_?key|access_?key|app_?key|api_?token)=/i

/**
 * A URL whose query carries an API key (`https://api.etherscan.io/v2/api?…&apikey=${KEY}`): the code requests that
 * API with the operator's key, whatever function it hands the URL to (a fetch passed in as a parameter); nobody
 * shows people a link holding a key. Its host is called, an unknown one keyed by its domain.
 */
function keyedRequest(url: string, node: ts.Node, ctx: WalkContext): void {
  if (API_KEY_PARAM.test(url))
    detectCalledUrl(ctx.scan, url, ctx.at(node), 'a URL carrying an API key requests', 'outbound.keyed-url')
}

/**
 * `<script src>` tags in markup the code builds as a string and inserts into the pages it serves (a function that
 * returns the Google tag's two script tags for a configured id): a script the page loads, as in a template file.
 */
function scriptTags(html: string, node: ts.Node, ctx: WalkContext): void {
  if (!SCRIPT_TAG.test(html)) return
  for (const m of html.matchAll(SCRIPT_SRC)) detectScriptElement(ctx.scan, m[1]!, ctx.at(node), 'script')
}

function templateExpression(node: ts.TemplateExpression, ctx: WalkContext): void {
  const parent = ctx.parent!
  // A URL whose host is set at run time: `${endpoint}/openai/…`, `https://${domain}/rest/…`, a relative `/…`.
  if (HOSTLESS_HEAD.test(node.head.text) && parent.kind !== SK.TaggedTemplateExpression) {
    const url = ctx.string(node)?.value
    if (url) apiPath(url, node, ctx)
    if (url?.charCodeAt(0) === SLASH) oauthRoute(url, node, ctx)
  }
  let attribute: EvidenceBasis | null | undefined
  if (parent.kind === SK.JsxExpression && ctx.ancestor(1)!.kind === SK.JsxAttribute) {
    attribute = jsxAttributeBasis(ctx, 1, node.head.text, node)
    if (attribute === null) return
  }
  if (parent.kind === SK.TaggedTemplateExpression) return
  if (parent.kind === SK.BinaryExpression && imageSource(node, ctx)) return
  const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].filter(
    (t) => t.indexOf('.') >= 0 && mayHoldHost(t),
  )
  // A substitution inside the host (`https://${subdomain}.zendesk.com/…`) leaves no whole host in any one part.
  const hostOpen = HOST_OPEN.test(node.head.text)
  if (parts.length === 0 && !hostOpen) return
  const at = ctx.at(node)
  const basis = attribute ?? stringBasis(withMarks(node, ' '), ctx)
  if (basis === undefined) {
    scriptTags(withMarks(node, '${}'), node, ctx)
    keyedRequest(withMarks(node, '*'), node, ctx)
  }
  for (const part of parts) detectHostsInString(ctx.scan, part, at, 'high', 'hostname', basis)
  if (hostOpen) detectTemplateHost(ctx.scan, withMarks(node, '*'), at, basis)
}

/**
 * A URL with no written host whose path is one only a vendor's API serves (rule `api_paths`): the customer's own
 * endpoint or tenant, set at run time, of that vendor (`${endpoint}/openai/deployments/${id}` is Azure OpenAI).
 */
function apiPath(url: string, node: ts.Node, ctx: WalkContext): void {
  if (url.length < 6) return
  const found = ctx.scan.rules.vendorForApiPath(url)
  if (!found) return
  const basis = node.kind === SK.TemplateExpression ? undefined : stringBasis(url, ctx)
  ctx.scan.vendor(
    found.vendor,
    ctx.at(node),
    'outbound',
    `a URL on a host set at run time calls ${found.path}, ${found.vendor.name}'s API`,
    found.path,
    'medium',
    basis,
  )
}

/** An OAuth route segment and the provider id after it: `/api/auth/oauth/discord/link` → discord. */
const OAUTH_ROUTE = /\/oauth2?\/([a-z][a-z0-9-]*)(?=[/?#]|$)/i

/**
 * A route of the app's own API named for a sign-in provider (`/api/auth/oauth/discord/link`,
 * `/auth/oauth2/google?state=link`): the app's server signs users in with, or links their accounts at, that provider
 * (its auth rule `sign_in` ids), so the provider receives them even though the browser calls only the app.
 */
function oauthRoute(url: string, node: ts.Node, ctx: WalkContext): void {
  const id = OAUTH_ROUTE.exec(url)?.[1]
  const provider = id ? ctx.scan.rules.signInProvider(id.toLowerCase()) : undefined
  if (provider)
    ctx.scan.vendor(
      provider,
      ctx.at(node),
      'sign-in',
      `the app's own OAuth route ${url.split(/[?#]/)[0]} signs users in with ${provider.name}`,
      `sign-in:${id!.toLowerCase()}`,
      'medium',
    )
}

/** A template's text with each substitution written as `mark` (`https://*.zendesk.com/…` for `*`). */
function withMarks(node: ts.TemplateExpression, mark: string): string {
  return node.head.text + node.templateSpans.map((s) => mark + s.literal.text).join('')
}

/**
 * What a string in a JSX attribute is: null to skip it (`<a href>` / `<Link href>` are links the visitor may
 * follow; `<script src>` has its own detector; an `<iframe src>` is reported here as the page it loads), a basis
 * for copy and media, undefined for anything else. `attr` is the attribute's ancestor level: its element (through
 * the attributes list) is two levels above it.
 */
function jsxAttributeBasis(
  ctx: WalkContext,
  attr: number,
  text: string,
  node: ts.Expression,
): EvidenceBasis | null | undefined {
  const name = jsxAttrName((ctx.ancestor(attr) as ts.JsxAttribute).name)
  const element = ctx.ancestor(attr + 2) as ts.JsxOpeningLikeElement
  const tag = jsxTagName(element.tagName) ?? ''
  if (name === 'src' && isScriptTag(element, tag, ctx)) return null
  if (name === 'src' && tag === 'iframe') {
    frameSource(node, ctx)
    return null
  }
  if (name === 'href' && tag !== 'link') return null
  if (COPY_ATTRIBUTES.has(name.toLowerCase())) return 'copy'
  if (ICON_ATTRIBUTE.test(name)) return 'image'
  // A tracking pixel is an <img> too: only an image file's host is just an image host.
  if ((name === 'src' || name === 'srcSet') && MEDIA_TAG.test(tag))
    return isAssetFile(text) ? 'image' : undefined
  return undefined
}

/**
 * An `<iframe src>`: the visitor's browser loads the page from that host (an embedded player, a widget, a viewer),
 * which sees their address and sets its own cookies, as a script's host does. A host no rule knows is keyed by its
 * registrable domain; a URL whose host is set at run time names no one.
 */
function frameSource(node: ts.Expression, ctx: WalkContext): void {
  const url = ctx.string(node)?.value
  if (url) detectCalledUrl(ctx.scan, url, ctx.at(node), '<iframe src> embeds a page from', 'outbound.frame')
}

/**
 * A URL assigned to the `src` of an image the code creates (`const img = new Image(); img.src = …`,
 * `document.createElement('img')`): the browser requests it at once, with nothing shown — a beacon or a tracking
 * pixel, whose host receives the visit. An image file's URL is only an asset loaded ahead. Returns whether it
 * reported the URL.
 */
function imageSource(node: ts.Expression, ctx: WalkContext): boolean {
  const assignment = ctx.parent as ts.BinaryExpression
  if (assignment.operatorToken.kind !== SK.EqualsToken || assignment.right !== node) return false
  const target = assignment.left
  if (target.kind !== SK.PropertyAccessExpression) return false
  const access = target as ts.PropertyAccessExpression
  if (access.name.text !== 'src' || !createdImage(access.expression, ctx)) return false
  const url = ctx.string(node)?.value
  if (!url || isAssetFile(url)) return false
  detectCalledUrl(
    ctx.scan,
    url,
    ctx.at(node),
    'an image beacon (new Image().src) requests',
    'outbound.beacon',
  )
  return true
}

/** Whether an expression is an image element the code creates: `new Image()` or `createElement('img')`, directly or in a local. */
function createdImage(expr: ts.Expression, ctx: WalkContext): boolean {
  let e = unwrap(expr)
  if (e?.kind === SK.Identifier) {
    const local = ctx.scope.lookup((e as ts.Identifier).text)
    e = local && local.kind !== 'parameter' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  }
  if (!e) return false
  if (e.kind === SK.NewExpression) return dottedName((e as ts.NewExpression).expression) === 'Image'
  if (e.kind !== SK.CallExpression) return false
  const call = e as ts.CallExpression
  return (
    dottedName(call.expression) === 'document.createElement' &&
    ctx.string(call.arguments[0])?.value.toLowerCase() === 'img'
  )
}

/** The basis of a string outside JSX attributes: where it sits (its object keys, the file) and what it reads like. */
function stringBasis(text: string, ctx: WalkContext): EvidenceBasis | undefined {
  const { keys, target, list } = enclosingKeys(ctx)
  const libraries = ctx.scan.rules.libraries
  const manifestKey = keys[0] !== undefined && inExtensionManifest(keys, ctx)
  if (manifestKey && libraries.manifestPermissionKeys.has(keys[0]!)) return 'allow-list'
  if (MATCH_PATTERN.test(text) || (manifestKey && libraries.manifestPageKeys.has(keys[0]!))) return 'link'
  if (keys[0] !== undefined && SCHEMA_KEYS.has(keys[0])) return 'schema-id'
  if (
    (keys[0] !== undefined && libraries.isNamespaceName(keys[0])) ||
    (target !== undefined && libraries.isNamespaceName(target))
  )
    return 'schema-id'
  if (keys.some((k) => IMAGE_KEYS.has(k)) || (target !== undefined && IMAGE_KEYS.has(target))) return 'image'
  if (BARE_URL.test(text) && isAssetFile(text) && !STYLESHEET.test(text) && !handedToCall(ctx)) return 'image'
  if (keys[0] !== undefined && LINK_KEYS.test(keys[0]) && !stylesheetHref(keys[0], ctx)) return 'link'
  if (keys[0] === 'destination' && redirectRule(ctx)) return 'link'
  // A directive stored by name holds a list of sources (`directives.scriptSrc.push(…)`); one string assigned to
  // `this.scriptSrc` is the address of a script the code loads.
  if (
    keys.some((k) => CSP_KEY.test(k)) ||
    (list && target !== undefined && CSP_KEY.test(target)) ||
    CSP.test(text)
  )
    return 'allow-list'
  if (COPY_PATH.test(ctx.scan.path) || isProse(text)) return 'copy'
  if (opensPage(ctx)) return 'link'
  if (catalogueSize(ctx) > 0) return 'catalogue'
  return undefined
}

/**
 * Calls that open a page for the person to read in a browser tab or the system browser (`window.open(url, '_blank')`,
 * React Native's `Linking.openURL`, Electron's `shell.openExternal`, Expo's and Capacitor's in-app browsers): the
 * visitor follows a link; the app sends nothing there itself.
 */
const PAGE_OPENERS = new Set([
  'window.open',
  'open',
  'Linking.openURL',
  'shell.openExternal',
  'WebBrowser.openBrowserAsync',
  'Browser.open',
])

/** Whether the string is an argument of a page opener (its address: the other arguments name no host). */
function opensPage(ctx: WalkContext): boolean {
  const call = ctx.ancestor(0)
  if (call?.kind !== SK.CallExpression) return false
  const callee = dottedName((call as ts.CallExpression).expression)
  // A local `open` (a dialog's, a file's) is not the browser's.
  if (callee === 'open' && (ctx.scope.lookup('open') || ctx.bindings.imports.has('open'))) return false
  return callee !== undefined && PAGE_OPENERS.has(callee)
}

/**
 * An `href` beside `rel: 'stylesheet'` in an object literal (a head config's `{ tag: 'link', attrs: { rel, href } }`,
 * unhead's `link: [{ rel, href }]`): the stylesheet the page loads from the host, as `<link rel="stylesheet">` does.
 */
function stylesheetHref(key: string, ctx: WalkContext): boolean {
  if (key !== 'href' || ctx.ancestor(0)?.kind !== SK.PropertyAssignment) return false
  const object = ctx.ancestor(1)
  if (object?.kind !== SK.ObjectLiteralExpression) return false
  return (object as ts.ObjectLiteralExpression).properties.some(
    (p) =>
      p.kind === SK.PropertyAssignment &&
      nameText(p.name) === 'rel' &&
      /\bstylesheet\b/i.test(ctx.string((p as ts.PropertyAssignment).initializer)?.value ?? ''),
  )
}

/**
 * Whether a `destination` sits in a redirect rule: an object with a `source` and a `permanent` or `statusCode`
 * (Next.js `redirects()`, Vercel's and Nuxt's route rules written in code). The visitor's browser is sent to the
 * page, as by a link; a rewrite (no such key) proxies the request and is a call.
 */
function redirectRule(ctx: WalkContext): boolean {
  if (ctx.ancestor(0)?.kind !== SK.PropertyAssignment) return false
  const object = ctx.ancestor(1)
  if (object?.kind !== SK.ObjectLiteralExpression) return false
  const names = new Set(
    (object as ts.ObjectLiteralExpression).properties.map((p) => (p.name ? nameText(p.name) : undefined)),
  )
  return names.has('source') && (names.has('permanent') || names.has('statusCode'))
}

/**
 * Whether a string under `keys` (nearest first) sits in a browser extension's manifest, where `matches` and
 * `host_permissions` list pages and permissions (rules/outbound `extension_manifest`): only when its nearest key is
 * one of those, and the file is a manifest or the string lies under a `manifest` key.
 */
function inExtensionManifest(keys: readonly string[], ctx: WalkContext): boolean {
  const libraries = ctx.scan.rules.libraries
  if (!libraries.manifestPageKeys.has(keys[0]!) && !libraries.manifestPermissionKeys.has(keys[0]!))
    return false
  return libraries.isExtensionManifestFile(ctx.scan.path) || keys.some((k) => libraries.manifestKeys.has(k))
}

/** Array methods that pass a list's entries on (`[…].map((hostname) => ({ hostname }))`, `list.push(host)`). */
const LIST_METHODS = new Set(['map', 'filter', 'concat', 'flat', 'flatMap', 'push', 'unshift'])

/**
 * The keys of the object properties around a string, nearest first, through arrays, objects, templates and
 * concatenations (`images: { remotePatterns: [{ hostname: '…' }] }` → hostname, remotePatterns, images); and the
 * name of what the list or value is stored in, when a declaration, an assignment or a push stores it
 * (`const REMOTE_PATTERNS = [...]` → remotePatterns, `directives['script-src'].push('x')` → script-src). The
 * target is read only as an image setting or a Content-Security-Policy directive, never as a link's key; `list`
 * says the string reaches it inside an array or by a push (a directive's sources, not one script's address).
 */
function enclosingKeys(ctx: WalkContext): { keys: string[]; target?: string; list?: boolean } {
  const keys: string[] = []
  let list = false
  for (let i = 0; ; i++) {
    const n = ctx.ancestor(i)
    if (!n) return { keys }
    switch (n.kind) {
      case SK.PropertyAssignment:
        keys.push(nameText((n as ts.PropertyAssignment).name) ?? '')
        break
      case SK.CallExpression: {
        // A schema's default value stands for the key it is the default of (`CALL_LINK: z.string().default(…)`).
        const call = n as ts.CallExpression
        if (isDefaultCall(call)) break
        const method = listMethod(call)
        if (!method) return { keys }
        // `list.push(host)`: the list is where the host goes; `[…].map(…)`: the mapped list goes on up.
        if (method.name.text === 'push' || method.name.text === 'unshift')
          return { keys, target: storedName(method.expression), list: true }
        break
      }
      case SK.VariableDeclaration:
        return { keys, target: storedName((n as ts.VariableDeclaration).name), list }
      case SK.BinaryExpression: {
        const b = n as ts.BinaryExpression
        if (b.operatorToken.kind === SK.EqualsToken) return { keys, target: storedName(b.left), list }
        if (b.operatorToken.kind !== SK.PlusToken) return { keys }
        break
      }
      case SK.ArrayLiteralExpression:
        list = true
        break
      case SK.ObjectLiteralExpression:
      case SK.TemplateSpan:
      case SK.TemplateExpression:
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.SatisfiesExpression:
      case SK.PropertyAccessExpression:
        break
      default:
        return { keys }
    }
  }
}

/**
 * The string is an argument the code hands to a call (`L.tileLayer('https://tile…/{z}/{x}/{y}.png')`,
 * `fetch('…/avatar.png')`): something loads that file from the host, which is no image merely named.
 */
function handedToCall(ctx: WalkContext): boolean {
  const parent = ctx.ancestor(0)
  if (parent?.kind !== SK.CallExpression && parent?.kind !== SK.NewExpression) return false
  return parent.kind === SK.NewExpression || !listMethod(parent as ts.CallExpression)
}

/** The list method a call makes (`x.map(…)`, `x.push(…)`), if it is one. */
function listMethod(call: ts.CallExpression): ts.PropertyAccessExpression | undefined {
  const callee = call.expression
  if (callee.kind !== SK.PropertyAccessExpression) return undefined
  const access = callee as ts.PropertyAccessExpression
  return LIST_METHODS.has(access.name.text) ? access : undefined
}

/**
 * The name a value is stored under: a variable, a property or a string element key (`directives['script-src']`), in
 * camelCase for a constant's SCREAMING_SNAKE name (`REMOTE_PATTERNS` → `remotePatterns`).
 */
function storedName(node: ts.Node): string | undefined {
  let name: string | undefined
  if (node.kind === SK.PropertyAccessExpression) name = (node as ts.PropertyAccessExpression).name.text
  else if (node.kind === SK.ElementAccessExpression)
    name = nameText((node as ts.ElementAccessExpression).argumentExpression)
  else name = nameText(node)
  if (!name || !/^[A-Z][A-Z0-9_]*$/.test(name)) return name
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

function isDefaultCall(call: ts.CallExpression): boolean {
  const callee = call.expression
  return (
    callee.kind === SK.PropertyAccessExpression &&
    (callee as ts.PropertyAccessExpression).name.text === 'default'
  )
}

/** A sentence rather than an address or an allow-list: three or more words around the host. */
function isProse(text: string): boolean {
  // An allow-list, or markup that loads a script (its inline code has words too), is not prose.
  if (CSP.test(text) || SCRIPT_TAG.test(text)) return false
  let words = 0
  for (const token of text.split(/\s+/))
    if (/^[A-Za-z][a-z']+[,.:;!?]?$/.test(token) && ++words >= 3) return true
  return false
}
