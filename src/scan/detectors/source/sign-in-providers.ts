import { ts } from 'ts-morph'
import type { SignInLibrary } from '../../../rules/library-schema.js'
import type { VendorRule } from '../../../rules/schema.js'
import { hostOfUrl, registrableDomain } from '../../../util/domain.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, jsxAttrName, jsxTagName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { detectCalledUrl } from '../hosts.js'
import { urlValues } from './url-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Methods that add elements to an array. */
const APPENDS = new Set(['push', 'unshift'])

/** How deep options are looked for in a call's object arguments (`{ authorizationParams: { connection } }`). */
const OPTION_DEPTH = 2
/** How deep provider URLs are looked for (`genericOAuth({ config: [{ discoveryUrl }] })`). */
const URL_DEPTH = 4

/** Per file: local types with fields typed as a library's provider type (`type P = { name: Provider }` → name). */
type ProviderFields = Map<string, { fields: Set<string>; library: SignInLibrary }>

/**
 * Sign-in providers configured through an auth library (rules/auth: which code shapes name a provider), each
 * reported as the provider's vendor (`sign_in` ids and classes on the vendor rules) with evidence at the line that
 * configures it: Auth.js provider imports used in `providers: [...]` or called, better-auth `socialProviders` keys,
 * `signIn('github')`, Supabase `signInWithOAuth({ provider })` and `Provider`-typed lists, Auth UI `providers`,
 * provider classes (arctic, Firebase), Clerk strategies, Stytch `oauth.<id>.start`, WorkOS, Auth0 connections,
 * Keycloak hints. Generic OAuth / OIDC / SAML clients name only URLs: their host is the provider.
 */
export const signInProviders: SourceDetector<ProviderFields> = {
  name: 'sign-in-providers',
  kinds: [
    SK.ImportDeclaration,
    SK.CallExpression,
    SK.NewExpression,
    SK.ArrayLiteralExpression,
    SK.PropertyAssignment,
    SK.AsExpression,
    SK.SatisfiesExpression,
    SK.VariableDeclaration,
    SK.JsxAttribute,
    SK.EnumDeclaration,
    SK.PropertyAccessExpression,
  ],
  start: (ctx) => providerFields(ctx),
  visit(node, ctx, fields) {
    switch (node.kind) {
      case SK.ImportDeclaration: {
        const d = node as ts.ImportDeclaration
        if (!d.importClause?.isTypeOnly && d.moduleSpecifier.kind === SK.StringLiteral)
          strategyPackage(ctx, d, (d.moduleSpecifier as ts.StringLiteral).text)
        return
      }
      case SK.CallExpression:
      case SK.NewExpression:
        return call(node as ts.CallExpression | ts.NewExpression, ctx)
      case SK.ArrayLiteralExpression:
        return providerList(node as ts.ArrayLiteralExpression, ctx)
      case SK.PropertyAssignment:
        return property(node as ts.PropertyAssignment, ctx)
      case SK.AsExpression:
      case SK.SatisfiesExpression: {
        const e = node as ts.AsExpression | ts.SatisfiesExpression
        const library = providerType(e.type, ctx)
        if (library) for (const s of stringsOf(e.expression, ctx)) record(ctx, s.node, s.value, library)
        return
      }
      case SK.VariableDeclaration:
        return typedVariable(node as ts.VariableDeclaration, ctx, fields)
      case SK.JsxAttribute:
        return jsxAttribute(node as ts.JsxAttribute, ctx)
      case SK.EnumDeclaration:
        return enumMembers(node as ts.EnumDeclaration, ctx)
      case SK.PropertyAccessExpression:
        return enumMemberUse(node as ts.PropertyAccessExpression, ctx)
    }
  },
}

/** Records a sign-in provider's vendor, when a rule knows it: `by` (a library) signs users in with `name`, at `node`. */
function signIn(
  ctx: WalkContext,
  node: ts.Node,
  vendor: VendorRule | undefined,
  by: string,
  name: string,
  shown = name,
): void {
  if (vendor)
    ctx.scan.vendor(vendor, ctx.at(node), 'sign-in', `${by} signs users in with ${shown}`, `sign-in:${name}`)
}

/** Records the vendor a provider id names (`github`, `google-oauth2`), if a rule knows it. */
function record(ctx: WalkContext, node: ts.Node, id: string, library: SignInLibrary): void {
  signIn(ctx, node, ctx.scan.rules.signInProvider(id), library.name, id, `"${id}"`)
}

