import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'
import type { SourceBindings } from './source.js'
import { dottedName, positionOf, staticString } from './ts-helpers.js'

/** Which argument holds the cookie name for a cookie-setting function imported from a module. */
const MODULE_FUNCTIONS: Record<string, Record<string, number>> = {
  'cookies-next': { setCookie: 0 },
  'cookies-next/client': { setCookie: 0 },
  'cookies-next/server': { setCookie: 0 },
  nookies: { setCookie: 1 },
  h3: { setCookie: 1 },
  '#imports': { setCookie: 1, useCookie: 0 },
  '#app': { useCookie: 0 },
  cookie: { serialize: 0 },
  'hono/cookie': { setCookie: 1, setSignedCookie: 1 },
  '@builder.io/qwik-city': {},
  'react-cookie': {},
  'universal-cookie': {},
  'js-cookie': { set: 0 },
  'typescript-cookie': { setCookie: 0 },
  'tiny-cookie': { setCookie: 0, set: 0 },
}

/** Globals some frameworks auto-import (Nuxt/h3 server routes, Nuxt composables). */
const GLOBAL_FUNCTIONS: Record<string, number> = { setCookie: 1, useCookie: 0 }

/** Detects cookie-setting calls: Express/Koa/Fastify/Next.js/h3/Hono/js-cookie/cookies-next/nookies/cookie. */
export function detectCookieCall(scan: FileScan, sf: ts.SourceFile, node: ts.CallExpression, b: SourceBindings, lineOffset: number): void {
  const callee = node.expression
  let nameArg: ts.Expression | undefined
  let rule: string | undefined
  let symbol = ''
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text
    const owner = dottedName(callee.expression) ?? ''
    const ownerRoot = owner.split('.')[0] ?? ''
    const imported = b.imports.get(ownerRoot)
    symbol = `${owner}.${method}`
    if (method === 'cookie' && /(^|\.)(res|response|reply|ctx\.res)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.express'
    } else if (method === 'setCookie' && /(^|\.)(reply|res|response)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.fastify'
    } else if (method === 'set' && (/(^|\.)cookies(\(\))?$/.test(owner) || b.cookieJars.has(owner))) {
      // Koa ctx.cookies.set, Next.js cookies().set / response.cookies.set, Astro/SvelteKit cookies.set.
      nameArg = firstNameArgument(node)
      rule = 'cookie-api.cookies-set'
    } else if (method === 'set' && imported && MODULE_FUNCTIONS[imported.module]?.set !== undefined) {
      nameArg = node.arguments[0]
      rule = `cookie-api.${imported.module}`
    } else if (method === 'set' && /^(Cookies|Cookie|cookies|cookie|jsCookie|cookieStore)$/.test(owner)) {
      nameArg = firstNameArgument(node)
      rule = 'cookie-api.js-cookie'
    } else if (method === 'serialize' && imported?.module === 'cookie') {
      nameArg = node.arguments[0]
      rule = 'cookie-api.cookie'
    } else if ((method === 'setHeader' || method === 'append' || method === 'set' || method === 'header') && isSetCookieHeaderName(node.arguments[0])) {
      detectSetCookieValue(scan, sf, node.arguments[1], node, b, lineOffset, `${owner}.${method}('Set-Cookie')`)
      return
    }
  } else if (ts.isIdentifier(callee)) {
    const fn = callee.text
    const imported = b.imports.get(fn)
    let index: number | undefined
    if (imported) {
      index = MODULE_FUNCTIONS[imported.module]?.[imported.imported]
      rule = `cookie-api.${imported.module}`
    } else if (fn in GLOBAL_FUNCTIONS) {
      index = GLOBAL_FUNCTIONS[fn]
      rule = 'cookie-api.auto-import'
    }
    if (index !== undefined) nameArg = node.arguments[index]
    symbol = fn
  }
  if (!nameArg || !rule) return
  const at = atOf(sf, node, lineOffset)
  const resolved = resolveName(nameArg, b)
  if (resolved) {
    scan.cookie(resolved.value, resolved.pattern, at, rule, symbol)
    return
  }
  pendingFromImport(scan, nameArg, b, at, rule, symbol)
}

