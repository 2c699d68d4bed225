import { existsSync } from 'node:fs'
import { basename, relative, resolve } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import type { Confidence } from '../model/types.js'
import { runCheck, runScan, type CheckOutcome, type EngineOptions, type ScanOutcome } from '../core/check.js'
import { findManifest, loadManifest, MANIFEST_LOCATIONS } from '../manifest/load.js'
import { generateManifest } from '../manifest/generate.js'
import { loadRules } from '../rules/load.js'
import { CONTAINER_KINDS, FIELD_TYPES } from '../rules/schema.js'
import { TOOL } from '../report/version.js'
import { ConfigError, UsageError } from '../util/errors.js'
import { escapeControl } from '../util/text.js'
import { writeFileAtomic } from '../util/write-file.js'
import { runExplain, type ExplainFlags } from './explain.js'
import { FORMATS, parseFormat, render, writeReport, type Format, type RenderOptions } from './output.js'
import type { Manifest } from '../manifest/schema.js'
import { parseShard } from '../scan/shard.js'
import { registerMerge, shardFileText } from './merge.js'
import { checkPullRequest } from './pr-mode.js'
import { workspacePackages } from '../report/datamap.js'
import { createProgress, progressEnabled } from './progress.js'
import { lintPolicyForCheck } from '../policy/check.js'

export type FailOn = 'none' | 'new' | 'any'

/** Exit codes: 0 in sync · 1 drift past --fail-on · 2 usage, config or internal error. */
export const EXIT = { ok: 0, drift: 1, error: 2 } as const

interface CommonFlags {
  manifest?: string
  rules: string[]
  include: string[]
  exclude: string[]
  format: string
  output?: string
  minConfidence: Confidence
  maxFileSize: string
  color?: boolean
  progress: boolean
  verbose?: boolean
  workers?: string
  flows: boolean
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

function commonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--manifest <file>', `privacy manifest (default: ${MANIFEST_LOCATIONS.join(', ')})`)
    .option('--rules <dir>', 'extra rules folder (repeatable)', collect, [])
    .option(
      '--include <glob>',
      'only scan matching files; overrides default excludes (repeatable)',
      collect,
      [],
    )
    .option('--exclude <glob>', 'skip matching files (repeatable)', collect, [])
    .addOption(
      new Option('--min-confidence <level>', 'hide evidence below this confidence')
        .choices(['low', 'medium', 'high'])
        .default('medium'),
    )
    .option('--max-file-size <bytes>', 'skip files larger than this', '1500000')
    .option('--workers <n>', 'worker threads for parsing (0 = in-process)')
    .option('--no-flows', 'skip the flows analysis (which personal data reaches which vendor and the logs)')
    .option('--no-color', 'plain text output (also NO_COLOR)')
    .option('--no-progress', 'never show progress')
    .option('-v, --verbose', 'show every note about skipped files')
}

function engineOptions(
  dir: string | undefined,
  flags: CommonFlags,
  onProgress?: (d: number, t: number) => void,
): EngineOptions {
  const root = resolve(dir ?? '.')
  if (!existsSync(root)) throw new UsageError(`${dir}: no such directory`)
  const maxFileBytes = Number(flags.maxFileSize)
  if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0)
    throw new UsageError(`--max-file-size ${flags.maxFileSize}: expected a number of bytes`)
  const workers = flags.workers === undefined ? undefined : Number(flags.workers)
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0))
    throw new UsageError(`--workers ${flags.workers}: expected a whole number`)
  return {
    root,
    manifest: flags.manifest,
    rulesDirs: flags.rules,
    include: flags.include,
    exclude: flags.exclude,
    minConfidence: flags.minConfidence,
    maxFileBytes,
    workers,
    flows: flags.flows,
    onProgress,
  }
}

/** What report titles and the data map need from a scan: the project's name and its workspace packages. */
function reportContext(
  root: string,
  outcome: ScanOutcome,
  project = basename(root),
): Pick<RenderOptions, 'project' | 'packages' | 'rules'> {
  return { project, packages: workspacePackages(outcome.facts), rules: outcome.rules }
}

