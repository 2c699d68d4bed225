import { z } from 'zod'
import type { FileDiffLines } from '../github/diff.js'
import type { Drift, How, Inventory } from '../model/types.js'
import { jsonText } from '../report/escape.js'
import { toJsonReport } from '../report/json.js'
import { UsageError } from '../util/errors.js'
import { parseJson } from '../util/json.js'
import { FileReadError, readRegularFile } from '../util/safe-read.js'
import type { PolicyCheck } from '../policy/pr-section.js'

/** PR facts the analyze job records next to the JSON report, so a publish job can post the comment. */
export interface ReportGitHub {
  repository: string
  pullRequest: { number: number; baseSha: string; headSha: string } | null
  /** Scan root relative to the repository (`''` or `apps/web/`), for links and annotations. */
  pathPrefix: string
  /** privacy.yml relative to the repository. */
  manifestFile: string
  /** The sticky comment id (one per scanned path). */
  commentId: string
  failOn: 'none' | 'new' | 'any'
  /** The PR diff's commentable lines in the files with evidence of new items, for the review's line comments. */
  diff?: { files: FileDiffLines[] }
  /** With privacy.yml's `policy.file`: what the policy text lacks for the undeclared items (the comment shows it). */
  policy?: PolicyCheck | null
}

/** A report-file carries the diff lines of at most this many files, and this many ranges per file. */
export const DIFF_LIMITS = { files: 1_000, ranges: 5_000 } as const

/** The report-file: the stable JSON report (`--format json`) plus a `github` block. */
export function renderReportFile(inventory: Inventory, drift: Drift, github: ReportGitHub): string {
  return jsonText({ ...toJsonReport(inventory, drift), github })
}

// The artifact comes from a job that ran untrusted PR code paths: bound every string and list, accept only the
// fields the comment needs, and escape everything when rendering (pr-comment.ts does).
const str = (max = 2_000) => z.string().max(max)
const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full commit SHA')
const kind = z.enum(['personalData', 'cookie', 'analytics', 'processor', 'flow'])
const how = z.enum([
  'field',
  'form-input',
  'request',
  'schema',
  'cookie-api',
  'import',
  'require',
  'dynamic-import',
  'script-url',
  'hostname',
  'manifest',
  'env',
  'sdk-default',
  'outbound',
  'sign-in',
  'sink',
] satisfies How[])
const evidence = z.object({
  path: str(1_000),
  line: z.number().int().min(0).max(10_000_000),
  column: z.number().int().min(0).max(10_000_000),
  symbol: str(1_000).optional(),
  rule: str(300),
  confidence: z.enum(['high', 'medium', 'low']),
  how,
  excerpt: str(2_000).optional(),
  reason: str(2_000).optional(),
  fingerprint: str(200),
  trace: z.array(str(2_000)).max(20).optional(),
})
const undeclared = z.object({
  kind,
  key: str(1_000),
  name: str(1_000),
  categories: z.array(str(200)).max(100),
  evidence: z.array(evidence).max(1_000),
  suggestion: str(20_000),
  sentence: str(5_000),
})
const stale = z.object({ kind, key: str(1_000), line: z.number().int().min(0).max(10_000_000) })
const covered = z.object({ kind, key: str(1_000) })
const lineNumber = z.number().int().min(1).max(10_000_000)
const lineRanges = z.array(z.tuple([lineNumber, lineNumber])).max(DIFF_LIMITS.ranges)
// A path a review comment is posted on: repository-relative, no `..`, no control characters.
const diffPath = z
  .string()
  .min(1)
  .max(1_000)
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f'), 'no control characters')
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a repository-relative path')
const diffLines = z.object({
  files: z.array(z.object({ path: diffPath, hunks: lineRanges, added: lineRanges })).max(DIFF_LIMITS.files),
})
// The policy text check (policy.file): its paths are repository paths like diffPath, shown escaped.
const policyCheck = z.object({
  file: diffPath,
  display: diffPath,
  additions: z
    .array(
      z.object({
        kind,
        key: str(1_000),
        label: str(1_000),
        sentence: str(5_000),
        section: z.object({ heading: str(1_000), line: lineNumber }).optional(),
        contradicts: lineNumber.optional(),
      }),
    )
    .max(20_000),
  covered: z.array(covered).max(20_000),
  markerLine: lineNumber.optional(),
  markdown: z.boolean(),
})

const reportFileSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('privacy-drift'), version: str(50) }),
  drift: z.object({
    undeclared: z.array(undeclared).max(20_000),
    new: z.array(undeclared).max(20_000),
    stale: z.array(stale).max(20_000),
    covered: z.array(covered).max(20_000).optional(),
  }),
  github: z.object({
    repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    pullRequest: z.object({ number: z.number().int().positive(), baseSha: sha, headSha: sha }).nullable(),
    // Repository paths only: no markup, no `..`.
    pathPrefix: z
      .string()
      .max(1_000)
      .regex(/^(?:[\w@+.-]+\/)*$/)
      .refine((p) => !p.split('/').includes('..'), 'no ..'),
    manifestFile: z
      .string()
      .max(1_000)
      .regex(/^(?:[\w@+.-]+\/)*[\w@+.-]+\.ya?ml$/)
      .refine((p) => !p.split('/').includes('..'), 'no ..'),
    commentId: z.string().regex(/^[A-Za-z0-9._/-]{1,100}$/),
    failOn: z.enum(['none', 'new', 'any']),
    diff: diffLines.optional(),
    policy: policyCheck.nullable().optional(),
  }),
})

export type ReportFile = z.infer<typeof reportFileSchema>

/** A report-file larger than this is refused unread (its schema caps every list; real reports are far smaller). */
export const MAX_REPORT_FILE_BYTES = 32 * 1024 * 1024

/** Reads and validates a report-file written by `mode: analyze` (possibly from a fork: untrusted). */
export function readReportFile(path: string): ReportFile {
  let json: unknown
  try {
    json = parseJson(readRegularFile(path, { maxBytes: MAX_REPORT_FILE_BYTES }).toString('utf8'))
  } catch (e) {
    const missing = e instanceof FileReadError && e.reason === 'missing'
    // The reason only: JSON.parse's own message would quote the (untrusted) file.
    throw new UsageError(
      `report-file ${path} ${(e as Error).message}` +
        (missing
          ? '; in mode: publish, download the analyze job’s artifact first and pass its path as report-file'
          : ''),
    )
  }
  const parsed = reportFileSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.slice(0, 8).join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw new UsageError(
      `report-file ${path} is not a privacy-drift report written by mode: analyze (${issues})`,
    )
  }
  return parsed.data
}
