import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
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
    if (!raw.includes('<script')) return
    let text = raw
    if (node.kind === SK.TemplateExpression)
      for (const span of (node as ts.TemplateExpression).templateSpans) {
        // From `${` to its `}`: the expression's full start follows `${`, the literal part starts at `}`.
        const from = span.expression.getFullStart() - 2 - start
        const to = span.literal.getStart(ctx.sf) + 1 - start
        text = text.slice(0, from) + blankAsValue(text.slice(from, to)) + text.slice(to)
      }
    for (const block of scriptBlocks(text))
      if (block.code !== undefined) ctx.embedScript(block.code, ctx.position(start + block.codeStart).line)
  },
}
