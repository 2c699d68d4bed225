import { ts } from 'ts-morph'
import type { Confidence } from '../../model/types.js'
import type { FieldType, PiiClassifier } from '../pii/classify.js'
import { tokenizeIdentifier } from '../pii/tokenize.js'
import type { WalkContext } from '../walk/detector.js'
import type { FunctionScope, LocalBinding } from '../walk/scope.js'
import { dottedName, nameText, typeOfTypeNode, unwrap } from '../walk/ts-helpers.js'
import { FunctionBodies, returnedValues } from './bodies.js'
import { memberChain } from './origin.js'
import type { FlowValue, ParamRef, ReturnRef } from './facts.js'
import { isLocalSpecifier } from '../file-scan.js'
import { ownRecord } from '../../util/own.js'
import type { FlowVocabulary } from '../../rules/flow-vocabulary.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** An object literal, or an instance constructed from one (`new PutObjectCommand({ Bucket, Key, Body })`). */
function buildsRecord(n: ts.Node): boolean {
  if (n.kind === SK.ObjectLiteralExpression) return true
  if (n.kind !== SK.NewExpression) return false
  return ((n as ts.NewExpression).arguments ?? []).some((a) => a.kind === SK.ObjectLiteralExpression)
}

/**
 * What an expression is, as far as personal data goes: `data` (it carries a category), `none` (certainly not: a
 * literal, a count, a yes/no, a name the classifier rejected), `opaque` (a value the reader cannot see into).
 */
type Verdict = 'data' | 'none' | 'opaque'

/** A value found inside an expression, before it is turned into a `FlowValue` (steps are still nodes). */
interface Leaf {
  at: string[]
  category?: string
  rule?: string
  confidence?: Confidence
  /** How the value is shown; computed only for the values that are kept (most are not personal data). */
  source: Source
  reason?: string
  /** Declarations followed, from the one nearest the call to the value's origin. */
  steps: ts.Node[]
  /** The part of the call's own arguments that carries it. */
  site: ts.Node
  param?: ParamRef
  /** Written by a language model: an argument of a tool call it makes (see `modelWritten`). */
  byModel?: boolean
  /** Read off a settings record: the operator's value, kept only for the helper hop (see `operatorRead`). */
  operator?: boolean
  /** A whole object whose declared type is a named record (see `FlowValue.typeRef`). */
  typeRef?: { name: string; from: string }
  /** What a function of another repository module returns (see `FlowValue.returnRef`). */
  returnRef?: ReturnRef
}

interface Read {
  leaves: Leaf[]
  verdict: Verdict
}

const NONE: Read = { leaves: [], verdict: 'none' }

/** A function being read from outside the walk: its scope, the arguments of the call, and the frame it was called in. */
interface Frame {
  scope: FunctionScope
  args: readonly ts.Expression[]
  outer: Frame | undefined
}

type Source = string | (() => string)

/** Properties that count or measure: `emails.length` is a number, not an email. */
const COUNT_PROPERTIES = new Set(['length', 'size', 'count', 'byteLength'])
/** String and array methods that return (part of) the same value. */
const SAME_VALUE_METHODS = new Set([
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'toString',
  'valueOf',
  'normalize',
  'slice',
  'substring',
  'substr',
  'split',
  'join',
  'concat',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'at',
  'map',
  'filter',
  'flat',
  'flatMap',
  'find',
  'toJSON',
  'toISOString',
])
/** Functions whose result carries their arguments (serialised, encoded or copied). */
const CARRYING_FUNCTIONS = new Set([
  'String',
  'stringify',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'btoa',
  'from',
  'assign',
  'fromEntries',
  'structuredClone',
  'cloneDeep',
  'clone',
  'merge',
  'pick',
  'omit',
  'render',
  'renderAsync',
])
/** Library functions, by their written chain, whose result is their arguments as text (Node's `util.format`). */
const CARRYING_CHAINS = new Set(['util.format', 'util.inspect', 'util.formatWithOptions'])
/** Methods and functions that answer yes/no or a number about a value: never the value itself. */
const NOT_VALUE_CALLS = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'has',
  'test',
  'some',
  'every',
  'indexOf',
  'lastIndexOf',
  'findIndex',
  'localeCompare',
  'Boolean',
  'Number',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isArray',
  'keys',
  'getTime',
])
/** Names that hash or sign a value: the result still identifies the person (see docs/flows.md). */
const HASHING = /(^|[^a-z])(hash|sha\d*|md5|digest|hmac|bcrypt|argon2|scrypt)|Hash|Sha\d|Md5|Digest|Hmac/
/** A `get<Name>()` call reads the named thing (`user.getEmail()`). */
const GETTER = /^get([A-Z]\w*?)(?:(?:From|By|For|Of|In|With)[A-Z]\w*)?$/

const MAX_DEPTH = 16
const MAX_LEAVES = 128

/**
 * Reads the values a call passes and classifies each as personal data by where it comes from: object keys and
 * shorthand properties, member chains (`user.email`, `session.user.name`), locals and parameters of the function
 * (through their initializers and destructuring), spreads of objects the function builds, template literals, and
 * the usual wrappers (`String(x)`, `x.trim()`, `JSON.stringify`). A value keeps the category of the field it came
 * from. No type checker: names are all it has, the same personal-data classifier the field detectors use.
 */
/** A name in constant case (`CONVERSATION_NOTE`, `PERMISSIONS`): a constant's, not a value the app computes. */
const CONSTANT_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/

export class ValueReader {
  /** Declarations being followed (a binding is built per look-up: its declaration is what stays the same). */
  private readonly visiting = new Set<ts.Node>()
  private count = 0
  private readonly bodies: FunctionBodies
  /** A function read from outside the walk (a method whose return value is sent), while reading it. */
  private inside: Frame | undefined
  /** Locals set from a settings record (`const cfg = this.config`), by declaration. */
  private readonly operatorLocals = new Map<ts.Node, boolean>()
  /** Reading a logger's arguments: a signed-in user's secret is read without an owner's name beside it. */
  private atLog = false
  /** Reading an e-mail's arguments: a bare code, token or reset link in it is the one-time secret mailed to the person. */
  private atMail = false

  /** The words names are read with (rules/flows/vocabulary.yaml). */
  private readonly words: FlowVocabulary

  constructor(private readonly ctx: WalkContext) {
    this.bodies = new FunctionBodies(ctx)
    this.words = ctx.scan.rules.flowVocabulary
  }

  private get scope(): FunctionScope {
    return this.inside?.scope ?? this.ctx.scope
  }

  /**
   * What the caller passed for a parameter of the function being read from outside, when that parameter names
   * nothing by itself (`escape(text)` called with `user.name`): the argument, read where the call is.
   */
  private argumentFor(
    local: LocalBinding,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
  ): Read | undefined {
    const frame = this.inside
    if (!frame || !frame.scope.owns(local) || local.parameterIndex < 0) return undefined
    const byName = this.named(local.name, undefined, local.name, at, steps, site)
    if (byName.verdict === 'data') return byName
    const arg = frame.args[local.parameterIndex]
    if (!arg || arg.kind === SK.SpreadElement) return undefined
    this.inside = frame.outer
    try {
      return this.read(arg, at, [...steps, arg], site, depth + 1, false)
    } finally {
      this.inside = frame
    }
  }

  /**
   * The values in a call's arguments, each argument's index first in `at`: every value, or with `dataOnly` only
   * those that carry a category or a parameter of the function (all a linked call or a data sink can use); the
   * places of the values left out go to `opaque` when given.
   */
  args(
    args: readonly ts.Expression[],
    dataOnly = false,
    opaque?: string[][],
    atLog = false,
    atMail = false,
  ): FlowValue[] {
    this.count = 0
    this.atLog = atLog
    this.atMail = atMail
    const out: FlowValue[] = []
    args.forEach((a, i) => {
      const spread = a.kind === SK.SpreadElement
      const expr = spread ? (a as ts.SpreadElement).expression : a
      for (const l of this.read(expr, [spread ? '*' : String(i)], [], a, 0, true).leaves)
        if (!dataOnly || l.category || l.param || l.typeRef || l.returnRef) out.push(this.toValue(l))
        else opaque?.push(l.at)
    })
    return out
  }

