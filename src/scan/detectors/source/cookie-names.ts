import { ts } from 'ts-morph'
import type { WalkContext } from '../../walk/detector.js'
import { sameBinding, type LocalBinding } from '../../walk/scope.js'
import { dottedName, nameText, staticString, unwrap } from '../../walk/ts-helpers.js'
import { classField } from './url-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isArrowFunction: ts.isArrowFunction,
  isBindingElement: ts.isBindingElement,
  isBlock: ts.isBlock,
  isCallExpression: ts.isCallExpression,
  isFunctionDeclaration: ts.isFunctionDeclaration,
  isFunctionExpression: ts.isFunctionExpression,
  isIdentifier: ts.isIdentifier,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isReturnStatement: ts.isReturnStatement,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTemplateExpression: ts.isTemplateExpression,
  isVariableStatement: ts.isVariableStatement,
}

/**
 * Where an exported function's parameter goes in the name it returns: `{0}` for the first. Braces are separators in
 * cookie names (RFC 6265), so no real name holds one.
 */
const argumentMark = (index: number): string => `{${index}}`

/** A string known at scan time; `pattern` when some part of it (`*`) is only known at run time. */
export interface NameValue {
  value: string
  pattern: boolean
}

/** Values bound to names for one evaluation: a loop variable's element, a helper's argument. */
type Env = ReadonlyMap<string, NameValue>

/** Array methods whose callback's first parameter is each element (`NAMES.forEach((name) => …)`). */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find'])
/** More combinations than this from loops in one name are not spelled out. */
const MAX_NAMES = 64
const MAX_DEPTH = 5

/**
 * The names a cookie-name expression can take: literals, templates and concatenations through constants of the file
 * and of the enclosing functions (`const STATE = \`${prefix}state\``, destructuring defaults
 * `const { prefix = 'oauth.' } = config`), every element of an array a loop walks (`for (const name of NAMES)`,
 * `NAMES.forEach((name) => …)`, `for (const { cookie } of PAIRS)`), and local helpers that return a name
 * (`const stateCookie = (id) => \`${id}_state\``). Unknown parts become `*`.
 */
export function cookieNameValues(node: ts.Expression, ctx: WalkContext): NameValue[] {
  const fields = fieldValues(node, ctx)
  if (fields) return fields
  const loops = loopBindings(node, ctx)
  if (loops.length === 0) {
    const one = evaluate(node, ctx, new Map(), 0)
    return one ? [one] : []
  }
  const out: NameValue[] = []
  const seen = new Set<string>()
  for (const env of combinations(loops)) {
    const v = evaluate(node, ctx, env, 0)
    if (v && !seen.has(v.value)) {
      seen.add(v.value)
      out.push(v)
    }
  }
  return out
}

/**
 * `this.cookieName_`, a field of the enclosing class: each name its initializer or constructor gives it, through
 * both branches of a condition (`this.cookieName_ = secure ? 'prefs' : 'prefsHttp'`). Undefined when it is no
 * such field.
 */
function fieldValues(node: ts.Expression, ctx: WalkContext): NameValue[] | undefined {
  const n = unwrap(node)
  if (!n || !tsf.isPropertyAccessExpression(n) || n.expression.kind !== SK.ThisKeyword) return undefined
  const given = classField(n.name.text, ctx)
  if (given.length === 0) return undefined
  const branches = (e: ts.Expression): ts.Expression[] => {
    const x = unwrap(e) ?? e
    return x.kind === SK.ConditionalExpression
      ? [
          ...branches((x as ts.ConditionalExpression).whenTrue),
          ...branches((x as ts.ConditionalExpression).whenFalse),
        ]
      : [x]
  }
  const out: NameValue[] = []
  for (const e of given.flatMap(branches)) {
    const v = evaluate(e, ctx, new Map(), 0)
    if (v && !out.some((o) => o.value === v.value)) out.push(v)
  }
  return out
}

/** A cookie name from an expression: the single value it takes, when nothing of it is known only in a loop. */
export function resolveName(node: ts.Expression, ctx: WalkContext): NameValue | undefined {
  const s = evaluate(node, ctx, new Map(), 0)
  return s && usable(s.value) ? s : undefined
}