function useColor(flags: Pick<CommonFlags, 'color' | 'output'>): boolean {
  if (flags.color === false || process.env.NO_COLOR) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  return flags.output === undefined && process.stdout.isTTY === true
}

/** What the report writers read from the flags; `project` overrides the folder name (merged shards). */
type ReportFlags = Pick<CommonFlags, 'color' | 'output' | 'verbose'> & { project?: string }

/** Renders and writes the report of `scan` (and of `merge` without --check). */
async function writeScanReport(
  format: Format,
  engine: EngineOptions,
  outcome: ScanOutcome,
  manifest: Manifest | undefined,
  flags: ReportFlags,
): Promise<void> {
  writeReport(
    await render(format, outcome.inventory, undefined, {
      color: useColor(flags),
      verbose: flags.verbose ?? false,
      ...reportContext(engine.root, outcome, flags.project),
      manifest,
    }),
    flags.output,
  )
}

/** Renders and writes the report of `check` (and of `merge --check`); returns the exit code. */
async function writeCheckReport(
  format: Format,
  engine: EngineOptions,
  outcome: CheckOutcome,
  flags: ReportFlags & { base?: string; failOn?: FailOn },
  failOn: FailOn,
): Promise<number> {
  // With policy.file set, the policy-text lint joins the report; its gaps fail only an explicit --fail-on any.
  const policyLint = lintPolicyForCheck(outcome, { root: engine.root, format, color: useColor(flags) })
  writeReport(
    policyLint.apply(
      await render(format, outcome.inventory, outcome.drift, {
        color: useColor(flags),
        verbose: flags.verbose ?? false,
        manifestFile: outcome.manifest.file,
        ...reportContext(engine.root, outcome, flags.project),
        manifest: outcome.manifest,
        policy: policyLint.policy,
      }),
    ),
    flags.output,
  )
  const failing =
    (failOn === 'none'
      ? 0
      : failOn === 'new' && flags.base
        ? outcome.drift.new.length
        : outcome.drift.undeclared.length) + (flags.failOn === 'any' ? policyLint.gaps : 0)
  return failing > 0 ? EXIT.drift : EXIT.ok
}

/** Hooks other parts of the tool plug into the CLI (the GitHub PR mode, the policy commands). */
export interface CliExtensions {
  /** `check --pr owner/repo#123 [--post]`. Returns the exit code. */
  prCheck?: (args: {
    pr: string
    post: boolean
    /** With `post`: line comments on the diff lines that add new items (default true). */
    reviewComments?: boolean
    engine: EngineOptions
    format: string
    output?: string
    failOn: FailOn
  }) => Promise<number>
  /** `check --fix`: applies the suggested entries to privacy.yml. Returns a one-line summary. */
  fix?: (args: { manifestPath: string; outcome: Awaited<ReturnType<typeof runCheck>> }) => string
  /** `check --fix --policy [file]`: appends the policy sentences to the marked section of the policy text. */
  fixPolicy?: (args: {
    manifestPath: string
    outcome: Awaited<ReturnType<typeof runCheck>>
    root: string
    policyFile?: string
  }) => string
  /** Extra sub-commands (`policy lint` …). */
  register?: (program: Command, helpers: { exitWith: (code: number) => void }) => void
  /** `init --from-policy FILE`: the draft manifest text; `policy.file` is written relative to `root`. */
  fromPolicy?: (policyFile: string, options: { root: string; rulesDirs: string[] }) => string
}

