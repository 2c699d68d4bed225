import { ts } from 'ts-morph'
import type { Where } from '../../file-scan.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, typeOfTypeNode, unwrap } from '../../walk/ts-helpers.js'
import type { Signal } from '../signals.js'
import { handlerName, REQUEST } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveDecorators: ts.canHaveDecorators,
  getDecorators: ts.getDecorators,
  isCallExpression: ts.isCallExpression,
  isIdentifier: ts.isIdentifier,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

const IP_HEADER: Omit<Signal, 'reason'> = {
  category: 'user.device.ip_address',
  rule: 'signal.request.ip-header',
}
const GEO_HEADER: Omit<Signal, 'reason'> = {
  category: 'user.location.imprecise',
  rule: 'signal.request.geo-header',
}

/** Request headers that carry personal data (lower-case names). */
const HEADER_SIGNALS: Record<string, Omit<Signal, 'reason'>> = {
  'x-forwarded-for': IP_HEADER,
  'x-real-ip': IP_HEADER,
  'cf-connecting-ip': IP_HEADER,
  'true-client-ip': IP_HEADER,
  'x-client-ip': IP_HEADER,
  'fastly-client-ip': IP_HEADER,
  'x-vercel-forwarded-for': IP_HEADER,
  'x-cluster-client-ip': IP_HEADER,
  'x-original-forwarded-for': IP_HEADER,
  forwarded: IP_HEADER,
  'user-agent': { category: 'user.device.user_agent', rule: 'signal.request.user-agent' },
  'x-vercel-ip-city': GEO_HEADER,
  'x-vercel-ip-country': GEO_HEADER,
  'x-vercel-ip-country-region': GEO_HEADER,
  'x-vercel-ip-latitude': GEO_HEADER,
  'x-vercel-ip-longitude': GEO_HEADER,
  'cf-ipcountry': GEO_HEADER,
  'cf-ipcity': GEO_HEADER,
  'cloudfront-viewer-country': GEO_HEADER,
  'cloudfront-viewer-city': GEO_HEADER,
}

const REQUEST_IP = new RegExp(`^${REQUEST}\\.(ip|ips)$`)
const REMOTE_ADDRESS = new RegExp(`^${REQUEST}\\.(socket|connection)\\.remoteAddress$`)
const CLIENT_ADDRESS = /^(event|request|context|Astro)\.clientAddress$/
const REQUEST_GEO = /^(req|request)\.geo(\.(city|country|region|latitude|longitude))?$/
const USER_AGENT = /^(window\.)?navigator\.userAgent$/
const USER_AGENT_CATEGORY = 'user.device.user_agent'
/** Names of request objects whose `ip` a destructuring reads (`const { ip } = req`). */
const REQUEST_OBJECT = new RegExp(`^${REQUEST}$`)

/** Functions that return the client IP or location from a request (`@vercel/functions`, h3, request-ip, SvelteKit). */
const IP_FUNCTIONS: Record<string, Signal> = {
  ipAddress: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'ipAddress() returns the client IP',
  },
  getClientAddress: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getClientAddress() returns the client IP',
  },
  getRequestIP: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getRequestIP() returns the client IP',
  },
  getClientIp: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getClientIp() returns the client IP',
  },
  geolocation: {
    category: 'user.location.imprecise',
    rule: 'signal.request.geo',
    reason: "geolocation() returns the visitor's location",
  },
}

/**
 * SDK calls that hand the app its device's push token or subscription, which the app then registers with its server
 * or a push service: by the module the callee comes from and the method called (`Notifications.getExpoPushTokenAsync()`,
 * `getToken(messaging)`, `OneSignal.User.pushSubscription.getIdAsync()`). The Web Push API's
 * `registration.pushManager.subscribe(…)` is a global (PUSH_MANAGER).
 */
const PUSH_TOKEN_CALLS: readonly { modules: readonly string[]; methods: ReadonlySet<string> }[] = [
  { modules: ['expo-notifications'], methods: new Set(['getExpoPushTokenAsync', 'getDevicePushTokenAsync']) },
  {
    modules: ['firebase/messaging', 'firebase/compat/messaging', '@react-native-firebase/messaging'],
    methods: new Set(['getToken']),
  },
  {
    modules: ['react-native-onesignal', 'onesignal-cordova-plugin', 'react-onesignal'],
    methods: new Set(['getIdAsync', 'getTokenAsync']),
  },
]
const PUSH_TOKEN_METHODS = new Set(PUSH_TOKEN_CALLS.flatMap((c) => [...c.methods]))
const PUSH_MANAGER = /(^|\.)pushManager$/
const PUSH_TOKEN_REASON = "returns the device's push token, which addresses this device"
/** Methods of a geolocation module that read the device's position (the browser's, React Native's, Capacitor's, Expo's). */
const POSITION_METHODS = new Set([
  'getCurrentPosition',
  'watchPosition',
  'getCurrentPositionAsync',
  'watchPositionAsync',
  'getLastKnownPositionAsync',
])

