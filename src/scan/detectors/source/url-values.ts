import { ts } from 'ts-morph'
import type { WalkContext } from '../../walk/detector.js'
import { unwrap } from '../../walk/ts-helpers.js'
import type { LocalBinding } from '../../walk/scope.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const FUNCTION_KINDS = new Set<ts.SyntaxKind>([
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.ClassDeclaration,
])

/** How far a URL is followed through constants, locals and local functions. */
const MAX_DEPTH = 6

/** String methods whose result keeps the URL's host: `(settings.url || 'https://api.x.com/').replace(/\/$/, '')`. */
const HOST_KEEPING_METHODS = new Set([
  'trim',
  'trimEnd',
  'trimStart',
  'replace',
  'replaceAll',
  'toLowerCase',
  'toString',
])

/**
 * The values a URL expression may take, `*` for parts unknown statically: literals and templates through the
 * file's constants and the function's `const` locals (and parameter defaults); each static side of `??`, `||` and
 * `?:`; `new URL(path, base)`; `.href` / `.toString()` of a URL; `this.apiUrl`, a field of the enclosing class;
 * `this.urlFor(x)`, what a method of that class returns; `storeUrl()`, what a function a `const` holds returns.
 */
export function urlValues(expr: ts.Expression | undefined, ctx: WalkContext, depth = 0): string[] {
  const e = unwrap(expr)
  if (!e || depth > MAX_DEPTH) return []
  switch (e.kind) {
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      return [(e as ts.StringLiteral).text]
    case SK.TemplateExpression: {
      const t = e as ts.TemplateExpression
      let rest = ''
      for (const span of t.templateSpans.slice(1))
        rest += single(span.expression, ctx, depth) + span.literal.text
      const first = t.templateSpans[0]!
      if (t.head.text === '') return leading(first.expression, first.literal.text + rest, ctx, depth)
      return [t.head.text + single(first.expression, ctx, depth) + first.literal.text + rest]
    }
    case SK.BinaryExpression: {
      const b = e as ts.BinaryExpression
      const op = b.operatorToken.kind
      // A concatenation's left operand is a smaller part of the same expression, not one more indirection: a long
      // chain (`schema + '://' + host + path + '?' + query`) keeps the depth its first name is followed with.
      if (op === SK.PlusToken) return leading(b.left, single(b.right, ctx, depth), ctx, depth - 1)
      if (op === SK.QuestionQuestionToken || op === SK.BarBarToken)
        return [...urlValues(b.left, ctx, depth + 1), ...urlValues(b.right, ctx, depth + 1)]
      // `ready && url`: the URL when the guard holds, otherwise a falsy value that names no server.
      if (op === SK.AmpersandAmpersandToken) return urlValues(b.right, ctx, depth + 1)
      return []
    }
    case SK.ConditionalExpression: {
      const c = e as ts.ConditionalExpression
      return [...urlValues(c.whenTrue, ctx, depth + 1), ...urlValues(c.whenFalse, ctx, depth + 1)]
    }
    case SK.Identifier:
      return identifierValues(e as ts.Identifier, ctx, depth)
    case SK.NewExpression: {
      const n = e as ts.NewExpression
      if (n.expression.kind !== SK.Identifier || (n.expression as ts.Identifier).text !== 'URL') return []
      const [path, base] = n.arguments ?? []
      return [...urlValues(path, ctx, depth + 1), ...urlValues(base, ctx, depth + 1)]
    }
    case SK.PropertyAccessExpression: {
      const pa = e as ts.PropertyAccessExpression
      if (pa.name.text === 'href' || pa.name.text === 'origin')
        return urlValues(pa.expression, ctx, depth + 1)
      if (pa.expression.kind === SK.ThisKeyword)
        return classField(pa.name.text, ctx).flatMap((v) => urlValues(v, ctx, depth + 1))
      const s = ctx.string(pa)
      return s ? [s.value] : []
    }
    case SK.ElementAccessExpression: {
      const s = ctx.string(e)
      if (s && !s.pattern) return [s.value]
      return keyedValues(e as ts.ElementAccessExpression, ctx).flatMap((v) => urlValues(v, ctx, depth + 1))
    }
    case SK.CallExpression: {
      const c = e as ts.CallExpression
      const callee = c.expression
      if (
        callee.kind === SK.PropertyAccessExpression &&
        HOST_KEEPING_METHODS.has((callee as ts.PropertyAccessExpression).name.text)
      )
        return urlValues((callee as ts.PropertyAccessExpression).expression, ctx, depth + 1)
      if (callee.kind === SK.Identifier && (callee as ts.Identifier).text === 'String')
        return urlValues(c.arguments[0], ctx, depth + 1)
      const fn = calledFunction(c, ctx)
      return fn ? returnedValues(fn).flatMap((r) => urlValues(r, ctx, depth + 1)) : []
    }
  }
  return []
}

