import { describe, expect, it } from 'vitest'
import { isOurComment, upsertStickyComment } from '../../src/github/sticky-comment.js'
import { MemoryPrClient } from './memory-client.js'

const pr = { owner: 'acme', repo: 'shop', number: 1 }
const marker = '<!-- privacy-drift:v1 id=default -->'
const drift = (text: string) => ({
  marker,
  body: `${marker}\n${text}`,
  inSyncBody: `${marker}\nin sync`,
  hasDrift: true,
})
const clean = { marker, body: `${marker}\nunused`, inSyncBody: `${marker}\nin sync`, hasDrift: false }

describe('sticky comment', () => {
  it('is never created for a PR without drift and without an earlier comment', async () => {
    const c = new MemoryPrClient()
    expect((await upsertStickyComment(c, pr, clean)).action).toBe('none')
    expect(c.calls).toEqual(['list #1'])
  })

  it('is created on first drift, edited in place, left alone when unchanged, resolved when fixed', async () => {
    const c = new MemoryPrClient()
    const created = await upsertStickyComment(c, pr, drift('one item'))
    expect(created.action).toBe('created')
    const updated = await upsertStickyComment(c, pr, drift('two items'))
    expect(updated).toMatchObject({
      action: 'updated',
      comment: { id: created.comment!.id, body: `${marker}\ntwo items` },
    })
    c.calls = []
    expect((await upsertStickyComment(c, pr, drift('two items'))).action).toBe('unchanged')
    expect(c.calls).toEqual(['list #1'])
    const resolved = await upsertStickyComment(c, pr, clean)
    expect(resolved).toMatchObject({ action: 'resolved', comment: { body: `${marker}\nin sync` } })
    expect((await upsertStickyComment(c, pr, clean)).action).toBe('unchanged')
    expect(c.comments).toHaveLength(1)
  })

  it('treats CRLF and a missing trailing newline from GitHub as the same body', async () => {
    const c = new MemoryPrClient()
    c.seed(`${marker}\r\nsame text`)
    c.calls = []
    expect((await upsertStickyComment(c, pr, drift('same text\n'))).action).toBe('unchanged')
  })

  it('ignores the marker in comments by other people, and other tools’ markers', async () => {
    const c = new MemoryPrClient()
    c.seed(`${marker}\nfake "all clear"`, 'mallory', 'User')
    c.seed('<!-- privacy-drift:v1 id=apps/web -->\nother scan root')
    const result = await upsertStickyComment(c, pr, drift('real'))
    expect(result.action).toBe('created')
    expect(c.comments.map((x) => x.body)).toEqual([
      `${marker}\nfake "all clear"`,
      '<!-- privacy-drift:v1 id=apps/web -->\nother scan root',
      `${marker}\nreal`,
    ])
  })

  it('edits the oldest of several of its own comments', async () => {
    const c = new MemoryPrClient()
    const first = c.seed(`${marker}\nold`)
    c.seed(`${marker}\nduplicate from a race`)
    const result = await upsertStickyComment(c, pr, drift('new'))
    expect(result.comment?.id).toBe(first.id)
  })

  it('matches the author to the token identity with or without the [bot] suffix; unknown identity needs a bot and a leading marker', () => {
    const ours = { id: 1, body: `${marker}\nx`, author: 'github-actions[bot]', authorType: 'Bot', url: '' }
    expect(isOurComment(ours, marker, 'github-actions')).toBe(true)
    expect(isOurComment(ours, marker, 'github-actions[bot]')).toBe(true)
    expect(isOurComment(ours, marker, 'my-app[bot]')).toBe(false)
    expect(isOurComment({ ...ours, author: 'dana', authorType: 'User' }, marker, 'dana')).toBe(true)
    expect(isOurComment(ours, marker, undefined)).toBe(true)
    expect(isOurComment({ ...ours, body: `quoted: ${marker}` }, marker, undefined)).toBe(false)
    expect(isOurComment({ ...ours, authorType: 'User' }, marker, undefined)).toBe(false)
  })
})