/** An enum of the app's sign-in methods (`enum AuthMethodType { Orcid = 'orcid' }`): each member a rule knows. */
function enumMembers(node: ts.EnumDeclaration, ctx: WalkContext): void {
  const library = ctx.scan.rules.signInLibraries.enumNamed(node.name.text)
  if (!library) return
  const facts = ctx.scan.facts
  for (const m of node.members)
    if (m.initializer && ts.isStringLiteral(m.initializer)) {
      const before = facts.findings.length
      record(ctx, m, m.initializer.text, library)
      if (facts.findings.length > before && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
        const { line, column } = ctx.pos(m)
        ;(facts.signInEnumMembers ??= []).push({ name: `${node.name.text}.${m.name.text}`, line, column })
      }
    }
}

/**
 * `AuthProvider.GITHUB`, or a sign-in enum handed whole to a call (`Object.values(AuthProvider)`): the members the
 * app uses, for the link step to tell them from labels of a type nothing picks (`enum-labels.ts`).
 */
function enumMemberUse(node: ts.PropertyAccessExpression, ctx: WalkContext): void {
  if (!ts.isIdentifier(node.expression) || !ts.isIdentifier(node.name)) return
  const name = node.expression.text
  if (ctx.scan.rules.signInLibraries.enumNamed(name))
    (ctx.scan.facts.signInEnumUses ??= []).push(`${name}.${node.name.text}`)
}

/** A sign-in enum passed whole to a call (`Object.values(AuthProvider)`): every member may be offered. */
function enumWholeUse(args: readonly ts.Expression[], ctx: WalkContext): void {
  for (const a of args)
    if (ts.isIdentifier(a) && ctx.scan.rules.signInLibraries.enumNamed(a.text))
      (ctx.scan.facts.signInEnumUses ??= []).push(`${a.text}.*`)
}

/** Records the vendor a provider class names (`new Google(…)` from arctic, `new GithubAuthProvider()`). */
function recordClass(ctx: WalkContext, node: ts.Node, name: string, library: SignInLibrary): void {
  signIn(ctx, node, ctx.scan.rules.signInClass(name), library.name, name)
}

/**
 * Records the provider behind a generic client's URL: a vendor by host, the identity provider whose own domain the
 * endpoint is on (`discord.com/api/oauth2`), or else the URL's registrable domain.
 */
function recordUrls(ctx: WalkContext, expr: ts.Expression, label: string, rule: string): void {
  const at = ctx.at(expr)
  const rules = ctx.scan.rules
  for (const url of new Set(urlValues(expr, ctx))) {
    const host = hostOfUrl(url)
    const domain =
      host && !host.includes('*') && !rules.vendorForHost(host) ? registrableDomain(host) : undefined
    const provider = domain ? rules.signInDomain(domain) : undefined
    if (provider) ctx.scan.vendor(provider, at, 'sign-in', `${label} signs users in at ${host}`, host)
    else detectCalledUrl(ctx.scan, url, at, `${label} signs users in at`, rule, { how: 'sign-in' })
  }
}

/** `import … from 'passport-github2'` / `require('passport-github2')`: a provider's own strategy package. */
function strategyPackage(ctx: WalkContext, node: ts.Node, specifier: string): void {
  const strategy = ctx.scan.rules.signInLibraries.providerPackage(specifier)
  if (!strategy) return
  const listed = ctx.scan.rules.vendorForPackage(strategy.name)
  const vendor =
    ctx.scan.rules.signInProvider(strategy.id) ??
    (listed?.categories.includes('identity-provider') ? listed : undefined)
  signIn(ctx, node, vendor, strategy.library.name, strategy.name)
}