  private toValue(l: Leaf): FlowValue {
    const { line, column } = this.ctx.pos(l.site)
    const trace = [...l.steps].reverse().map((n) => this.step(n))
    trace.push(this.step(l.site))
    return {
      at: l.at,
      category: l.category,
      rule: l.rule,
      confidence: l.confidence,
      source: typeof l.source === 'string' ? l.source : l.source(),
      reason: l.reason,
      trace: dedupeAdjacent(trace),
      line,
      column,
      param: l.param,
      ...(l.byModel ? { byModel: true } : {}),
      ...(l.operator ? { operator: true } : {}),
      ...(l.typeRef ? { typeRef: l.typeRef } : {}),
      ...(l.returnRef ? { returnRef: l.returnRef } : {}),
    }
  }

  /** `path:line: excerpt` of a node, for a flow's trace. */
  private step(node: ts.Node): string {
    const { line } = this.ctx.pos(node)
    return `${this.ctx.scan.path}:${line}: ${this.ctx.scan.excerpt(line)}`
  }

  private read(
    e: ts.Expression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
    inCall: boolean,
  ): Read {
    if (depth > MAX_DEPTH || this.count > MAX_LEAVES) return { leaves: [], verdict: 'opaque' }
    let n = e
    for (;;) {
      const k = n.kind
      if (
        k === SK.ParenthesizedExpression ||
        k === SK.AsExpression ||
        k === SK.SatisfiesExpression ||
        k === SK.NonNullExpression ||
        k === SK.AwaitExpression ||
        k === SK.TypeAssertionExpression
      )
        n = (n as ts.ParenthesizedExpression).expression
      else break
    }
    const sub = (x: ts.Expression, more: string[] = [], subSite = site): Read =>
      this.read(x, [...at, ...more], steps, inCall ? subSite : site, depth + 1, inCall)
    switch (n.kind) {
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
      case SK.NumericLiteral:
      case SK.BigIntLiteral:
      case SK.TrueKeyword:
      case SK.FalseKeyword:
      case SK.NullKeyword:
      case SK.RegularExpressionLiteral:
      case SK.ArrowFunction:
      case SK.FunctionExpression:
      case SK.TypeOfExpression:
      case SK.VoidExpression:
      case SK.DeleteExpression:
        return NONE
      case SK.Identifier: {
        const read = this.identifier(n as ts.Identifier, at, steps, site, depth)
        return read.verdict === 'opaque' ? this.typed(n as ts.Identifier, read, at.length) : read
      }
      case SK.PropertyAccessExpression:
        return this.member(n as ts.PropertyAccessExpression, at, steps, site, depth)
      case SK.ElementAccessExpression: {
        const ea = n as ts.ElementAccessExpression
        const key =
          ea.argumentExpression.kind === SK.StringLiteral
            ? (ea.argumentExpression as ts.StringLiteral).text
            : undefined
        if (key !== undefined)
          return this.ownedByOperator(ea.expression)
            ? NONE
            : this.named(
                key,
                containerName(ea.expression, this.words),
                dottedName(ea) ?? key,
                at,
                steps,
                site,
              )
        // The part after the `@` of an address is its domain, an organisation's: `email.split('@')[1]`.
        if (isDomainPart(ea)) return NONE
        // An element of a list carries the list's category (`emails[0]`).
        return sub(ea.expression)
      }
      case SK.CallExpression: {
        const c = n as ts.CallExpression
        return this.apartFromLogIfForService(c, () => this.call(c, at, steps, site, depth, inCall))
      }
      case SK.NewExpression:
        return this.union(((n as ts.NewExpression).arguments ?? []).map((a) => sub(a)))
      case SK.ObjectLiteralExpression:
        return this.object(n as ts.ObjectLiteralExpression, at, steps, site, depth, inCall)
      case SK.ArrayLiteralExpression:
        return this.union(
          (n as ts.ArrayLiteralExpression).elements.map((x) =>
            sub(x.kind === SK.SpreadElement ? (x as ts.SpreadElement).expression : x, [], x),
          ),
        )
      case SK.TemplateExpression: {
        const t = n as ts.TemplateExpression
        const read = this.union(
          t.templateSpans.map((s, i) => {
            const r = sub(s.expression)
            // `?latitude=${lat}`: a query parameter's name says what its value is, as an object key does.
            const key =
              r.verdict === 'opaque'
                ? queryKey(i === 0 ? t.head.text : t.templateSpans[i - 1]!.literal.text)
                : undefined
            return key ? this.keyed(key, r, s.expression, at, steps, inCall ? s.expression : site) : r
          }),
        )
        return read.verdict !== 'data' && productToken(t) ? NONE : read
      }
      case SK.BinaryExpression: {
        const b = n as ts.BinaryExpression
        const op = b.operatorToken.kind
        if (op === SK.PlusToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken)
          return this.union([sub(b.left), sub(b.right)])
        if (op === SK.AmpersandAmpersandToken || op === SK.EqualsToken || op === SK.CommaToken)
          return sub(b.right)
        return NONE
      }
      case SK.ConditionalExpression: {
        const c = n as ts.ConditionalExpression
        return this.union([sub(c.whenTrue), sub(c.whenFalse)])
      }
      case SK.PrefixUnaryExpression:
      case SK.PostfixUnaryExpression:
        return NONE
      case SK.JsxElement:
      case SK.JsxSelfClosingElement:
        return this.jsx(n as ts.JsxElement | ts.JsxSelfClosingElement, sub)
      case SK.TaggedTemplateExpression:
        return { leaves: [this.opaque(n, at, steps, site)], verdict: 'opaque' }
    }
    return { leaves: [this.opaque(n, at, steps, site)], verdict: 'opaque' }
  }

  /**
   * A whole object the reader cannot see into, declared with a named record type (`w: Worksite`, `const form:
   * SignupValues = …`, `items: Worksite[]`): its leaves carry the type, for linking to give them the categories of
   * the fields the record's declaration has. Only the binding's own type counts, never a destructured part's, and
   * only for a leaf that is the whole value (`depth` places deep): the parts of an initializer the reader sees into
   * (`const e: CalendarEvent = { title, location: event.location }`) are read by their own keys.
   */
  private typed(id: ts.Identifier, read: Read, depth: number): Read {
    const local = this.scope.lookup(id.text)
    if (!local || local.path.length > 0) return read
    const name = recordTypeName((local.declaration as { type?: ts.TypeNode }).type)
    if (!name) return read
    const from = this.ctx.bindings.imports.get(name)
    const typeRef = { name, from: from ? from.module : '' }
    for (const l of read.leaves) if (!l.category && l.at.length === depth) l.typeRef = typeRef
    return read
  }

  private union(reads: Read[]): Read {
    const leaves = reads.flatMap((r) => r.leaves)
    const verdict: Verdict = reads.some((r) => r.verdict === 'data')
      ? 'data'
      : reads.some((r) => r.verdict === 'opaque')
        ? 'opaque'
        : 'none'
    return { leaves, verdict }
  }

  /**
   * Reads a value a call for a service made (`getGoogleAccessToken()`, `source`) as at any sink: its secrets are the
   * app's. Any other value is read as it is.
   */
  private apartFromLogIfForService<T>(source: ts.Node | undefined, read: () => T): T {
    if (!this.atLog || !madeForService(this.ctx, source)) return read()
    const atLog = this.atLog
    this.atLog = false
    try {
      return read()
    } finally {
      this.atLog = atLog
    }
  }

  private opaque(n: ts.Node, at: string[], steps: ts.Node[], site: ts.Node, param?: ParamRef): Leaf {
    this.count++
    return { at, source: () => shortText(n, this.ctx.sf), steps, site, param }
  }