/** Builds the commander program; `exitWith` receives the exit code of the command that ran. */
export function buildProgram(exitWith: (code: number) => void, ext: CliExtensions = {}): Command {
  const program = new Command()
  program
    .name(TOOL.name)
    .description(
      'Keeps your privacy policy true to your code: finds personal data, cookies, analytics SDKs and processors, and compares them with privacy.yml.',
    )
    .version(TOOL.version, '--version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })

  commonOptions(
    program
      .command('scan')
      .argument('[dir]', 'repository to scan', '.')
      .description('build the inventory; no manifest needed'),
  )
    .option('--shard <K/N>', 'scan only shard K of N (by path hash) and write its facts for `merge`')
    .action(async (dir: string, flags: CommonFlags & { shard?: string }) => {
      const format = parseFormat(flags.format)
      const progress = createProgress(progressEnabled(!flags.progress))
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard)
      const engine = { ...engineOptions(dir, flags, progress.onProgress), shard }
      const rules = loadRules(engine.rulesDirs ?? [])
      const manifestPath = findManifest(engine.root, flags.manifest)
      const manifest = manifestPath ? loadManifest(manifestPath, rules) : undefined
      const outcome = await runScan(engine, manifest)
      progress.done()
      if (shard) writeReport(shardFileText(engine, shard, outcome, manifestPath), flags.output)
      else await writeScanReport(format, engine, outcome, manifest, flags)
      exitWith(EXIT.ok)
    })

  commonOptions(
    program
      .command('check')
      .argument('[dir]', 'repository to check', '.')
      .description('scan and compare with privacy.yml; exit 1 when the policy needs an update')
      .option('--base <ref>', 'report what is new since this git ref (a PR check)')
      .addOption(
        new Option('--fail-on <when>', 'exit 1 on: none, new (since --base), any undeclared item').choices([
          'none',
          'new',
          'any',
        ]),
      )
      .option(
        '--pr <owner/repo#number>',
        'build the PR comment for a GitHub pull request (token from GITHUB_TOKEN)',
      )
      .option('--post', 'with --pr: publish the comment')
      .option('--no-review-comments', 'with --post: no line comments on the diff, only the PR comment')
      .option('--fix', 'add the suggested entries to privacy.yml (keeps comments and formatting)')
      .option(
        '--policy [file]',
        'with --fix: also append the policy sentences to the privacy-drift section of the markdown policy (default: policy.file)',
      ),
  ).action(
    async (
      dir: string,
      flags: CommonFlags & {
        base?: string
        failOn?: FailOn
        pr?: string
        post?: boolean
        reviewComments?: boolean
        fix?: boolean
        policy?: string | boolean
      },
    ) => {
      const format = parseFormat(flags.format)
      if (flags.policy !== undefined && !flags.fix)
        throw new UsageError(
          '--policy goes with --fix (check --fix --policy); `policy lint` checks the policy text without changing it',
        )
      const failOn: FailOn = flags.failOn ?? (flags.base || flags.pr ? 'new' : 'any')
      if (flags.post && !flags.pr) throw new UsageError('--post needs --pr owner/repo#number')
      if (flags.pr) {
        exitWith(
          await checkPullRequest(
            ext.prCheck,
            { ...flags, pr: flags.pr },
            engineOptions(dir, flags),
            format,
            failOn,
          ),
        )
        return
      }
      const progress = createProgress(progressEnabled(!flags.progress))
      const engine = { ...engineOptions(dir, flags, progress.onProgress), base: flags.base }
      const outcome = await runCheck(engine)
      progress.done()
      if (flags.fix) {
        if (!ext.fix) throw new UsageError('--fix is not available in this build')
        const manifestPath = findManifest(engine.root, flags.manifest)!
        if (flags.policy !== undefined) {
          // The policy first: when it refuses (no markers), nothing has been written.
          if (!ext.fixPolicy) throw new UsageError('--policy is not available in this build')
          const policyFile = typeof flags.policy === 'string' ? flags.policy : undefined
          process.stderr.write(ext.fixPolicy({ manifestPath, outcome, root: engine.root, policyFile }) + '\n')
        }
        const summary = ext.fix({ manifestPath, outcome })
        process.stderr.write(summary + '\n')
        exitWith(EXIT.ok)
        return
      }
      exitWith(await writeCheckReport(format, engine, outcome, flags, failOn))
    },
  )

  program
    .command('init')
    .argument('[dir]', 'repository to scan', '.')
    .description('write a draft privacy.yml that declares what the scan found')
    .option('--manifest <file>', 'where to write', 'privacy.yml')
    .option('--force', 'overwrite an existing manifest')
    .option('--stdout', 'print the draft instead of writing it')
    .option(
      '--from-policy <file>',
      'draft the manifest from a natural-language privacy policy instead of the code',
    )
    .option('--rules <dir>', 'extra rules folder (repeatable)', collect, [])
    .option('--include <glob>', 'only scan matching files (repeatable)', collect, [])
    .option('--exclude <glob>', 'skip matching files (repeatable)', collect, [])
    .action(
      async (
        dir: string,
        flags: {
          manifest: string
          force?: boolean
          stdout?: boolean
          fromPolicy?: string
          rules: string[]
          include: string[]
          exclude: string[]
        },
      ) => {
        const root = resolve(dir)
        const target = resolve(root, flags.manifest)
        let text: string
        if (flags.fromPolicy) {
          if (!ext.fromPolicy) throw new UsageError('--from-policy is not available in this build')
          text = ext.fromPolicy(resolve(flags.fromPolicy), { root, rulesDirs: flags.rules })
        } else {
          const outcome = await runScan({
            root,
            rulesDirs: flags.rules,
            include: flags.include,
            exclude: flags.exclude,
          })
          text = generateManifest(outcome.inventory, outcome.rules)
        }
        if (flags.stdout) {
          process.stdout.write(text)
          exitWith(EXIT.ok)
          return
        }
        if (existsSync(target) && !flags.force)
          throw new UsageError(
            `${relative(process.cwd(), target)} already exists; use --force to overwrite, or --stdout to print the draft`,
          )
        writeFileAtomic(target, text, { display: relative(process.cwd(), target) })
        process.stderr.write(
          `wrote ${relative(process.cwd(), target)}; review the TODOs, then run \`privacy-drift check\`\n`,
        )
        exitWith(EXIT.ok)
      },
    )

  program
    .command('explain')
    .argument(
      '[target]',
      'a finding fingerprint, a rule id (pii.contact.email, vendor.stripe), or a vendor id',
    )
    .description('why something was (or was not) classified')
    .option('--dir <dir>', 'repository to scan when explaining a fingerprint', '.')
    .option('--field <name>', 'classify an identifier and show near-misses')
    .option(
      '--container <name>',
      'with --field: the enclosing object name (the field is then explained as the scan of --dir sees it)',
    )
    .addOption(
      new Option('--kind <kind>', 'with --field: what the container is').choices([...CONTAINER_KINDS]),
    )
    .addOption(
      new Option('--type <type>', 'with --field: the field type').choices(
        FIELD_TYPES.filter((t) => t !== 'unknown'),
      ),
    )
    .option('--siblings <names>', 'with --field: the other fields of the object, comma-separated')
    .addOption(
      new Option('--list <what>', 'list valid keys').choices([
        'categories',
        'purposes',
        'vendors',
        'vendor-categories',
        'rules',
      ]),
    )
    .option('--rules <dir>', 'extra rules folder (repeatable)', collect, [])
    .action(async (target: string | undefined, flags: ExplainFlags) => {
      // Explanations quote lines of scanned code: no control character reaches the terminal.
      process.stdout.write(escapeControl(await runExplain(target, flags), true))
      exitWith(EXIT.ok)
    })

  registerMerge(program, { exitWith, writeScanReport, writeCheckReport, prCheck: ext.prCheck })
  ext.register?.(program, { exitWith })
  return program
}

/** Runs the CLI with argv; returns the exit code (never calls process.exit itself). */
export async function main(argv: readonly string[], ext: CliExtensions = {}): Promise<number> {
  let code: number = EXIT.ok
  const program = buildProgram((c) => (code = c), ext)
  try {
    await program.parseAsync(argv as string[], { from: 'user' })
    return code
  } catch (e) {
    return reportError(e)
  }
}

/** Prints an error the way a user needs it: located and actionable for known errors, with a stack otherwise. */
export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // commander already printed its message; help and version exit 0.
    return e.exitCode === 0 ? EXIT.ok : EXIT.error
  }
  if (e instanceof ConfigError) {
    process.stderr.write(`privacy-drift: configuration error\n${e.message}\n`)
    return EXIT.error
  }
  if (e instanceof UsageError) {
    process.stderr.write(`privacy-drift: ${e.message}\n`)
    return EXIT.error
  }
  process.stderr.write(
    `privacy-drift: internal error: ${escapeControl((e as Error)?.stack ?? String(e), true)}\nPlease report it with the command you ran.\n`,
  )
  return EXIT.error
}
