import { ts } from 'ts-morph'
import { isLocalSpecifier } from '../file-scan.js'
import type { WalkContext } from '../walk/detector.js'
import type { LocalBinding } from '../walk/scope.js'
import { assignedValues, collectWrites, returnedValues } from './bodies.js'
import { nameText, unwrap } from '../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Where the function a call invokes comes from. `chain` is what a sink is matched on: for an import, the imported
 * name (when it is a named export) and the members read off it; for a global, its name and members. `builders` are
 * the calls and `new`s the chain went through (`new OpenAI({ baseURL })`, `pino(opts, transport)`): their options
 * may re-point the client at another vendor.
 */
export type CallOrigin =
  /** `imported` and `members` as written, for a module that turns out to be the repository's own (a workspace). */
  | {
      kind: 'import'
      module: string
      chain: string[]
      imported: string
      members: string[]
      builders: ts.Expression[]
      /** Known only from a type annotation (`log: Logger`), not from a value the code builds or imports. */
      typed?: true
    }
  | { kind: 'global'; chain: string[]; builders: ts.Expression[] }
  /** A name from another module of the repository (`from` its specifier) or a top-level function of this file (''). */
  | { kind: 'local'; from: string; exportName: string; members: string[]; builders: ts.Expression[] }

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self'])
const MAX_DEPTH = 4
/** A specifier that spells the path into the installed packages. */
const NODE_MODULES_PATH = /^(?:\.\.?\/)*node_modules\//

/** The origin of a callee expression, through `const`/`let` locals, `this.<field>` and re-reads; undefined when unknown. */
export function originOf(expr: ts.Expression, ctx: WalkContext): CallOrigin | undefined {
  return resolve(expr, ctx, 0)
}

/**
 * Every origin a value may have: a local declared without a value and assigned in branches (`let model; switch (id)
 * { case 'gpt-4o': model = openai(id); break; default: model = anthropic(id) }`) has one per assignment; any other
 * value has the one `originOf` finds.
 */
export function originsOf(expr: ts.Expression, ctx: WalkContext): CallOrigin[] {
  const root = unwrap(expr)
  const local = root?.kind === SK.Identifier ? ctx.scope.lookup((root as ts.Identifier).text) : undefined
  const owner =
    local &&
    local.kind !== 'parameter' &&
    !local.initializer &&
    local.path.length === 0 &&
    ctx.scope.ownerOf(local)
  if (!owner || owner.node.kind === SK.SourceFile) {
    const one = originOf(expr, ctx)
    return one ? [one] : []
  }
  return assignedValues(owner.node, local.name).flatMap((v) => resolve(v, ctx, 1) ?? [])
}

/**
 * `within` is a function of the class or file read from outside it (a factory's returns, a method's assignment to a
 * field): its own `const`s are not in the walk's scope, so a name it declares is looked up there first.
 */
