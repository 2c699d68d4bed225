import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { scanGraphql } from '../schema-files.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Tags of template literals that hold GraphQL SDL. */
const GQL_TAGS = /^(gql|graphql)$/

/** GraphQL SDL in `gql` / `graphql` tagged templates: its types' fields, as in a `.graphql` file. */
export const graphqlTemplates: SourceDetector = {
  name: 'graphql-templates',
  kinds: [SK.TaggedTemplateExpression],
  visit(node, ctx) {
    const tagged = node as ts.TaggedTemplateExpression
    const tag = dottedName(tagged.tag)
    if (!tag || !GQL_TAGS.test(tag.split('.').pop()!)) return
    const t = tagged.template
    let text: string
    if (t.kind === SK.NoSubstitutionTemplateLiteral) text = t.text
    else {
      text = t.head.text
      for (const span of t.templateSpans) text += ' ' + span.literal.text
    }
    if (!/\b(type|input|interface)\s+\w+[^{]*\{/.test(text)) return
    scanGraphql(ctx.scan, text, ctx.pos(t).line - 1)
  },
}
