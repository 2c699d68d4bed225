import { ts } from 'ts-morph'
import type { FieldType } from '../pii/classify.js'

/** 1-based line and column of a node's start (without leading trivia). */
export function positionOf(sf: ts.SourceFile, node: ts.Node): { line: number; column: number } {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf))
  return { line: line + 1, column: character + 1 }
}

/** The text of a property name, string-literal key or identifier; undefined for computed names. */
export function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text.replace(/^#/, '')
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text
  return undefined
}

/** The static string value of an expression: literals, and template literals as patterns with `*`. */
export function staticString(node: ts.Node | undefined): { value: string; pattern: boolean } | undefined {
  if (!node) return undefined
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text, pattern: false }
  if (ts.isTemplateExpression(node)) {
    let value = node.head.text
    for (const span of node.templateSpans) value += '*' + span.literal.text
    return { value, pattern: true }
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = staticString(node.left)
    const r = staticString(node.right)
    if (l || r) return { value: (l?.value ?? '*') + (r?.value ?? '*'), pattern: !l || !r || l.pattern || r.pattern }
  }
  return undefined
}

/** A simplified type of a type annotation, for the personal-data type filter. */
export function typeOfTypeNode(node: ts.TypeNode | undefined): FieldType {
  if (!node) return 'unknown'
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.TemplateLiteralType:
      return 'string'
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BigIntKeyword:
      return 'number'
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean'
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
      return 'function'
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.TupleType:
      return 'array'
    case ts.SyntaxKind.TypeLiteral:
      return 'object'
  }
  if (ts.isParenthesizedTypeNode(node)) return typeOfTypeNode(node.type)
  if (ts.isLiteralTypeNode(node)) {
    const lit = node.literal
    if (ts.isStringLiteral(lit)) return 'string'
    if (ts.isNumericLiteral(lit)) return 'number'
    if (lit.kind === ts.SyntaxKind.TrueKeyword || lit.kind === ts.SyntaxKind.FalseKeyword) return 'boolean'
    return 'unknown'
  }
  if (ts.isUnionTypeNode(node)) {
    const kinds = new Set(
      node.types
        .filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword))
        .filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && t.kind !== ts.SyntaxKind.NullKeyword)
        .map(typeOfTypeNode),
    )
    return kinds.size === 1 ? [...kinds][0]! : 'unknown'
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text
    if (name === 'Date') return 'date'
    if (name === 'Array' || name === 'ReadonlyArray') return 'array'
    if (name === 'Function') return 'function'
    if (name === 'Record' || name === 'Map') return 'object'
    return 'unknown'
  }
  return 'unknown'
}

/** The dotted text of an entity like `a.b.c` or `this.x`; undefined when not a simple chain. */
export function dottedName(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) return node.text
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this'
  if (ts.isPropertyAccessExpression(node)) {
    const left = dottedName(node.expression)
    return left === undefined ? undefined : `${left}.${node.name.text}`
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    const left = dottedName(node.expression)
    return left === undefined ? undefined : `${left}.${node.argumentExpression.text}`
  }
  if (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node))
    return dottedName(node.expression)
  if (ts.isCallExpression(node)) {
    const callee = dottedName(node.expression)
    return callee === undefined ? undefined : `${callee}()`
  }
  return undefined
}