function resolve(
  expr: ts.Expression,
  ctx: WalkContext,
  depth: number,
  within?: ts.Node,
): CallOrigin | undefined {
  const root = unwrap(expr)
  // `cond ? new Resend(k) : null`, `existing ?? createClient()`: either branch that is a client.
  if (root?.kind === SK.ConditionalExpression) {
    const c = root as ts.ConditionalExpression
    return resolve(c.whenTrue, ctx, depth + 1, within) ?? resolve(c.whenFalse, ctx, depth + 1, within)
  }
  if (root?.kind === SK.BinaryExpression) {
    const b = root as ts.BinaryExpression
    const op = b.operatorToken.kind
    if (op === SK.QuestionQuestionToken || op === SK.BarBarToken || op === SK.AmpersandAmpersandToken)
      return resolve(b.right, ctx, depth + 1, within) ?? resolve(b.left, ctx, depth + 1, within)
    // `const _hsq = (window._hsq = window._hsq || [])`: the queue a snippet reads, assigned and kept in one line.
    if (op === SK.EqualsToken)
      return resolve(b.left, ctx, depth + 1, within) ?? resolve(b.right, ctx, depth + 1, within)
  }
  // `new Proxy({} as Stripe, { get: … })`: a lazily configured client stands in for the SDK its target is typed as.
  if (root?.kind === SK.NewExpression) {
    const target = proxyTarget(root as ts.NewExpression, ctx)
    if (target) return resolve(target, ctx, depth + 1) ?? assertedOrigin(target, ctx)
  }
  const chain = memberChain(expr)
  if (!chain) return undefined
  const members: string[] = []
  const builders: ts.Expression[] = []
  for (const step of chain.steps)
    if (step.name !== undefined) members.push(step.name)
    else builders.unshift(step.node)
  const n = chain.root
  if (n.kind === SK.ThisKeyword) {
    const field = members.shift()
    if (field === undefined || depth >= MAX_DEPTH) return undefined
    const origin = classField(field, ctx, depth)
    return origin && extend(origin, [], members, builders)
  }
  // `await import('@sentry/vue')`, a module loaded on demand, is that module like `require(…)`.
  const dynamicImport = n.kind === SK.ImportKeyword
  if (!dynamicImport && n.kind !== SK.Identifier) return undefined
  const name = dynamicImport ? 'require' : (n as ts.Identifier).text
  const foreign = within && depth < MAX_DEPTH ? declaredIn(within, name) : undefined
  if (foreign) {
    const origin = resolve(foreign, ctx, depth + 1, within)
    return origin && extend(origin, [], members, builders)
  }
  if (name === 'require') {
    const spec = (builders.pop() as ts.CallExpression | undefined)?.arguments[0]
    if (!spec || !ts.isStringLiteralLike(spec)) return undefined
    return importOrigin(spec.text, '*', members, builders)
  }
  const local = ctx.scope.lookup(name)
  // A function's own names shadow imports; a top-level `require` is both a local and an import.
  const topLevel = local !== undefined && ctx.fileScope.owns(local)
  const binding = local && !topLevel ? undefined : ctx.bindings.imports.get(name)
  if (binding) return importOrigin(binding.module, binding.imported, members, builders)
  if (local) return fromLocal(local, topLevel, name, members, builders, ctx, depth)
  if (ctx.bindings.functions.has(name)) {
    // `const s3 = createStorageClient(region)` with `function createStorageClient(r) { return new S3Client(…) }`:
    // a factory of this file called right here hands back the SDK client it returns.
    const made =
      chain.steps[0]?.name === undefined ? madeBy(ctx.bindings.functions.get(name), ctx, depth) : undefined
    if (made) return extend(made, [], members, builders.slice(0, -1))
    return { kind: 'local', from: '', exportName: name, members, builders }
  }
  if (GLOBAL_OBJECTS.has(name)) {
    const root = members.shift()
    return root === undefined ? undefined : { kind: 'global', chain: [root, ...members], builders }
  }
  return { kind: 'global', chain: [name, ...members], builders }
}

/** The target of `new Proxy(target, handler)` when `Proxy` is the global one; undefined for any other `new`. */
function proxyTarget(n: ts.NewExpression, ctx: WalkContext): ts.Expression | undefined {
  const callee = n.expression
  if (callee.kind !== SK.Identifier || (callee as ts.Identifier).text !== 'Proxy') return undefined
  if (ctx.scope.lookup('Proxy') || ctx.bindings.imports.has('Proxy')) return undefined
  return n.arguments?.[0]
}

/** The SDK a type assertion names (`{} as Stripe`, `null as unknown as PostHog`); undefined without one. */
function assertedOrigin(e: ts.Expression, ctx: WalkContext): CallOrigin | undefined {
  let n: ts.Expression = e
  while (n.kind === SK.ParenthesizedExpression) n = (n as ts.ParenthesizedExpression).expression
  if (n.kind !== SK.AsExpression && n.kind !== SK.TypeAssertionExpression) return undefined
  const origin = typeOrigin((n as ts.AsExpression).type, ctx)
  return origin?.kind === 'import' ? origin : undefined
}