function call(node: ts.CallExpression | ts.NewExpression, ctx: WalkContext): void {
  const index = ctx.scan.rules.signInLibraries
  const callee = node.expression
  const args = node.arguments ?? []
  enumWholeUse(args, ctx)
  if (callee.kind === SK.Identifier && (callee as ts.Identifier).text === 'require' && args.length === 1) {
    const specifier = unwrap(args[0])
    if (specifier?.kind === SK.StringLiteral) strategyPackage(ctx, node, (specifier as ts.StringLiteral).text)
    return
  }
  if (
    callee.kind === SK.PropertyAccessExpression &&
    APPENDS.has((callee as ts.PropertyAccessExpression).name.text)
  ) {
    // `providers.push(GitHub)`: a list built step by step (`if (env.GITHUB_ID) providers.push(GitHub)`).
    for (const a of args) uncalledProvider(a, ctx)
    return
  }
  const imported = ctx.importOf(callee)
  if (imported) {
    // `GitHub({ clientId })` from next-auth/providers/github; `new Google(…)` from arctic.
    const provider = index.providerModule(imported.module)
    if (provider && imported.members.length === 0) return record(ctx, node, provider.id, provider.library)
    const library = index.classModule(imported.module)
    if (library) {
      const name = imported.members[imported.members.length - 1] ?? imported.imported
      if (ctx.scan.rules.signInClass(name)) return recordClass(ctx, node, name, library)
    }
  }
  const name = calledName(callee, imported)
  if (name === undefined) return
  const spelled = index.calledProvider(name)
  if (spelled) {
    // `defineOAuthGitHubEventHandler({ … })` (nuxt-auth-utils): the provider is in the function's name.
    const { provider, library } = spelled
    const rules = ctx.scan.rules
    const vendor = rules.signInClass(provider) ?? rules.signInProvider(provider.toLowerCase())
    signIn(ctx, node, vendor, library.name, provider)
    return
  }
  const rules = index.callsNamed(name)
  if (rules.length === 0) return
  const path = dottedName(callee)?.split('.') ?? []
  for (const rule of rules) {
    if (rule.modules.length > 0 && !(imported && rule.modules.includes(imported.module))) continue
    if (rule.path_contains && !path.includes(rule.path_contains)) continue
    const ids: { value: string; node: ts.Node }[] = rule.provider ? [{ value: rule.provider, node }] : []
    if (rule.argument !== undefined) ids.push(...stringsOf(args[rule.argument], ctx))
    if (rule.option)
      for (const v of optionValues(args, new Set([rule.option]), OPTION_DEPTH)) ids.push(...stringsOf(v, ctx))
    if (rule.member_id && rule.path_contains) {
      const id = path[path.indexOf(rule.path_contains) + 1]
      if (id) ids.push({ value: id, node: callee })
    }
    for (const { value, node: at } of ids) {
      if (rule.prefix && !value.startsWith(rule.prefix)) continue
      record(ctx, at, rule.prefix ? value.slice(rule.prefix.length) : value, rule.library)
    }
    const urlKeys = new Set(rule.url_options)
    for (const v of optionValues(args, urlKeys, URL_DEPTH))
      recordUrls(ctx, v, rule.library.name, `sign-in.${rule.library.id}`)
    for (const i of rule.url_arguments) {
      const arg = args[i]
      if (arg) recordUrls(ctx, arg, rule.library.name, `sign-in.${rule.library.id}`)
    }
  }
}

/** The name a call is made by: its last member, the name it was imported under, or the identifier itself. */
function calledName(
  callee: ts.Expression,
  imported: ReturnType<WalkContext['importOf']>,
): string | undefined {
  if (
    imported &&
    imported.members.length === 0 &&
    imported.imported !== 'default' &&
    imported.imported !== '*'
  )
    return imported.imported
  const e = unwrap(callee)
  if (e?.kind === SK.Identifier) return (e as ts.Identifier).text
  if (e?.kind === SK.PropertyAccessExpression) return (e as ts.PropertyAccessExpression).name.text
  return undefined
}

/** `providers: [GitHub, Google]`: Auth.js providers passed uncalled. */
function providerList(node: ts.ArrayLiteralExpression, ctx: WalkContext): void {
  for (const el of node.elements) uncalledProvider(el, ctx)
}

/** An Auth.js provider import used as a value (`[GitHub]`, `providers.push(GitHub)`). */
function uncalledProvider(el: ts.Expression, ctx: WalkContext): void {
  if (el.kind !== SK.Identifier) return
  const imported = ctx.importOf(el)
  const provider =
    imported && imported.members.length === 0
      ? ctx.scan.rules.signInLibraries.providerModule(imported.module)
      : undefined
  if (provider) record(ctx, el, provider.id, provider.library)
}

