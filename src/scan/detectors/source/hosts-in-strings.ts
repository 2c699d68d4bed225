import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { jsxAttrName, jsxTagName } from '../../walk/ts-helpers.js'
import { detectHostsInString } from '../hosts.js'
import { isScriptTag } from './script-elements.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Vendor hostnames in string and template literals (API endpoints, SDK hosts, CSP allow-lists). Module specifiers,
 * literal types, tagged templates, links (`<a href>`) and script sources (their own detector) are not data flows.
 */
export const hostsInStrings: SourceDetector = {
  name: 'hosts-in-strings',
  kinds: [SK.StringLiteral, SK.NoSubstitutionTemplateLiteral, SK.TemplateExpression],
  visit(node, ctx) {
    if (node.kind === SK.TemplateExpression) templateExpression(node as ts.TemplateExpression, ctx)
    else stringLiteral(node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx)
  },
}

function stringLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx: WalkContext): void {
  if (node.text.length < 4 || node.text.indexOf('.') < 0) return
  const parent = ctx.parent!
  switch (parent.kind) {
    case SK.ImportDeclaration:
    case SK.ExportDeclaration:
    case SK.ExternalModuleReference:
    case SK.LiteralType:
    case SK.TaggedTemplateExpression:
      return
    case SK.JsxAttribute:
      if (skipJsxAttribute(ctx, 0)) return
      break
    case SK.JsxExpression:
      if (ctx.ancestor(1)!.kind === SK.JsxAttribute && skipJsxAttribute(ctx, 1)) return
  }
  detectHostsInString(ctx.scan, node.text, ctx.at(node))
}

function templateExpression(node: ts.TemplateExpression, ctx: WalkContext): void {
  const parent = ctx.parent!
  if (
    parent.kind === SK.JsxExpression &&
    ctx.ancestor(1)!.kind === SK.JsxAttribute &&
    skipJsxAttribute(ctx, 1)
  )
    return
  if (parent.kind === SK.TaggedTemplateExpression) return
  const at = ctx.at(node)
  if (node.head.text.indexOf('.') >= 0) detectHostsInString(ctx.scan, node.head.text, at)
  for (const span of node.templateSpans)
    if (span.literal.text.indexOf('.') >= 0) detectHostsInString(ctx.scan, span.literal.text, at)
}

/**
 * `<a href>` / `<Link href>` are links the visitor may follow; `<script src>` has its own detector. `attr` is the
 * attribute's ancestor level: its element (through the attributes list) is two levels above it.
 */
function skipJsxAttribute(ctx: WalkContext, attr: number): boolean {
  const name = jsxAttrName((ctx.ancestor(attr) as ts.JsxAttribute).name)
  const element = ctx.ancestor(attr + 2) as ts.JsxOpeningLikeElement
  const tag = jsxTagName(element.tagName) ?? ''
  if (name === 'src' && isScriptTag(tag, ctx.bindings)) return true
  return name === 'href' && tag !== 'link'
}