/** One step of a member chain: a member read (`name`, by property or literal key) or a call or `new` of what precedes. */
export interface ChainStep {
  node: ts.Expression
  name?: string
}

/**
 * `a.b['c'](…).d` read back to its root through awaits, non-null and type assertions and parentheses: the root
 * (`a`) and the steps from it outwards (`b`, `c`, the call, `d`). Undefined when a key is computed (`a[k]`).
 */
export function memberChain(expr: ts.Expression): { root: ts.Expression; steps: ChainStep[] } | undefined {
  const steps: ChainStep[] = []
  let n = unwrap(expr)
  while (n) {
    const k = n.kind
    if (k === SK.PropertyAccessExpression) {
      steps.push({ node: n, name: nameText((n as ts.PropertyAccessExpression).name) })
      n = (n as ts.PropertyAccessExpression).expression
    } else if (k === SK.ElementAccessExpression) {
      const name = nameText((n as ts.ElementAccessExpression).argumentExpression)
      if (name === undefined) return undefined
      steps.push({ node: n, name })
      n = (n as ts.ElementAccessExpression).expression
    } else if (k === SK.CallExpression || k === SK.NewExpression) {
      steps.push({ node: n })
      n = (n as ts.CallExpression | ts.NewExpression).expression
    } else if (k === SK.AwaitExpression || k === SK.NonNullExpression)
      n = (n as ts.AwaitExpression | ts.NonNullExpression).expression
    else return { root: n, steps: steps.reverse() }
    n = unwrap(n)
  }
  return undefined
}

function importOrigin(
  module: string,
  imported: string,
  members: string[],
  builders: ts.Expression[],
): CallOrigin {
  // `from 'node_modules/mailgun.js/Types/…'`: a path into the installed package is that package.
  module = module.replace(NODE_MODULES_PATH, '')
  if (isLocalSpecifier(module))
    return { kind: 'local', from: module, exportName: imported, members, builders }
  const chain = imported === 'default' || imported === '*' ? members : [imported, ...members]
  return { kind: 'import', module, chain, imported, members, builders }
}

function fromLocal(
  local: LocalBinding,
  topLevel: boolean,
  name: string,
  members: string[],
  builders: ts.Expression[],
  ctx: WalkContext,
  depth: number,
): CallOrigin | undefined {
  const init = unwrap(local.initializer)
  if (depth >= MAX_DEPTH) return undefined
  if (local.kind === 'parameter') {
    // `({ stripeClient }: { stripeClient: Stripe }) => stripeClient.customers.create(…)`: a client handed in as an
    // argument is the SDK its declared type is imported from.
    const declared = memberType((local.declaration as ts.ParameterDeclaration).type, local.path, ctx)
    const origin = typeOrigin(declared, ctx)
    return origin?.kind === 'import' ? extend(origin, [], members, builders) : undefined
  }
  // `let instance: PostHog | undefined` or `let client: PostHog | null = null`, assigned later: the type says what
  // it holds, or else what is assigned to it.
  if (
    !init ||
    init.kind === SK.NullKeyword ||
    (init.kind === SK.Identifier && (init as ts.Identifier).text === 'undefined')
  ) {
    if (local.path.length > 0) return undefined
    const origin =
      typeOrigin((local.declaration as ts.VariableDeclaration).type, ctx) ?? assigned(local, ctx, depth)
    return origin && extend(origin, [], members, builders)
  }
  if (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression) {
    // `const posthog = await loadInstance()` with `loadInstance = (): Promise<PostHog | null> => …`: the declared
    // return type names the client the call hands back.
    const called = builders[builders.length - 1]
    if (
      called &&
      local.path.length === 0 &&
      unwrap((called as ts.CallExpression).expression)?.kind === SK.Identifier
    ) {
      const origin =
        typeOrigin(resolvedType((init as ts.ArrowFunction).type), ctx) ??
        madeBy(init as ts.ArrowFunction, ctx, depth)
      if (origin) return extend(origin, [], members, builders.slice(0, -1))
    }
    // `const track = (…) => …` at the top of the file: a helper, like a function declaration.
    return topLevel && local.path.length === 0
      ? { kind: 'local', from: '', exportName: name, members, builders }
      : undefined
  }
  // `const { stripeClient } = params` with `params: EnsureCustomerParams` declaring `stripeClient: Stripe`.
  const param =
    local.path.length > 0 && init.kind === SK.Identifier
      ? ctx.scope.lookup((init as ts.Identifier).text)
      : undefined
  if (param?.kind === 'parameter') {
    const declared = memberType(
      (param.declaration as ts.ParameterDeclaration).type,
      [...param.path, ...local.path],
      ctx,
    )
    const origin = typeOrigin(declared, ctx)
    return origin?.kind === 'import' ? extend(origin, [], members, builders) : undefined
  }
  const origin = resolve(init, ctx, depth + 1)
  return origin && extend(origin, local.path, members, builders)
}

