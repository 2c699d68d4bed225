import { createColors } from 'picocolors'
import type { Drift } from '../model/types.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { plural } from '../report/labels.js'
import { policyCheckOf, readManifestPolicy } from './additions.js'
import { lintJson, lintPolicy, renderLintMarkdown, renderLintText } from './lint.js'
import type { PolicyCheck } from './pr-section.js'

/**
 * `check` with `policy.file` set: lints the policy too, and finds what the text lacks for the undeclared items.
 * Returns how many lint gaps there are, the policy check (the markdown report renders it in place of the generic
 * policy sentences), and a function that adds the rest to the rendered check report (a section for text and
 * markdown, a `policyLint` key for JSON; SARIF is left as is). Without `policy.file` it adds nothing.
 */
export function lintPolicyForCheck(
  outcome: { manifest: Manifest; rules: RuleSet; drift: Pick<Drift, 'undeclared'> },
  opts: { root: string; format: string; color: boolean },
): { gaps: number; policy?: PolicyCheck; apply: (report: string) => string } {
  const read = readManifestPolicy({ manifest: outcome.manifest, root: opts.root })
  if (!read) return { gaps: 0, apply: (r) => r }
  const result = lintPolicy({
    manifest: outcome.manifest,
    manifestText: read.manifestText,
    policy: read.policy,
    rules: outcome.rules,
  })
  const policy = policyCheckOf(read, {
    rules: outcome.rules,
    root: opts.root,
    items: outcome.drift.undeclared,
  })
  return {
    gaps: result.gaps.length,
    policy,
    apply: (report) => {
      if (opts.format === 'json') {
        const parsed = JSON.parse(report) as Record<string, unknown>
        return (
          JSON.stringify(
            { ...parsed, policyLint: { ...lintJson(result), additions: policy.additions } },
            null,
            2,
          ) + '\n'
        )
      }
      if (opts.format === 'markdown') {
        const section = renderLintMarkdown(result)
        const sub = report.lastIndexOf('<sub>')
        return sub === -1
          ? `${report}\n${section}`
          : `${report.slice(0, sub)}${section}\n${report.slice(sub)}`
      }
      if (opts.format === 'text')
        return `${report}\n${renderAdditionsText(policy, opts.color)}${renderLintText(result, { color: opts.color })}`
      return report
    },
  }
}

/** The sentences the policy text needs for the undeclared items, for the terminal. */
function renderAdditionsText(check: PolicyCheck, color: boolean): string {
  if (check.additions.length === 0) return ''
  const c = createColors(color)
  const out = [
    c.bold(
      `Add to ${check.display} (${plural(check.additions.length, 'undeclared item')} it does not describe):`,
    ),
  ]
  for (const a of check.additions) {
    const where =
      a.contradicts !== undefined
        ? `${check.display}:${a.contradicts} says the opposite — correct it`
        : a.section
          ? `under "${a.section.heading}" (${check.display}:${a.section.line})`
          : 'in a new section'
    out.push(`  ${c.cyan(where)}`, `    ${a.sentence}`)
  }
  return out.join('\n') + '\n\n'
}
