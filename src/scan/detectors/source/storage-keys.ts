import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { valueType } from './field-types.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The browser's key-value stores, as the global the call starts from (`window.` and `globalThis.` dropped). */
const STORES = new Set(['localStorage', 'sessionStorage'])

/**
 * Key-value stores of the person's own device that a package gives, and the method that writes a key: React
 * Native's AsyncStorage and encrypted storage, Expo's SecureStore, MMKV, localForage.
 */
const DEVICE_STORES: Readonly<Record<string, ReadonlySet<string>>> = {
  '@react-native-async-storage/async-storage': new Set(['setItem']),
  'react-native-encrypted-storage': new Set(['setItem']),
  'expo-secure-store': new Set(['setItemAsync', 'setItem']),
  'react-native-mmkv': new Set(['set']),
  localforage: new Set(['setItem']),
}

/**
 * A local module named after the store package it sets up (`@/utils/mmkv`, `lib/async-storage`): what it exports is
 * that store.
 */
const STORE_MODULE = /(^|[/])(mmkv|async-?storage|secure-?store|localforage)(\.[a-z]+)?$/i

/** Constant names of a storage key end in the word `key` (`AUTH_TOKEN_KEY`): the rest names the value. */
const KEY_SUFFIX = /(_KEY|_key|Key)$/

/**
 * Values a page or an app keeps in its device's storage under a key that names personal data:
 * `localStorage.setItem('cookie-consent', JSON.stringify(consents))` keeps the visitor's consent choices, whatever
 * the variable holding them is called, and `AsyncStorage.setItem('auth_token', token)` the signed-in person's token.
 * The key is classified like a field of the store (kind `storage`: the person's own device); a key built at run time
 * names nothing, and a key read off another module's constants (`StorageLabel.TOKEN`) is named by the constant.
 */
export const storageKeys: SourceDetector = {
  name: 'storage-keys',
  kinds: [SK.CallExpression, SK.BinaryExpression],
  visit(node, ctx) {
    if (node.kind === SK.BinaryExpression) return assignment(node as ts.BinaryExpression, ctx)
    const call = node as ts.CallExpression
    const callee = call.expression
    if (callee.kind !== SK.PropertyAccessExpression) return
    const method = (callee as ts.PropertyAccessExpression).name.text
    const store = storeOf(method, (callee as ts.PropertyAccessExpression).expression, ctx)
    if (!store) return
    const key = call.arguments[0]
    if (!key) return
    const name = keyName(key, ctx)
    if (!name) return
    const value = call.arguments[1]
    record(ctx, store, name, key, value)
  },
}

/** The store a `setItem`-like call writes to, or undefined when the receiver is no device store. */
function storeOf(method: string, receiver: ts.Expression, ctx: WalkContext): string | undefined {
  if (method === 'setItem') {
    const owner = dottedName(receiver)?.replace(/^(window|globalThis)\./, '')
    if (owner && STORES.has(owner) && !ctx.scope.lookup(owner) && !ctx.bindings.imports.has(owner))
      return owner
  }
  const imported = ctx.importOf(receiver)
  if (!imported) return undefined
  const methods = DEVICE_STORES[imported.module]
  if (
    methods
      ? methods.has(method)
      : STORE_MODULE.test(imported.module) && (method === 'set' || method === 'setItem')
  )
    return dottedName(receiver) ?? imported.module
  return undefined
}

/** `localStorage.token = value`, `window.sessionStorage.peer_token = token`: a key written as a property. */
function assignment(node: ts.BinaryExpression, ctx: WalkContext): void {
  if (node.operatorToken.kind !== SK.EqualsToken || !ts.isPropertyAccessExpression(node.left)) return
  const owner = dottedName(node.left.expression)?.replace(/^(window|globalThis)\./, '')
  if (!owner || !STORES.has(owner) || ctx.scope.lookup(owner) || ctx.bindings.imports.has(owner)) return
  record(ctx, owner, node.left.name.text, node.left.name, node.right)
}

/** The key's name: its static string, or the constant it is read from (`StorageLabel.TOKEN`, `AUTH_TOKEN_KEY`). */
function keyName(key: ts.Expression, ctx: WalkContext): string | undefined {
  const name = ctx.string(key)
  if (name && !name.pattern) return name.value
  if (name && key.kind !== SK.Identifier && key.kind !== SK.PropertyAccessExpression) return undefined
  const constant = ts.isIdentifier(key)
    ? key.text
    : ts.isPropertyAccessExpression(key)
      ? key.name.text
      : undefined
  // Only a constant's name (upper case) names the key; a variable names nothing, nor does a local constant whose
  // value is built at run time.
  if (!constant || constant !== constant.toUpperCase() || !/[A-Z]/.test(constant)) return undefined
  if (ts.isIdentifier(key) && !ctx.bindings.imports.has(constant)) return undefined
  const bare = constant.replace(KEY_SUFFIX, '')
  return bare === '' ? undefined : bare
}

function record(
  ctx: WalkContext,
  store: string,
  name: string,
  at: ts.Node,
  value: ts.Expression | undefined,
): void {
  ctx.scan.field(
    name,
    { container: store, kind: 'storage', type: value ? valueType(value) : 'unknown' },
    ctx.at(at),
    'field',
    `${store}['${name}']`,
  )
}