  /** Classifies a name as a field of `container`; a rejected near-miss (`emailVerified`) is certainly not data. */
  private named(
    name: string,
    container: string | undefined,
    source: Source,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    type?: FieldType,
    param?: ParamRef,
  ): Read {
    // `me.id` of a bot API: the account the code runs as, no user of the app.
    const words = this.words
    if (container && words.genericKeys.has(name) && words.selfContainers.has(container)) return NONE
    let verdict = classifyName(this.ctx, name, container, type)
    if (
      this.atLog &&
      (verdict === undefined || verdict === 'rejected') &&
      (isSessionSecret(name, words) || isPurposeToken(name, this.ctx.path, words))
    ) {
      const asSession = classifyName(this.ctx, name, 'session', type)
      // A password-reset link or a session cookie names no field the classifier knows (`link`, `cookie` say what
      // carries it): its name alone says it signs the person in.
      verdict = asSession && asSession !== 'rejected' ? asSession : sessionSecret(name)
    }
    if (
      this.atMail &&
      (verdict === undefined || verdict === 'rejected') &&
      isMailedSecret(name, this.ctx.path, words)
    )
      verdict = MAILED_SECRET
    // Not personal data by its name, but still a value the code computes: a fixed-category sink (a prompt) counts it.
    if (verdict === 'rejected')
      return { leaves: [{ ...this.opaque(site, at, steps, site, param), source }], verdict: 'none' }
    if (!verdict) {
      // `user.id` is the user's id; `product.id` is not anyone's.
      if (container && words.genericKeys.has(name)) {
        const joined = classifyName(this.ctx, `${container}_${name}`, undefined, type)
        if (joined && joined !== 'rejected') return this.data(joined, at, steps, site, source, param)
      }
      return {
        leaves: [this.opaque(site, at, steps, site, param)].map((l) => ({ ...l, source })),
        verdict: 'opaque',
      }
    }
    return this.data(verdict, at, steps, site, source, param)
  }

  private data(
    match: NameMatch,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    source: Source,
    param?: ParamRef,
  ): Read {
    this.count++
    return {
      leaves: [
        {
          at,
          category: match.category,
          rule: match.rule,
          confidence: match.confidence,
          reason: match.reason,
          source,
          steps,
          site,
          param,
        },
      ],
      verdict: 'data',
    }
  }

  private identifier(id: ts.Identifier, at: string[], steps: ts.Node[], site: ts.Node, depth: number): Read {
    const name = id.text
    if (name === 'undefined') return NONE
    const local = this.scope.lookup(name)
    // A name imported from another module is that module's export — a constant, a configured value, a client —
    // never a value about the person a call is about (`"user-agent": genericUserAgent` sends the app's own agent).
    if (!local && this.ctx.bindings.imports.has(name)) return NONE
    if (!local) {
      // `[new Date(), ...arguments]` in `static log() {…}`: every argument its callers pass, as a rest parameter.
      const args = name === 'arguments' ? this.argumentsRef() : undefined
      if (args) return { leaves: [this.opaque(id, at, steps, site, args)], verdict: 'opaque' }
      // A callback's parameter the walk keeps no scope for (`companies.forEach((company) => …)`).
      const param = parameterNamed(id, this.ctx.path)
      const element = param && this.element(param, at, steps, site, depth)
      if (element) return element
      const read = this.named(name, undefined, name, at, steps, site)
      if (param && modelWritten(param, this.ctx.path)) for (const l of read.leaves) l.byModel = true
      return read
    }
    if (this.visiting.has(local.declaration)) return { leaves: [], verdict: 'opaque' }
    const decl = local.declaration
    const type = typeOfTypeNode(decl.type)
    const path = local.path.filter((p) => p !== '*' && !/^\d+$/.test(p))
    const next = [...steps, decl as ts.Node]
    if (local.kind === 'parameter') {
      const key = path[path.length - 1] ?? name
      const container = path.length > 1 ? path[path.length - 2] : undefined
      const passed =
        path.length === 0
          ? (this.argumentFor(local, at, next, site, depth) ??
            this.element(local.declaration as ts.ParameterDeclaration, at, steps, site, depth))
          : undefined
      if (passed) return passed
      if (modelWritten(local.declaration, this.ctx.path)) {
        const read = this.named(key, container, name, at, next, site, path.length ? 'unknown' : type)
        for (const l of read.leaves) l.byModel = true
        return read
      }
      return this.named(
        key,
        container,
        name,
        at,
        next,
        site,
        path.length ? 'unknown' : type,
        this.paramRef(local, path),
      )
    }
    if (path.length > 0) {
      // `const { apiKey } = this.config`: a field of a settings record.
      if (this.ownedByOperator(local.initializer)) return NONE
      // `const { email } = user` / `const { user: { email } } = session`: the field of the value.
      const container = path.length > 1 ? path[path.length - 2] : containerName(local.initializer, this.words)
      const byName = this.named(path[path.length - 1]!, container, name, at, next, site)
      // `const { title, body } = buildIssue(event)`: the parts of what another module's function returns.
      const ref = this.importedReturn(unwrap(local.initializer))
      if (!ref || byName.verdict === 'data') return byName
      return this.union([byName, this.returnLeaf(ref, path, id, at, next, site)])
    }
    const source = local.iterates ?? local.initializer
    const writes = this.writes(local, at, next, site, depth)
    if (!source && !writes) return this.named(name, undefined, name, at, next, site, type)
    this.visiting.add(local.declaration)
    const fromInit = source ? this.read(source, at, next, site, depth + 1, false) : undefined
    this.visiting.delete(local.declaration)
    const r = fromInit && writes ? this.union([fromInit, writes]) : (fromInit ?? writes!)
    if (r.verdict !== 'opaque') return r
    // `const email = await lookup(id)`: what the code calls it is all there is to go on.
    const byName = this.apartFromLogIfForService(source, () =>
      this.named(name, undefined, name, at, next, site, type),
    )
    // `const emailToSend = { to, subject }`: a record the code builds says what it holds by its own keys (an e-mail
    // API's `to`); a near-miss of its name (`emailToSend` is no address) does not make its fields nothing. So does a
    // command built from one (`const sendEmailCommand = new SendEmailCommand({ Destination: { ToAddresses: to } })`,
    // the AWS SDK v3's `client.send(command)`).
    if (byName.verdict === 'none' && source && buildsRecord(source)) return r
    // `const dataContent = fi.src ? await download(fi.src) : fi.rawFile` in a helper: a copy of the helper's
    // parameter holds what its callers pass (`uploadToBucket(data.avatar)`), whatever near-miss the copy is called.
    if (byName.verdict === 'none' && r.leaves.some((l) => l.param)) return r
    // `const message = buildSlackMessage(event)`: what another module's function returns, known once linked.
    if (byName.verdict !== 'data' && r.leaves.some((l) => l.returnRef)) return r
    return byName.verdict === 'opaque' ? r : byName
  }

  /**
   * An element of the list a callback iterates (`recipients.map((to) => …)`), when the list says what it holds: its
   * category, or nothing at all (a list of literals, or read off a settings record). Undefined otherwise.
   */
  private element(
    param: ts.ParameterDeclaration,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
  ): Read | undefined {
    const list = iteratedList(param, this.ctx.path)
    if (!list || this.visiting.has(param)) return undefined
    this.visiting.add(param)
    try {
      const r = this.read(list, at, [...steps, param], site, depth + 1, false)
      // A settings record's list is the operator's even when it is a helper's parameter (its leaves are kept for that).
      return r.verdict === 'data' || (r.verdict === 'none' && r.leaves.every((l) => l.operator))
        ? r
        : undefined
    } finally {
      this.visiting.delete(param)
    }
  }

  private member(
    m: ts.PropertyAccessExpression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
  ): Read {
    const name = m.name.text
    if (COUNT_PROPERTIES.has(name)) return NONE
    const base = m.expression
    const local = base.kind === SK.Identifier ? this.scope.lookup((base as ts.Identifier).text) : undefined
    const isParameter = local?.kind === 'parameter'
    // `PERMISSIONS.CONVERSATION_NOTE`: an entry of a table of constants, a fixed value whatever its words say.
    if (
      CONSTANT_CASE.test(name) &&
      base.kind === SK.Identifier &&
      CONSTANT_CASE.test((base as ts.Identifier).text) &&
      !isParameter
    )
      return NONE
    // A property of an object the function built: `const payload = { email }; send(payload.email)`.
    if (
      local &&
      !isParameter &&
      local.path.length === 0 &&
      local.initializer?.kind === SK.ObjectLiteralExpression
    ) {
      const prop = (local.initializer as ts.ObjectLiteralExpression).properties.find(
        (p) => nameText(p.name) === name,
      )
      if (prop && prop.kind === SK.PropertyAssignment)
        return this.read(
          (prop as ts.PropertyAssignment).initializer,
          at,
          [...steps, prop],
          site,
          depth + 1,
          false,
        )
    }
    // A helper's parameter: its callers say what it holds (the name is the fallback when none is found).
    const paramRef = isParameter
      ? this.paramRef(local, [...local.path.filter((p) => p !== '*'), name])
      : undefined
    if (this.ownedByOperator(base))
      return isParameter ? this.operatorRead(m, at, steps, site, paramRef) : NONE
    const byName = this.named(
      name,
      containerName(base, this.words),
      () => shortText(m, this.ctx.sf),
      at,
      steps,
      site,
      undefined,
      paramRef,
    )
    if (isParameter) return byName
    // `const card = buildCard(ticket); send(card.text)`: that part of what another module's function returns.
    const ref =
      byName.verdict !== 'data' && local && local.path.length === 0
        ? this.importedReturn(unwrap(local.initializer))
        : undefined
    return ref ? this.union([byName, this.returnLeaf(ref, [name], m, at, steps, site)]) : byName
  }

