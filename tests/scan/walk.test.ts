import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ts } from 'ts-morph'
import { describe, expect, it } from 'vitest'
import { FileScan } from '../../src/scan/file-scan.js'
import { FileWalkContext } from '../../src/scan/walk/context.js'
import type { SourceDetector, WalkContext } from '../../src/scan/walk/detector.js'
import { dottedName } from '../../src/scan/walk/ts-helpers.js'
import { createWalker } from '../../src/scan/walk/walker.js'
import { rules } from './fixture.js'

const path = 'fixtures/detectors/walk-context/track.ts'
const text = readFileSync(join(import.meta.dirname, '../..', path), 'utf8')

/** Parses the fixture as the scanner does (no parent pointers) and walks it with one detector. */
function walkWith(detector: SourceDetector<unknown>): ts.SourceFile {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  createWalker([detector])(new FileWalkContext(new FileScan(path, text, rules), sf, 0))
  return sf
}

const ALL_KINDS = Array.from({ length: ts.SyntaxKind.Count }, (_, k) => k as ts.SyntaxKind)

describe('the source walker', () => {
  it('visits every node once in source order, leaves it after its children, and knows its ancestors', () => {
    const visits: [ts.Node, ts.Node[]][] = []
    const leaves: ts.Node[] = []
    const sf = walkWith({
      name: 'probe',
      kinds: ALL_KINDS,
      visit: (node, ctx) => void visits.push([node, [...ctx.path]]),
      leave: (node) => void leaves.push(node),
    })
    const pre: [ts.Node, ts.Node[]][] = []
    const post: ts.Node[] = []
    const reference = (node: ts.Node, ancestors: ts.Node[]): void => {
      pre.push([node, ancestors])
      ts.forEachChild(node, (child) => reference(child, [...ancestors, node]))
      post.push(node)
    }
    reference(sf, [])
    expect(sf.statements[0]!.parent).toBeUndefined()
    expect(visits.length).toBe(pre.length)
    visits.forEach(([node, path], i) => {
      expect(node).toBe(pre[i]![0])
      expect(path).toEqual(pre[i]![1])
    })
    expect(leaves).toEqual(post)
  })

  it('gives each call its container, function scope, locals and the import it comes from', () => {
    const calls: Record<string, unknown> = {}
    let locals: WalkContext['scope'] | undefined
    let declaredAtCall: string[] = []
    const sf = walkWith({
      name: 'probe',
      kinds: [ts.SyntaxKind.CallExpression],
      visit(node, ctx) {
        const call = node as ts.CallExpression
        const callee = dottedName(call.expression) ?? ''
        calls[callee] = {
          container: ctx.container,
          scope: ctx.scope.name,
          component: ctx.enclosingFunctionName(),
          origin: ctx.importOf(call.expression),
        }
        if (callee === 'posthog.capture') {
          locals = ctx.scope
          declaredAtCall = [...ctx.scope.declared()].map((b) => b.name)
        }
      },
    })
    expect(calls['posthog.capture']).toEqual({
      container: 'trackSignup',
      scope: 'trackSignup',
      component: 'trackSignup',
      origin: { module: 'posthog-node', imported: 'PostHog', members: ['capture'] },
    })
    expect(calls['Sentry.setUser']).toMatchObject({
      origin: { module: '@sentry/node', imported: '*', members: ['setUser'] },
    })
    // `const client = axios.create(...)`: calls are looked through.
    expect(calls['client.post']).toMatchObject({
      origin: { module: 'axios', imported: 'default', members: ['create', 'post'] },
    })
    // A parameter named like an import shadows it.
    expect(calls['axios.trim']).toEqual({
      container: 'notify',
      scope: 'notify',
      component: 'notify',
      origin: undefined,
    })
    // `const mailer = posthog` in a method: through a local, then a top-level constant.
    expect(calls['mailer.capture']).toEqual({
      container: 'send',
      scope: 'send',
      component: 'send',
      origin: { module: 'posthog-node', imported: 'PostHog', members: ['capture'] },
    })

    const local = (name: string) => {
      const b = locals!.lookup(name)
      return b && { kind: b.kind, path: b.path, index: b.parameterIndex, init: b.initializer?.getText(sf) }
    }
    expect(local('req')).toEqual({ kind: 'parameter', path: [], index: 0, init: undefined })
    expect(local('plan')).toEqual({ kind: 'parameter', path: ['plan'], index: 1, init: undefined })
    expect(local('email')).toEqual({
      kind: 'const',
      path: ['user', 'email'],
      index: -1,
      init: 'await req.json()',
    })
    expect(local('rest')).toMatchObject({ path: ['*'] })
    expect(local('first')).toEqual({ kind: 'const', path: ['0'], index: -1, init: 'rest.tags' })
    expect(locals!.lookup('COOKIE_NAMES')?.initializer?.kind).toBe(ts.SyntaxKind.ArrayLiteralExpression)
    // Locals are known from their declaration on: `client` and `notify` come after the call.
    expect(declaredAtCall).toEqual(['req', 'plan', 'email', 'rest', 'first'])
    expect([...locals!.declared()].map((b) => b.name)).toEqual([
      ...declaredAtCall,
      'client',
      'notify',
      'name',
    ])
  })

  it('records what a for…of loop iterates', () => {
    let iterates: string | undefined
    walkWith({
      name: 'probe',
      kinds: [ts.SyntaxKind.TemplateExpression],
      visit: (_node, ctx) => void (iterates = ctx.scope.lookup('name')?.iterates?.getText(ctx.sf)),
    })
    expect(iterates).toBe('COOKIE_NAMES')
  })
})
