import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { repoRoot } from '../git/git.js'
import { findManifest } from '../manifest/load.js'
import { ConfigError, UsageError } from '../util/errors.js'
import type { ActionContext } from './context.js'
import type { ActionInputs } from './inputs.js'

/** Where the scan runs, in file-system and repository terms. */
export interface ScanLocation {
  /** Absolute scan root. */
  root: string
  /** The git repository's top folder, when the root is inside one. */
  top?: string
  /** Scan root relative to the repository root, with a trailing slash (`''` at the top). */
  pathPrefix: string
  /** privacy.yml relative to the repository root. */
  manifestFile: string
  /** Sticky comment id: one comment per scanned path. */
  commentId: string
}

const toPosix = (p: string): string => p.split('\\').join('/')

/**
 * Resolves the `path` and `manifest` inputs; fails fast (before the engine and the TypeScript compiler in it
 * are loaded) when either is missing.
 */
export function locateScan(inputs: ActionInputs, ctx: ActionContext): ScanLocation {
  const root = resolve(ctx.workspace, inputs.path)
  if (!existsSync(root))
    throw new UsageError(`input \`path\`: ${inputs.path} does not exist in the workspace (${ctx.workspace})`)
  const top = repoRoot(root)
  const prefix = top ? toPosix(relative(top, root)) : ''
  const manifestPath = findManifest(root, inputs.manifest || undefined)
  if (!manifestPath || !existsSync(manifestPath))
    throw new ConfigError([
      {
        file: toPosix(relative(ctx.workspace, manifestPath ?? join(root, 'privacy.yml'))) || 'privacy.yml',
        line: 1,
        column: 1,
        message: inputs.manifest
          ? `manifest not found (input \`manifest\`: ${inputs.manifest}, relative to \`path\`)`
          : 'no privacy.yml found (looked for privacy.yml, privacy.yaml and .github/privacy.yml)',
        hint: 'create one with `npx privacy-drift init`, or set the `manifest` input',
      },
    ])
  return {
    root,
    top,
    pathPrefix: prefix === '' ? '' : `${prefix}/`,
    manifestFile: toPosix(relative(top ?? root, manifestPath)),
    commentId: prefix === '' ? 'default' : prefix,
  }
}