  /**
   * Whether an object is a settings record (rules/flows/operator-values.yaml): the app's configuration or an
   * integration's settings, whose fields are the operator's account and targets, not a user's data — unless it is
   * part of a submitted payload (`req.body.config`). A local is judged by its name and by what it was set from.
   */
  private ownedByOperator(e: ts.Expression | undefined): boolean {
    const chain = e && chainOf(e)
    if (!chain) return false
    const rules = this.ctx.scan.rules
    const names = chain.names
    // A settings record handed to the function (`send(notification, msg)`), not a row it iterates over.
    const local = chain.root && this.scope.lookup(chain.root.text)
    const handed =
      local?.kind === 'parameter' &&
      local.path.length === 0 &&
      !iteratedList(local.declaration as ts.ParameterDeclaration, this.ctx.path)
    if (rules.operatorValues.isRecord(names, chain.from, handed)) {
      for (let i = 2; i <= names.length; i++)
        if (rules.submitted.isPayload(names.slice(0, i).join('.'))) return false
      return true
    }
    if (names.length !== 1 || e.kind !== SK.Identifier) return false
    if (!local || local.kind === 'parameter' || local.path.length > 0) return false
    const init = local.initializer
    if (!init || init.kind === SK.ObjectLiteralExpression || this.visiting.has(local.declaration))
      return false
    let known = this.operatorLocals.get(local.declaration)
    if (known === undefined) {
      this.visiting.add(local.declaration)
      try {
        known = this.ownedByOperator(init)
      } finally {
        this.visiting.delete(local.declaration)
      }
      this.operatorLocals.set(local.declaration, known)
    }
    return known
  }

  /**
   * A field of a settings record that is a helper's parameter (`notify(config)`): no category of its own, but the
   * helper hop still reads what callers pass there.
   */
  private operatorRead(n: ts.Node, at: string[], steps: ts.Node[], site: ts.Node, param?: ParamRef): Read {
    if (!param) return NONE
    return { leaves: [{ ...this.opaque(n, at, steps, site, param), operator: true }], verdict: 'none' }
  }

  private call(
    c: ts.CallExpression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
    inCall: boolean,
  ): Read {
    const callee = c.expression
    const sub = (x: ts.Expression): Read => this.read(x, at, steps, site, depth + 1, inCall)
    const fn = calleeName(callee)
    if (fn === undefined) return { leaves: [this.opaque(c, at, steps, site)], verdict: 'opaque' }
    const chain = dottedName(callee) ?? fn
    if (HASHING.test(chain)) return this.hashed(c, chain, at, steps, site, depth, inCall)
    if (NOT_VALUE_CALLS.has(fn) || /^(is|has|can|should)[A-Z]/.test(fn)) return NONE
    const receiver =
      callee.kind === SK.PropertyAccessExpression
        ? (callee as ts.PropertyAccessExpression).expression
        : undefined
    // `users.map(({ username, name }) => ({ title: `${name} (@${username})` }))`: the records the callback builds
    // from the fields it destructures. A plain element (`list.split(',').map((email) => ({ email }))`) is what the
    // receiver holds, and the receiver's read already says whose it is.
    const callback = receiver && (fn === 'map' || fn === 'flatMap') ? unwrap(c.arguments[0]) : undefined
    if (
      callback &&
      (callback.kind === SK.ArrowFunction || callback.kind === SK.FunctionExpression) &&
      (callback as ts.ArrowFunction).parameters[0]?.name.kind === SK.ObjectBindingPattern
    )
      return this.union([
        sub(receiver!),
        ...returnedValues(callback as ts.SignatureDeclaration).map((r) =>
          this.read(r, at, [...steps, r], site, depth + 1, inCall),
        ),
      ])
    if (receiver && SAME_VALUE_METHODS.has(fn)) return this.union([sub(receiver), ...c.arguments.map(sub)])
    // `String(x)`, `JSON.stringify(x)`; `WelcomeEmail({ firstName })`: a component rendered from its props.
    if (
      CARRYING_FUNCTIONS.has(fn) ||
      this.words.carryingVerbs.test(fn) ||
      CARRYING_CHAINS.has(chain) ||
      (!receiver && /^[A-Z][a-z]/.test(fn))
    )
      return this.union(c.arguments.map(sub))
    // `util.format.apply(util, parts)`, `String.call(null, x)`: such a function called with what follows `this`.
    const applied = receiver && (fn === 'apply' || fn === 'call') ? calleeName(receiver) : undefined
    if (
      applied !== undefined &&
      (CARRYING_FUNCTIONS.has(applied) ||
        this.words.carryingVerbs.test(applied) ||
        CARRYING_CHAINS.has(dottedName(receiver!) ?? applied))
    )
      return this.union(c.arguments.slice(1).map(sub))
    // `formData.get('email')`, `searchParams.get('phone')`: the key names the value; a loop over literal names
    // (`for (const key of ['firstName', 'phone']) form.get(key)`) names each.
    const keys = (fn === 'get' || fn === 'getAll') && receiver ? this.literalKeys(c.arguments[0]) : undefined
    if (keys && this.ownedByOperator(receiver)) return NONE
    if (keys)
      return this.union(
        keys.map((k) =>
          this.named(
            k,
            containerName(receiver, this.words),
            () => shortText(c, this.ctx.sf),
            at,
            steps,
            site,
          ),
        ),
      )
    const returned = this.returned(c, at, steps, site, depth)
    // What it returns carries data, or a parameter of the caller's function (`this.format(args.join(' '))`: the helper
    // hop reads what the caller's callers pass).
    if (returned && (returned.verdict === 'data' || returned.leaves.some((l) => l.param))) return returned
    // A function of another repository module (`buildSlackMessage(event)`): linking reads what its `return`s carry.
    const ref = returned ? undefined : this.importedReturn(c)
    const withRef = (r: Read): Read =>
      ref && r.verdict !== 'data' ? this.union([r, this.returnLeaf(ref, [], c, at, steps, site)]) : r
    if (
      !returned &&
      (this.words.textBuilders.test(fn) ||
        this.words.renderers.test(fn) ||
        (this.atMail && this.words.mailBodyKeys.has(at[at.length - 1]!)))
    )
      return withRef(this.union(c.arguments.map(sub)))
    const getter = GETTER.exec(fn)
    if (getter)
      return withRef(
        this.named(
          getter[1]!,
          receiver ? containerName(receiver, this.words) : undefined,
          () => shortText(c, this.ctx.sf),
          at,
          steps,
          site,
        ),
      )
    if (ref) return { leaves: [{ ...this.opaque(c, at, steps, site), returnRef: ref }], verdict: 'opaque' }
    return { leaves: [this.opaque(c, at, steps, site)], verdict: 'opaque' }
  }

