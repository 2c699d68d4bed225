import { ts } from 'ts-morph'
import type { FileScan, Position } from '../file-scan.js'
import { collectBindings, type SourceBindings } from './bindings.js'
import type { ImportedName, SourceDetector, WalkContext } from './detector.js'
import { FunctionScope } from './scope.js'
import { nameText, staticString, unwrap } from './ts-helpers.js'
import { breaksLinesElsewhere, lineStartsOf, positionIn } from '../../util/lines.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * The HTTP method a server route file answers, written after its name (Nitro's and Nuxt's `signin.post.ts`,
 * `[id].get.ts`): a verb, not what the file holds, so it is no part of the file's container.
 */
const ROUTE_METHOD = /\.(get|post|put|patch|delete|head|options)$/i

/** The context the walker drives: it moves the path, container and scope as it enters and leaves nodes. */
export class FileWalkContext implements WalkContext {
  readonly bindings: SourceBindings
  readonly fileContainer: string
  readonly fileScope: FunctionScope
  /** The walker's ancestor stack, set when the walk starts. */
  path: ts.Node[] = []
  container: string | undefined = undefined
  /** The container the walker gives the current node's children. */
  childContainer: string | undefined = undefined
  scope: FunctionScope
  readonly states = new Map<SourceDetector<unknown>, unknown>()
  /** Scripts strings of the file hold, scanned after the walk (embedScript). */
  readonly embedded: { code: string; line: number }[] = []
  private readonly imported = new Map<ts.Node, { scope: FunctionScope; name: ImportedName | undefined }>()
  /** Where the parsed text's lines start, as TypeScript counts them; computed on the first position asked. */
  private lineStarts: readonly number[] | undefined

  constructor(
    readonly scan: FileScan,
    readonly sf: ts.SourceFile,
    readonly lineOffset: number,
  ) {
    const base = scan.path.slice(scan.path.lastIndexOf('/') + 1)
    this.fileContainer = base.replace(/\.[^.]+$/, '').replace(ROUTE_METHOD, '')
    this.fileScope = this.scope = new FunctionScope(sf, undefined, undefined)
    this.bindings = collectBindings(sf, scan, this.fileScope)
  }

  get parent(): ts.Node | undefined {
    return this.path[this.path.length - 1]
  }

  ancestor(n: number): ts.Node | undefined {
    return this.path[this.path.length - 1 - n]
  }

  nameChildren(container: string): void {
    this.childContainer = container
  }

  /** 1-based line and column of a node's start (without leading trivia). */
  pos(node: ts.Node): Position {
    return this.position(node.getStart(this.sf))
  }

  at(node: ts.Node): () => Position {
    return () => this.pos(node)
  }

  embedScript(code: string, line: number): void {
    this.embedded.push({ code, line })
  }

  position(offset: number): Position {
    const { line, column } = positionIn((this.lineStarts ??= this.parsedLineStarts()), offset)
    return { line: line + this.lineOffset, column }
  }

  /**
   * The parsed text's line starts. Split at `\n` alone they are TypeScript's whenever the text breaks lines nowhere
   * else, found by the string's native search (TypeScript's own count reads the text a character at a time), and the
   * file scan's when the parsed text is the file's (its excerpts use them too).
   */
  private parsedLineStarts(): readonly number[] {
    const text = this.sf.text
    if (breaksLinesElsewhere(text)) return this.sf.getLineStarts()
    return text === this.scan.text ? this.scan.lineStarts() : lineStartsOf(text)
  }

  string(node: ts.Node | undefined): { value: string; pattern: boolean } | undefined {
    return staticString(node, this.bindings.lookup)
  }

  enclosingClass(): ts.ClassLikeDeclaration | undefined {
    const path = this.path
    for (let i = path.length - 1; i >= 0; i--) {
      const k = path[i]!.kind
      if (k === SK.ClassDeclaration || k === SK.ClassExpression) return path[i] as ts.ClassLikeDeclaration
    }
    return undefined
  }

  enclosingFunctionName(): string | undefined {
    const path = this.path
    for (let i = path.length - 1; i > 0; i--) {
      const n = path[i]!
      const k = n.kind
      if (k === SK.FunctionDeclaration || k === SK.MethodDeclaration || k === SK.ClassDeclaration) {
        const name = (n as ts.FunctionDeclaration | ts.MethodDeclaration | ts.ClassDeclaration).name
        if (name) return nameText(name)
      } else if (k === SK.ArrowFunction || k === SK.FunctionExpression) {
        const holder = path[i - 1]!
        if (holder.kind === SK.VariableDeclaration) {
          const name = (holder as ts.VariableDeclaration).name
          if (name.kind === SK.Identifier) return name.text
        }
      }
    }
    return undefined
  }

