import { ts } from 'ts-morph'
import type { WalkContext } from '../walk/detector.js'
import { FUNCTION_SCOPE_KINDS, FunctionScope } from '../walk/scope.js'
import { nameText } from '../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const FUNCTION_KINDS = new Set(FUNCTION_SCOPE_KINDS)

/**
 * A value written into a local after its declaration: `x = v`, `x += v`, `x.key = v`, `x.push(v)`,
 * `x.append('key', v)`, `Object.assign(x, v)`. `key` is the property it lands in, when the write names one.
 */
export interface LocalWrite {
  value: ts.Expression
  key?: string
  /** A key only known when the code runs (`address[key] = value`): it may range over literal names. */
  keyExpr?: ts.Expression
  /** The statement-level node of the write, for the trace. */
  node: ts.Node
}

/** Methods that add their argument to the array or object they are called on. */
const ADDING_METHODS = new Set(['push', 'unshift'])
/** Methods that store their second argument under the key the first names (`FormData`, `URLSearchParams`, `Map`). */
const KEYED_METHODS = new Set(['append', 'set'])
const COMPOUND_ASSIGNMENTS = new Set([
  SK.EqualsToken,
  SK.PlusEqualsToken,
  SK.QuestionQuestionEqualsToken,
  SK.BarBarEqualsToken,
])

/**
 * What the function bodies of one file hold beyond the walk's position: the writes to each function's locals and
 * the scope of a function the walk is not inside (a method or helper whose return value is passed to a sink). Built
 * on demand and kept per file.
 */
export class FunctionBodies {
  private readonly writes = new Map<ts.Node, Map<string, LocalWrite[]>>()
  /** Names whose function's text shows no write to them, by function (before its writes are collected). */
  private readonly unwritten = new Map<ts.Node, Set<string>>()
  private readonly scopes = new Map<ts.Node, FunctionScope>()

  constructor(private readonly ctx: WalkContext) {}

  /** Writes to `name` inside a function (nested callbacks included: `users.forEach(u => rows.push(u.email))`). */
  writesTo(fn: ts.Node, name: string): readonly LocalWrite[] {
    let byName = this.writes.get(fn)
    if (!byName) {
      // Most locals a call passes are never written after their declaration: the function's text, searched for the
      // name where a write could follow it, spares them a walk of the whole function (a component and its JSX).
      let unwritten = this.unwritten.get(fn)
      if (unwritten?.has(name)) return []
      const body = (fn as ts.FunctionLikeDeclaration).body ?? fn
      if (!mayBeWritten(this.ctx.sf.text, body.pos, body.end, name)) {
        if (!unwritten) this.unwritten.set(fn, (unwritten = new Set()))
        unwritten.add(name)
        return []
      }
      byName = collectWrites(fn)
      this.writes.set(fn, byName)
    }
    return byName.get(name) ?? []
  }

  /** A scope for a function read from outside: its parameters and every local its body declares. */
  scopeOf(fn: ts.SignatureDeclaration): FunctionScope {
    let scope = this.scopes.get(fn)
    if (scope) return scope
    scope = new FunctionScope(fn, this.ctx.fileScope, nameText(fn.name))
    for (const p of fn.parameters) scope.declareParameter(p)
    const body = (fn as ts.FunctionLikeDeclaration).body
    if (body) declareLocals(body, scope)
    this.scopes.set(fn, scope)
    return scope
  }

  /**
   * The function a call runs when this file defines it: a method of the enclosing class (`this.buildPayload(…)`) or
   * a top-level function or arrow constant (`buildPayload(…)`).
   */
  calleeOf(call: ts.CallExpression): ts.SignatureDeclaration | undefined {
    const callee = call.expression
    if (
      callee.kind === SK.PropertyAccessExpression &&
      (callee as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
    )
      return classMethod(this.ctx, (callee as ts.PropertyAccessExpression).name.text)
    if (callee.kind !== SK.Identifier) return undefined
    const name = (callee as ts.Identifier).text
    const local = this.ctx.fileScope.own(name)
    if (local && this.ctx.scope.lookup(name)?.declaration === local.declaration) {
      const init = local.initializer
      if (init && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression))
        return init as ts.SignatureDeclaration
    }
    if (!this.ctx.bindings.functions.has(name) || this.ctx.scope.lookup(name)) return undefined
    return this.ctx.sf.statements.find(
      (s) => s.kind === SK.FunctionDeclaration && (s as ts.FunctionDeclaration).name?.text === name,
    ) as ts.FunctionDeclaration | undefined
  }
}

/** The values assigned to a plain name in a function's body (`client = new OpenAI(…)` in each branch). */
export function assignedValues(fn: ts.Node, name: string): ts.Expression[] {
  return (collectWrites(fn).get(name) ?? [])
    .filter((w) => w.key === undefined && !w.keyExpr)
    .map((w) => w.value)
}

