import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { objectOption } from './options.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Set-up calls of a vendor's browser SDK that say where it keeps its state (a vendor's `cookieless_options`):
 * `mixpanel.init(token, { persistence: 'localStorage' })` sets no `mp_*_mixpanel` cookie. Each call is recorded as
 * cookieless or not; an options object the code builds elsewhere counts as not (it may keep cookies).
 */
export const sdkStorage: SourceDetector = {
  name: 'sdk-storage',
  kinds: [SK.CallExpression],
  visit: (node, ctx) => detectSdkStorage(node as ts.CallExpression, ctx),
}

function detectSdkStorage(node: ts.CallExpression, ctx: WalkContext): void {
  const callee = node.expression
  if (callee.kind !== SK.PropertyAccessExpression) return
  const method = (callee as ts.PropertyAccessExpression).name.text
  const rules = ctx.scan.rules
  const origin = ctx.importOf((callee as ts.PropertyAccessExpression).expression)
  if (!origin || origin.members.length > 0) return
  const vendor = rules.vendorForPackage(origin.module)
  const options = vendor?.cookieless_options.filter((o) => o.call === method) ?? []
  if (options.length === 0 || !rules.browserPackage(vendor!.id, origin.module)) return
  const cookieless = node.arguments.some((arg) =>
    options.some((o) => {
      const v = objectOption(arg, o.option)
      if (!v) return false
      if (v.kind === SK.TrueKeyword || v.kind === SK.FalseKeyword)
        return o.values.includes(v.kind === SK.TrueKeyword)
      const s = ctx.string(v)
      return s !== undefined && !s.pattern && o.values.includes(s.value)
    }),
  )
  const facts = (ctx.scan.facts.sdkStorage ??= { cookieless: [], cookies: [] })
  const list = cookieless ? facts.cookieless : facts.cookies
  if (!list.includes(vendor!.id)) list.push(vendor!.id)
}
