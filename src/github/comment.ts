import type { Evidence } from '../model/types.js'
import type { DataMap } from '../report/datamap.js'
import {
  needsComment,
  renderInSyncComment,
  renderPrComment,
  type PrCommentDrift,
} from '../report/pr-comment.js'
import type { PolicyCheck } from '../policy/pr-section.js'
import { blobLinker, commitUrl } from './links.js'
import type { PrClient, PrRef } from './pr-client.js'
import { upsertStickyComment, type StickyResult } from './sticky-comment.js'

/** Everything needed to render and place the PR comment. */
export interface CommentTarget {
  pr: PrRef
  headSha: string
  /** `owner/repo` the links point into (the PR's base repository). */
  repository: string
  serverUrl: string
  /** Scan root relative to the repository (`''` or `apps/web/`). */
  pathPrefix: string
  manifestFile: string
  commentId: string
  reportUrl?: string
  /** The data map, folded into the comment. */
  map?: DataMap
  /** What privacy.yml's policy text lacks for the PR's items (when `policy.file` is set). */
  policy?: PolicyCheck
}

/** The drift comment and the "in sync" note, exactly as the bot posts them (the action and `check --pr` share it). */
export function commentBodies(
  drift: PrCommentDrift,
  t: CommentTarget,
): { body: string; inSync: string; hasDrift: boolean } {
  const link: (e: Evidence) => string = blobLinker(t.serverUrl, t.repository, t.headSha, t.pathPrefix)
  const body = renderPrComment(drift, {
    manifestFile: t.manifestFile,
    headSha: t.headSha,
    link,
    commitUrl: commitUrl(t.serverUrl, t.repository, t.headSha),
    reportUrl: t.reportUrl,
    id: t.commentId,
    map: t.map,
    policy: t.policy,
  })
  return {
    body,
    inSync: renderInSyncComment(drift, { manifestFile: t.manifestFile, id: t.commentId }),
    hasDrift: needsComment(drift),
  }
}

/** Creates, edits or resolves the sticky comment; throws GitHubApiError on API failures. */
export async function postComment(
  client: PrClient,
  drift: PrCommentDrift,
  t: CommentTarget,
): Promise<StickyResult> {
  const { body, inSync, hasDrift } = commentBodies(drift, t)
  const marker = body.split('\n')[0]!
  return upsertStickyComment(client, t.pr, { marker, body, inSyncBody: inSync, hasDrift })
}

/** One line saying what happened to the comment. */
export function describeComment(result: StickyResult): string {
  const said: Record<StickyResult['action'], string> = {
    created: 'PR comment created',
    updated: 'PR comment updated',
    unchanged: 'PR comment already up to date',
    resolved: 'PR comment updated to "in sync"',
    none: 'No PR comment needed: this PR adds nothing undeclared',
  }
  return `${said[result.action]}${result.comment ? `: ${result.comment.url}` : ''}`
}