function property(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const key = nameText(node.name)
  if (key === undefined) return
  const index = ctx.scan.rules.signInLibraries
  const byKeys = index.objectKey(key)
  if (byKeys) {
    // `socialProviders: { github: {…}, ...microsoftProvider }`: each key is a provider id.
    for (const k of objectKeys(node.initializer, ctx, 0)) record(ctx, k.node, k.key, byKeys)
    return
  }
  const byList = index.listKey(key)
  if (byList) {
    for (const el of arrayElements(node.initializer, ctx)) {
      const dotted = dottedName(el)?.split('.')
      if (dotted && dotted.length >= 2 && dotted[dotted.length - 1] === 'PROVIDER_ID')
        recordClass(ctx, el, dotted[dotted.length - 2]!, byList)
      else for (const s of stringsOf(el, ctx)) record(ctx, s.node, s.value, byList)
    }
    return
  }
  if (key === 'type') genericProvider(node, ctx)
}

/** `{ id, type: 'oidc', issuer: 'https://…' }`: a provider configured by URLs alone (Auth.js custom providers). */
function genericProvider(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const type = stringsOf(node.initializer, ctx)[0]?.value
  if (type === undefined) return
  const object = ctx.parent as ts.ObjectLiteralExpression
  for (const g of ctx.scan.rules.signInLibraries.generic) {
    if (!g || !g.types.includes(type)) continue
    // `{ id: 'fxa', type: 'oauth', … }`: a custom provider whose id a rule knows is that provider, URLs or not.
    const id = object.properties.find((p) => nameText(p.name) === 'id')
    const idValue = id?.kind === SK.PropertyAssignment ? stringsOf(id.initializer, ctx)[0] : undefined
    const known = idValue ? ctx.scan.rules.signInProvider(idValue.value) : undefined
    if (known && idValue)
      signIn(
        ctx,
        idValue.node,
        known,
        `an ${type.toUpperCase()} provider`,
        idValue.value,
        `"${idValue.value}"`,
      )
    for (const p of object.properties) {
      const k = nameText(p.name)
      if (k === undefined || !g.url_keys.includes(k) || p.kind !== SK.PropertyAssignment) continue
      // `authorization: { url, params }` as well as `authorization: 'https://…'`.
      const value = unwrap(p.initializer)
      const url =
        value?.kind === SK.ObjectLiteralExpression ? optionValues([value], new Set(['url']), 0)[0] : value
      if (url) recordUrls(ctx, url, `an ${type.toUpperCase()} provider`, 'sign-in.generic')
    }
  }
}

/**
 * A `const` list named as the app's sign-in providers (`export const AUTH_PROVIDERS = [{ id: 'github', name: 'GitHub'
 * }]`, `OAUTH_PROVIDERS = ['google']`): each element that is, or whose id key holds, a provider id a rule knows. The
 * list the login page or the auth setup iterates names the providers, wherever the loop is.
 */
function namedList(node: ts.VariableDeclaration, ctx: WalkContext): void {
  if (node.name.kind !== SK.Identifier || !node.initializer) return
  const list = ctx.parent as ts.VariableDeclarationList
  if (list.kind !== SK.VariableDeclarationList || !(list.flags & ts.NodeFlags.Const)) return
  const value = unwrap(node.initializer)
  if (value?.kind !== SK.ArrayLiteralExpression) return
  const library = ctx.scan.rules.signInLibraries.listNamed(node.name.text)
  if (!library) return
  const keys = new Set(library.list_id_keys)
  for (const el of (value as ts.ArrayLiteralExpression).elements) {
    const e = unwrap(el)
    const ids = e?.kind === SK.ObjectLiteralExpression ? optionValues([e], keys, 0) : e ? [e] : []
    for (const id of ids)
      if (isStringy(unwrap(id))) for (const s of stringsOf(id, ctx)) record(ctx, s.node, s.value, library)
  }
}

/** A string literal (`'github'`, `` `github` ``). */
function isStringy(e: ts.Expression | undefined): boolean {
  return e?.kind === SK.StringLiteral || e?.kind === SK.NoSubstitutionTemplateLiteral
}

/** A variable typed as a provider type, or as a local type with provider-typed fields. */
function typedVariable(node: ts.VariableDeclaration, ctx: WalkContext, fields: ProviderFields): void {
  namedList(node, ctx)
  if (!node.type || !node.initializer) return
  const library = providerType(node.type, ctx)
  if (library) {
    for (const s of stringsOf(node.initializer, ctx)) record(ctx, s.node, s.value, library)
    return
  }
  const local = fields.get(typeName(node.type) ?? '')
  if (!local) return
  for (const obj of objectLiterals(node.initializer))
    for (const v of optionValues([obj], local.fields, 0))
      for (const s of stringsOf(v, ctx)) record(ctx, s.node, s.value, local.library)
}

