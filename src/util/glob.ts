import { Minimatch } from 'minimatch'
import { UsageError } from './errors.js'
import { quote } from './text.js'

/** A compiled glob (`**` and `*`; dotfiles included): test(path) says whether the path matches. */
export interface GlobMatcher {
  test(path: string): boolean
}

// Globs come from privacy.yml and the command line, both possibly a pull request's: bounded before compiling.
const MAX_GLOB_LENGTH = 1000
const MAX_EXTGLOBS = 32
const MAX_EXPANSION = 1000
const EXTGLOB = /[@!?*+]\(/g

/** Why a glob cannot be used (too long, too many extglobs or brace alternatives, malformed); undefined if fine. */
export function globProblem(glob: string): string | undefined {
  return compile(glob).problem
}

/** Compiles a glob once so it can be tested against many paths; throws a UsageError for a glob it refuses. */
export function compileGlob(glob: string): GlobMatcher {
  const { mm, problem } = compile(glob)
  if (problem !== undefined) throw new UsageError(`glob ${quote(glob)} ${problem}`)
  return { test: (path) => mm!.match(path) }
}

function compile(glob: string): { mm?: Minimatch; problem?: string } {
  if (glob.length > MAX_GLOB_LENGTH)
    return { problem: `is ${glob.length} characters long; the limit is ${MAX_GLOB_LENGTH}` }
  const extglobs = glob.match(EXTGLOB)?.length ?? 0
  if (extglobs > MAX_EXTGLOBS)
    return { problem: `has ${extglobs} extglob groups such as +(…); the limit is ${MAX_EXTGLOBS}` }
  let mm: Minimatch
  try {
    mm = new Minimatch(glob, { dot: true, braceExpandMax: MAX_EXPANSION })
  } catch (e) {
    return { problem: `cannot be used: ${(e as Error).message}` }
  }
  if (mm.set.length >= MAX_EXPANSION)
    return {
      problem: `expands to ${MAX_EXPANSION} or more patterns ({a,b} braces); the limit is ${MAX_EXPANSION - 1}`,
    }
  return { mm }
}
