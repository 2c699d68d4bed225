import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText, unwrap } from '../../walk/ts-helpers.js'
import { objectOption } from './options.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * The Nuxt modules of pinia-plugin-persistedstate (v4's `pinia-plugin-persistedstate/nuxt`, v3's
 * `@pinia-plugin-persistedstate/nuxt`): both keep a persisted store in a cookie named by its key unless told
 * otherwise (the plugin's Nuxt documentation: "cookies" is the default storage). The plain Vue plugin uses localStorage.
 */
const NUXT_MODULES = new Set(['pinia-plugin-persistedstate/nuxt', '@pinia-plugin-persistedstate/nuxt'])
/** The Nuxt config keys of the modules' global options (v4, v3). */
const NUXT_OPTION_KEYS = new Set(['piniaPluginPersistedstate', 'piniaPersistedstate'])
const NUXT_CONFIG = /(^|\/)nuxt\.config\.[cm]?[jt]s$/

/**
 * Pinia stores persisted by pinia-plugin-persistedstate: `defineStore('user', { persist: true })`, with the store's
 * storage (`cookies` when `persist.storage` names the plugin's cookie storage, `default` when none is given) and the
 * Nuxt config that registers the plugin's Nuxt module and its global `storage` / `key`. The link step decides which
 * are cookies: a store on the default storage is one only where the Nuxt module is registered.
 */
export const persistedStores: SourceDetector<boolean> = {
  name: 'persisted-stores',
  kinds: [SK.CallExpression, SK.PropertyAssignment],
  start: (ctx) => NUXT_CONFIG.test(ctx.scan.path),
  visit(node, ctx, nuxtConfig) {
    if (node.kind === SK.CallExpression) detectStore(node as ts.CallExpression, ctx)
    else if (nuxtConfig) detectNuxtOptions(node as ts.PropertyAssignment, ctx)
  },
}

function detectStore(node: ts.CallExpression, ctx: WalkContext): void {
  const callee = node.expression
  if (callee.kind !== SK.Identifier || (callee as ts.Identifier).text !== 'defineStore') return
  const module = ctx.bindings.imports.get('defineStore')?.module
  // Imported from pinia, or auto-imported by @pinia/nuxt; never a function of the file's own.
  if (
    module !== undefined
      ? module !== 'pinia' && module !== '#imports'
      : ctx.bindings.functions.has('defineStore')
  )
    return
  const [first, ...rest] = node.arguments
  const id = first?.kind === SK.ObjectLiteralExpression ? objectOption(first, 'id') : first
  const store = ctx.string(id)
  if (!store || store.pattern) return
  const persist = [first, ...rest].map((o) => objectOption(unwrap(o), 'persist')).find((p) => p !== undefined)
  const value = unwrap(persist)
  if (!value) return
  const entries =
    value.kind === SK.ArrayLiteralExpression ? [...(value as ts.ArrayLiteralExpression).elements] : [value]
  const at = ctx.pos(node)
  for (const entry of entries) {
    const e = unwrap(entry)
    if (!e) continue
    let key: string | undefined
    let storage: 'cookies' | 'default'
    if (e.kind === SK.TrueKeyword) storage = 'default'
    else if (e.kind === SK.ObjectLiteralExpression) {
      const given = objectOption(e, 'key')
      if (given) {
        const k = ctx.string(given)
        if (!k || k.pattern) continue
        key = k.value
      }
      const s = objectOption(e, 'storage')
      // `piniaPluginPersistedstate.cookies(…)` (v4), `persistedState.cookiesWithOptions(…)` (v3); anything else
      // (localStorage, sessionStorage, the app's own storage) keeps the state out of cookies.
      if (s === undefined) storage = 'default'
      else if (/\.cookies\w*\b/.test(s.getText(ctx.sf))) storage = 'cookies'
      else continue
    } else continue
    const list = (ctx.scan.facts.persistedStores ??= [])
    list.push({
      store: store.value,
      ...(key !== undefined ? { key } : {}),
      storage,
      line: at.line,
      column: at.column,
      excerpt: ctx.scan.excerpt(at.line),
    })
  }
}

/** `modules: ['pinia-plugin-persistedstate/nuxt']` and `piniaPluginPersistedstate: { storage, key }` in nuxt.config. */
function detectNuxtOptions(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const name = nameText(node.name)
  if (name === 'modules') {
    const list = unwrap(node.initializer)
    if (list?.kind !== SK.ArrayLiteralExpression) return
    const named = (list as ts.ArrayLiteralExpression).elements.some((el) => {
      const e = unwrap(el)
      const head = e?.kind === SK.ArrayLiteralExpression ? (e as ts.ArrayLiteralExpression).elements[0] : e
      const s = ctx.string(head)
      return s !== undefined && NUXT_MODULES.has(s.value)
    })
    if (named) ctx.scan.facts.persistedStateNuxt ??= {}
    return
  }
  if (name === undefined || !NUXT_OPTION_KEYS.has(name)) return
  const options = unwrap(node.initializer)
  const facts = (ctx.scan.facts.persistedStateNuxt ??= {})
  const storage = ctx.string(objectOption(options, 'storage'))
  if (storage && !storage.pattern) facts.storage = storage.value
  const key = ctx.string(objectOption(options, 'key'))
  if (key && !key.pattern) facts.key = key.value
}
