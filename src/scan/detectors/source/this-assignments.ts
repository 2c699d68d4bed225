import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { valueType } from './field-types.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * What `this` is in the function around the node: the class it is a member of, else the variable an object of
 * methods is assigned to (a Pinia or Vuex options store, `const useAuthStore = defineStore('auth', { actions })`),
 * else the file (a Vue options component, `export default { methods }`). Only read for a matched assignment.
 */
function thisOwner(ctx: WalkContext): string {
  const cls = ctx.enclosingClass()
  if (cls) return cls.name?.text ?? ctx.fileContainer
  for (let i = ctx.path.length - 1; i >= 0; i--) {
    const n = ctx.path[i]!
    if (n.kind === SK.VariableDeclaration) {
      const name = (n as ts.VariableDeclaration).name
      if (name.kind === SK.Identifier) return name.text
    }
  }
  return ctx.fileContainer
}

/** True when a class declares a property of that name, as a field or a constructor parameter property. */
function declaresMember(cls: ts.ClassLikeDeclaration | undefined, name: string): boolean {
  if (!cls) return false
  for (const m of cls.members) {
    if (m.kind === SK.PropertyDeclaration) {
      const n = (m as ts.PropertyDeclaration).name
      if (n.kind === SK.Identifier && n.text === name) return true
    } else if (m.kind === SK.Constructor) {
      for (const p of (m as ts.ConstructorDeclaration).parameters)
        if (p.modifiers?.length && p.name.kind === SK.Identifier && p.name.text === name) return true
    }
  }
  return false
}

/**
 * Values a class, a store or a component keeps on `this` in plain JavaScript, with no declaration or schema to read
 * (`this.devicePersistentId = deviceid.identifier` in a store's action, `this.auth.jwt = jwt`): the assigned member
 * is a field of what `this` is (its class, store or component file), or of the member it is written under
 * (`this.auth.jwt` is `jwt` of `auth`). Declared class fields are read by class-fields; the classifier judges each
 * name with its holder as any class field's; a member the class declares is left to them.
 */
export const thisAssignments: SourceDetector = {
  name: 'this-assignments',
  kinds: [SK.BinaryExpression],
  visit(node, ctx) {
    const bin = node as ts.BinaryExpression
    // Visited for every binary expression: only `this.x = …` and `this.x.y = …` go further.
    if (bin.operatorToken.kind !== SK.EqualsToken || bin.left.kind !== SK.PropertyAccessExpression) return
    const left = bin.left as ts.PropertyAccessExpression
    const target = left.expression
    // `this.x = …` is a field of what `this` is; `this.auth.jwt = …` one of the member it is written under.
    let holder: string | undefined
    if (
      target.kind === SK.PropertyAccessExpression &&
      (target as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
    )
      holder = (target as ts.PropertyAccessExpression).name.text
    else if (target.kind !== SK.ThisKeyword) return
    const name = left.name.text
    // A member the class declares is judged at its declaration, with its type and its siblings (class-fields): a
    // place's `street` beside its `geom` is not made a person's by the constructor that copies it in.
    if (holder === undefined && declaresMember(ctx.enclosingClass(), name)) return
    const container = holder ?? thisOwner(ctx)
    ctx.scan.field(
      name,
      { container, kind: 'class', type: valueType(bin.right) },
      ctx.at(left.name),
      'field',
      `${container}.${name}`,
    )
  },
}