/**
 * The SDK client a factory function returns (`return new S3Client({ region })`), when one of its returned values
 * comes from an import; undefined otherwise (a factory of the app's own objects stays a local helper).
 */
function madeBy(
  fn: ts.SignatureDeclaration | undefined,
  ctx: WalkContext,
  depth: number,
): CallOrigin | undefined {
  if (!fn || depth >= MAX_DEPTH) return undefined
  for (const value of returnedValues(fn)) {
    const origin = resolve(value, ctx, depth + 1, fn)
    if (origin?.kind === 'import') return origin
  }
  return undefined
}

/** The declared type of a destructured part of a typed value: `{ client: Stripe }` at `['client']` → `Stripe`. */
function memberType(
  type: ts.TypeNode | undefined,
  path: readonly string[],
  ctx: WalkContext,
): ts.TypeNode | undefined {
  for (const key of path) {
    const members =
      type?.kind === SK.TypeLiteral
        ? (type as ts.TypeLiteralNode).members
        : type?.kind === SK.TypeReference
          ? fileTypeMembers(ctx.fileScope.node, (type as ts.TypeReferenceNode).typeName)
          : undefined
    if (!members) return undefined
    const member = members.find((m) => m.kind === SK.PropertySignature && nameText(m.name) === key)
    type = (member as ts.PropertySignature | undefined)?.type
  }
  return type
}

/** Each file's interfaces and object type aliases by name, read once. */
const FILE_TYPES = new WeakMap<ts.Node, Map<string, ts.NodeArray<ts.TypeElement>>>()

/** The members of an interface or object type alias the file declares at its top (`interface Params { … }`). */
function fileTypeMembers(file: ts.Node, name: ts.EntityName): ts.NodeArray<ts.TypeElement> | undefined {
  if (name.kind !== SK.Identifier || file.kind !== SK.SourceFile) return undefined
  let types = FILE_TYPES.get(file)
  if (!types) {
    types = new Map()
    for (const st of (file as ts.SourceFile).statements)
      if (st.kind === SK.InterfaceDeclaration)
        types.set((st as ts.InterfaceDeclaration).name.text, (st as ts.InterfaceDeclaration).members)
      else if (
        st.kind === SK.TypeAliasDeclaration &&
        (st as ts.TypeAliasDeclaration).type.kind === SK.TypeLiteral
      )
        types.set(
          (st as ts.TypeAliasDeclaration).name.text,
          ((st as ts.TypeAliasDeclaration).type as ts.TypeLiteralNode).members,
        )
    FILE_TYPES.set(file, types)
  }
  return types.get(name.text)
}

