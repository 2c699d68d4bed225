import { z } from 'zod'
import { singularise, tokenizeIdentifier } from '../scan/pii/tokenize.js'
import { sinkExampleSchema } from './schema.js'

const word = z.string().regex(/^[a-z][a-z0-9]*$/, 'one lower-case word')

/**
 * Objects whose fields are the operator's, not the app's users' (rules/flows/operator-values.yaml): the settings
 * record of an integration and the app's configuration. A name says what a value is (`smsPassword`, `phoneNumber`),
 * not whose; read off one of these, it is the operator's own account or target, and sending it is no flow.
 */
export const operatorValuesSchema = z
  .object({
    kind: z.literal('operator-values'),
    description: z.string().optional(),
    /** Last words of an object's name that make it a settings record (`notification`, `smtpConfig`, `process.env`). */
    records: z.array(word).min(1),
    /** Words that make a settings record only as a property of `this` (`this.options`): elsewhere a call's options. */
    instance_records: z.array(word).default([]),
    /**
     * Words that make a settings record only as a parameter the function is handed (`send(notification, msg)` of an
     * alerting integration): a local or an iterated row of that name (`notifications.map((notification) => …)`, a
     * database row) is a record about a person.
     */
    parameter_records: z.array(word).default([]),
    /** Positive: every value sent is the operator's (no flow). Negative: a user's value is found (`flows`). */
    examples: z
      .object({ positive: z.array(sinkExampleSchema).min(1), negative: z.array(sinkExampleSchema).min(1) })
      .strict(),
  })
  .strict()

export type OperatorValuesFile = z.infer<typeof operatorValuesSchema>

/** What one name in a chain says: a person's record, a settings record, one only after `this.`, or nothing. */
type Link = 'person' | 'record' | 'instance' | 'parameter' | undefined

/** Decides whether the object a value is read from is a settings record (see `operatorValuesSchema`). */
export class OperatorValues {
  private readonly records = new Set<string>()
  private readonly instance = new Set<string>()
  private readonly parameter = new Set<string>()
  /** Each name's verdict: the same few names (`config`, `user`, `req`) are read again and again. */
  private readonly links = new Map<string, Link>()

  constructor(
    files: readonly OperatorValuesFile[] = [],
    /** Nouns for a person (the personal-data vocabulary): `userSettings` holds a user's values. */
    private readonly personNouns: ReadonlySet<string> = new Set(),
  ) {
    for (const f of files) {
      for (const w of f.records) this.records.add(w)
      for (const w of f.instance_records) this.instance.add(w)
      for (const w of f.parameter_records) this.parameter.add(w)
    }
  }

  /**
   * Whether fields read off a chain of names (`['this', 'config']`, `['process', 'env']`, `['notification']`) are the
   * operator's: some link from `from` on is a settings record and no link names a person (`user.settings`,
   * `customerConfig`). `handed`: the chain starts from a parameter of the function.
   */
  isRecord(chain: readonly string[], from = 0, handed = false): boolean {
    if (this.records.size === 0) return false
    let record = false
    for (let i = 0; i < chain.length; i++) {
      const link = this.link(chain[i]!)
      if (link === 'person') return false
      if (i < from) continue
      if (
        link === 'record' ||
        (link === 'instance' && chain[i - 1] === 'this') ||
        (link === 'parameter' && i === 0 && handed)
      )
        record = true
    }
    return record
  }

  private link(name: string): Link {
    if (this.links.has(name)) return this.links.get(name)
    const tokens = tokenizeIdentifier(name)
    const last = tokens[tokens.length - 1]
    const link: Link = tokens.some((t) => this.personNouns.has(singularise(t)))
      ? 'person'
      : last && this.records.has(last)
        ? 'record'
        : last && this.instance.has(last)
          ? 'instance'
          : last && this.parameter.has(last)
            ? 'parameter'
            : undefined
    if (this.links.size > 50_000) this.links.clear()
    this.links.set(name, link)
    return link
  }
}