/** `<Auth providers={['github']} />` on a component of the library. */
function jsxAttribute(node: ts.JsxAttribute, ctx: WalkContext): void {
  const libraries = ctx.scan.rules.signInLibraries.jsxAttribute(jsxAttrName(node.name))
  if (libraries.length === 0 || node.initializer?.kind !== SK.JsxExpression) return
  const element = ctx.ancestor(1) as ts.JsxOpeningLikeElement
  const tag = jsxTagName(element.tagName)
  const module = tag ? ctx.bindings.imports.get(tag.split('.')[0]!)?.module : undefined
  const library = libraries.find((l) => module !== undefined && l.jsx_modules.includes(module))
  const value = node.initializer.expression
  if (library && value) for (const s of stringsOf(value, ctx)) record(ctx, s.node, s.value, library)
}

/**
 * The library whose provider type a type node names (`Provider`, `Provider[]`, `Array<Provider>`), directly or
 * through a local alias that is, or is a union with, one (`type AuthProvider = SocialProvider | 'oidc'`).
 */
function providerType(type: ts.TypeNode, ctx: WalkContext, depth = 0): SignInLibrary | undefined {
  if (type.kind === SK.UnionType) {
    for (const t of (type as ts.UnionTypeNode).types) {
      const library = providerType(t, ctx, depth)
      if (library) return library
    }
    return undefined
  }
  const name = typeName(type)
  if (!name) return undefined
  const binding = ctx.bindings.imports.get(name)
  if (!binding) {
    const alias = depth < 3 ? localTypeAlias(ctx.sf, name) : undefined
    return alias ? providerType(alias, ctx, depth + 1) : undefined
  }
  return ctx.scan.rules.signInLibraries
    .typeNamed(binding.imported)
    .find((l) => l.type_modules.includes(binding.module))
}

/** Per file, its top-level type aliases by name: looked up for every `as` and typed variable. */
const typeAliases = new WeakMap<ts.SourceFile, Map<string, ts.TypeNode>>()

/** The type a top-level `type Name = …` of the file stands for. */
function localTypeAlias(sf: ts.SourceFile, name: string): ts.TypeNode | undefined {
  let aliases = typeAliases.get(sf)
  if (!aliases) {
    aliases = new Map()
    for (const stmt of sf.statements)
      if (stmt.kind === SK.TypeAliasDeclaration)
        aliases.set((stmt as ts.TypeAliasDeclaration).name.text, (stmt as ts.TypeAliasDeclaration).type)
    typeAliases.set(sf, aliases)
  }
  return aliases.get(name)
}

/** The name a type refers to, through arrays: `Provider[]`, `Array<Provider>`, `readonly Provider[]` → Provider. */
function typeName(type: ts.TypeNode): string | undefined {
  let t: ts.TypeNode = type
  for (;;) {
    if (t.kind === SK.ArrayType) t = (t as ts.ArrayTypeNode).elementType
    else if (t.kind === SK.TypeOperator) t = (t as ts.TypeOperatorNode).type
    else if (t.kind === SK.TypeReference) {
      const ref = t as ts.TypeReferenceNode
      const name = ref.typeName.kind === SK.Identifier ? ref.typeName.text : undefined
      if ((name === 'Array' || name === 'ReadonlyArray') && ref.typeArguments?.length === 1)
        t = ref.typeArguments[0]!
      else return name
    } else return undefined
  }
}

/** Local type aliases and interfaces with fields of a provider type: `type P = { name: Provider }` → P: name. */
function providerFields(ctx: WalkContext): ProviderFields {
  const out: ProviderFields = new Map()
  for (const stmt of ctx.sf.statements) {
    let members: ts.NodeArray<ts.TypeElement> | undefined
    let name: string | undefined
    if (stmt.kind === SK.InterfaceDeclaration) {
      members = (stmt as ts.InterfaceDeclaration).members
      name = (stmt as ts.InterfaceDeclaration).name.text
    } else if (
      stmt.kind === SK.TypeAliasDeclaration &&
      (stmt as ts.TypeAliasDeclaration).type.kind === SK.TypeLiteral
    ) {
      members = ((stmt as ts.TypeAliasDeclaration).type as ts.TypeLiteralNode).members
      name = (stmt as ts.TypeAliasDeclaration).name.text
    }
    if (!members || !name) continue
    for (const m of members) {
      const type = m.kind === SK.PropertySignature ? (m as ts.PropertySignature).type : undefined
      const library = type ? providerType(type, ctx) : undefined
      const field = nameText(m.name)
      if (!library || field === undefined) continue
      const entry = out.get(name) ?? { fields: new Set<string>(), library }
      entry.fields.add(field)
      out.set(name, entry)
    }
  }
  return out
}

