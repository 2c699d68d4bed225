import type { How } from '../../../model/types.js'
import type { Where } from '../../file-scan.js'
import type { ContainerKind } from '../../pii/classify.js'
import type { WalkContext } from '../../walk/detector.js'

/** A field held until its file is walked, so that the fields of its group (a form, a payload) are its siblings. */
export interface GroupedField {
  name: string
  /** What makes fields siblings: the function that names them and the form or payload they belong to. */
  group: string
  container: string | undefined
  kind: ContainerKind
  how: How
  at: Where
  symbol: string
  /** Read only to test it (`!req.body.website`, a honeypot's emptiness): a sibling of the group, not a finding. */
  tested?: boolean
}

/** Records each field with the distinct names of its group, in first-seen order, as its siblings. */
export function recordGroupedFields(ctx: WalkContext, fields: readonly GroupedField[]): void {
  const siblings = new Map<string, string[]>()
  for (const f of fields) {
    const list = siblings.get(f.group) ?? []
    if (!list.includes(f.name)) list.push(f.name)
    siblings.set(f.group, list)
  }
  for (const f of fields)
    if (!f.tested)
      ctx.scan.field(
        f.name,
        { container: f.container, kind: f.kind, siblings: siblings.get(f.group) },
        f.at,
        f.how,
        f.symbol,
      )
}
