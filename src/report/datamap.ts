import type { Drift, Evidence, Inventory } from '../model/types.js'
import { flowKey } from '../scan/file-scan.js'
import { nestedPackageOf, workspacePackages, type WorkspacePackage } from '../scan/workspace.js'

/**
 * The data map: personal data (and cookies) → the parts of the app that hold them → the vendors (and logs) that
 * receive data. One model, rendered as mermaid (markdown, job summary, PR comment) and as an SVG (HTML report).
 */

/** A workspace package: its name and folder (`apps/web/`, or `''` at the repository root). */
export type { WorkspacePackage }

/** The columns of the map, left to right; vendors are grouped by kind. */
export type MapGroup = 'personalData' | 'cookie' | 'part' | 'analytics' | 'processor' | 'logs'

export const MAP_GROUPS: readonly MapGroup[] = [
  'personalData',
  'cookie',
  'part',
  'analytics',
  'processor',
  'logs',
]

export const MAP_GROUP_LABEL: Record<MapGroup, string> = {
  personalData: 'Personal data',
  cookie: 'Cookies',
  part: 'Parts of the app',
  analytics: 'Analytics',
  processor: 'Processors',
  logs: 'Logs',
}

export interface MapNode {
  /** Generated id (`pd0`, `pt3` …): never text from the scanned code. */
  id: string
  group: MapGroup
  /** Category key, cookie name, part folder, vendor id; for an overflow node, `+N`. */
  key: string
  /** Main line of the label (raw: renderers escape it). */
  label: string
  /** Second line (a display name, a folder). */
  detail?: string
  undeclared: boolean
  special: boolean
  /** Pieces of evidence behind the node. */
  evidence: number
  /** For the "+N more" node of a group: how many nodes it stands for. */
  more?: number
}

/** holds: a part holds data (category/cookie → part) · uses: a part calls a vendor · flow: data reaches a vendor. */
export type MapEdgeKind = 'holds' | 'uses' | 'flow'

export interface MapEdge {
  from: string
  to: string
  kind: MapEdgeKind
  undeclared: boolean
  evidence: number
}

export interface DataMap {
  nodes: MapNode[]
  edges: MapEdge[]
  /** True when some vendor edges come from detected flows (category → vendor) rather than evidence paths. */
  fromFlows: boolean
}

export interface DataMapOptions {
  /** Workspace packages (from `workspacePackages`); without them, parts are top-level folders. */
  packages?: readonly WorkspacePackage[]
}

export { workspacePackages }

/** Folders that hold the code rather than name a part of it: one level deeper is the part (`src/lib`). */
const SOURCE_ROOTS = new Set([
  'src',
  'source',
  'lib',
  'app',
  'apps',
  'packages',
  'services',
  'modules',
  'libs',
])

interface Part {
  key: string
  label: string
  detail?: string
}

/** Which part of the app a repo-relative path belongs to. */
export function partResolver(packages: readonly WorkspacePackage[] = []): (path: string) => Part {
  const packageOf = nestedPackageOf(packages)
  const root = packages.find((p) => p.dir === '')
  const rootPart: Part = {
    key: '.',
    label: root?.name ?? '(repository root)',
    detail: root ? './' : undefined,
  }
  if (packages.some((p) => p.dir !== ''))
    return (path) => {
      const pkg = packageOf(path)
      return pkg ? { key: pkg.dir, label: pkg.name, detail: pkg.dir } : rootPart
    }
  return (path) => {
    const segments = path.split('/')
    if (segments.length === 1) return rootPart
    const depth = SOURCE_ROOTS.has(segments[0]!) && segments.length > 2 ? 2 : 1
    const folder = segments.slice(0, depth).join('/') + '/'
    return { key: folder, label: folder }
  }
}

