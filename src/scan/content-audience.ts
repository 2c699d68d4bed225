import type { Finding } from '../model/types.js'
import { fingerprintOf, flowKey, parseFlowKey } from './file-scan.js'

/** The category of text written under something else whose audience the code does not say (pii.content.comment). */
const WRITTEN_UNDER = 'user.content'
const PUBLISHED = 'user.content.public'

/**
 * Comments, replies and answers take the audience of the repository they are written in. Their own names do not say
 * who reads them (a comment on a public post or a blog is published, one on a team's project or a class's newsfeed
 * is read by that group), so the classifier reports them as user content; a repository that publishes its users' text
 * — a post, a review, a bio reported as public content — shows their comments with it, and there they are public
 * content, in personal data and in flows alike. Only findings at the reporting threshold are weighed: a public post
 * in a demo does not publish the product's comments.
 */
export function commentAudience(findings: readonly Finding[]): Finding[] {
  const published = findings.find((f) => f.kind === 'personalData' && f.key === PUBLISHED)
  if (!published) return [...findings]
  const why = `the repository publishes its users' text (${published.evidence.symbol ?? published.evidence.path}), so what they write under it is published too`
  return findings.map((f) => {
    const key = publishedKey(f)
    if (key === undefined) return f
    const evidence = {
      ...f.evidence,
      reason: f.evidence.reason ? `${f.evidence.reason}; ${why}` : why,
      fingerprint: fingerprintOf(f.kind, key, f.evidence.path, f.evidence.symbol),
    }
    return { ...f, key, evidence }
  })
}

/** The key a finding of text written under something takes in a repository that publishes: undefined for others. */
function publishedKey(f: Finding): string | undefined {
  if (f.kind === 'personalData') return f.key === WRITTEN_UNDER ? PUBLISHED : undefined
  if (f.kind !== 'flow') return undefined
  const { vendor, category } = parseFlowKey(f.key)
  return category === WRITTEN_UNDER ? flowKey(vendor, PUBLISHED) : undefined
}