  /**
   * The function of another repository module a call runs (`buildSlackMessage(event)`, `messages.build(event)` on
   * `import * as messages`), by its import; undefined for anything else (a package, a local, a method of a value).
   */
  private importedReturn(e: ts.Expression | undefined): ReturnRef | undefined {
    while (e?.kind === SK.AwaitExpression || e?.kind === SK.NonNullExpression)
      e = unwrap((e as ts.AwaitExpression).expression)
    if (e?.kind !== SK.CallExpression) return undefined
    let callee = (e as ts.CallExpression).expression
    let member: string | undefined
    if (callee.kind === SK.PropertyAccessExpression) {
      member = (callee as ts.PropertyAccessExpression).name.text
      callee = (callee as ts.PropertyAccessExpression).expression
    }
    if (callee.kind !== SK.Identifier) return undefined
    const name = (callee as ts.Identifier).text
    if (this.scope.lookup(name)) return undefined
    const from = this.ctx.bindings.imports.get(name)
    if (!from || !(isLocalSpecifier(from.module) || from.module.startsWith('$lib/'))) return undefined
    if (member !== undefined)
      return from.imported === '*' ? { from: from.module, name: member, path: [] } : undefined
    return from.imported === '*' ? undefined : { from: from.module, name: from.imported, path: [] }
  }

  /** A leaf standing for (a part of) what another module's function returns: linking gives it categories. */
  private returnLeaf(
    ref: ReturnRef,
    path: readonly string[],
    n: ts.Node,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
  ): Read {
    return {
      leaves: [{ ...this.opaque(n, at, steps, site), returnRef: { ...ref, path: [...ref.path, ...path] } }],
      verdict: 'opaque',
    }
  }

  /**
   * What a method of the same class or a function of the same file returns (`this.buildPayload(type, payload)`):
   * its `return` values read in its own scope. Its parameters name their values as everywhere else; they are not
   * the caller's parameters, so they make no helper hop.
   */
  private returned(
    c: ts.CallExpression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
  ): Read | undefined {
    const fn = this.bodies.calleeOf(c)
    if (!fn || this.visiting.has(fn)) return undefined
    const outer = this.inside
    this.visiting.add(fn)
    this.inside = { scope: this.bodies.scopeOf(fn), args: c.arguments, outer }
    try {
      const reads = returnedValues(fn).map((r) => this.read(r, at, [...steps, r], site, depth + 1, false))
      return this.union(reads)
    } finally {
      this.inside = outer
      this.visiting.delete(fn)
    }
  }

  /**
   * The literal names a key expression stands for: a string literal, or a loop variable (or `const`) over an array
   * of them (`for (const key of ['firstName', 'phone'])`, `const keys = [...] as const`); undefined otherwise.
   */
  private literalKeys(e: ts.Expression | undefined): string[] | undefined {
    const x = unwrap(e)
    if (!x) return undefined
    if (x.kind === SK.StringLiteral) return [(x as ts.StringLiteral).text]
    if (x.kind !== SK.Identifier) return undefined
    const local = this.scope.lookup((x as ts.Identifier).text)
    if (!local || local.kind === 'parameter' || local.path.length > 0) return undefined
    let list = unwrap(local.iterates)
    if (list?.kind === SK.Identifier)
      list = unwrap(this.scope.lookup((list as ts.Identifier).text)?.initializer)
    if (list?.kind !== SK.ArrayLiteralExpression) return undefined
    const out: string[] = []
    for (const el of (list as ts.ArrayLiteralExpression).elements) {
      if (el.kind !== SK.StringLiteral) return undefined
      out.push((el as ts.StringLiteral).text)
    }
    return out.length > 0 ? out : undefined
  }

  /**
   * The values written into a local after its declaration (`message += …`, `fields.push({ … })`,
   * `body.email = …`, `form.append('email', …)`), read in the function that declares it; undefined when none.
   */
  private writes(
    local: LocalBinding,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
  ): Read | undefined {
    if (local.kind === 'parameter' || local.path.length > 0) return undefined
    const owner = this.scope.ownerOf(local)
    if (!owner || owner.node.kind === SK.SourceFile) return undefined
    const writes = this.bodies.writesTo(owner.node, local.name)
    if (writes.length === 0) return undefined
    this.visiting.add(local.declaration)
    try {
      return this.union(
        writes.map((w) => {
          const where = w.key === undefined ? at : [...at, w.key]
          const r = this.read(w.value, where, [...steps, w.node], site, depth + 1, false)
          if (w.key === undefined) {
            // `address[key] = value` over literal names: each name, in the object it is stored in, says what it is.
            const keys = this.literalKeys(w.keyExpr)
            if (!keys) return r
            const named = keys.map((k) =>
              this.named(
                k,
                local.name,
                () => `${k}: ${shortText(w.value, this.ctx.sf)}`,
                [...at, k],
                [...steps, w.node],
                site,
              ),
            )
            return this.union([r, ...named.filter((x) => x.verdict === 'data')])
          }
          if (r.verdict !== 'opaque') return r
          // `form.append('email', value)`: the key says what is stored.
          const byKey = this.named(
            w.key,
            local.name,
            () => `${w.key}: ${shortText(w.value, this.ctx.sf)}`,
            where,
            [...steps, w.node],
            site,
          )
          return byKey.verdict === 'data' ? byKey : r
        }),
      )
    } finally {
      this.visiting.delete(local.declaration)
    }
  }

  /**
   * `sha256(email)`, `createHash('sha256').update(email).digest('hex')`: a hashed email is still personal data (it
   * links the person across systems; Apple's privacy label definitions count hashed identifiers as linked data),
   * so the category stays and the evidence says it was hashed.
   */
  private hashed(
    c: ts.CallExpression,
    chain: string,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
    inCall: boolean,
  ): Read {
    const args: ts.Expression[] = []
    for (let n: ts.Expression = c; ;) {
      if (n.kind === SK.CallExpression) {
        args.push(...(n as ts.CallExpression).arguments)
        n = (n as ts.CallExpression).expression
      } else if (n.kind === SK.PropertyAccessExpression) n = (n as ts.PropertyAccessExpression).expression
      else break
    }
    const r = this.union(args.map((a) => this.read(a, at, steps, site, depth + 1, inCall)))
    const how = chain.replace(/\(\)/g, '').split('.').pop()
    for (const l of r.leaves)
      if (l.category)
        l.reason = `${l.reason ?? ''}; hashed with ${how}() — still personal data: a hash links the same person`
    return r
  }

  private object(
    o: ts.ObjectLiteralExpression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
    depth: number,
    inCall: boolean,
  ): Read {
    const reads: Read[] = []
    for (const p of o.properties) {
      const propSite = inCall ? p : site
      if (p.kind === SK.PropertyAssignment) {
        const key = nameText(p.name) ?? '*'
        let r = this.read(p.initializer, [...at, key], steps, propSite, depth + 1, inCall)
        // `unsubscribeToken: token` in an e-mail: the key says the token opens no sign-in.
        if (this.atMail && opensNoSignIn(key, this.words)) r = withoutMailedSecret(r)
        // `{ email: form.value }`: the key says what the vendor receives.
        reads.push(
          r.verdict === 'opaque' ? this.keyed(key, r, p.initializer, [...at, key], steps, propSite) : r,
        )
      } else if (p.kind === SK.ShorthandPropertyAssignment) {
        const key = [...at, p.name.text]
        const r = this.identifier(p.name, key, steps, propSite, depth + 1)
        // `logger.info('start', { input })`: a whole typed record under its own name, as when passed bare.
        reads.push(r.verdict === 'opaque' ? this.typed(p.name, r, key.length) : r)
      } else if (p.kind === SK.SpreadAssignment)
        reads.push(this.read(p.expression, at, steps, propSite, depth + 1, inCall))
    }
    return this.union(reads)
  }

  /**
   * An opaque value read under a key that names personal data (`{ email: form.value }`, `?email=${v}`): the key's
   * category, with whatever categories the value's own leaves carry; the value's read unchanged otherwise.
   */
  private keyed(
    key: string,
    r: Read,
    value: ts.Expression,
    at: string[],
    steps: ts.Node[],
    site: ts.Node,
  ): Read {
    const byKey = this.named(
      key,
      undefined,
      () => `${key}: ${shortText(value, this.ctx.sf)}`,
      at,
      steps,
      site,
    )
    return byKey.verdict === 'data'
      ? { leaves: [...byKey.leaves, ...r.leaves.filter((l) => l.category || l.returnRef)], verdict: 'data' }
      : r
  }