/** A name with something more than wildcards in it. */
export function usable(value: string): boolean {
  return value !== '' && !/^\**$/.test(value)
}

/** The value of a name expression with some names bound (a helper's parameter to a placeholder). */
export function nameValueWith(node: ts.Expression, ctx: WalkContext, env: Env): NameValue | undefined {
  return evaluate(node, ctx, env, 0)
}

/**
 * The parameter of the enclosing top-level function that a name expression uses (`document.cookie =
 * \`${cookie}=true\`` inside `function markDone(cookie)`): the function is a cookie helper called with the name.
 */
export function helperParameter(
  node: ts.Expression,
  ctx: WalkContext,
): { fn: string; index: number; name: string } | undefined {
  let scope: WalkContext['scope'] | undefined = ctx.scope
  while (scope?.outer && scope.outer !== ctx.fileScope) scope = scope.outer
  if (!scope?.outer || !scope.name) return undefined
  let found: { fn: string; index: number; name: string } | undefined
  const visit = (n: ts.Node): void => {
    if (found) return
    if (tsf.isIdentifier(n)) {
      const b = ctx.scope.lookup(n.text)
      if (
        b &&
        b.kind === 'parameter' &&
        b.path.length === 0 &&
        !b.initializer &&
        sameBinding(scope!.own(n.text), b)
      )
        found = { fn: scope!.name!, index: b.parameterIndex, name: n.text }
    }
    if (tsf.isPropertyAccessExpression(n)) visit(n.expression)
    else ts.forEachChild(n, visit)
  }
  visit(node)
  return found
}

/**
 * The parameter of the innermost function around a name expression that the expression uses, with the name that
 * function is bound to, wherever it is declared (`const setOAuthCookie = Effect.fn('…')((ctx, key) =>
 * ctx.cookies.set(key, …))` inside a service): a helper that callers may reach through an object the service returns.
 */
export function nestedHelperParameter(
  node: ts.Expression,
  ctx: WalkContext,
): { fn: string; index: number; name: string } | undefined {
  let param: LocalBinding | undefined
  const visit = (n: ts.Node): void => {
    if (param) return
    if (tsf.isIdentifier(n)) {
      const b = ctx.scope.lookup(n.text)
      if (b && b.kind === 'parameter' && b.path.length === 0 && !b.initializer) param = b
    }
    if (tsf.isPropertyAccessExpression(n)) visit(n.expression)
    else ts.forEachChild(n, visit)
  }
  visit(node)
  if (!param) return undefined
  let scope: WalkContext['scope'] | undefined = ctx.scope
  while (scope && !sameBinding(scope.own(param.name), param)) scope = scope.outer
  if (!scope || scope === ctx.fileScope) return undefined
  const fn = scope.name ?? boundName(scope.node, ctx)
  return fn ? { fn, index: param.parameterIndex, name: param.name } : undefined
}

/** The variable or property a function expression is bound to through wrapping calls (`const f = wrap('…')(() => …)`). */
function boundName(fn: ts.Node, ctx: WalkContext): string | undefined {
  let i = ctx.path.lastIndexOf(fn)
  let child: ts.Node = fn
  for (let hops = 0; i > 0 && hops < 4; hops++, i--) {
    const parent = ctx.path[i - 1]!
    if (parent.kind === SK.VariableDeclaration || parent.kind === SK.PropertyAssignment)
      return nameText((parent as ts.VariableDeclaration | ts.PropertyAssignment).name)
    const wraps =
      parent.kind === SK.ParenthesizedExpression ||
      (tsf.isCallExpression(parent) &&
        (parent.expression === child || parent.arguments.includes(child as ts.Expression)))
    if (!wraps) return undefined
    child = parent
  }
  return undefined
}

function evaluate(node: ts.Expression, ctx: WalkContext, env: Env, depth: number): NameValue | undefined {
  if (depth > MAX_DEPTH) return undefined
  const n = unwrap(node)
  if (n && tsf.isCallExpression(n)) return returnedName(n, ctx, env, depth)
  return staticString(n, (x) => lookup(x, ctx, env, depth))
}

