import { ts } from 'ts-morph'
import type { FieldType } from '../pii/classify.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isAsExpression: ts.isAsExpression,
  isAwaitExpression: ts.isAwaitExpression,
  isBinaryExpression: ts.isBinaryExpression,
  isCallExpression: ts.isCallExpression,
  isElementAccessExpression: ts.isElementAccessExpression,
  isIdentifier: ts.isIdentifier,
  isLiteralTypeNode: ts.isLiteralTypeNode,
  isNoSubstitutionTemplateLiteral: ts.isNoSubstitutionTemplateLiteral,
  isNonNullExpression: ts.isNonNullExpression,
  isNumericLiteral: ts.isNumericLiteral,
  isParenthesizedExpression: ts.isParenthesizedExpression,
  isParenthesizedTypeNode: ts.isParenthesizedTypeNode,
  isPrivateIdentifier: ts.isPrivateIdentifier,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isSatisfiesExpression: ts.isSatisfiesExpression,
  isStringLiteral: ts.isStringLiteral,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTemplateExpression: ts.isTemplateExpression,
  isTypeAssertionExpression: ts.isTypeAssertionExpression,
  isTypeReferenceNode: ts.isTypeReferenceNode,
  isUnionTypeNode: ts.isUnionTypeNode,
}

/** The text of a property name, string-literal key or identifier; undefined for computed names. */
export function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined
  if (tsf.isIdentifier(name)) return name.text
  if (tsf.isPrivateIdentifier(name)) return name.text.replace(/^#/, '')
  if (tsf.isStringLiteralLike(name) || tsf.isNumericLiteral(name)) return name.text
  return undefined
}

/** Resolves a name (`NAME`, `COOKIES.session`) to the string it holds, when the detector knows it. */
export type StringLookup = (node: ts.Expression) => { value: string; pattern: boolean } | undefined

/**
 * The static string value of an expression: literals, concatenations and template literals; names through
 * `lookup`. Parts that stay unknown become `*` and make the value a pattern.
 */
export function staticString(
  node: ts.Node | undefined,
  lookup?: StringLookup,
): { value: string; pattern: boolean } | undefined {
  if (!node) return undefined
  if (
    tsf.isParenthesizedExpression(node) ||
    tsf.isAsExpression(node) ||
    tsf.isSatisfiesExpression(node) ||
    tsf.isNonNullExpression(node)
  )
    return staticString(node.expression, lookup)
  if (tsf.isStringLiteral(node) || tsf.isNoSubstitutionTemplateLiteral(node))
    return { value: node.text, pattern: false }
  if (tsf.isTemplateExpression(node)) {
    let value = node.head.text
    let pattern = false
    for (const span of node.templateSpans) {
      const inner = lookup ? staticString(span.expression, lookup) : undefined
      value += (inner ? inner.value : '*') + span.literal.text
      pattern ||= !inner || inner.pattern
    }
    return { value, pattern }
  }
  if (tsf.isBinaryExpression(node) && node.operatorToken.kind === SK.PlusToken) {
    const l = staticString(node.left, lookup)
    const r = staticString(node.right, lookup)
    if (l || r)
      return { value: (l?.value ?? '*') + (r?.value ?? '*'), pattern: !l || !r || l.pattern || r.pattern }
    return undefined
  }
  if (
    lookup &&
    (tsf.isIdentifier(node) || tsf.isPropertyAccessExpression(node) || tsf.isElementAccessExpression(node))
  )
    return lookup(node)
  return undefined
}

/** A simplified type of a type annotation, for the personal-data type filter. */
export function typeOfTypeNode(node: ts.TypeNode | undefined): FieldType {
  if (!node) return 'unknown'
  switch (node.kind) {
    case SK.StringKeyword:
    case SK.TemplateLiteralType:
      return 'string'
    case SK.NumberKeyword:
    case SK.BigIntKeyword:
      return 'number'
    case SK.BooleanKeyword:
      return 'boolean'
    case SK.FunctionType:
    case SK.ConstructorType:
      return 'function'
    case SK.ArrayType:
    case SK.TupleType:
      return 'array'
    case SK.TypeLiteral:
      return 'object'
    case SK.NullKeyword:
    case SK.UndefinedKeyword:
    case SK.NeverKeyword:
      return 'empty'
  }
  if (tsf.isParenthesizedTypeNode(node)) return typeOfTypeNode(node.type)
  if (tsf.isLiteralTypeNode(node)) {
    const lit = node.literal
    if (tsf.isStringLiteral(lit)) return 'string'
    if (tsf.isNumericLiteral(lit)) return 'number'
    if (lit.kind === SK.TrueKeyword || lit.kind === SK.FalseKeyword) return 'boolean'
    if (lit.kind === SK.NullKeyword) return 'empty'
    return 'unknown'
  }
  if (tsf.isUnionTypeNode(node)) {
    const kinds = new Set(
      node.types
        .filter((t) => !(tsf.isLiteralTypeNode(t) && t.literal.kind === SK.NullKeyword))
        .filter((t) => t.kind !== SK.UndefinedKeyword && t.kind !== SK.NullKeyword)
        .map(typeOfTypeNode),
    )
    return kinds.size === 1 ? [...kinds][0]! : 'unknown'
  }
  if (tsf.isTypeReferenceNode(node)) {
    const name = tsf.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text
    if (name === 'Date') return 'date'
    if (name === 'Array' || name === 'ReadonlyArray') return 'array'
    if (name === 'Function') return 'function'
    if (name === 'Record' || name === 'Map') return 'object'
    return 'unknown'
  }
  return 'unknown'
}

/** The expression inside `as`, `satisfies`, `<T>` casts and parentheses. */
export function unwrap(e: ts.Expression | undefined): ts.Expression | undefined {
  let n = e
  while (
    n &&
    (tsf.isAsExpression(n) ||
      tsf.isSatisfiesExpression(n) ||
      tsf.isParenthesizedExpression(n) ||
      tsf.isTypeAssertionExpression(n))
  )
    n = n.expression
  return n
}

/** A JSX tag as written: `input`, `Form.Input`; undefined for namespaced or `this.x` tags. */
export function jsxTagName(tag: ts.JsxTagNameExpression): string | undefined {
  if (tsf.isIdentifier(tag)) return tag.text
  if (tsf.isPropertyAccessExpression(tag)) return dottedName(tag)
  return undefined
}

/** A JSX attribute's name, `ns:name` for namespaced ones. */
export function jsxAttrName(name: ts.JsxAttributeName): string {
  return tsf.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`
}

/** The dotted text of an entity like `a.b.c` or `this.x`; undefined when not a simple chain. */
export function dottedName(node: ts.Node): string | undefined {
  if (tsf.isIdentifier(node)) return node.text
  if (node.kind === SK.ThisKeyword) return 'this'
  if (tsf.isPropertyAccessExpression(node)) {
    const left = dottedName(node.expression)
    return left === undefined ? undefined : `${left}.${node.name.text}`
  }
  if (tsf.isElementAccessExpression(node) && tsf.isStringLiteralLike(node.argumentExpression)) {
    const left = dottedName(node.expression)
    return left === undefined ? undefined : `${left}.${node.argumentExpression.text}`
  }
  if (tsf.isParenthesizedExpression(node) || tsf.isAwaitExpression(node) || tsf.isNonNullExpression(node))
    return dottedName(node.expression)
  if (tsf.isCallExpression(node)) {
    const callee = dottedName(node.expression)
    return callee === undefined ? undefined : `${callee}()`
  }
  return undefined
}