/** `req.ip`, `req.socket.remoteAddress`, `request.geo`, `navigator.userAgent` … */
function requestReadSignal(dotted: string): Signal | undefined {
  if (REQUEST_IP.test(dotted) || REMOTE_ADDRESS.test(dotted) || CLIENT_ADDRESS.test(dotted))
    return {
      category: 'user.device.ip_address',
      rule: 'signal.request.ip',
      reason: `${dotted} is the client IP address`,
    }
  if (REQUEST_GEO.test(dotted))
    return {
      category: 'user.location.imprecise',
      rule: 'signal.request.geo',
      reason: `${dotted} is the visitor's location`,
    }
  if (USER_AGENT.test(dotted))
    return {
      category: 'user.device.user_agent',
      rule: 'signal.browser.user-agent',
      reason: `${dotted} is the browser's user agent`,
    }
  return undefined
}

/**
 * What a handler reads from the request: the client IP, location and user agent (`req.ip`, headers, `ipAddress()`,
 * NestJS `@Ip()`, `@Body('email')`), and the browser's geolocation. Payload fields: submitted-fields.
 */
export const requestReads: SourceDetector = {
  name: 'request-reads',
  kinds: [
    SK.CallExpression,
    SK.PropertyAccessExpression,
    SK.ElementAccessExpression,
    SK.VariableDeclaration,
    SK.Parameter,
  ],
  visit(node, ctx) {
    switch (node.kind) {
      case SK.CallExpression:
        return requestCall(node as ts.CallExpression, ctx)
      case SK.PropertyAccessExpression:
        return propertyRead(node as ts.PropertyAccessExpression, ctx)
      case SK.ElementAccessExpression:
        return elementRead(node as ts.ElementAccessExpression, ctx)
      case SK.VariableDeclaration: {
        const vd = node as ts.VariableDeclaration
        if (tsf.isObjectBindingPattern(vd.name)) destructure(vd.name, unwrap(vd.initializer), ctx)
        return
      }
      case SK.Parameter: {
        const p = node as ts.ParameterDeclaration
        if (tsf.canHaveDecorators(p)) parameterDecorators(p, ctx)
        if (tsf.isObjectBindingPattern(p.name)) destructure(p.name, p.initializer, ctx)
      }
    }
  },
}

function propertyRead(node: ts.PropertyAccessExpression, ctx: WalkContext): void {
  // Only the outermost access of a chain is judged, so `req.socket.remoteAddress` is seen once.
  const parent = ctx.parent!
  if (tsf.isPropertyAccessExpression(parent) && parent.expression === node) return
  const dotted = dottedName(node)
  if (!dotted) return
  const signal = requestReadSignal(dotted)
  if (signal && !(signal.category === USER_AGENT_CATEGORY && onlyTested(node, ctx.path)))
    ctx.scan.signal(signal.category, ctx.at(node), 'request', signal.rule, signal.reason, dotted)
}

/** String and regular-expression methods that only test a value (`ua.includes('Safari')`, `re.test(ua)`). */
const TEST_METHODS = new Set([
  'includes',
  'indexOf',
  'match',
  'test',
  'exec',
  'startsWith',
  'endsWith',
  'search',
])
/** Methods that return the same value in another case, on the way to a test. */
const CASE_METHODS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim'])
/** Operators that give a default for a missing value, keeping the value itself otherwise. */
const DEFAULT_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([SK.QuestionQuestionToken, SK.BarBarToken])
/** Operators that compare a value and keep only the yes/no. */
const EQUALITY_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  SK.EqualsEqualsEqualsToken,
  SK.ExclamationEqualsEqualsToken,
  SK.EqualsEqualsToken,
  SK.ExclamationEqualsToken,
])
/** A predicate named as one: `isbot(ua)`, `isMobile(ua)`. */
const PREDICATE = /^is(bot|[A-Z_])/

/** True when a call tests its argument: a predicate, or a test method (`re.test(ua)`, `list.includes(ua)`). */
function testsArgument(call: ts.CallExpression): boolean {
  const callee = call.expression
  if (ts.isIdentifier(callee)) return PREDICATE.test(callee.text)
  return (
    ts.isPropertyAccessExpression(callee) &&
    (TEST_METHODS.has(callee.name.text) || PREDICATE.test(callee.name.text))
  )
}

/**
 * True when the value read at `node` (its ancestors from the walk, the parent last) is only tested and then
 * dropped — `isbot(ua)`, `/safari/i.test(ua)`, or a variable every use of which is such a test: a check of the
 * browser, which neither keeps nor sends the value.
 */
