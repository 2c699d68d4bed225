import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { valueType } from './field-types.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The browser's key-value stores, as the global the call starts from (`window.` and `globalThis.` dropped). */
const STORES = new Set(['localStorage', 'sessionStorage'])

/**
 * Values a page keeps in the browser's storage under a key that names personal data:
 * `localStorage.setItem('cookie-consent', JSON.stringify(consents))` keeps the visitor's consent choices, whatever
 * the variable holding them is called. The key is classified like a field of the store; a key built at run time
 * names nothing.
 */
export const storageKeys: SourceDetector = {
  name: 'storage-keys',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression
    const callee = call.expression
    if (
      callee.kind !== SK.PropertyAccessExpression ||
      (callee as ts.PropertyAccessExpression).name.text !== 'setItem'
    )
      return
    const key = call.arguments[0]
    if (!key) return
    const owner = dottedName((callee as ts.PropertyAccessExpression).expression)?.replace(
      /^(window|globalThis)\./,
      '',
    )
    if (!owner || !STORES.has(owner) || ctx.scope.lookup(owner) || ctx.bindings.imports.has(owner)) return
    const name = ctx.string(key)
    if (!name || name.pattern) return
    const value = call.arguments[1]
    ctx.scan.field(
      name.value,
      { container: owner, kind: 'object', type: value ? valueType(value) : 'unknown' },
      ctx.at(key),
      'field',
      `${owner}['${name.value}']`,
    )
  },
}
