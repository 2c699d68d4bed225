import { relative, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { Option, type Command } from 'commander'
import { findManifest, loadManifest, MANIFEST_LOCATIONS } from '../manifest/load.js'
import { writeReport } from '../cli/output.js'
import { loadRules } from '../rules/load.js'
import { UsageError } from '../util/errors.js'
import { draftManifestFromPolicy } from './from-policy.js'
import { lintJson, lintManifestPolicy, renderLintMarkdown, renderLintText } from './lint.js'
import { readPolicyFile } from './text.js'

/** `init --from-policy FILE`: the draft privacy.yml for a natural-language policy (offline, rule-based). */
export function fromPolicyFile(policyFile: string, options: { root: string; rulesDirs: string[] }): string {
  const display = relative(process.cwd(), policyFile) || policyFile
  const text = readPolicyFile(policyFile, display)
  const rules = loadRules(options.rulesDirs)
  return draftManifestFromPolicy(text, rules, { policyPath: policyFile, root: options.root }).yaml
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/** Registers `privacy-drift policy lint [dir]`. */
export function registerPolicyCommands(
  program: Command,
  helpers: { exitWith: (code: number) => void },
): void {
  const policy = program
    .command('policy')
    .description('check the human-readable policy text against privacy.yml')
  policy
    .command('lint')
    .argument('[dir]', 'repository whose privacy.yml names the policy (policy.file)', '.')
    .description(
      'report what privacy.yml declares that the policy text never says, and recipients the text names that privacy.yml lacks; exit 1 on gaps',
    )
    .option('--manifest <file>', `privacy manifest (default: ${MANIFEST_LOCATIONS.join(', ')})`)
    .option('--policy <file>', 'the policy text to check (default: policy.file in privacy.yml)')
    .option('--rules <dir>', 'extra rules folder (repeatable)', collect, [])
    .addOption(
      new Option('--format <format>', 'report format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--strict',
      'vendors must be named; a category of recipients ("payment processors") is not enough',
    )
    .option('--no-color', 'plain text output (also NO_COLOR)')
    .action(
      (
        dir: string,
        flags: {
          manifest?: string
          policy?: string
          rules: string[]
          format: string
          output?: string
          strict?: boolean
          color?: boolean
        },
      ) => {
        const root = resolve(dir)
        if (!existsSync(root)) throw new UsageError(`${dir}: no such directory`)
        const rules = loadRules(flags.rules)
        const manifestPath = findManifest(root, flags.manifest)
        if (!manifestPath)
          throw new UsageError(
            `no privacy.yml in ${dir} (looked for ${MANIFEST_LOCATIONS.join(', ')}); pass --manifest or run \`privacy-drift init\``,
          )
        const manifest = loadManifest(manifestPath, rules)
        const result = lintManifestPolicy({
          manifest,
          manifestPath,
          root,
          rules,
          policyFile: flags.policy,
          options: { strict: flags.strict },
        })
        if (!result)
          throw new UsageError(
            `${manifest.file} sets no policy.file; add \`policy:\\n  file: docs/privacy-policy.md\` (markdown, text or HTML) or pass --policy FILE`,
          )
        const color =
          flags.color !== false &&
          !process.env.NO_COLOR &&
          flags.output === undefined &&
          process.stdout.isTTY === true
        const report =
          flags.format === 'json'
            ? JSON.stringify(lintJson(result), null, 2) + '\n'
            : flags.format === 'markdown'
              ? renderLintMarkdown(result)
              : renderLintText(result, { color })
        writeReport(report, flags.output)
        helpers.exitWith(result.gaps.length > 0 ? 1 : 0)
      },
    )
}