function onlyTested(node: ts.Node, ancestors: readonly ts.Node[], hops = 1): boolean {
  let n = node
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const p = ancestors[i]!
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) {
      n = p
      continue
    }
    // A default (`ua ?? ''`, `ua || ''`) is still the same value on its way to a test.
    if (ts.isBinaryExpression(p) && p.left === n && DEFAULT_OPERATORS.has(p.operatorToken.kind)) {
      n = p
      continue
    }
    // The right of `&&` (`browser && navigator.userAgent && …`) is the value itself whenever the left holds.
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === SK.AmpersandAmpersandToken) {
      n = p
      continue
    }
    // A comparison (`ua === 'NIGHTWATCH'`) is a test: its result is a boolean, the value is dropped.
    if (ts.isBinaryExpression(p) && EQUALITY_OPERATORS.has(p.operatorToken.kind)) return true
    // A presence check (`ua && ua.indexOf('Electron') > -1`, `!ua`, `if (ua)`) keeps only whether there is one: the
    // left of `&&` flows on only when it is empty.
    if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === SK.AmpersandAmpersandToken)
      return true
    if (ts.isPrefixUnaryExpression(p) && p.operator === SK.ExclamationToken) return true
    if ((ts.isIfStatement(p) && p.expression === n) || (ts.isConditionalExpression(p) && p.condition === n))
      return true
    if (ts.isPropertyAccessExpression(p) && p.expression === n) {
      const call = ancestors[i - 1]
      if (!call || !ts.isCallExpression(call) || call.expression !== p) return false
      if (!CASE_METHODS.has(p.name.text)) return TEST_METHODS.has(p.name.text)
      n = call
      i--
      continue
    }
    if (ts.isCallExpression(p)) return p.arguments.includes(n as ts.Expression) && testsArgument(p)
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name) && hops > 0)
      return usesOnlyTest(p.name, ancestors.slice(0, i), hops - 1)
    return false
  }
  return false
}

/** True when a variable (its declaration's ancestors given) is used in its block, and every use is a test. */
function usesOnlyTest(name: ts.Identifier, ancestors: readonly ts.Node[], hops: number): boolean {
  let at = ancestors.length - 1
  while (at > 0 && !ts.isBlock(ancestors[at]!)) at--
  const scope = ancestors[at]
  if (!scope) return false
  const stack: ts.Node[] = ancestors.slice(0, at)
  let uses = 0
  let tested = true
  const visit = (n: ts.Node): void => {
    if (!tested) return
    // A property spelt like the variable (`navigator.userAgent` beside `let userAgent`) is no use of it.
    if (ts.isPropertyAccessExpression(n)) {
      stack.push(n)
      visit(n.expression)
      stack.pop()
      return
    }
    if (ts.isIdentifier(n)) {
      if (n !== name && n.text === name.text) {
        uses++
        tested = onlyTested(n, stack, hops)
      }
      return
    }
    stack.push(n)
    ts.forEachChild(n, visit)
    stack.pop()
  }
  visit(scope)
  return uses > 0 && tested
}

function elementRead(node: ts.ElementAccessExpression, ctx: WalkContext): void {
  const arg = node.argumentExpression
  if (!tsf.isStringLiteralLike(arg)) return
  const owner = dottedName(node.expression)
  if (owner && /(^|\.)headers$/.test(owner))
    headerRead(ctx, arg.text, ctx.at(node), `${owner}['${arg.text}']`, node)
}

/** A read of a request header that carries personal data (`x-forwarded-for`, `user-agent` …). */
function headerRead(ctx: WalkContext, header: string, at: Where, symbol: string, node?: ts.Node): void {
  const signal = HEADER_SIGNALS[header.toLowerCase()]
  // A user agent read only to test it (bot or browser checks) is not kept.
  if (signal && !(signal.category === USER_AGENT_CATEGORY && node && onlyTested(node, ctx.path)))
    ctx.scan.signal(signal.category, at, 'request', signal.rule, `reads the ${header} header`, symbol)
}