/** The static strings an expression holds: a literal, each element of an array, a `const` holding either. */
function stringsOf(
  expr: ts.Expression | undefined,
  ctx: WalkContext,
  depth = 0,
): { value: string; node: ts.Node }[] {
  const e = unwrap(expr)
  if (!e || depth > 3) return []
  if (e.kind === SK.StringLiteral || e.kind === SK.NoSubstitutionTemplateLiteral)
    return [{ value: (e as ts.StringLiteral).text, node: e }]
  if (e.kind === SK.ArrayLiteralExpression)
    return (e as ts.ArrayLiteralExpression).elements.flatMap((el) => stringsOf(el, ctx, depth + 1))
  const init = constInitializer(e, ctx)
  if (init) return stringsOf(init, ctx, depth + 1)
  const typed = literalUnionParameter(e, ctx)
  if (typed) return typed
  const iterated = iteratedBy(e, ctx)
  if (iterated?.keysOf)
    return objectKeys(iterated.keysOf, ctx, 0).map((k) => ({ value: k.key, node: k.node }))
  if (iterated) return stringsOf(iterated.elements, ctx, depth + 1)
  const s = e.kind === SK.PropertyAccessExpression ? ctx.string(e) : undefined
  return s && !s.pattern ? [{ value: s.value, node: e }] : []
}

/**
 * The string literals of a parameter's declared type, when it is a union of them (`provider: 'google' | 'github'`):
 * the values the function is written to be called with, each a provider its callers may pass.
 */