/** A name (identifier or dotted constant) through the loop environment, the enclosing functions, then the file. */
function lookup(node: ts.Expression, ctx: WalkContext, env: Env, depth: number): NameValue | undefined {
  if (tsf.isIdentifier(node)) {
    const bound = env.get(node.text)
    if (bound) return bound
    const local = ctx.scope.lookup(node.text)
    if (local && !sameBinding(ctx.fileScope.own(node.text), local))
      return bindingValue(local, ctx, env, depth + 1)
    // A module-level setting with a default (`const { SESSION_COOKIE = 'sid' } = process.env`): the name the app
    // uses unless the operator sets another.
    const element =
      local && local.path.length > 0 ? bindingElement(local.declaration.name, local.path) : undefined
    if (element?.initializer) return evaluate(element.initializer, ctx, env, depth + 1)
  }
  return ctx.bindings.lookup(node)
}

/** The value a function-local name holds: a `const`'s initializer, or the default of a destructured name. */
function bindingValue(b: LocalBinding, ctx: WalkContext, env: Env, depth: number): NameValue | undefined {
  if (b.iterates) return undefined
  const element = b.path.length > 0 ? bindingElement(b.declaration.name, b.path) : undefined
  if (element?.initializer) return evaluate(element.initializer, ctx, env, depth)
  if (b.kind === 'parameter')
    return b.path.length === 0 && b.initializer ? evaluate(b.initializer, ctx, env, depth) : undefined
  if (!b.initializer) return undefined
  // Code written before `const` declares its constants with `var` (`var teststring = "_probe"`): a `var` or `let`
  // that starts as a plain string is read as that string; one built from other values may have changed since.
  if (b.kind !== 'const' && !(b.path.length === 0 && tsf.isStringLiteralLike(b.initializer))) return undefined
  const value = b.path.length === 0 ? b.initializer : valueAt(b.initializer, b.path)
  return value ? evaluate(value, ctx, env, depth) : undefined
}

/** The binding element a destructuring path leads to (`{ cookie: { name } }`, `['a', 'b']`). */
function bindingElement(name: ts.BindingName, path: readonly string[]): ts.BindingElement | undefined {
  let pattern: ts.BindingName = name
  let element: ts.BindingElement | undefined
  for (const key of path) {
    if (pattern.kind === SK.Identifier) return undefined
    if (tsf.isObjectBindingPattern(pattern))
      element = pattern.elements.find((e) => nameText(e.propertyName ?? e.name) === key)
    else {
      const el = pattern.elements[Number(key)]
      element = el && tsf.isBindingElement(el) ? el : undefined
    }
    if (!element) return undefined
    pattern = element.name
  }
  return element
}

/** The expression at a property path of an object or array literal (`{ cookie: 'x' }` at `cookie` → `'x'`). */
function valueAt(node: ts.Expression, path: readonly string[]): ts.Expression | undefined {
  let n: ts.Expression | undefined = unwrap(node)
  for (const key of path) {
    if (!n) return undefined
    if (tsf.isObjectLiteralExpression(n)) {
      const p = n.properties.find((x) => tsf.isPropertyAssignment(x) && nameText(x.name) === key) as
        ts.PropertyAssignment | undefined
      n = unwrap(p?.initializer)
    } else if (tsf.isArrayLiteralExpression(n)) n = unwrap(n.elements[Number(key)])
    else return undefined
  }
  return n
}

