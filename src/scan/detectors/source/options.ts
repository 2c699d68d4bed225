import { ts } from 'ts-morph'
import type { WalkContext } from '../../walk/detector.js'

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
}

/** The value of an option in an object literal (`{ cookie: { … } }` → the inner object). */
export function objectOption(options: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!options || !tsf.isObjectLiteralExpression(options)) return undefined
  for (const p of options.properties)
    if (tsf.isPropertyAssignment(p) && tsf.isIdentifier(p.name) && p.name.text === key) return p.initializer
  return undefined
}

/** Whether an options object sets `key`; true for anything but an object literal (a variable may set anything). */
export function hasOption(options: ts.Expression | undefined, key: string): boolean {
  if (!options) return false
  if (!tsf.isObjectLiteralExpression(options)) return true
  return options.properties.some(
    (p) =>
      (tsf.isPropertyAssignment(p) || tsf.isShorthandPropertyAssignment(p)) &&
      tsf.isIdentifier(p.name) &&
      p.name.text === key,
  )
}

/** The string value of an option (`{ name: 'sid' }` → `sid`), when it is static and complete. */
export function optionString(
  options: ts.Expression | undefined,
  key: string,
  ctx: WalkContext,
): string | undefined {
  const v = objectOption(options, key)
  const s = v ? ctx.string(v) : undefined
  return s && !s.pattern && s.value ? s.value : undefined
}