/** Evidence that says where a vendor is used: code first; manifests and env files only when nothing else. */
function usageEvidence(list: readonly Evidence[]): readonly Evidence[] {
  const code = list.filter((e) => e.how !== 'manifest' && e.how !== 'env')
  return code.length > 0 ? code : list
}

const ID_PREFIX: Record<MapGroup, string> = {
  personalData: 'pd',
  cookie: 'ck',
  part: 'pt',
  analytics: 'an',
  processor: 'pr',
  logs: 'lg',
}

const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** Builds the data map from the inventory (and the drift, to mark undeclared items). Pure and deterministic. */
export function buildDataMap(inventory: Inventory, drift?: Drift, options: DataMapOptions = {}): DataMap {
  const undeclared = new Set((drift?.undeclared ?? []).map((u) => `${String(u.kind)}:${u.key}`))
  const partOf = partResolver(options.packages)
  type Draft = Omit<MapNode, 'id'>
  const drafts = new Map<string, Draft>()
  const node = (group: MapGroup, key: string, fill: () => Omit<Draft, 'group' | 'key'>): string => {
    const ref = `${group}:${key}`
    if (!drafts.has(ref)) drafts.set(ref, { group, key, ...fill() })
    return ref
  }
  const edges = new Map<string, MapEdge>()
  const edge = (from: string, to: string, kind: MapEdgeKind, isUndeclared: boolean, n = 1): void => {
    const ref = `${from}>${to}`
    const e = edges.get(ref)
    if (e) {
      e.evidence += n
      e.undeclared ||= isUndeclared
    } else edges.set(ref, { from, to, kind, undeclared: isUndeclared, evidence: n })
  }
  const part = (path: string): string => {
    const p = partOf(path)
    return node('part', p.key, () => ({
      label: p.label,
      detail: p.detail,
      undeclared: false,
      special: false,
      evidence: 0,
    }))
  }
  const holds = (ref: string, evidence: readonly Evidence[]): void => {
    for (const e of evidence) {
      const to = part(e.path)
      drafts.get(to)!.evidence++
      edge(ref, to, 'holds', false)
    }
  }

  for (const p of inventory.personalData) {
    const ref = node('personalData', p.category, () => ({
      label: p.category,
      detail: p.name,
      undeclared: undeclared.has(`personalData:${p.category}`),
      special: p.special,
      evidence: p.evidence.length,
    }))
    holds(ref, p.evidence)
  }
  for (const c of inventory.cookies) {
    const ref = node('cookie', c.name, () => ({
      label: c.name,
      detail: [c.purpose ?? 'purpose unknown', c.vendor].filter(Boolean).join(' · '),
      undeclared: undeclared.has(`cookie:${c.name}`),
      special: false,
      evidence: c.evidence.length,
    }))
    holds(ref, c.evidence)
  }

  const vendorNames = new Map<string, string>()
  const vendorGroup = new Map<string, MapGroup>()
  for (const [list, group] of [
    [inventory.analytics, 'analytics'],
    [inventory.processors, 'processor'],
  ] as const)
    for (const v of list) {
      vendorNames.set(v.vendor, v.name)
      vendorGroup.set(v.vendor, group)
    }
  const vendorNode = (vendor: string): string => {
    const group: MapGroup = vendor === 'logs' ? 'logs' : (vendorGroup.get(vendor) ?? 'processor')
    const kind = group === 'analytics' ? 'analytics' : 'processor'
    return node(group, vendor, () => ({
      label: vendorNames.get(vendor) ?? (vendor === 'logs' ? 'Logs' : vendor),
      detail:
        vendor === 'logs' ? 'console, loggers' : vendor !== vendorNames.get(vendor) ? vendor : undefined,
      undeclared: group !== 'logs' && undeclared.has(`${kind}:${vendor}`),
      special: false,
      evidence: 0,
    }))
  }

  const withFlows = new Set(inventory.flows.map((f) => f.vendor))
  for (const f of inventory.flows) {
    const to = vendorNode(f.vendor)
    drafts.get(to)!.evidence += f.evidence.length
    const from = node('personalData', f.category, () => ({
      label: f.category,
      undeclared: undeclared.has(`personalData:${f.category}`),
      special: false,
      evidence: 0,
    }))
    edge(from, to, 'flow', undeclared.has(`flow:${flowKey(f.vendor, f.category)}`), f.evidence.length)
  }
  for (const v of [...inventory.analytics, ...inventory.processors]) {
    const to = vendorNode(v.vendor)
    if (withFlows.has(v.vendor)) continue
    drafts.get(to)!.evidence += v.evidence.length
    for (const e of usageEvidence(v.evidence)) edge(part(e.path), to, 'uses', false)
  }

  const ids = new Map<string, string>()
  const nodes: MapNode[] = []
  for (const group of MAP_GROUPS) {
    const inGroup = [...drafts.values()].filter((d) => d.group === group).sort(byKey)
    inGroup.forEach((d, i) => {
      const id = `${ID_PREFIX[group]}${i}`
      ids.set(`${group}:${d.key}`, id)
      nodes.push({ id, ...d })
    })
  }
  const order = new Map(nodes.map((n, i) => [n.id, i]))
  const out = [...edges.values()]
    .map((e) => ({ ...e, from: ids.get(e.from)!, to: ids.get(e.to)! }))
    .sort((a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)!)
  return { nodes, edges: out, fromFlows: inventory.flows.length > 0 }
}