/** The type a promise resolves to (`Promise<PostHog | null>` → `PostHog | null`), or the type itself. */
function resolvedType(type: ts.TypeNode | undefined): ts.TypeNode | undefined {
  if (type?.kind !== SK.TypeReference) return type
  const ref = type as ts.TypeReferenceNode
  const name = ref.typeName.kind === SK.Identifier ? ref.typeName.text : undefined
  return name === 'Promise' && ref.typeArguments?.length === 1 ? ref.typeArguments[0] : type
}

/**
 * `let openai; if (azure) openai = new OpenAI({ baseURL }) else openai = new OpenAI(…)`: the last assignment that
 * resolves (the default branch of an `if … else` comes last).
 */
function assigned(local: LocalBinding, ctx: WalkContext, depth: number): CallOrigin | undefined {
  const owner = ctx.scope.ownerOf(local)
  if (!owner) return undefined
  const values =
    owner.node.kind === SK.SourceFile
      ? fileAssigned(owner.node as ts.SourceFile, local.name)
      : assignedValues(owner.node, local.name).map((value) => ({ value, within: undefined }))
  for (let i = values.length - 1; i >= 0; i--) {
    const origin = resolve(values[i]!.value, ctx, depth + 1, values[i]!.within)
    if (origin) return origin
  }
  return undefined
}

/** A value written to a name, and the top-level statement (a getter function) whose own names it may read. */
interface FileWrite {
  value: ts.Expression
  within: ts.Node
}

/** Each file's writes to plain names, read once: a module's singletons are assigned in the functions that make them. */
const FILE_WRITES = new WeakMap<ts.SourceFile, Map<string, FileWrite[]>>()

/**
 * The values assigned to a module-level name anywhere in its file: `let client: Client | null = null` set up by
 * `export function getClient() { if (!client) client = new Mailgun(FormData).client(…); return client }`.
 */
function fileAssigned(file: ts.SourceFile, name: string): FileWrite[] {
  let writes = FILE_WRITES.get(file)
  if (!writes) {
    writes = new Map()
    for (const statement of file.statements)
      for (const [key, list] of collectWrites(statement))
        for (const w of list)
          if (w.key === undefined && !w.keyExpr) {
            const known = writes.get(key)
            if (known) known.push({ value: w.value, within: statement })
            else writes.set(key, [{ value: w.value, within: statement }])
          }
    FILE_WRITES.set(file, writes)
  }
  return writes.get(name) ?? []
}

/** Each function's own `const` / `let` initialisers by name, read once (nested functions' included). */
const DECLARED = new WeakMap<ts.Node, Map<string, ts.Expression>>()

/** The value a function read from outside declares a plain name with: `const mailgun = new Mailgun(FormData)`. */
function declaredIn(fn: ts.Node, name: string): ts.Expression | undefined {
  let names = DECLARED.get(fn)
  if (!names) {
    const found = new Map<string, ts.Expression>()
    const visit = (n: ts.Node): void => {
      if (n.kind === SK.VariableDeclaration) {
        const d = n as ts.VariableDeclaration
        if (d.initializer && d.name.kind === SK.Identifier && !found.has(d.name.text))
          found.set(d.name.text, d.initializer)
      }
      ts.forEachChild(n, visit)
    }
    visit(fn)
    names = found
    DECLARED.set(fn, names)
  }
  return names.get(name)
}

/** The origin with more members read off it (a destructuring path, then the members after the name). */
function extend(
  origin: CallOrigin,
  path: readonly string[],
  members: readonly string[],
  builders: readonly ts.Expression[],
): CallOrigin {
  const more = [...path, ...members]
  const all = [...origin.builders, ...builders]
  if (origin.kind === 'local') return { ...origin, members: [...origin.members, ...more], builders: all }
  if (origin.kind === 'import')
    return {
      ...origin,
      chain: [...origin.chain, ...more],
      members: [...origin.members, ...more],
      builders: all,
    }
  return { ...origin, chain: [...origin.chain, ...more], builders: all }
}