/** `headers().get('x-forwarded-for')`, `req.get('user-agent')`, `getRequestHeader(event, 'x-real-ip')`, `ipAddress(req)`. */
function requestCall(node: ts.CallExpression, ctx: WalkContext): void {
  const callee = node.expression
  const method = tsf.isIdentifier(callee)
    ? callee.text
    : tsf.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined
  if (method !== undefined && pushTokenCall(node, method, ctx)) return
  if (tsf.isIdentifier(callee)) {
    const fn = callee.text
    const ip = IP_FUNCTIONS[fn]
    if (ip && node.arguments.length <= 1) {
      ctx.scan.signal(ip.category, ctx.at(node), 'request', ip.rule, ip.reason, `${fn}()`)
      return
    }
    if (fn === 'getRequestHeader' || fn === 'getHeader') {
      const name = node.arguments[1]
      if (name && tsf.isStringLiteralLike(name))
        headerRead(ctx, name.text, ctx.at(node), `${fn}('${name.text}')`, node)
    }
    return
  }
  if (!tsf.isPropertyAccessExpression(callee) || method === undefined) return
  const first = node.arguments[0]
  if (
    (method === 'get' || method === 'header' || method === 'getHeader') &&
    first &&
    tsf.isStringLiteralLike(first)
  ) {
    const owner = dottedName(callee.expression) ?? 'headers'
    headerRead(ctx, first.text, ctx.at(node), `${owner}.${method}('${first.text}')`, node)
    return
  }
  if (method === 'getClientIp' && node.arguments.length === 1) {
    ctx.scan.signal(
      'user.device.ip_address',
      ctx.at(node),
      'request',
      'signal.request.ip',
      'getClientIp() returns the client IP',
      'getClientIp()',
    )
    return
  }
  if (POSITION_METHODS.has(method)) {
    // The module object: `navigator.geolocation`, React Native's and Capacitor's `Geolocation`, expo-location's `Location`.
    const owner = dottedName(callee.expression)
    if (owner && /(^|\.)(geo)?location$/i.test(owner))
      ctx.scan.signal(
        'user.location.precise',
        ctx.at(node),
        'request',
        'signal.browser.geolocation',
        'reads the device position (navigator.geolocation)',
        `${owner}.${method}`,
      )
  }
}

/** Records a call that reads the device's push token (PUSH_TOKEN_CALLS, the Web Push API); true when it is one. */
function pushTokenCall(node: ts.CallExpression, method: string, ctx: WalkContext): boolean {
  const callee = node.expression
  let symbol: string | undefined
  if (method === 'subscribe' && tsf.isPropertyAccessExpression(callee)) {
    const owner = dottedName(callee.expression)
    if (owner && PUSH_MANAGER.test(owner)) symbol = `${owner}.subscribe()`
  } else if (PUSH_TOKEN_METHODS.has(method)) {
    const imported = ctx.importOf(callee)
    const last = imported ? (imported.members[imported.members.length - 1] ?? imported.imported) : undefined
    const known =
      imported &&
      last === method &&
      PUSH_TOKEN_CALLS.some((c) => c.methods.has(method) && c.modules.includes(imported.module))
    if (known) symbol = `${imported.module}: ${method}()`
  }
  if (symbol === undefined) return false
  ctx.scan.signal(
    'user.device.device_id',
    ctx.at(node),
    'request',
    'signal.device.push-token',
    `${method}() ${PUSH_TOKEN_REASON}`,
    symbol,
  )
  return true
}

/** NestJS: `@Ip() ip`, `@Headers('user-agent') ua`, `@Body('email') email`, `@Query('phone') phone`. */
function parameterDecorators(p: ts.ParameterDeclaration, ctx: WalkContext): void {
  for (const d of tsf.getDecorators(p) ?? []) {
    if (!tsf.isCallExpression(d.expression) || !tsf.isIdentifier(d.expression.expression)) continue
    const dn = d.expression.expression.text
    const arg = d.expression.arguments[0]
    const key = arg && tsf.isStringLiteralLike(arg) ? arg.text : undefined
    const at = ctx.at(d)
    if (dn === 'Ip' || dn === 'RealIP') {
      ctx.scan.signal(
        'user.device.ip_address',
        at,
        'request',
        'signal.request.ip',
        `@${dn}() is the client IP address`,
        `@${dn}()`,
      )
    } else if (dn === 'Headers' && key) {
      headerRead(ctx, key, at, `@Headers('${key}')`)
    } else if ((dn === 'Body' || dn === 'Query' || dn === 'Param') && key) {
      ctx.scan.field(
        key,
        { container: handlerName(ctx), kind: 'request', type: typeOfTypeNode(p.type) },
        at,
        'request',
        `@${dn}('${key}')`,
      )
    }
  }
}

/** `const { ip } = req`: the client IP and location read by destructuring the request (its payload: submitted-fields). */
function destructure(
  pattern: ts.ObjectBindingPattern,
  init: ts.Expression | undefined,
  ctx: WalkContext,
): void {
  const source = init ? dottedName(init) : undefined
  if (!source || !REQUEST_OBJECT.test(source)) return
  for (const el of pattern.elements) {
    const key = nameText(el.propertyName ?? el.name)
    const signal = key ? requestReadSignal(`${source}.${key}`) : undefined
    if (signal)
      ctx.scan.signal(signal.category, ctx.at(el), 'request', signal.rule, signal.reason, `${source}.${key}`)
  }
}
