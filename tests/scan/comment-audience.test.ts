import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { found, rules, scanFixture } from './fixture.js'

describe('the audience of comments', () => {
  it('reports comments as user content where the repository publishes nothing (a team tracker)', async () => {
    const { findings, inventory } = await scanFixture('comments-team')
    const content = found(findings, 'personalData').filter((f) => f.startsWith('user.content'))
    expect(content).toEqual([
      'user.content @ prisma/schema.prisma:ProjectComment.content',
      'user.content @ src/comments.ts:CommentItem.body',
    ])
    expect(inventory.personalData.map((p) => p.category)).not.toContain('user.content.public')
    expect(found(findings, 'flow')).toContain(
      'logs → user.content @ src/comments.ts:console.log(1) ← comment.body',
    )
  })

  it('reports them as public content where the users publish posts (a forum), in data and flows alike', async () => {
    const { findings } = await scanFixture('comments-forum')
    const content = found(findings, 'personalData').filter((f) => f.startsWith('user.content'))
    expect(content).toEqual([
      'user.content.public @ prisma/schema.prisma:Comment.content',
      'user.content.public @ prisma/schema.prisma:Post.body',
      'user.content.public @ prisma/schema.prisma:Post.title',
      'user.content.public @ src/comments.ts:CommentItem.body',
    ])
    const comment = findings.find((f) => f.evidence.symbol === 'Comment.content')!.evidence
    expect(comment.reason).toMatch(/publishes its users' text \(Post\.\w+\)/)
    expect(found(findings, 'flow')).toContain(
      'logs → user.content.public @ src/comments.ts:console.log(1) ← comment.body',
    )
  })
})

describe('server route files named for their HTTP method', () => {
  it('does not read `signin.post.ts` as a post: the body type of a Nitro handler is no published text', () => {
    // drop's server/api/v1/auth/signin/simple.post.ts: the handler's generic names its request body.
    const code = [
      'export default defineEventHandler<{',
      '  body: typeof signinValidator.infer;',
      '}>(async (h3) => {',
      '  return {}',
      '})',
    ].join('\n')
    const facts = scanFile('server/api/v1/auth/signin/simple.post.ts', code, rules)
    expect(facts.findings.filter((f) => f.kind === 'personalData')).toEqual([])
  })
})
