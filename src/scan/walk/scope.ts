import { ts } from 'ts-morph'
import { nameText } from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind
const { Const, Let } = ts.NodeFlags

/** A name a function declares: a parameter or a `const` / `let` / `var`, possibly destructured. */
export interface LocalBinding {
  readonly name: string
  readonly kind: 'parameter' | 'const' | 'let' | 'var'
  /** The parameter or variable declaration that binds the name. */
  readonly declaration: ts.ParameterDeclaration | ts.VariableDeclaration
  /** The declaration's initializer (a parameter's default value); for a destructured name, the whole value. */
  readonly initializer: ts.Expression | undefined
  /** `for (const name of NAMES)` / `for (const key in obj)`: the expression iterated. */
  readonly iterates: ts.Expression | undefined
  /**
   * Where a destructured name sits in the value: `const { user: { email } } = body` → `['user', 'email']`,
   * `const [, second] = pair` → `['1']`; empty for a plain name. A computed key or a rest element ends the path
   * with `*`.
   */
  readonly path: readonly string[]
  /** The parameter's position for a parameter, -1 for a variable. */
  readonly parameterIndex: number
}

/** The node kinds that open a function scope. */
export const FUNCTION_SCOPE_KINDS: readonly ts.SyntaxKind[] = [
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.Constructor,
  SK.GetAccessor,
  SK.SetAccessor,
]

/**
 * The names a function (or the file, for the outermost scope) declares, recorded as the walk meets them: its
 * parameters on entry, then each `const` / `let` / `var` as the walk reaches it. Block scopes are folded into their
 * function: a name declared in two blocks of one function keeps the later declaration. The file scope knows every
 * top-level declaration from the start (a function may use a constant declared below it).
 */
export class FunctionScope {
  private locals: Map<string, LocalBinding> | undefined

  constructor(
    /** The function-like node, or the source file for the file scope. */
    readonly node: ts.Node,
    /** The enclosing scope; undefined for the file scope. */
    readonly outer: FunctionScope | undefined,
    /** The function's name: its own, or that of the variable, property or method it is assigned to. */
    readonly name: string | undefined,
  ) {}

  /** A name declared in this function itself (not in enclosing ones). */
  own(name: string): LocalBinding | undefined {
    return this.locals?.get(name)
  }

  /** The declaration a name refers to here: this function's, then the enclosing functions', then the file's. */
  lookup(name: string): LocalBinding | undefined {
    return this.locals?.get(name) ?? this.outer?.lookup(name)
  }

  /** The names declared in this function so far, in declaration order. */
  declared(): Iterable<LocalBinding> {
    return this.locals?.values() ?? []
  }

  /** Records a parameter of this scope's function (with its index) and the names it binds. */
  declareParameter(p: ts.ParameterDeclaration, index: number): void {
    this.bind(p.name, {
      kind: 'parameter',
      declaration: p,
      initializer: p.initializer,
      index,
      iterates: undefined,
    })
  }

  /**
   * Records a variable declaration; `list` is its declaration list (const / let / var), `loop` the `for…of` /
   * `for…in` statement whose head it is, if any.
   */
  declareVariable(
    decl: ts.VariableDeclaration,
    list: ts.VariableDeclarationList,
    loop?: ts.ForOfStatement | ts.ForInStatement,
  ): void {
    const kind = list.flags & Const ? 'const' : list.flags & Let ? 'let' : 'var'
    this.bind(decl.name, {
      kind,
      declaration: decl,
      initializer: decl.initializer,
      index: -1,
      iterates: loop?.expression,
    })
  }

  private bind(
    name: ts.BindingName,
    d: {
      kind: LocalBinding['kind']
      declaration: LocalBinding['declaration']
      initializer: ts.Expression | undefined
      index: number
      iterates: ts.Expression | undefined
    },
    path: readonly string[] = [],
  ): void {
    if (name.kind === SK.Identifier) {
      ;(this.locals ??= new Map()).set(name.text, {
        name: name.text,
        kind: d.kind,
        declaration: d.declaration,
        initializer: d.initializer,
        iterates: d.iterates,
        path,
        parameterIndex: d.index,
      })
      return
    }
    if (name.kind === SK.ObjectBindingPattern) {
      for (const el of name.elements) {
        const key = el.dotDotDotToken ? '*' : (nameText(el.propertyName ?? el.name) ?? '*')
        this.bind(el.name, d, [...path, key])
      }
      return
    }
    name.elements.forEach((el, i) => {
      if (el.kind === SK.BindingElement) this.bind(el.name, d, [...path, el.dotDotDotToken ? '*' : String(i)])
    })
  }
}

/** The name a function-like is known by: its own, or that of the variable or property it is assigned to. */
export function functionName(fn: ts.Node, parent: ts.Node | undefined): string | undefined {
  const own = (fn as ts.SignatureDeclaration).name
  if (own) return nameText(own)
  if (fn.kind === SK.Constructor) return 'constructor'
  if (
    parent &&
    (parent.kind === SK.VariableDeclaration ||
      parent.kind === SK.PropertyAssignment ||
      parent.kind === SK.PropertyDeclaration)
  )
    return nameText((parent as ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration).name)
  return undefined
}