/** `stateCookieName(id)` where the file's function returns a template: its value with the arguments in place. */
function returnedName(
  call: ts.CallExpression,
  ctx: WalkContext,
  env: Env,
  depth: number,
): NameValue | undefined {
  if (!tsf.isIdentifier(call.expression)) return undefined
  const fn = localFunction(call.expression.text, ctx)
  if (!fn) return undefined
  const body = returnedExpression(fn)
  if (!body) return undefined
  const inner = new Map(env)
  fn.parameters.forEach((p, i) => {
    if (!tsf.isIdentifier(p.name)) return
    const arg = call.arguments[i]
    const v = arg ? evaluate(arg, ctx, env, depth + 1) : undefined
    inner.set(p.name.text, v ?? { value: '*', pattern: true })
  })
  return staticString(
    body,
    (x) => (tsf.isIdentifier(x) ? inner.get(x.text) : undefined) ?? lookup(x, ctx, env, depth),
  )
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression

/** A function declared at the top of the file by that name (`function f()`, `const f = () => …`). */
function localFunction(name: string, ctx: WalkContext): FunctionLike | undefined {
  const b = ctx.fileScope.own(name)
  if (b && sameBinding(ctx.scope.lookup(name), b) && b.kind === 'const' && b.path.length === 0) {
    const init = unwrap(b.initializer)
    if (init && (tsf.isArrowFunction(init) || tsf.isFunctionExpression(init))) return init
    return undefined
  }
  if (!ctx.bindings.functions.has(name) || ctx.scope.lookup(name)) return undefined
  for (const s of ctx.sf.statements) if (tsf.isFunctionDeclaration(s) && s.name?.text === name) return s
  return undefined
}

/** The expression a function returns when its body is one expression or one `return`. */
function returnedExpression(fn: FunctionLike): ts.Expression | undefined {
  const body = fn.body
  if (!body) return undefined
  if (!tsf.isBlock(body)) return body
  if (body.statements.length !== 1) return undefined
  const only = body.statements[0]!
  return tsf.isReturnStatement(only) ? only.expression : undefined
}

/** A name a loop binds in the expression, with the values it takes. */
interface LoopBinding {
  name: string
  values: NameValue[]
}

/** The loop variables an expression uses, each with every element value of the array the loop walks. */
function loopBindings(node: ts.Expression, ctx: WalkContext): LoopBinding[] {
  const out: LoopBinding[] = []
  const visit = (n: ts.Node): void => {
    if (tsf.isIdentifier(n) && !out.some((l) => l.name === n.text)) {
      const values = loopValues(n.text, ctx)
      if (values) out.push({ name: n.text, values })
    }
    // Only the name's own parts: a property name (`x.name`) is not a variable.
    if (tsf.isPropertyAccessExpression(n)) visit(n.expression)
    else ts.forEachChild(n, visit)
  }
  visit(node)
  return out
}

/** The values a loop variable takes, or undefined when the name is not one or the array is not known. */
function loopValues(name: string, ctx: WalkContext): NameValue[] | undefined {
  const b = ctx.scope.lookup(name)
  if (!b) return undefined
  let elements: readonly ts.Expression[] | undefined
  if (b.iterates) elements = arrayElements(b.iterates, ctx)
  else if (b.kind === 'parameter' && b.parameterIndex === 0) {
    const iterated = callbackArray(b, ctx)
    elements = iterated ? arrayElements(iterated, ctx) : undefined
  }
  if (!elements) return undefined
  const values: NameValue[] = []
  for (const el of elements) {
    const at = b.path.length > 0 ? valueAt(el, b.path) : el
    const v = at ? evaluate(at, ctx, new Map(), 1) : undefined
    if (v && usable(v.value)) values.push(v)
  }
  return values.length > 0 ? values : undefined
}

/** `NAMES.forEach((name) => …)`: the array whose elements a callback parameter receives. */
function callbackArray(b: LocalBinding, ctx: WalkContext): ts.Expression | undefined {
  let scope: WalkContext['scope'] | undefined = ctx.scope
  while (scope && !sameBinding(scope.own(b.name), b)) scope = scope.outer
  if (!scope) return undefined
  const i = ctx.path.lastIndexOf(scope.node)
  const call = i > 0 ? ctx.path[i - 1] : undefined
  if (!call || !tsf.isCallExpression(call) || !call.arguments.includes(scope.node as ts.Expression))
    return undefined
  const callee = call.expression
  return tsf.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text)
    ? callee.expression
    : undefined
}

/** The elements of an array literal (through constants, `as const`, `Object.values`/`Object.keys` of an object). */
function arrayElements(
  node: ts.Expression,
  ctx: WalkContext,
  depth = 0,
): readonly ts.Expression[] | undefined {
  const n = unwrap(node)
  if (!n || depth > 3) return undefined
  if (tsf.isArrayLiteralExpression(n)) return n.elements
  if (tsf.isCallExpression(n) && n.arguments[0]) {
    const fn = dottedName(n.expression)
    if (fn === 'Object.values' || fn === 'Object.keys' || fn === 'Object.entries') {
      const obj = literalOf(n.arguments[0], ctx)
      if (!obj || !tsf.isObjectLiteralExpression(obj)) return undefined
      const props = obj.properties.filter(tsf.isPropertyAssignment)
      if (fn === 'Object.values') return props.map((p) => p.initializer)
      if (fn === 'Object.keys')
        return props.map((p) => ts.factory.createStringLiteral(nameText(p.name) ?? ''))
      return undefined
    }
  }
  const lit = literalOf(n, ctx)
  return lit && lit !== n ? arrayElements(lit, ctx, depth + 1) : undefined
}