/**
 * The entries a lookup by a key known only at run time may read (`instanceUrls[network]`): every value of the object
 * literal a `const` in scope holds (`const instanceUrls = { optimism: 'https://…', metis: 'https://…' }`). A map of
 * the servers per chain, region or provider names each of them; any other object gives nothing here.
 */
function keyedValues(e: ts.ElementAccessExpression, ctx: WalkContext): ts.Expression[] {
  const object = unwrap(e.expression)
  if (object?.kind !== SK.Identifier) return []
  const local = ctx.scope.lookup((object as ts.Identifier).text)
  if (!local || local.kind !== 'const' || local.path.length > 0) return []
  const literal = unwrap(local.initializer)
  if (literal?.kind !== SK.ObjectLiteralExpression) return []
  return (literal as ts.ObjectLiteralExpression).properties.flatMap((p) =>
    p.kind === SK.PropertyAssignment ? [p.initializer] : [],
  )
}

/**
 * The function of the file a call runs: `storeUrl()` held by a `const` in scope or declared at the top of the file;
 * `this.getReleaseUrl(tag)`, a method of the enclosing class.
 */
export function calledFunction(
  c: ts.CallExpression,
  ctx: WalkContext,
): ts.FunctionLikeDeclaration | undefined {
  const callee = c.expression
  if (callee.kind === SK.Identifier)
    return (
      scopedFunction(callee as ts.Identifier, ctx) ?? localFunction(ctx.sf, (callee as ts.Identifier).text)
    )
  if (
    callee.kind === SK.PropertyAccessExpression &&
    (callee as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
  )
    return classMethod((callee as ts.PropertyAccessExpression).name.text, ctx)
  return undefined
}

/**
 * What a variable a function declares holds, read from its text (the walk's scope is the caller's): its initializer
 * and every value the function assigns to it. Undefined when the function declares no such name.
 */
export function declaredValues(fn: ts.FunctionLikeDeclaration, name: string): ts.Expression[] | undefined {
  if (!fn.body) return undefined
  let declaration: ts.VariableDeclaration | undefined
  const find = (n: ts.Node): void => {
    if (declaration || FUNCTION_KINDS.has(n.kind)) return
    if (n.kind === SK.VariableDeclaration) {
      const d = n as ts.VariableDeclaration
      if (d.name.kind === SK.Identifier && d.name.text === name) declaration = d
    }
    ts.forEachChild(n, find)
  }
  ts.forEachChild(fn.body, find)
  if (!declaration) return undefined
  const init = declaration.initializer
  return [...(init ? [init] : []), ...assignedValues(fn, declaration, name)]
}

/** A function a `const` in scope holds (`const storeUrl = () => `https://…``), in the function that calls it. */
function scopedFunction(
  id: ts.Identifier,
  ctx: WalkContext,
): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const local = ctx.scope.lookup(id.text)
  const init = local?.kind === 'const' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  return init?.kind === SK.ArrowFunction || init?.kind === SK.FunctionExpression
    ? (init as ts.ArrowFunction | ts.FunctionExpression)
    : undefined
}

/** A function declared at the top of the file under a name: `function f() {}` or `const f = () => …`. */
function localFunction(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const stmt of sf.statements) {
    if (stmt.kind === SK.FunctionDeclaration && (stmt as ts.FunctionDeclaration).name?.text === name)
      return stmt as ts.FunctionDeclaration
    if (stmt.kind !== SK.VariableStatement) continue
    for (const d of (stmt as ts.VariableStatement).declarationList.declarations) {
      const init = unwrap(d.initializer)
      if (
        d.name.kind === SK.Identifier &&
        d.name.text === name &&
        (init?.kind === SK.ArrowFunction || init?.kind === SK.FunctionExpression)
      )
        return init as ts.ArrowFunction | ts.FunctionExpression
    }
  }
  return undefined
}

