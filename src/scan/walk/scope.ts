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
 * function: a name declared twice in one function resolves to the later declaration. The file scope knows every
 * top-level declaration from the start (a function may use a constant declared below it). Declaring costs an array
 * push (most declarations are never looked up); a `LocalBinding` is built when a name is looked up.
 */
export class FunctionScope {
  /** Declarations in order, three slots each: the parameter or variable declaration, its list, its loop. */
  private entries: (ts.Node | undefined)[] | undefined
  /** See `index()`: the names of `entries[0 … indexed)`. */
  private names: Map<string, number> | undefined
  private indexed = 0

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
    if (!this.entries) return undefined
    const i = this.index().get(name)
    return i === undefined ? undefined : this.binding(i, (decl) => findName(decl.name, name, []))?.[0]
  }

  /**
   * Name → the latest entry declaring it, brought up to date with the declarations recorded since the last look-up
   * (a look-up is then a map read instead of a scan of every declaration, which large files made costly).
   */
  private index(): Map<string, number> {
    const e = this.entries!
    const names = (this.names ??= new Map())
    for (; this.indexed < e.length; this.indexed += 3) {
      const i = this.indexed
      indexNames((e[i] as ts.ParameterDeclaration | ts.VariableDeclaration).name, names, i)
    }
    return names
  }

  /** Whether this function itself declares the binding (not an enclosing one). */
  owns(local: LocalBinding): boolean {
    return sameBinding(this.own(local.name), local)
  }

  /** The function scope, this one or an enclosing one, that declares the binding; undefined for none. */
  ownerOf(local: LocalBinding): FunctionScope | undefined {
    return this.owns(local) ? this : this.outer?.ownerOf(local)
  }

  /** The declaration a name refers to here: this function's, then the enclosing functions', then the file's. */
  lookup(name: string): LocalBinding | undefined {
    return this.own(name) ?? this.outer?.lookup(name)
  }

  /** The names declared in this function so far, in declaration order. */
  declared(): LocalBinding[] {
    const e = this.entries ?? []
    const all: LocalBinding[] = []
    for (let i = 0; i < e.length; i += 3)
      all.push(...(this.binding(i, (decl) => allNames(decl.name, [])) ?? []))
    return all
  }

  /** Records a parameter of this scope's function. */
  declareParameter(p: ts.ParameterDeclaration): void {
    ;(this.entries ??= []).push(p, undefined, undefined)
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
    ;(this.entries ??= []).push(decl, list, loop)
  }

  /** The bindings of entry `i` whose names `pick` selects, as [name, path] pairs. */
  private binding(
    i: number,
    pick: (decl: ts.ParameterDeclaration | ts.VariableDeclaration) => [string, string[]][] | undefined,
  ): LocalBinding[] | undefined {
    const e = this.entries!
    const declaration = e[i] as ts.ParameterDeclaration | ts.VariableDeclaration
    const names = pick(declaration)
    if (!names || names.length === 0) return undefined
    const list = e[i + 1] as ts.VariableDeclarationList | undefined
    const loop = e[i + 2] as ts.ForOfStatement | ts.ForInStatement | undefined
    const kind = !list ? 'parameter' : list.flags & Const ? 'const' : list.flags & Let ? 'let' : 'var'
    const parameterIndex = list
      ? -1
      : (this.node as ts.SignatureDeclaration).parameters.indexOf(declaration as ts.ParameterDeclaration)
    return names.map(([name, path]) => ({
      name,
      kind,
      declaration,
      initializer: declaration.initializer,
      iterates: loop?.expression,
      path,
      parameterIndex,
    }))
  }
}

/** The path of `name` in a binding name (`{ user: { email } }` → `user`, `email`), as a one-element list. */
function findName(name: ts.BindingName, wanted: string, path: string[]): [string, string[]][] | undefined {
  if (name.kind === SK.Identifier) return name.text === wanted ? [[wanted, path]] : undefined
  for (const [el, key] of patternElements(name)) {
    const found = findName(el.name, wanted, [...path, key])
    if (found) return found
  }
  return undefined
}

/** Records every name a binding name binds as declared by entry `i`. */
function indexNames(name: ts.BindingName, names: Map<string, number>, i: number): void {
  if (name.kind === SK.Identifier) names.set(name.text, i)
  else for (const [el] of patternElements(name)) indexNames(el.name, names, i)
}

/** Every name a binding name binds, with its path. */
function allNames(name: ts.BindingName, path: string[]): [string, string[]][] {
  if (name.kind === SK.Identifier) return [[name.text, path]]
  return patternElements(name).flatMap(([el, key]) => allNames(el.name, [...path, key]))
}

/** The elements of a destructuring pattern with their keys: property names, array positions, `*` for rest. */
function patternElements(
  pattern: ts.ObjectBindingPattern | ts.ArrayBindingPattern,
): [ts.BindingElement, string][] {
  const out: [ts.BindingElement, string][] = []
  if (pattern.kind === SK.ObjectBindingPattern) {
    for (const el of pattern.elements)
      out.push([el, el.dotDotDotToken ? '*' : (nameText(el.propertyName ?? el.name) ?? '*')])
  } else
    pattern.elements.forEach((el, i) => {
      if (el.kind === SK.BindingElement) out.push([el, el.dotDotDotToken ? '*' : String(i)])
    })
  return out
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

/** True when two look-ups found the same declared name (look-ups build a new `LocalBinding` each time). */
export function sameBinding(a: LocalBinding | undefined, b: LocalBinding | undefined): boolean {
  return (
    a === b || (a !== undefined && b !== undefined && a.declaration === b.declaration && a.name === b.name)
  )
}
