import type { Evidence } from '../model/types.js'

/** The web URL for an API base URL: api.github.com → github.com, GHES https://host/api/v3 → https://host. */
export function serverUrlFor(apiUrl: string | undefined): string {
  if (!apiUrl) return 'https://github.com'
  const url = apiUrl.replace(/\/+$/, '')
  if (/^https:\/\/api\.github\.com$/i.test(url)) return 'https://github.com'
  const ghes = /^(https?:\/\/[^/]+)\/api\/v3$/i.exec(url)
  if (ghes) return ghes[1]!
  const cloud = /^(https?:\/\/)api\.(.+)$/i.exec(url)
  return cloud ? `${cloud[1]}${cloud[2]}` : url
}

/** A path percent-encoded per segment; parentheses too, so a markdown link cannot be closed early. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) =>
      encodeURIComponent(s).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/')
}

/** Links an evidence line at a commit: `<server>/<owner>/<repo>/blob/<sha>/<prefix><path>#L<line>`. */
export function blobLinker(
  serverUrl: string,
  repository: string,
  sha: string,
  pathPrefix = '',
): (e: Evidence) => string {
  const base = `${serverUrl.replace(/\/+$/, '')}/${encodePath(repository)}/blob/${encodeURIComponent(sha)}/`
  return (e) => `${base}${encodePath(pathPrefix + e.path)}#L${Math.max(1, Math.trunc(e.line))}`
}

/** The URL of a commit. */
export function commitUrl(serverUrl: string, repository: string, sha: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${encodePath(repository)}/commit/${encodeURIComponent(sha)}`
}
