import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText } from '../../walk/ts-helpers.js'
import { blankAsValue, scriptBlocks } from '../script-blocks.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Inline `<script>` code in an HTML template literal a server renders (`html += \`<script>posthog.init('${key}')
 * </script>\``): the code runs in the visitor's browser, so it is queued to be scanned like the file's own code (a
 * vendor's loader snippet, its cookies). Substitutions become same-length blanks (`0` then spaces), so the code
 * still parses and its lines match the file's.
 */
export const inlineScripts: SourceDetector = {
  name: 'inline-scripts',
  kinds: [SK.NoSubstitutionTemplateLiteral, SK.TemplateExpression],
  visit(node, ctx) {
    const start = node.getStart(ctx.sf)
    const raw = ctx.sf.text.slice(start, node.end)
    const html = raw.includes('<script')
    if (!html && !isHeadScriptCode(ctx)) return
    let text = raw
    if (node.kind === SK.TemplateExpression)
      for (const span of (node as ts.TemplateExpression).templateSpans) {
        // From `${` to its `}`: the expression's full start follows `${`, the literal part starts at `}`.
        const from = span.expression.getFullStart() - 2 - start
        const to = span.literal.getStart(ctx.sf) + 1 - start
        text = text.slice(0, from) + blankAsValue(text.slice(from, to)) + text.slice(to)
      }
    // Head-script code is the literal itself: its backticks become spaces so columns still match.
    if (!html) ctx.embedScript(` ${text.slice(1, -1)} `, ctx.position(start).line)
    else
      for (const block of scriptBlocks(text))
        if (block.code !== undefined) ctx.embedScript(block.code, ctx.position(start + block.codeStart).line)
  },
}

/** Expressions a piece of inline code may sit in before reaching its key: `a + b`, `(…)`, `cond ? a : b`. */
const CODE_WRAPPERS = new Set<ts.SyntaxKind>([
  SK.BinaryExpression,
  SK.ParenthesizedExpression,
  SK.ConditionalExpression,
])

/**
 * Whether the template literal being visited is (a piece of) the inline code of a head-tag script entry
 * (`app.head.script: [{ innerHTML: \`…\` }]`, `useHead({ script: [{ textContent }] })`, keys from rules/packages):
 * the browser runs it like a `<script>` element's body.
 */
function isHeadScriptCode(ctx: WalkContext): boolean {
  const keys = ctx.scan.rules.frameworkModules
  if (keys.headScriptCodeKeys.size === 0) return false
  let up = 0
  let n = ctx.ancestor(0)
  while (n && CODE_WRAPPERS.has(n.kind)) n = ctx.ancestor(++up)
  if (n?.kind !== SK.PropertyAssignment) return false
  const key = nameText((n as ts.PropertyAssignment).name)
  if (key === undefined || !keys.headScriptCodeKeys.has(key)) return false
  const list = ctx.ancestor(up + 3)
  return (
    ctx.ancestor(up + 1)?.kind === SK.ObjectLiteralExpression &&
    ctx.ancestor(up + 2)?.kind === SK.ArrayLiteralExpression &&
    list?.kind === SK.PropertyAssignment &&
    keys.headScriptLists.has(nameText((list as ts.PropertyAssignment).name) ?? '')
  )
}