/** The expressions a function returns (its body, for an arrow with an expression body); nested functions excluded. */
export function returnedValues(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const body = fn.body
  if (!body) return []
  if (body.kind !== SK.Block) return [body as ts.Expression]
  const out: ts.Expression[] = []
  const visit = (n: ts.Node): void => {
    if (n.kind === SK.ReturnStatement) {
      const e = (n as ts.ReturnStatement).expression
      if (e) out.push(e)
      return
    }
    if (FUNCTION_KINDS.has(n.kind)) return
    ts.forEachChild(n, visit)
  }
  ts.forEachChild(body, visit)
  return out
}

/** How many values of a URL's leading part are kept, each followed by the rest of the URL. */
const MAX_LEADING = 4

/**
 * The values of a URL that starts with `expr` and goes on with `rest`: each value of the leading part, since it holds
 * the host (`${baseUrl}${path}` where `baseUrl` is a setting or a base-URL constant), else one `*`.
 */
function leading(expr: ts.Expression, rest: string, ctx: WalkContext, depth: number): string[] {
  const values = [...new Set(urlValues(expr, ctx, depth + 1))]
  if (values.length === 0 || values.length > MAX_LEADING) return ['*' + rest]
  return values.map((v) => v + rest)
}

/** One value for a part of a template or concatenation: its only static value, else `*`. */
function single(expr: ts.Expression, ctx: WalkContext, depth: number): string {
  const values = [...new Set(urlValues(expr, ctx, depth + 1))]
  return values.length === 1 ? values[0]! : '*'
}

/**
 * A name's values: a `const` local or a parameter's default in scope; a `let` / `var` local's initializer and every
 * value assigned to it in its function (`let url; switch (region) { case 'eu': url = EU_URL … }`); else a module
 * constant.
 */
function identifierValues(id: ts.Identifier, ctx: WalkContext, depth: number): string[] {
  const exprs = localValues(id, ctx)
  if (exprs) return exprs.flatMap((v) => urlValues(v, ctx, depth + 1))
  const s = ctx.string(id)
  return s ? [s.value] : []
}

/**
 * What a local name holds: a `const`'s (or a parameter's default) initializer; a `let` / `var`'s initializer and every
 * value its function assigns to it. Empty for a local of unknown value, undefined for a name that is no local.
 */
export function localValues(id: ts.Identifier, ctx: WalkContext): (ts.Expression | undefined)[] | undefined {
  const local = ctx.scope.lookup(id.text)
  if (!local) return undefined
  if (local.iterates) return []
  if (local.path.length > 0) return destructuredDefault(local)
  if (local.kind === 'const' || (local.kind === 'parameter' && local.initializer)) return [local.initializer]
  if (local.kind === 'let' || local.kind === 'var')
    return [local.initializer, ...reassigned(local, id.text, ctx)]
  return []
}

/**
 * The default of a name destructured from an object (`const { API_URL = 'https://api.example.com' } = process.env`):
 * the value it takes when the setting is absent, as `process.env.API_URL ?? 'https://…'` does; none without one.
 */
function destructuredDefault(local: LocalBinding): ts.Expression[] {
  let pattern: ts.BindingName = local.declaration.name
  let element: ts.BindingElement | undefined
  for (const key of local.path) {
    if (pattern.kind !== SK.ObjectBindingPattern) return []
    element = pattern.elements.find((e) => !e.dotDotDotToken && nameOf(e.propertyName ?? e.name) === key)
    if (!element) return []
    pattern = element.name
  }
  return element?.initializer ? [element.initializer] : []
}

/** A binding element's key as written: an identifier or a string literal. */
function nameOf(n: ts.Node): string | undefined {
  return n.kind === SK.Identifier || n.kind === SK.StringLiteral ? (n as ts.Identifier).text : undefined
}