function literalUnionParameter(
  e: ts.Expression,
  ctx: WalkContext,
): { value: string; node: ts.Node }[] | undefined {
  if (e.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((e as ts.Identifier).text)
  if (!local || local.kind !== 'parameter' || local.path.length > 0) return undefined
  const type = local.declaration.type
  const members = type?.kind === SK.UnionType ? (type as ts.UnionTypeNode).types : type ? [type] : []
  const out: { value: string; node: ts.Node }[] = []
  for (const m of members) {
    if (m.kind !== SK.LiteralType) return undefined
    const literal = (m as ts.LiteralTypeNode).literal
    if (literal.kind !== SK.StringLiteral) return undefined
    out.push({ value: (literal as ts.StringLiteral).text, node: literal })
  }
  return out.length > 0 ? out : undefined
}

/** The initializer of the `const` a name refers to (in the function or the file), when it is a plain name. */
function constInitializer(e: ts.Expression, ctx: WalkContext): ts.Expression | undefined {
  if (e.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((e as ts.Identifier).text)
  return local && local.kind === 'const' && local.path.length === 0 ? local.initializer : undefined
}

/** Array methods whose callback's first parameter is each element in turn. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'filter', 'find', 'some', 'every'])

/** `Object.keys(x)` / `Object.entries(x)`: the object whose keys the call lists, and whether as entries. */
function objectKeysCall(e: ts.Expression): { object: ts.Expression; entries: boolean } | undefined {
  if (e.kind !== SK.CallExpression) return undefined
  const call = e as ts.CallExpression
  const callee = dottedName(call.expression)
  if ((callee !== 'Object.keys' && callee !== 'Object.entries') || !call.arguments[0]) return undefined
  return { object: call.arguments[0], entries: callee === 'Object.entries' }
}

/**
 * What a plain name takes its values from, one by one: the elements of an array (`for (const p of PROVIDERS)`, the
 * callback parameter of `PROVIDERS.map((p) => …)`), or the keys of an object (`Object.keys(PROVIDERS).map((id) =>
 * …)`, `Object.entries(PROVIDERS).map(([id, p]) => …)`).
 */
function iteratedBy(
  e: ts.Expression,
  ctx: WalkContext,
):
  | { elements: ts.Expression; keysOf?: undefined }
  | { keysOf: ts.Expression; elements?: undefined }
  | undefined {
  if (e.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((e as ts.Identifier).text)
  if (!local) return undefined
  if (local.iterates && local.path.length === 0) return { elements: local.iterates }
  if (local.kind !== 'parameter' || local.parameterIndex !== 0) return undefined
  // No parent pointers: the callback is the ancestor whose parameters hold the declaration, the call its parent.
  const at = ctx.path.findIndex(
    (n) =>
      (n.kind === SK.ArrowFunction || n.kind === SK.FunctionExpression) &&
      (n as ts.ArrowFunction).parameters.includes(local.declaration as ts.ParameterDeclaration),
  )
  const fn = at > 0 ? ctx.path[at] : undefined
  const call = at > 0 ? ctx.path[at - 1] : undefined
  if (!call || call.kind !== SK.CallExpression || (call as ts.CallExpression).arguments[0] !== fn)
    return undefined
  const callee = (call as ts.CallExpression).expression
  if (callee.kind !== SK.PropertyAccessExpression) return undefined
  const access = callee as ts.PropertyAccessExpression
  if (!ELEMENT_CALLBACKS.has(access.name.text)) return undefined
  const keys = objectKeysCall(unwrap(access.expression) ?? access.expression)
  if (!keys) return local.path.length === 0 ? { elements: access.expression } : undefined
  const isKey = keys.entries ? local.path.length === 1 && local.path[0] === '0' : local.path.length === 0
  return isKey ? { keysOf: keys.object } : undefined
}

/** The keys of an object literal (through `const` names and spreads, including conditional ones). */
function objectKeys(
  expr: ts.Expression | undefined,
  ctx: WalkContext,
  depth: number,
): { key: string; node: ts.Node }[] {
  const e = unwrap(expr)
  if (!e || depth > 3) return []
  if (e.kind === SK.ConditionalExpression) {
    const c = e as ts.ConditionalExpression
    return [...objectKeys(c.whenTrue, ctx, depth + 1), ...objectKeys(c.whenFalse, ctx, depth + 1)]
  }
  if (e.kind === SK.BinaryExpression) return objectKeys((e as ts.BinaryExpression).right, ctx, depth + 1)
  if (
    e.kind === SK.CallExpression &&
    dottedName((e as ts.CallExpression).expression) === 'Object.fromEntries'
  )
    return entryKeys((e as ts.CallExpression).arguments[0], ctx)
  if (e.kind !== SK.ObjectLiteralExpression) return objectKeys(constInitializer(e, ctx), ctx, depth + 1)
  const out: { key: string; node: ts.Node }[] = []
  for (const p of (e as ts.ObjectLiteralExpression).properties) {
    if (p.kind === SK.SpreadAssignment) out.push(...objectKeys(p.expression, ctx, depth + 1))
    else {
      const key = nameText(p.name)
      if (key !== undefined) out.push({ key, node: p })
    }
  }
  return out
}

/** Array methods that keep (some of) an array's elements as they are. */
const ELEMENT_FILTERS = new Set(['filter', 'slice', 'toSorted', 'reverse'])

/**
 * The keys of `Object.fromEntries(entries)`: `[['github', {…}]]`, or `PROVIDERS.map((p) => [p.id, {…}])` over a
 * list of ids or of objects whose field names the key (`({ id }) => [id, …]`), through `.filter(…)`.
 */
function entryKeys(expr: ts.Expression | undefined, ctx: WalkContext): { key: string; node: ts.Node }[] {
  const e = unwrap(expr)
  if (!e) return []
  if (e.kind === SK.ArrayLiteralExpression)
    return (e as ts.ArrayLiteralExpression).elements.flatMap((entry) => {
      const pair = unwrap(entry)
      const first =
        pair?.kind === SK.ArrayLiteralExpression ? (pair as ts.ArrayLiteralExpression).elements[0] : undefined
      return stringsOf(first, ctx).map((s) => ({ key: s.value, node: s.node }))
    })
  if (e.kind !== SK.CallExpression) return entryKeys(constInitializer(e, ctx), ctx)
  const call = e as ts.CallExpression
  const callee = unwrap(call.expression)
  const fn = unwrap(call.arguments[0])
  if (
    callee?.kind !== SK.PropertyAccessExpression ||
    (callee as ts.PropertyAccessExpression).name.text !== 'map'
  )
    return []
  if (!fn || (fn.kind !== SK.ArrowFunction && fn.kind !== SK.FunctionExpression)) return []
  const param = (fn as ts.ArrowFunction).parameters[0]?.name
  const returned = returnedExpression(fn as ts.ArrowFunction)
  const key =
    returned?.kind === SK.ArrayLiteralExpression
      ? unwrap((returned as ts.ArrayLiteralExpression).elements[0])
      : undefined
  if (!param || !key) return []
  // The field of each element the key reads: none for the element itself.
  const named = (x: ts.Node | undefined, name: string): boolean =>
    x?.kind === SK.Identifier && (x as ts.Identifier).text === name
  let field: string | undefined
  if (param.kind === SK.Identifier && named(key, param.text)) field = undefined
  else if (
    param.kind === SK.Identifier &&
    key.kind === SK.PropertyAccessExpression &&
    named(unwrap((key as ts.PropertyAccessExpression).expression), param.text)
  )
    field = (key as ts.PropertyAccessExpression).name.text
  else if (param.kind === SK.ObjectBindingPattern && key.kind === SK.Identifier) {
    const bound = param.elements.find((b) => named(b.name, (key as ts.Identifier).text))
    field = bound ? nameText(bound.propertyName ?? bound.name) : undefined
    if (field === undefined) return []
  } else return []
  const list = (callee as ts.PropertyAccessExpression).expression
  return arrayElements(list, ctx).flatMap((el) => {
    if (field === undefined) return stringsOf(el, ctx).map((s) => ({ key: s.value, node: s.node }))
    const object = unwrap(el)
    const obj = object?.kind === SK.ObjectLiteralExpression ? object : constInitializer(object!, ctx)
    return obj
      ? optionValues([obj], new Set([field]), 0)
          .flatMap((v) => stringsOf(v, ctx))
          .map((s) => ({ key: s.value, node: s.node }))
      : []
  })
}

/** What an arrow function or function expression returns: its expression body or its only `return`. */
function returnedExpression(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  if (fn.body.kind !== SK.Block) return unwrap(fn.body as ts.Expression)
  const returns = (fn.body as ts.Block).statements.filter((st) => st.kind === SK.ReturnStatement)
  return returns.length === 1 ? unwrap((returns[0] as ts.ReturnStatement).expression) : undefined
}

/** The elements of an array literal, through a `const` name and calls that keep elements (`.filter(…)`). */
function arrayElements(expr: ts.Expression, ctx: WalkContext, depth = 0): ts.Expression[] {
  const e = unwrap(expr)
  if (!e || depth > 3) return []
  if (e.kind === SK.ArrayLiteralExpression) return [...(e as ts.ArrayLiteralExpression).elements]
  if (e.kind === SK.CallExpression) {
    const callee = unwrap((e as ts.CallExpression).expression)
    return callee?.kind === SK.PropertyAccessExpression &&
      ELEMENT_FILTERS.has((callee as ts.PropertyAccessExpression).name.text)
      ? arrayElements((callee as ts.PropertyAccessExpression).expression, ctx, depth + 1)
      : []
  }
  const init = constInitializer(e, ctx)
  return init ? arrayElements(init, ctx, depth + 1) : []
}

/** The object literals of a value: itself, or the elements of an array of them. */
function objectLiterals(expr: ts.Expression): ts.ObjectLiteralExpression[] {
  const e = unwrap(expr)
  if (e?.kind === SK.ObjectLiteralExpression) return [e as ts.ObjectLiteralExpression]
  if (e?.kind === SK.ArrayLiteralExpression)
    return (e as ts.ArrayLiteralExpression).elements.flatMap((el) => objectLiterals(el))
  return []
}

/** The values of the given keys in object literals among `args`, looking `depth` levels into nested objects and arrays. */
function optionValues(
  args: readonly ts.Expression[],
  keys: ReadonlySet<string>,
  depth: number,
): ts.Expression[] {
  const out: ts.Expression[] = []
  const visit = (e: ts.Expression | undefined, level: number): void => {
    const v = unwrap(e)
    if (!v) return
    if (v.kind === SK.ArrayLiteralExpression) {
      for (const el of (v as ts.ArrayLiteralExpression).elements) visit(el, level)
      return
    }
    if (v.kind !== SK.ObjectLiteralExpression) return
    for (const p of (v as ts.ObjectLiteralExpression).properties) {
      if (p.kind !== SK.PropertyAssignment && p.kind !== SK.ShorthandPropertyAssignment) continue
      const k = nameText(p.name)
      const value = p.kind === SK.PropertyAssignment ? p.initializer : p.name
      if (k !== undefined && keys.has(k)) out.push(value)
      else if (level < depth && p.kind === SK.PropertyAssignment) visit(p.initializer, level + 1)
    }
  }
  for (const a of args) visit(a, 0)
  return out
}