  /** `<Welcome firstName={user.firstName} />` passed as an email body: its attributes are the data. */
  private jsx(
    el: ts.JsxElement | ts.JsxSelfClosingElement,
    sub: (x: ts.Expression, more?: string[]) => Read,
  ): Read {
    const opening = el.kind === SK.JsxElement ? el.openingElement : el
    const reads: Read[] = []
    for (const a of opening.attributes.properties) {
      if (a.kind === SK.JsxSpreadAttribute) reads.push(sub(a.expression))
      else if (a.initializer?.kind === SK.JsxExpression && a.initializer.expression)
        reads.push(sub(a.initializer.expression, [nameText(a.name) ?? '*']))
    }
    return this.union(reads)
  }

  /**
   * The helper parameter `arguments` stands for: every argument of the innermost function that has its own (not an
   * arrow), when that function is a helper (a top-level function, a method of a top-level object or class).
   */
  private argumentsRef(): ParamRef | undefined {
    if (this.inside) return undefined
    const path = this.ctx.path
    for (let i = path.length - 1; i > 0; i--) {
      const n = path[i]!
      if (!ts.isFunctionLike(n) || n.kind === SK.ArrowFunction) continue
      const fn = helperName(n, path) ?? classMethodName(n, path)
      return fn === undefined ? undefined : { fn, index: -1, path: [] }
    }
    return undefined
  }

  /** The helper parameter a binding is, when it belongs to a top-level function (or a method of a top-level object). */
  private paramRef(local: LocalBinding, path: string[]): ParamRef | undefined {
    // A parameter of a function read from outside (`returned`) is not the caller's: what the caller passes there is
    // read at the call (`argumentFor`), where the caller's own parameters still make the hop.
    if (local.kind !== 'parameter' || local.parameterIndex < 0 || this.inside) return undefined
    const owner = this.scope.ownerOf(local)
    if (!owner) return undefined
    const fn = helperName(owner.node, this.ctx.path) ?? classMethodName(owner.node, this.ctx.path)
    // A rest parameter (`...args`) is every argument a caller passes.
    const rest = (local.declaration as ts.ParameterDeclaration).dotDotDotToken !== undefined
    return fn === undefined ? undefined : { fn, index: rest ? -1 : local.parameterIndex, path }
  }
}

/** The function properties of an AI tool definition the model's tool call runs with its own arguments. */
const TOOL_RUNNERS = new Set(['execute', 'func', 'invoke'])
/** A product name and a slash right before a substitution (`MyApp/${version}`, `… Gecko) MyApp/${v}`). */
const PRODUCT_BEFORE_VALUE = /(^|\s)[A-Za-z][\w.-]*\/$/

/**
 * The name of the record type a declaration's annotation names: `Worksite`, `Worksite[]`, `Worksite | null`, a
 * generic record of the repository (`Bookmark<typeof ItemLocation.LOCAL>`, whose class declares its fields; a
 * library's generic such as `Record<…>` is declared in no module of the repository, so linking finds no fields); a
 * qualified name (`ns.T`) says nothing about its fields.
 */
function recordTypeName(type: ts.TypeNode | undefined): string | undefined {
  if (!type) return undefined
  if (type.kind === SK.ArrayType) return recordTypeName((type as ts.ArrayTypeNode).elementType)
  if (type.kind === SK.UnionType) {
    const named = (type as ts.UnionTypeNode).types.filter(
      (t) => t.kind !== SK.LiteralType && t.kind !== SK.UndefinedKeyword && t.kind !== SK.NullKeyword,
    )
    return named.length === 1 ? recordTypeName(named[0]) : undefined
  }
  if (type.kind !== SK.TypeReference) return undefined
  const ref = type as ts.TypeReferenceNode
  if (ref.typeName.kind !== SK.Identifier) return undefined
  // `Array<Worksite>`: a list of the records, as `Worksite[]`.
  if (LIST_TYPES.has(ref.typeName.text)) return recordTypeName(ref.typeArguments?.[0])
  return ref.typeName.text
}

/** Generic list types whose argument is the record each element is. */
const LIST_TYPES = new Set(['Array', 'ReadonlyArray'])

/** The query parameter a template's text ends with (`…?latitude=`, `&email=`): its name, else undefined. */
function queryKey(text: string): string | undefined {
  return /[?&]([A-Za-z_][\w-]*)=$/.exec(text)?.[1]
}

/**
 * Whether a template writes a product token of the app itself, `Name/${version}` — the form of a user agent the app
 * sends as its own (`'User-Agent': `MyLauncher/${app.getVersion()}``): the code wrote the name, so the string is the
 * app's, whatever its key says, unless a substitution carries data.
 */
function productToken(t: ts.TemplateExpression): boolean {
  if (PRODUCT_BEFORE_VALUE.test(t.head.text)) return true
  return t.templateSpans.slice(0, -1).some((s) => PRODUCT_BEFORE_VALUE.test(s.literal.text))
}

/**
 * Properties that, with a `description` for the model, make an object literal a tool definition: the schema of the
 * arguments the model writes. (A form action's `{ schema, handler }` has no description: its input is the user's.)
 */
const TOOL_SCHEMAS = new Set(['inputSchema', 'parameters', 'schema', 'argsSchema'])

/**
 * Whether a parameter holds what a language model wrote: it belongs to (or to a function inside) the `execute` of
 * a tool definition (`tool({ inputSchema: z.object({ query }), execute: async ({ query }) => … })`), whose
 * arguments the model makes up from the conversation — search terms, URLs, ids — and whose callbacks see only
 * those and what the tool fetched. `path` is the walk's ancestors of the call being read (the tree keeps no parent
 * pointers); a parameter of a function outside them is not judged.
 */
function modelWritten(declaration: ts.Node, path: readonly ts.Node[]): boolean {
  const owner = path.findIndex(
    (n) => ts.isFunctionLike(n) && (n.parameters as readonly ts.Node[]).includes(declaration),
  )
  if (owner < 0) return false
  for (let i = owner; i >= 3; i--) {
    const fn = path[i]!
    if (!ts.isFunctionLike(fn)) continue
    const holder = path[i - 1]!
    const method = ts.isMethodDeclaration(fn)
    const key = method
      ? nameText(fn.name)
      : ts.isPropertyAssignment(holder)
        ? nameText(holder.name)
        : undefined
    const object = method ? holder : path[i - 2]!
    const outer = method ? path[i - 2]! : path[i - 3]!
    if (
      key &&
      TOOL_RUNNERS.has(key) &&
      ts.isObjectLiteralExpression(object) &&
      isToolDefinition(object, outer)
    )
      return true
  }
  return false
}

/** The parameter of an enclosing function (one of the walk's ancestors) that an identifier names. */
function parameterNamed(id: ts.Identifier, path: readonly ts.Node[]): ts.ParameterDeclaration | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!
    if (!ts.isFunctionLike(n)) continue
    const p = n.parameters.find((q) => bindsName(q.name, id.text))
    if (p) return p
  }
  return undefined
}

/** `x.split('@')[1]`: the domain of an email address. */
function isDomainPart(ea: ts.ElementAccessExpression): boolean {
  const index = ea.argumentExpression
  if (index.kind !== SK.NumericLiteral || (index as ts.NumericLiteral).text !== '1') return false
  const split = unwrap(ea.expression)
  if (!split || split.kind !== SK.CallExpression) return false
  const c = split as ts.CallExpression
  const arg = c.arguments[0]
  return (
    c.expression.kind === SK.PropertyAccessExpression &&
    (c.expression as ts.PropertyAccessExpression).name.text === 'split' &&
    arg?.kind === SK.StringLiteral &&
    (arg as ts.StringLiteral).text === '@'
  )
}

/** Array methods whose callback's first parameter is each element of the array they are called on. */
const ITERATORS = new Set(['map', 'forEach', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every'])

/** The list a callback's first parameter is an element of (`recipients` in `recipients.map((r) => …)`). */
function iteratedList(param: ts.ParameterDeclaration, path: readonly ts.Node[]): ts.Expression | undefined {
  const i = path.findIndex(
    (n) => ts.isFunctionLike(n) && (n.parameters as readonly ts.Node[]).includes(param),
  )
  const fn = path[i] as ts.SignatureDeclaration | undefined
  const call = path[i - 1]
  if (!fn || fn.parameters[0] !== param || !call || !ts.isCallExpression(call)) return undefined
  const callee = call.expression
  if (!ts.isPropertyAccessExpression(callee) || !ITERATORS.has(callee.name.text)) return undefined
  return call.arguments.includes(fn as unknown as ts.Expression) ? callee.expression : undefined
}

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted
  return name.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, wanted))
}