  importOf(expr: ts.Expression): ImportedName | undefined {
    // Several detectors ask about the same callee while the walk is at it: answer once per node and scope.
    const memo = this.imported.get(expr)
    if (memo && memo.scope === this.scope) return memo.name
    const name = this.resolveImport(expr, 0)
    this.imported.set(expr, { scope: this.scope, name })
    return name
  }

  private resolveImport(expr: ts.Expression, depth: number): ImportedName | undefined {
    const members: string[] = []
    let n: ts.Expression | undefined = expr
    for (;;) {
      n = unwrap(n)
      if (!n) return undefined
      const k: ts.SyntaxKind = n.kind
      if (k === SK.PropertyAccessExpression) {
        members.unshift((n as ts.PropertyAccessExpression).name.text)
        n = (n as ts.PropertyAccessExpression).expression
      } else if (
        k === SK.CallExpression ||
        k === SK.NewExpression ||
        k === SK.AwaitExpression ||
        k === SK.NonNullExpression
      )
        n = (n as ts.CallExpression | ts.NewExpression | ts.AwaitExpression | ts.NonNullExpression).expression
      else break
    }
    if (n.kind === SK.ThisKeyword && members.length > 0 && depth < 4) {
      // `this.http.get(…)`: a member the class declares with an imported type (`private http: HttpService`, an
      // injected service) or creates from an import (`private http = axios.create()`).
      const member = this.memberOrigin(members[0]!)
      const origin = member && this.resolveImport(member, depth + 1)
      return origin && { ...origin, members: [...origin.members, ...members.slice(1)] }
    }
    if (n.kind !== SK.Identifier) return undefined
    const name = (n as ts.Identifier).text
    const local = this.scope.lookup(name)
    // A function's own names shadow imports; a top-level `require` is both a local and an import.
    const shadowed = local !== undefined && !this.fileScope.owns(local)
    const binding = shadowed ? undefined : this.bindings.imports.get(name)
    if (binding) return { module: binding.module, imported: binding.imported, members }
    if (!local || local.kind !== 'const' || !local.initializer || depth >= 4) return undefined
    // `const cookies = inject(CookieService)`: the service asked for, as for a class member.
    const origin = this.resolveImport(this.injectedService(local.initializer) ?? local.initializer, depth + 1)
    return origin && { ...origin, members: [...origin.members, ...local.path, ...members] }
  }

  /** What a member of the enclosing class stands for: its type's name (an identifier) or its initializer. */
  private memberOrigin(name: string): ts.Expression | undefined {
    const cls = [...this.path]
      .reverse()
      .find((x) => x.kind === SK.ClassDeclaration || x.kind === SK.ClassExpression)
    if (!cls) return undefined
    for (const m of (cls as ts.ClassLikeDeclaration).members) {
      const declared: (ts.PropertyDeclaration | ts.ParameterDeclaration)[] =
        m.kind === SK.PropertyDeclaration
          ? [m as ts.PropertyDeclaration]
          : m.kind === SK.Constructor
            ? (m as ts.ConstructorDeclaration).parameters.filter((p) => (p.modifiers?.length ?? 0) > 0)
            : []
      const decl = declared.find((d) => nameText(d.name) === name)
      if (!decl) continue
      const type = decl.type
      if (type?.kind === SK.TypeReference && (type as ts.TypeReferenceNode).typeName.kind === SK.Identifier)
        return (type as ts.TypeReferenceNode).typeName as ts.Identifier
      return this.injectedService(decl.initializer) ?? decl.initializer
    }
    return undefined
  }

  /** The service a framework's inject function is asked for (`private http = inject(HttpClient)` → `HttpClient`). */
  private injectedService(init: ts.Expression | undefined): ts.Identifier | undefined {
    const call = unwrap(init)
    if (call?.kind !== SK.CallExpression) return undefined
    const [token] = (call as ts.CallExpression).arguments
    const callee = (call as ts.CallExpression).expression
    if (token?.kind !== SK.Identifier || callee.kind !== SK.Identifier) return undefined
    const binding = this.bindings.imports.get((callee as ts.Identifier).text)
    return binding && this.scan.rules.injectedClasses.isInjectFunction(binding.module, binding.imported)
      ? (token as ts.Identifier)
      : undefined
  }

  stateOf<S>(detector: SourceDetector<S>): S {
    if (!this.states.has(detector as SourceDetector<unknown>))
      throw new Error(`detector ${detector.name} is not registered`)
    return this.states.get(detector as SourceDetector<unknown>) as S
  }
}