export interface MapLimits {
  /** Nodes shown per group before a "+N more" node. */
  perGroup: number
  /** Edges shown at most (after grouping hidden nodes). */
  edges: number
}

/**
 * The map cut to a size a renderer can take: per group, undeclared nodes first, then the most evidence; the
 * rest become one "+N more" node that inherits their edges. Shrinks groups until the edges fit as well.
 */
export function capDataMap(map: DataMap, limits: MapLimits): DataMap {
  for (let per = limits.perGroup; ; per = Math.max(1, Math.floor(per * 0.75))) {
    const capped = capGroups(map, per)
    if (capped.edges.length <= limits.edges || per === 1)
      return { ...capped, edges: capped.edges.slice(0, limits.edges) }
  }
}

function capGroups(map: DataMap, per: number): DataMap {
  const nodes: MapNode[] = []
  const redirect = new Map<string, string>()
  for (const group of MAP_GROUPS) {
    const inGroup = map.nodes.filter((n) => n.group === group)
    if (inGroup.length <= per) {
      nodes.push(...inGroup)
      continue
    }
    const ranked = [...inGroup].sort(
      (a, b) => Number(b.undeclared) - Number(a.undeclared) || b.evidence - a.evidence || byKey(a, b),
    )
    const keep = new Set(ranked.slice(0, per - 1).map((n) => n.id))
    const hidden = inGroup.filter((n) => !keep.has(n.id))
    const moreId = `${ID_PREFIX[group]}_more`
    for (const n of hidden) redirect.set(n.id, moreId)
    nodes.push(...inGroup.filter((n) => keep.has(n.id)), {
      id: moreId,
      group,
      key: `+${hidden.length}`,
      label: `+${hidden.length} more`,
      undeclared: hidden.some((n) => n.undeclared),
      special: false,
      evidence: hidden.reduce((s, n) => s + n.evidence, 0),
      more: hidden.length,
    })
  }
  const edges = new Map<string, MapEdge>()
  for (const e of map.edges) {
    const from = redirect.get(e.from) ?? e.from
    const to = redirect.get(e.to) ?? e.to
    const ref = `${from}>${to}>${e.kind}`
    const seen = edges.get(ref)
    if (seen) {
      seen.evidence += e.evidence
      seen.undeclared ||= e.undeclared
    } else edges.set(ref, { ...e, from, to })
  }
  return { ...map, nodes, edges: [...edges.values()] }
}
