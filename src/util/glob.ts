import { Minimatch } from 'minimatch'

/** A compiled glob (`**` and `*`; dotfiles included): test(path) says whether the path matches. */
export interface GlobMatcher {
  test(path: string): boolean
}

/** Compiles a glob once so it can be tested against many paths. */
export function compileGlob(glob: string): GlobMatcher {
  const mm = new Minimatch(glob, { dot: true })
  return { test: (path) => mm.match(path) }
}