/**
 * `this.<name>` in a class: a field initialised from an SDK (`private stripe = new Stripe(k)`), a constructor
 * assignment (`this.logger = pino()`), or a typed field or constructor parameter property whose type is imported
 * (`constructor(private readonly stripe: Stripe)`: a dependency-injected client).
 */
function classField(name: string, ctx: WalkContext, depth: number): CallOrigin | undefined {
  const cls = ctx.enclosingClass()
  if (!cls) return undefined
  let typed: CallOrigin | undefined
  for (const m of cls.members) {
    if (m.kind === SK.PropertyDeclaration && nameText((m as ts.PropertyDeclaration).name) === name) {
      const p = m as ts.PropertyDeclaration
      if (p.initializer && !isPlaceholder(p.initializer)) return resolve(p.initializer, ctx, depth + 1)
      // `sgMail: typeof sgMail | undefined = undefined`, set up in the constructor once configured: the
      // constructor's assignment names the client and the options it was built with (`createOpenAI({ baseURL })`
      // for a field typed `ReturnType<typeof createOpenAI>`), or else the declared type does.
      typed ??= typeOrigin(p.type, ctx)
      continue
    }
    if (m.kind !== SK.Constructor) continue
    const ctor = m as ts.ConstructorDeclaration
    for (const p of ctor.parameters)
      if (p.modifiers?.length && nameText(p.name) === name) return typeOrigin(p.type, ctx)
    const value = ctor.body && thisAssignment(ctor.body, name)
    const assigned = value && resolve(value, ctx, depth + 1)
    // A client the repository's own code builds (`this.client = makeClient()`) is better known by its declared type.
    if (assigned && (assigned.kind === 'import' || !typed)) return assigned
  }
  if (typed) return typed
  // `sendGrid?: unknown` set up in `async init() { this.sendGrid = require('@sendgrid/mail') }`: a client made
  // lazily by a method of the class, once configured or once its optional package loads; or a getter that makes it
  // on first use (`get ses() { this._ses ??= new SESClient({}); return this._ses }`).
  for (const m of cls.members) {
    if (m.kind === SK.GetAccessor && nameText((m as ts.GetAccessorDeclaration).name) === name) {
      const made = madeBy(m as ts.GetAccessorDeclaration, ctx, depth)
      if (made) return made
      continue
    }
    if (m.kind !== SK.MethodDeclaration) continue
    const body = (m as ts.MethodDeclaration).body
    const value = body && thisAssignment(body, name)
    if (value) return resolve(value, ctx, depth + 1, body)
  }
  return undefined
}

/**
 * The value a constructor assigns to `this.<name>`, also inside its blocks (`if (key) this.akismet =
 * Akismet.client(…)`: a client set up only when configured); functions other than arrows have their own `this`.
 */
function thisAssignment(body: ts.Block, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n.kind !== SK.ArrowFunction) || n.kind === SK.ClassExpression)
      return
    if (n.kind === SK.BinaryExpression) {
      const b = n as ts.BinaryExpression
      if (
        b.operatorToken.kind === SK.EqualsToken &&
        b.left.kind === SK.PropertyAccessExpression &&
        (b.left as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword &&
        nameText((b.left as ts.PropertyAccessExpression).name) === name
      ) {
        found = b.right
        return
      }
    }
    ts.forEachChild(n, visit)
  }
  ts.forEachChild(body, visit)
  return found
}

/** The initializer of `this.<name>` in the class around the node: `private readonly baseUrl = 'https://…'`. */
export function classFieldInitializer(name: string, ctx: WalkContext): ts.Expression | undefined {
  const cls = ctx.enclosingClass()
  const field = cls?.members.find(
    (m) => m.kind === SK.PropertyDeclaration && nameText((m as ts.PropertyDeclaration).name) === name,
  ) as ts.PropertyDeclaration | undefined
  return field?.initializer
}