/** `document.cookie = 'name=value; …'` */
export function detectDocumentCookie(scan: FileScan, sf: ts.SourceFile, node: ts.BinaryExpression, b: SourceBindings, lineOffset: number): void {
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken && node.operatorToken.kind !== ts.SyntaxKind.PlusEqualsToken) return
  const left = dottedName(node.left)
  if (left !== 'document.cookie' && left !== 'window.document.cookie') return
  const s = staticString(node.right) ?? resolveName(node.right, b)
  if (!s) return
  const name = cookieNameFromHeader(s.value)
  if (name) scan.cookie(name.value, s.pattern || name.pattern, atOf(sf, node, lineOffset), 'cookie-api.document-cookie', 'document.cookie')
}

/** `headers: { 'Set-Cookie': 'name=…' }` in a Response or NextResponse init. */
export function detectSetCookieHeaderProperty(scan: FileScan, sf: ts.SourceFile, node: ts.PropertyAssignment, b: SourceBindings, lineOffset: number): void {
  const key = ts.isStringLiteral(node.name) || ts.isIdentifier(node.name) ? node.name.text : undefined
  if (!key || key.toLowerCase() !== 'set-cookie') return
  detectSetCookieValue(scan, sf, node.initializer, node, b, lineOffset, "headers['Set-Cookie']")
}

function detectSetCookieValue(
  scan: FileScan,
  sf: ts.SourceFile,
  value: ts.Expression | undefined,
  at: ts.Node,
  b: SourceBindings,
  lineOffset: number,
  symbol: string,
): void {
  if (!value) return
  const values = ts.isArrayLiteralExpression(value) ? value.elements : [value]
  for (const v of values) {
    const s = staticString(v) ?? resolveName(v, b)
    if (!s) continue
    const name = cookieNameFromHeader(s.value)
    if (name) scan.cookie(name.value, s.pattern || name.pattern, atOf(sf, at, lineOffset), 'cookie-api.set-cookie-header', symbol)
  }
}

function isSetCookieHeaderName(arg: ts.Expression | undefined): boolean {
  return arg !== undefined && ts.isStringLiteralLike(arg) && arg.text.toLowerCase() === 'set-cookie'
}

/** `name=value; Path=/` → `name`; a name with `*` from a template literal stays a pattern. */
function cookieNameFromHeader(header: string): { value: string; pattern: boolean } | undefined {
  const eq = header.indexOf('=')
  if (eq <= 0) return undefined
  const name = header.slice(0, eq).trim()
  if (!name || /[\s;,]/.test(name) || name === '*') return undefined
  return { value: name, pattern: name.includes('*') }
}

/** Next.js `cookies().set({ name: 'x', value })` takes an object; everything else a name first. */
function firstNameArgument(node: ts.CallExpression): ts.Expression | undefined {
  const first = node.arguments[0]
  if (first && ts.isObjectLiteralExpression(first)) {
    for (const p of first.properties)
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'name') return p.initializer
    return undefined
  }
  return first
}

function resolveName(node: ts.Expression, b: SourceBindings): { value: string; pattern: boolean } | undefined {
  const literal = staticString(node)
  if (literal) return normalisePattern(literal)
  const dotted = dottedName(node)
  if (dotted) {
    const c = b.constants.get(dotted)
    if (c) return normalisePattern(c)
  }
  return undefined
}

/** Template-literal names become globs; an all-wildcard name says nothing. */
function normalisePattern(s: { value: string; pattern: boolean }): { value: string; pattern: boolean } | undefined {
  if (!s.value || /^\**$/.test(s.value)) return undefined
  return s
}

/** A name bound to an import from a relative module: resolved when files are linked. */
function pendingFromImport(scan: FileScan, node: ts.Expression, b: SourceBindings, at: { line: number; column: number }, rule: string, symbol: string): void {
  const dotted = dottedName(node)
  if (!dotted) return
  const [root, ...rest] = dotted.split('.')
  const imported = b.imports.get(root!)
  if (!imported || !imported.module.startsWith('.')) return
  let exportName = imported.imported
  let property = rest.join('.') || undefined
  if (exportName === '*' && property) {
    const [head, ...tail] = property.split('.')
    exportName = head!
    property = tail.join('.') || undefined
  }
  scan.facts.pendingCookies.push({ from: imported.module, exportName, property, ...at, symbol, rule, excerpt: scan.excerpt(at.line) })
}

function atOf(sf: ts.SourceFile, node: ts.Node, lineOffset: number): { line: number; column: number } {
  const p = positionOf(sf, node)
  return { line: p.line + lineOffset, column: p.column }
}
