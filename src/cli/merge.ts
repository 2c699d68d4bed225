import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { runCheck, runScan, type CheckOutcome, type EngineOptions, type ScanOutcome } from '../core/check.js'
import { findManifest, loadManifest, MANIFEST_LOCATIONS } from '../manifest/load.js'
import type { Manifest } from '../manifest/schema.js'
import { loadRules, ruleSetInput } from '../rules/load.js'
import type { RuleSet } from '../rules/ruleset.js'
import { DEFAULT_LIMITS } from '../scan/scan-file.js'
import type { Shard } from '../scan/shard.js'
import { mergeShardFiles, parseShardFile, renderShardFile, settingsDigest } from '../scan/shard-file.js'
import { UsageError } from '../util/errors.js'
import type { CliExtensions, FailOn } from './main.js'
import { checkPullRequest } from './pr-mode.js'
import { FORMATS, parseFormat, type Format } from './output.js'

interface ReportFlags {
  color?: boolean
  output?: string
  verbose?: boolean
  base?: string
  failOn?: FailOn
  /** The project name in report titles (the scanned folder's name, as the shards recorded it). */
  project?: string
}

/** The report writers of `scan` and `check`, so that `merge` writes exactly what they write. */
export interface MergeHooks {
  exitWith: (code: number) => void
  writeScanReport: (
    format: Format,
    engine: EngineOptions,
    outcome: ScanOutcome,
    manifest: Manifest | undefined,
    flags: ReportFlags,
  ) => Promise<void>
  writeCheckReport: (
    format: Format,
    engine: EngineOptions,
    outcome: CheckOutcome,
    flags: ReportFlags,
    failOn: FailOn,
  ) => Promise<number>
  /** `check --pr` of this build (the comment `merge --check --pr … --post` publishes), if any. */
  prCheck?: CliExtensions['prCheck']
}

const rulesDigest = (rules: RuleSet): string => settingsDigest(ruleSetInput(rules) ?? null)
const manifestDigest = (path: string | undefined): string | null =>
  path ? settingsDigest(readFileSync(path, 'utf8')) : null

/** The shard file of `scan --shard K/N`: this shard's facts and what `merge` checks the shards agree on. */
export function shardFileText(
  engine: EngineOptions,
  shard: Shard,
  outcome: ScanOutcome,
  manifestPath: string | undefined,
): string {
  return renderShardFile({
    shard,
    project: basename(engine.root),
    options: {
      include: engine.include ?? [],
      exclude: engine.exclude ?? [],
      minConfidence: engine.minConfidence ?? 'medium',
      maxFileBytes: engine.maxFileBytes ?? DEFAULT_LIMITS.maxBytes,
      flows: engine.flows ?? true,
    },
    rules: rulesDigest(outcome.rules),
    manifest: manifestDigest(manifestPath),
    discoveryNotes: outcome.discoveryNotes,
    facts: outcome.facts,
  })
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/** `merge a.json b.json …`: the shards' facts joined and linked into the report one `scan` (or `check`) gives. */
export function registerMerge(program: Command, hooks: MergeHooks): void {
  program
    .command('merge')
    .argument('<shards...>', 'shard files written by `scan --shard K/N` (every K of one N)')
    .description('combine the shards of a scan into the report one scan gives (--check: the report of check)')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--dir <dir>', 'the repository the shards scanned (for privacy.yml and --base)', '.')
    .option('--manifest <file>', `privacy manifest (default: ${MANIFEST_LOCATIONS.join(', ')})`)
    .option('--rules <dir>', 'extra rules folder (repeatable; the same as the shards used)', collect, [])
    .option('--check', 'compare with privacy.yml, as `check` does; exit 1 when the policy needs an update')
    .option('--base <ref>', 'with --check: report what is new since this git ref (a PR check)')
    .addOption(
      new Option(
        '--fail-on <when>',
        'with --check: exit 1 on none, new (since --base), any undeclared item',
      ).choices(['none', 'new', 'any']),
    )
    .option('--pr <owner/repo#number>', 'with --check: build the PR comment, as `check --pr` does')
    .option('--post', 'with --pr: publish the comment')
    .option('--no-review-comments', 'with --post: no line comments on the diff, only the PR comment')
    .option('--no-color', 'plain text output (also NO_COLOR)')
    .option('-v, --verbose', 'show every note about skipped files')
    .action(
      async (
        paths: string[],
        flags: ReportFlags & {
          dir: string
          manifest?: string
          rules: string[]
          check?: boolean
          format: string
          pr?: string
          post?: boolean
          reviewComments?: boolean
        },
      ) => {
        const format = parseFormat(flags.format)
        if ((flags.base || flags.failOn || flags.pr) && !flags.check)
          throw new UsageError('--base, --fail-on and --pr go with --check (merge --check --base <ref>)')
        if (flags.post && !flags.pr) throw new UsageError('--post needs --pr owner/repo#number')
        const shards = paths.map((name) => ({ name, file: parseShardFile(readShard(name), name) }))
        const { facts, first } = mergeShardFiles(shards)
        const root = resolve(flags.dir)
        const rules = loadRules(flags.rules)
        if (rulesDigest(rules) !== first.rules)
          throw new UsageError(
            'merge: the rules differ from those the shards were scanned with; pass the same --rules folders and use the same privacy-drift version',
          )
        const manifestPath = findManifest(root, flags.manifest)
        if (manifestDigest(manifestPath) !== first.manifest)
          throw new UsageError(
            first.manifest === null
              ? `merge: the shards were scanned without a privacy.yml, but ${manifestPath} exists; merge in the same checkout`
              : `merge: ${manifestPath ?? 'privacy.yml (not found)'} is not the privacy.yml the shards were scanned with; pass --dir (or --manifest) of the same checkout`,
          )
        const engine: EngineOptions = {
          root,
          manifest: flags.manifest,
          rulesDirs: flags.rules,
          ...first.options,
          base: flags.base,
          scanned: { facts, discoveryNotes: first.discoveryNotes },
        }
        const reportFlags = { ...flags, project: first.project }
        if (flags.pr) {
          hooks.exitWith(
            await checkPullRequest(
              hooks.prCheck,
              { ...flags, pr: flags.pr },
              engine,
              format,
              flags.failOn ?? 'new',
            ),
          )
          return
        }
        if (flags.check) {
          const outcome = await runCheck(engine)
          const failOn = flags.failOn ?? (flags.base ? 'new' : 'any')
          hooks.exitWith(await hooks.writeCheckReport(format, engine, outcome, reportFlags, failOn))
          return
        }
        const manifest = manifestPath ? loadManifest(manifestPath, rules) : undefined
        await hooks.writeScanReport(format, engine, await runScan(engine, manifest), manifest, reportFlags)
        hooks.exitWith(0)
      },
    )
}

function readShard(name: string): string {
  try {
    return readFileSync(name, 'utf8')
  } catch (e) {
    throw new UsageError(
      `${name}: could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    )
  }
}
