import type { PrClient, PrComment, PrRef } from './pr-client.js'

export interface StickyOptions {
  /** Hidden marker that identifies our comment, e.g. `<!-- privacy-drift:v1 id=default -->`. */
  marker: string
  /** The drift comment; used when `hasDrift`. */
  body: string
  /** The short note an earlier comment is turned into once the drift is resolved. */
  inSyncBody: string
  hasDrift: boolean
}

export type StickyAction = 'created' | 'updated' | 'unchanged' | 'resolved' | 'none'

export interface StickyResult {
  action: StickyAction
  /** The comment as it now stands (absent for `none`). */
  comment?: PrComment
}

/** GitHub may hand bodies back with CRLF line ends or without the trailing newline. */
export const normalizeBody = (body: string): string => body.replace(/\r\n/g, '\n').trimEnd()

const stripBot = (login: string): string => login.replace(/\[bot\]$/i, '').toLowerCase()

/**
 * Whether a comment is ours: it carries the marker AND was written by the token's own identity, so nobody can
 * hijack the bot's comment by pasting the marker. When the identity is unknown, only a bot author that starts
 * its body with the marker counts.
 */
export function isOurComment(c: PrComment, marker: string, viewer: string | undefined): boolean {
  if (!c.body.includes(marker)) return false
  if (viewer) return stripBot(c.author) === stripBot(viewer)
  return c.authorType === 'Bot' && c.body.startsWith(marker)
}

/** Finds our earlier comment across all pages (the oldest, when several exist). */
export async function findStickyComment(
  client: PrClient,
  pr: PrRef,
  marker: string,
): Promise<PrComment | undefined> {
  const [comments, viewer] = await Promise.all([client.listComments(pr), client.viewer()])
  return comments.filter((c) => isOurComment(c, marker, viewer)).sort((a, b) => a.id - b.id)[0]
}

/**
 * One sticky comment per PR: created on first drift, edited in place, left alone when the body is unchanged,
 * turned into an "in sync" note when the drift is gone, and never created for a PR that never had drift.
 */
export async function upsertStickyComment(
  client: PrClient,
  pr: PrRef,
  options: StickyOptions,
): Promise<StickyResult> {
  const existing = await findStickyComment(client, pr, options.marker)
  const wanted = options.hasDrift ? options.body : options.inSyncBody
  if (!existing) {
    if (!options.hasDrift) return { action: 'none' }
    return { action: 'created', comment: await client.createComment(pr, wanted) }
  }
  if (normalizeBody(existing.body) === normalizeBody(wanted))
    return { action: 'unchanged', comment: existing }
  const comment = await client.updateComment(pr, existing.id, wanted)
  return { action: options.hasDrift ? 'updated' : 'resolved', comment }
}