/** The values a `let` / `var` local is assigned in the function (or file) that declares it; none for other kinds. */
function reassigned(local: LocalBinding, name: string, ctx: WalkContext): ts.Expression[] {
  if (local.kind !== 'let' && local.kind !== 'var') return []
  const scope = ctx.scope.ownerOf(local)
  return scope ? assignedValues(scope.node, local.declaration, name) : []
}

/**
 * The expressions a value is built from: itself and, for each local it names, that local's initializer and what the
 * function assigns to it, followed a few hops (`let host = formatted; if (x) host = origin()` → formatted, origin()).
 */
export function valueSources(expr: ts.Expression | undefined, ctx: WalkContext): ts.Expression[] {
  const out: ts.Expression[] = []
  const visit = (e: ts.Expression | undefined, depth: number): void => {
    if (!e || depth > MAX_DEPTH || out.includes(e)) return
    out.push(e)
    const names = (n: ts.Node): void => {
      if (n.kind === SK.Identifier) {
        const name = (n as ts.Identifier).text
        const local = ctx.scope.lookup(name)
        if (!local) return
        for (const v of [local.initializer, ...reassigned(local, name, ctx)]) visit(v, depth + 1)
      } else ts.forEachChild(n, names)
    }
    names(e)
  }
  visit(unwrap(expr), 0)
  return out
}

/** Per `let` / `var` declaration: the values assigned to it (a file-level variable would otherwise mean a walk per use). */
const assignments = new WeakMap<ts.Node, ts.Expression[]>()

/** The values assigned with `name = value` in the function (or file) `owner` that declares the variable. */
function assignedValues(owner: ts.Node, declaration: ts.Node, name: string): ts.Expression[] {
  const known = assignments.get(declaration)
  if (known) return known
  const out: ts.Expression[] = []
  const visit = (n: ts.Node): void => {
    if (n.kind === SK.BinaryExpression) {
      const b = n as ts.BinaryExpression
      if (
        b.operatorToken.kind === SK.EqualsToken &&
        b.left.kind === SK.Identifier &&
        (b.left as ts.Identifier).text === name
      )
        out.push(b.right)
    }
    ts.forEachChild(n, visit)
  }
  ts.forEachChild(owner, visit)
  assignments.set(declaration, out)
  return out
}

/**
 * The values a field of the innermost enclosing class is given: its initializer (`private api = 'https://…'`) and
 * what its constructor assigns (`this.api = base ?? 'https://…'`). A map layer or API client keeps its server there.
 */
export function classField(name: string, ctx: WalkContext): ts.Expression[] {
  const cls = ctx.enclosingClass()
  if (!cls) return []
  const out: ts.Expression[] = []
  for (const member of cls.members) {
    if (member.kind === SK.PropertyDeclaration) {
      const p = member as ts.PropertyDeclaration
      if (p.initializer && p.name.kind === SK.Identifier && p.name.text === name) out.push(p.initializer)
    } else if (member.kind === SK.Constructor && (member as ts.ConstructorDeclaration).body) {
      for (const stmt of (member as ts.ConstructorDeclaration).body!.statements) {
        const e =
          stmt.kind === SK.ExpressionStatement ? (stmt as ts.ExpressionStatement).expression : undefined
        if (e?.kind !== SK.BinaryExpression) continue
        const b = e as ts.BinaryExpression
        const left = b.left
        if (
          b.operatorToken.kind === SK.EqualsToken &&
          left.kind === SK.PropertyAccessExpression &&
          (left as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword &&
          (left as ts.PropertyAccessExpression).name.text === name
        )
          out.push(b.right)
      }
    }
  }
  return out
}

/** A method of the enclosing class under a name (`getReleaseUrl(tag) { return `https://…` }`). */
function classMethod(name: string, ctx: WalkContext): ts.MethodDeclaration | undefined {
  return ctx
    .enclosingClass()
    ?.members.find(
      (m): m is ts.MethodDeclaration =>
        m.kind === SK.MethodDeclaration &&
        (m as ts.MethodDeclaration).name.kind === SK.Identifier &&
        ((m as ts.MethodDeclaration).name as ts.Identifier).text === name,
    )
}