/** An object literal passed to `tool(…)` / `dynamicTool(…)`, or with a description and an argument schema. */
function isToolDefinition(o: ts.ObjectLiteralExpression, parent: ts.Node): boolean {
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression
    const fn = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    if (/^(tool|dynamicTool|createTool|defineTool)$/.test(fn)) return true
  }
  const keys = new Set(o.properties.map((p) => nameText(p.name)))
  return keys.has('description') && [...TOOL_SCHEMAS].some((k) => keys.has(k))
}

type NameMatch = Readonly<{ category: string; rule: string; confidence: Confidence; reason: string }>

/** A relation naming the person who did something: `createdBy`, `requestedBy`, `updated_by`, `invitedBy`. */
const PERSON_RELATION = /^[a-z]+(ed|en)(By|_by)$/

/** What an e-mail's one-time secret is (pii.account.credentials: reset and verification tokens, one-time codes). */
const MAILED_SECRET: NameMatch = {
  category: 'user.authorization.credentials',
  rule: 'pii.account.credentials',
  confidence: 'medium',
  reason: 'a one-time code, token or sign-in link in an e-mail to the person',
}

/**
 * Whether a value put into an e-mail is the one-time secret it mails (the convention in bench/accuracy: a one-time
 * code in an e-mail through a mail provider is a credentials flow): a token or OTP, a code or link named for its
 * purpose (`verificationCode`, `resetLink`, `CONFIRM_LINK`), or a bare `code`, `pin`, `token`; a bare `url` or `link`
 * only inside a function named for sending one (an auth library's `sendVerificationEmail({ user, url })`).
 */
function isMailedSecret(name: string, path: readonly ts.Node[], words: FlowVocabulary): boolean {
  const tokens = tokenizeIdentifier(name)
  const last = tokens[tokens.length - 1]
  if (!last || tokens.some((t) => words.notSignIn.has(t))) return false
  if (words.secretWords.has(last)) return true
  if (!words.secretCarriers.has(last)) return false
  if (tokens.length > 1) return tokens.slice(0, -1).some((t) => words.secretPurposes.has(t))
  if (words.bareSecretCarriers.has(last)) return true
  const fn = enclosingFunctionName(path)
  return (
    fn !== undefined &&
    tokenizeIdentifier(fn).some((t) => words.secretPurposes.has(t) || words.secretSenderWords.has(t))
  )
}

/** Whether a name says its token is no one's sign-in (`nextPageToken`, `unsubscribeToken`). */
function opensNoSignIn(name: string, words: FlowVocabulary): boolean {
  return tokenizeIdentifier(name).some((t) => words.notSignIn.has(t))
}

/** A read without the e-mail secrets its names gave it. */
function withoutMailedSecret(r: Read): Read {
  const leaves = r.leaves.filter((l) => l.reason !== MAILED_SECRET.reason)
  if (leaves.length === r.leaves.length) return r
  return { leaves, verdict: leaves.some((l) => l.category) ? 'data' : 'opaque' }
}

/** The name of the innermost function around the walk's node: declared, a method, or a property's or variable's value. */
function enclosingFunctionName(path: readonly ts.Node[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!
    if (n.kind === SK.FunctionDeclaration || n.kind === SK.MethodDeclaration)
      return nameText((n as ts.FunctionDeclaration | ts.MethodDeclaration).name)
    if (n.kind !== SK.ArrowFunction && n.kind !== SK.FunctionExpression) continue
    const parent = path[i - 1]
    if (parent?.kind === SK.PropertyAssignment) return nameText((parent as ts.PropertyAssignment).name)
    if (parent?.kind === SK.VariableDeclaration)
      return nameText((parent as ts.VariableDeclaration).name as ts.Identifier)
    return undefined
  }
  return undefined
}

/**
 * Whether a bare `token` is a one-time sign-in secret by the function it is handled in: one named for a token of a
 * sign-in purpose (`validateResetPasswordToken`, `verifyEmailToken`), not a push or page token (`registerPushToken`).
 */
function isPurposeToken(name: string, path: readonly ts.Node[], words: FlowVocabulary): boolean {
  if (name !== 'token') return false
  const fn = enclosingFunctionName(path)
  const tokens = fn ? tokenizeIdentifier(fn) : []
  return (
    tokens.includes('token') &&
    !tokens.some((t) => words.notSignIn.has(t)) &&
    tokens.some((t) => words.secretPurposes.has(t) || words.secretSenderWords.has(t))
  )
}

/** The credentials a session secret's name says a value is, when the classifier reads nothing in it. */
function sessionSecret(name: string): NameMatch {
  return {
    category: 'user.authorization.credentials',
    rule: 'pii.account.credentials',
    confidence: 'medium',
    reason: `"${name}" names a signed-in session's secret`,
  }
}

/** Whether a name ends with one of the session secrets (`idTokenData` is the claims read from one, not the token). */
function isSessionSecret(name: string, words: FlowVocabulary): boolean {
  return words.endsWithSessionSecret(tokenizeIdentifier(name))
}

/**
 * Whether a value comes from a call whose name says whose secret it is, and not a person's: `const accessToken = await
 * this.getGoogleAccessToken(serviceAccount)` is the app's token for Google (the credentials rule's exclusions).
 */
function madeForService(ctx: WalkContext, source: ts.Node | undefined): boolean {
  let n = source && unwrap(source as ts.Expression)
  while (n?.kind === SK.AwaitExpression) n = unwrap((n as ts.AwaitExpression).expression)
  if (n?.kind !== SK.CallExpression) return false
  const callee = unwrap((n as ts.CallExpression).expression)
  let name =
    callee?.kind === SK.Identifier
      ? (callee as ts.Identifier).text
      : callee?.kind === SK.PropertyAccessExpression
        ? nameText((callee as ts.PropertyAccessExpression).name)
        : undefined
  // `getGoogleAccessToken()` names what it returns as `googleAccessToken` would.
  if (name) name = GETTER.exec(name)?.[1] ?? name
  if (!name || !isSessionSecret(name, ctx.scan.rules.flowVocabulary)) return false
  return ctx.scan.rules.pii
    .evaluate(name, { container: 'session' })
    .rejected.some((r) => r.decision === 'rule-exclusion')
}

/** The personal-data classifier on one name: a match, `rejected` for a near-miss, or undefined for no rule at all. */
function classifyName(
  ctx: WalkContext,
  name: string,
  container: string | undefined,
  type?: FieldType,
): NameMatch | 'rejected' | undefined {
  const classifier = ctx.scan.rules.pii
  let memo = verdicts.get(classifier)
  if (!memo || memo.size > MEMO_LIMIT) verdicts.set(classifier, (memo = { size: 0, byName: ownRecord() }))
  // The same few names (`id`, `user`, `email`, `children`) are read again and again across a repository: kept by
  // name, container as written and type, one level each, so a name asked again builds no key and no lowered copy.
  const byContainer = (memo.byName[name] ??= ownRecord())
  const byType = (byContainer[container ?? ''] ??= ownRecord())
  const known = byType[type ?? '']
  if (known !== undefined) return known === null ? undefined : known
  const verdict = evaluateName(classifier, ctx.scan.rules.flowVocabulary, name, container, type)
  byType[type ?? ''] = verdict ?? null
  memo.size++
  return verdict
}

/** `classifyName` past its memo: the container normalised, then the classifier's verdict. */
function evaluateName(
  classifier: PiiClassifier,
  words: FlowVocabulary,
  name: string,
  container: string | undefined,
  type: FieldType | undefined,
): NameMatch | 'rejected' | undefined {
  if (container && words.carrierContainers.has(container.toLowerCase())) container = undefined
  // `request.requestedBy.displayName`, `issue.createdBy.email`: the one who did it is a user.
  else if (container && PERSON_RELATION.test(container)) container = 'user'
  const r = classifier.evaluate(name, { container, type })
  return r.match
    ? {
        category: r.match.category,
        rule: r.match.rule.id,
        confidence: r.match.confidence,
        reason: r.match.reason,
      }
    : r.rejected.length > 0
      ? 'rejected'
      : undefined
}