/** The values a function returns: its `return` expressions (not those of nested functions), or an arrow's body. */
export function returnedValues(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body
  if (!body) return []
  if (body.kind !== SK.Block) return [body as ts.Expression]
  const out: ts.Expression[] = []
  const visit = (n: ts.Node): void => {
    if (FUNCTION_KINDS.has(n.kind) || n.kind === SK.ClassDeclaration || n.kind === SK.ClassExpression) return
    if (n.kind === SK.ReturnStatement) {
      const e = (n as ts.ReturnStatement).expression
      if (e) out.push(e)
      return
    }
    ts.forEachChild(n, visit)
  }
  ts.forEachChild(body, visit)
  return out
}

/** A method (or arrow-function property) of the class around the node being visited. */
function classMethod(ctx: WalkContext, name: string): ts.SignatureDeclaration | undefined {
  for (const m of ctx.enclosingClass()?.members ?? []) {
    if (nameText(m.name) !== name) continue
    if (m.kind === SK.MethodDeclaration || m.kind === SK.GetAccessor) return m as ts.MethodDeclaration
    const init = m.kind === SK.PropertyDeclaration ? (m as ts.PropertyDeclaration).initializer : undefined
    if (init && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression))
      return init as ts.SignatureDeclaration
  }
  return undefined
}

/** Declares the locals of a body in a scope, without entering nested functions. */
function declareLocals(body: ts.Node, scope: FunctionScope): void {
  const visit = (n: ts.Node): void => {
    if (FUNCTION_KINDS.has(n.kind)) return
    if (n.kind === SK.VariableDeclarationList) {
      const list = n as ts.VariableDeclarationList
      for (const d of list.declarations) scope.declareVariable(d, list)
    } else if (n.kind === SK.ForOfStatement || n.kind === SK.ForInStatement) {
      const loop = n as ts.ForOfStatement | ts.ForInStatement
      const init = loop.initializer
      if (init.kind === SK.VariableDeclarationList) {
        const list = init as ts.VariableDeclarationList
        for (const d of list.declarations) scope.declareVariable(d, list, loop)
        visit(loop.expression)
        visit(loop.statement)
        return
      }
    }
    ts.forEachChild(n, visit)
  }
  visit(body)
}

/** Every write to a plain name in a function's body, by name. */
export function collectWrites(fn: ts.Node): Map<string, LocalWrite[]> {
  const out = new Map<string, LocalWrite[]>()
  const add = (name: string, w: LocalWrite): void => {
    const list = out.get(name)
    if (list) list.push(w)
    else out.set(name, [w])
  }
  const visit = (n: ts.Node): void => {
    if (n.kind === SK.BinaryExpression) {
      const b = n as ts.BinaryExpression
      if (COMPOUND_ASSIGNMENTS.has(b.operatorToken.kind)) {
        const target = writeTarget(b.left)
        if (target) add(target.name, { value: b.right, key: target.key, keyExpr: target.keyExpr, node: b })
      }
    } else if (n.kind === SK.CallExpression) {
      const c = n as ts.CallExpression
      const callee = c.expression
      if (callee.kind === SK.PropertyAccessExpression) {
        const pa = callee as ts.PropertyAccessExpression
        const method = pa.name.text
        const target = writtenLocal(pa.expression)
        if (target && ADDING_METHODS.has(method))
          for (const a of c.arguments)
            add(target, {
              value: a.kind === SK.SpreadElement ? (a as ts.SpreadElement).expression : a,
              node: c,
            })
        else if (target && KEYED_METHODS.has(method) && c.arguments.length === 2) {
          const key = c.arguments[0]!
          add(target, {
            value: c.arguments[1]!,
            key: key.kind === SK.StringLiteral ? (key as ts.StringLiteral).text : undefined,
            node: c,
          })
        } else if (
          method === 'assign' &&
          pa.expression.kind === SK.Identifier &&
          (pa.expression as ts.Identifier).text === 'Object' &&
          c.arguments[0]?.kind === SK.Identifier
        )
          for (const a of c.arguments.slice(1))
            add((c.arguments[0] as ts.Identifier).text, { value: a, node: c })
      }
    }
    ts.forEachChild(n, visit)
  }
  const body = (fn as ts.FunctionLikeDeclaration).body ?? fn
  visit(body)
  return out
}

/**
 * Whether the text from `start` to `end` may hold a write `collectWrites` finds to `name`: an occurrence of the name
 * followed by an assignment (`=`, `+=`, `??=`, `||=`), an element (`[`), a member assigned to or written by a method
 * (`.key =`, `.push(`, `.searchParams`), or a comment between them. A superset: text the parser reads otherwise
 * (a unicode escape, `Object.assign`, a character outside ASCII where a space or name would be) answers true.
 */