/** The literal a constant name is initialised with (a local `const` first, then a top-level one). */
function literalOf(node: ts.Expression, ctx: WalkContext): ts.Expression | undefined {
  const n = unwrap(node)
  if (!n || !tsf.isIdentifier(n)) return n
  const b = ctx.scope.lookup(n.text)
  if (!b || b.kind !== 'const' || b.path.length > 0) return undefined
  return unwrap(b.initializer)
}

function* combinations(loops: readonly LoopBinding[]): Generator<Env> {
  let count = 0
  const env = new Map<string, NameValue>()
  function* go(i: number): Generator<Env> {
    if (count >= MAX_NAMES) return
    if (i === loops.length) {
      count++
      yield env
      return
    }
    for (const v of loops[i]!.values) {
      env.set(loops[i]!.name, v)
      yield* go(i + 1)
    }
  }
  yield* go(0)
}

/** `name=value; Path=/` → `name`; a name with `*` from a template literal stays a pattern. */
export function cookieNameFromHeader(header: string): NameValue | undefined {
  const eq = header.indexOf('=')
  if (eq <= 0) return undefined
  const name = header.slice(0, eq).trim()
  if (!name || /[\s;,]/.test(name) || /^\**$/.test(name)) return undefined
  // A string that starts with an attribute (`cookie_flags: 'SameSite=None;Secure'`) is the attributes of a cookie
  // set elsewhere, not a cookie of that name.
  if (COOKIE_ATTRIBUTES.has(name.toLowerCase())) return undefined
  return { value: name, pattern: name.includes('*') }
}

/** The attributes of a Set-Cookie line (RFC 6265 and its successors), which name no cookie. */
const COOKIE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'path',
  'max-age',
  'expires',
  'domain',
  'httponly',
  'secure',
  'samesite',
  'partitioned',
  'priority',
])

/**
 * Exported top-level functions that return a cookie-like name built from a template (`export const stateCookie =
 * (id) => \`${id}_state\``): their value, with the parameters as `*`, is exported as `name()` so that a caller in
 * another module resolves `stateCookie(id)` when files are linked.
 */
export function exportReturnedNames(ctx: WalkContext): void {
  const exported = ctx.scan.facts.exportedStrings
  for (const s of ctx.sf.statements) {
    const isExport = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === SK.ExportKeyword)
    if (!isExport) continue
    const fns: [string, FunctionLike][] = []
    if (tsf.isFunctionDeclaration(s) && s.name) fns.push([s.name.text, s])
    else if (tsf.isVariableStatement(s))
      for (const d of s.declarationList.declarations) {
        const init = unwrap(d.initializer)
        if (tsf.isIdentifier(d.name) && init && (tsf.isArrowFunction(init) || tsf.isFunctionExpression(init)))
          fns.push([d.name.text, init])
      }
    for (const [name, fn] of fns) {
      const body = returnedExpression(fn)
      if (!body || (!tsf.isTemplateExpression(body) && body.kind !== SK.BinaryExpression)) continue
      const params = new Map<string, NameValue>()
      fn.parameters.forEach((p, i) => {
        if (tsf.isIdentifier(p.name)) params.set(p.name.text, { value: argumentMark(i), pattern: true })
      })
      const v = staticString(
        body,
        (x) => (tsf.isIdentifier(x) ? params.get(x.text) : undefined) ?? ctx.bindings.lookup(x),
      )
      // Only names with a literal part of their own: `${a}${b}` says nothing.
      const literal = v?.value.replace(/\*|\{\d+\}/g, ' ')
      if (v && v.pattern && literal && /[A-Za-z0-9_.-]{2,}/.test(literal)) exported[`${name}()`] = v.value
    }
  }
}