/**
 * Verdicts by classifier, name, container and type (`null`: no rule). Records without a prototype, whose keys are
 * copies (a Map would keep slices of a file's text alive); `size` counts the verdicts, bounded by `MEMO_LIMIT`.
 */
const verdicts = new WeakMap<
  object,
  { size: number; byName: Record<string, Record<string, Record<string, NameMatch | 'rejected' | null>>> }
>()
const MEMO_LIMIT = 50_000

/** The name of what a value is read from: `user` in `user.email`, `billing_details` in `pm.billing_details.name`. */
function containerName(e: ts.Expression | undefined, words: FlowVocabulary): string | undefined {
  let n = e
  while (
    n &&
    (n.kind === SK.AwaitExpression ||
      n.kind === SK.NonNullExpression ||
      n.kind === SK.ParenthesizedExpression ||
      n.kind === SK.AsExpression)
  )
    n = (n as ts.AwaitExpression).expression
  if (!n) return undefined
  if (n.kind === SK.Identifier) return (n as ts.Identifier).text.replace(words.holderSuffix, '')
  if (n.kind === SK.PropertyAccessExpression) {
    const pa = n as ts.PropertyAccessExpression
    // `settings.options.userToken`: a carrier says nothing, the object that holds it does (settings, not a user).
    if (words.carrierContainers.has(pa.name.text.toLowerCase()))
      return containerName(pa.expression, words) ?? pa.name.text
    return pa.name.text.replace(words.holderSuffix, '')
  }
  if (n.kind === SK.ElementAccessExpression)
    return (
      nameText((n as ts.ElementAccessExpression).argumentExpression) ??
      containerName((n as ts.ElementAccessExpression).expression, words)
    )
  if (n.kind === SK.CallExpression) {
    const getter = GETTER.exec(containerName((n as ts.CallExpression).expression, words) ?? '')
    return getter ? getter[1] : undefined
  }
  return undefined
}

/** The name a call is made by: `track` in `track(…)` and in `analytics.track(…)`. */
function calleeName(callee: ts.Expression): string | undefined {
  if (callee.kind === SK.PropertyAccessExpression) return (callee as ts.PropertyAccessExpression).name.text
  return callee.kind === SK.Identifier ? (callee as ts.Identifier).text : undefined
}

/** The names along the object a field is read from, outermost first, and where the ones that can be a record start. */
interface Chain {
  names: string[]
  /** A call's receiver is not what the call returns: only the callee's name and what follows count as a record. */
  from: number
  /** The identifier the chain starts from, if any. */
  root?: ts.Identifier
}

/**
 * `this.config` → `['this', 'config']`, `import.meta.env` → `['import', 'meta', 'env']`, `getSettings().sender`'s
 * object → `['getSettings()']`, `prisma.notification.findMany()` → its names, of which only `findMany()` counts;
 * undefined for anything else.
 */
function chainOf(e: ts.Expression): Chain | undefined {
  const chain = memberChain(e)
  if (!chain) return undefined
  const { root, steps } = chain
  const names: string[] = []
  // The last call of the chain: what precedes it is the receiver, not a record.
  let cut: number | undefined
  let i = 0
  if (root.kind === SK.Identifier) {
    const name = (root as ts.Identifier).text
    if (steps[0]?.name === undefined && steps[0]) {
      if (steps[0].node.kind !== SK.CallExpression) return undefined
      names.push(`${name}()`)
      cut = 0
      i = 1
    } else names.push(name)
  } else if (root.kind === SK.ThisKeyword) names.push('this')
  else if (root.kind === SK.MetaProperty) names.push('import', 'meta')
  else return undefined
  for (; i < steps.length; i++) {
    const step = steps[i]!
    const next = steps[i + 1]
    if (step.name === undefined) return undefined
    // `a.find()`: the member called is the call's name.
    if (next && next.name === undefined) {
      if (next.node.kind !== SK.CallExpression || step.node.kind !== SK.PropertyAccessExpression)
        return undefined
      names.push(`${step.name}()`)
      cut = names.length - 1
      i++
    } else names.push(step.name)
  }
  const called = cut !== undefined
  return {
    names,
    from: called ? cut! : 0,
    root: !called && root.kind === SK.Identifier ? (root as ts.Identifier) : undefined,
  }
}

/**
 * The name a callers' module knows a top-level function by: `track` for `export function track` or
 * `const track = () => …`, `analytics.track` for a method of `const analytics = { track() {} }` (`default.track` of
 * `export default { track() {} }`).
 */
export function helperName(fn: ts.Node, path: readonly ts.Node[]): string | undefined {
  const i = path.indexOf(fn)
  if (i < 0) return undefined
  const parent = path[i - 1]
  /** The name of a top-level `const` whose declaration is `path[d]`, or `default` for `export default { … }`. */
  const topLevelVar = (d: number): string | undefined => {
    const decl = path[d]
    if (decl?.kind === SK.ExportAssignment && path[d - 1]?.kind === SK.SourceFile) return 'default'
    if (decl?.kind !== SK.VariableDeclaration || path[d - 3]?.kind !== SK.SourceFile) return undefined
    const name = (decl as ts.VariableDeclaration).name
    return name.kind === SK.Identifier ? name.text : undefined
  }
  if (fn.kind === SK.FunctionDeclaration)
    return parent?.kind === SK.SourceFile
      ? (nameText((fn as ts.FunctionDeclaration).name) ?? 'default')
      : undefined
  if (fn.kind === SK.ArrowFunction || fn.kind === SK.FunctionExpression) {
    if (parent?.kind === SK.VariableDeclaration) return topLevelVar(i - 1)
    if (parent?.kind === SK.PropertyAssignment && path[i - 2]?.kind === SK.ObjectLiteralExpression)
      return joinName(topLevelVar(i - 3), nameText((parent as ts.PropertyAssignment).name))
    return undefined
  }
  if (fn.kind === SK.MethodDeclaration && parent?.kind === SK.ObjectLiteralExpression)
    return joinName(topLevelVar(i - 2), nameText((fn as ts.MethodDeclaration).name))
  // `export class Logger { static info(...args) {…} }`: callers write `Logger.info(…)`.
  if (
    fn.kind === SK.MethodDeclaration &&
    parent?.kind === SK.ClassDeclaration &&
    path[i - 2]?.kind === SK.SourceFile &&
    ts.getModifiers(fn as ts.MethodDeclaration)?.some((m) => m.kind === SK.StaticKeyword)
  )
    return joinName(
      nameText((parent as ts.ClassDeclaration).name),
      nameText((fn as ts.MethodDeclaration).name),
    )
  return undefined
}

/**
 * `Logger.info` for an instance method of a top-level class (`class Logger { info(...msg) {…} }`): callers reach it
 * through an instance the module exports (`export const log = new Logger()`) or through the class's own methods
 * (`this.log(level, ...msg)`), so a parameter that reaches a sink there makes the method a helper as well.
 */
export function classMethodName(fn: ts.Node, path: readonly ts.Node[]): string | undefined {
  const i = path.indexOf(fn)
  const cls = path[i - 1]
  if (
    fn.kind !== SK.MethodDeclaration ||
    cls?.kind !== SK.ClassDeclaration ||
    path[i - 2]?.kind !== SK.SourceFile
  )
    return undefined
  return joinName(topLevelClassName(cls as ts.ClassDeclaration), nameText((fn as ts.MethodDeclaration).name))
}

/** The name a top-level class is known by in its module: its own, or `default` for an anonymous default export. */
export function topLevelClassName(cls: ts.ClassDeclaration): string | undefined {
  if (cls.name) return cls.name.text
  return ts.getModifiers(cls)?.some((m) => m.kind === SK.DefaultKeyword) ? 'default' : undefined
}

function joinName(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a}.${b}` : undefined
}

/** A node's source text on one line, cut to a readable length. */
export function shortText(n: ts.Node, sf: ts.SourceFile): string {
  const t = n.getText(sf).replace(/\s+/g, ' ')
  return t.length > 60 ? t.slice(0, 57) + '…' : t
}

function dedupeAdjacent(list: string[]): string[] {
  return list.filter((s, i) => s !== list[i - 1])
}