export function mayBeWritten(text: string, start: number, end: number, name: string): boolean {
  if (name.length === 0 || within(text, '\\u', start, end) || within(text, 'assign', start, end)) return true
  for (let i = text.indexOf(name, start); i >= 0 && i + name.length <= end; i = text.indexOf(name, i + 1)) {
    if (i > 0 && isAsciiNamePart(text.charCodeAt(i - 1))) continue
    const after = i + name.length
    if (after < text.length && isAsciiNamePart(text.charCodeAt(after))) continue
    if (writeFollows(text, after) && !declaredAt(text, i)) return true
  }
  return false
}

/** Whether the name at `i` is what `const`, `let` or `var` declares (`const data = …` is no write). */
function declaredAt(text: string, i: number): boolean {
  let j = i - 1
  let c = text.charCodeAt(j)
  while (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) c = text.charCodeAt(--j)
  for (const keyword of DECLARING)
    if (
      text.startsWith(keyword, j - keyword.length + 1) &&
      !isAsciiNamePart(text.charCodeAt(j - keyword.length))
    )
      return j - keyword.length + 1 >= 0
  return false
}

const DECLARING = ['const', 'let', 'var']

function within(text: string, part: string, start: number, end: number): boolean {
  const at = text.indexOf(part, start)
  return at >= 0 && at + part.length <= end
}

/** `[A-Za-z0-9_$]`. */
function isAsciiNamePart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36
}

/** The index of the first character at or after `i` that is not an ASCII space or line break. */
function skipSpace(text: string, i: number): number {
  let c = text.charCodeAt(i)
  while (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) c = text.charCodeAt(++i)
  return i
}

/** Whether an assignment operator `collectWrites` counts (`=`, `+=`, `??=`, `||=`) or a comment starts at `i`. */
function assignmentAt(text: string, i: number): boolean {
  const c = text[i]
  if (c === '/' || (i < text.length && text.charCodeAt(i) > 127)) return true
  if (c === '=') return text[i + 1] !== '=' && text[i + 1] !== '>'
  if (c === '+') return text[i + 1] === '='
  if (c === '?') return text.startsWith('?=', i + 1)
  if (c === '|') return text.startsWith('|=', i + 1)
  return false
}

/** Whether what follows a name at `i` may make it the target of a write (see `mayBeWritten`). */
function writeFollows(text: string, i: number): boolean {
  let j = skipSpace(text, i)
  if (assignmentAt(text, j) || text[j] === '[') return true
  if (text[j] === '?' && text[j + 1] === '.') j++
  else if (text[j] !== '.') return false
  j = skipSpace(text, j + 1)
  if (text[j] === '/' || text[j] === '#' || text[j] === '[' || (j < text.length && text.charCodeAt(j) > 127))
    return true
  let k = j
  while (k < text.length && isAsciiNamePart(text.charCodeAt(k))) k++
  if (k < text.length && text.charCodeAt(k) > 127) return true
  const member = text.slice(j, k)
  if (ADDING_METHODS.has(member) || KEYED_METHODS.has(member) || member === 'searchParams') return true
  return member.length > 0 && assignmentAt(text, skipSpace(text, k))
}

/**
 * The local a method call writes into: `x` of `x.push(…)`, and the URL `x` of `x.searchParams.set('key', v)` (its
 * query is part of the URL the request goes to).
 */
function writtenLocal(e: ts.Expression): string | undefined {
  if (e.kind === SK.Identifier) return (e as ts.Identifier).text
  if (e.kind !== SK.PropertyAccessExpression) return undefined
  const pa = e as ts.PropertyAccessExpression
  return pa.name.text === 'searchParams' && pa.expression.kind === SK.Identifier
    ? (pa.expression as ts.Identifier).text
    : undefined
}

/** The local a write lands in: `x` (no key), `x.key` / `x['key']` (that key), `x[k]` (the key expression). */
function writeTarget(
  left: ts.Expression,
): { name: string; key?: string; keyExpr?: ts.Expression } | undefined {
  if (left.kind === SK.Identifier) return { name: (left as ts.Identifier).text }
  if (left.kind === SK.PropertyAccessExpression) {
    const pa = left as ts.PropertyAccessExpression
    if (pa.expression.kind === SK.Identifier)
      return { name: (pa.expression as ts.Identifier).text, key: pa.name.text }
  }
  if (left.kind === SK.ElementAccessExpression) {
    const ea = left as ts.ElementAccessExpression
    if (ea.expression.kind === SK.Identifier)
      return ea.argumentExpression.kind === SK.StringLiteral
        ? {
            name: (ea.expression as ts.Identifier).text,
            key: (ea.argumentExpression as ts.StringLiteral).text,
          }
        : { name: (ea.expression as ts.Identifier).text, keyExpr: ea.argumentExpression }
  }
  return undefined
}