/** An initializer that holds no value yet (`= undefined`, `= null`): the field is set up elsewhere. */
function isPlaceholder(e: ts.Expression): boolean {
  const n = unwrap(e)
  return (
    n?.kind === SK.NullKeyword || (n?.kind === SK.Identifier && (n as ts.Identifier).text === 'undefined')
  )
}

/**
 * The origin of a type annotation naming an imported class (`PostHog | undefined` too): a client of that SDK; an
 * imported module's own type (`typeof sgMail`) is that module.
 */
function typeOrigin(type: ts.TypeNode | undefined, ctx: WalkContext): CallOrigin | undefined {
  if (type?.kind === SK.UnionType)
    type = (type as ts.UnionTypeNode).types.find(
      (t) => t.kind === SK.TypeReference || t.kind === SK.TypeQuery,
    )
  if (type?.kind === SK.TypeQuery) {
    const expr = (type as ts.TypeQueryNode).exprName
    const binding = expr.kind === SK.Identifier ? ctx.bindings.imports.get(expr.text) : undefined
    return binding && importOrigin(binding.module, binding.imported, [], [])
  }
  if (!type || type.kind !== SK.TypeReference) return undefined
  const typeName =
    returnedBy(type as ts.TypeReferenceNode)?.exprName ?? (type as ts.TypeReferenceNode).typeName
  const head = typeName.kind === SK.Identifier ? typeName : undefined
  const binding = head ? ctx.bindings.imports.get(head.text) : undefined
  if (!binding) return undefined
  const origin = importOrigin(binding.module, binding.imported, [], [])
  return origin.kind === 'import' ? { ...origin, typed: true } : origin
}

/**
 * The `typeof f` of `ReturnType<typeof f>` (or `Awaited<ReturnType<typeof f>>`): a value typed as what a factory or
 * hook returns (`let conversation: ReturnType<typeof useConversation> | null`) is that call's result.
 */
function returnedBy(ref: ts.TypeReferenceNode): ts.TypeQueryNode | undefined {
  const name = (r: ts.TypeReferenceNode): string | undefined =>
    r.typeName.kind === SK.Identifier ? r.typeName.text : undefined
  let arg: ts.TypeNode | undefined = ref
  if (name(ref) === 'Awaited') arg = ref.typeArguments?.[0]
  if (arg?.kind !== SK.TypeReference || name(arg as ts.TypeReferenceNode) !== 'ReturnType') return undefined
  const query = (arg as ts.TypeReferenceNode).typeArguments?.[0]
  return query?.kind === SK.TypeQuery ? (query as ts.TypeQueryNode) : undefined
}

/**
 * The chain of a callee that starts at a parameter of the enclosing functions, directly or through a `const`
 * destructured from one (`context.customerAccount.mutate`, `const { customerAccount } = context;
 * customerAccount.mutate`): the parameter's name, then the members. Undefined for any other callee.
 */
export function parameterChain(expr: ts.Expression, ctx: WalkContext): string[] | undefined {
  const members: string[] = []
  let n = unwrap(expr)
  while (n?.kind === SK.PropertyAccessExpression) {
    members.unshift((n as ts.PropertyAccessExpression).name.text)
    n = unwrap((n as ts.PropertyAccessExpression).expression)
  }
  if (n?.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((n as ts.Identifier).text)
  if (!local) return undefined
  // `({ context })` binds the property `context`: its key is the name (a renamed `{ context: ctx }` too).
  const named = (b: LocalBinding): string[] =>
    b.path.length > 0 ? b.path.filter((p) => p !== '*') : [b.name]
  if (local.kind === 'parameter') return [...named(local), ...members]
  const init = unwrap(local.initializer)
  if (local.kind !== 'const' || init?.kind !== SK.Identifier) return undefined
  const from = ctx.scope.lookup((init as ts.Identifier).text)
  return from?.kind === 'parameter' ? [...named(from), ...local.path, ...members] : undefined
}
