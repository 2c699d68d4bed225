import elkBundle from 'elkjs/lib/elk.bundled.js'
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js'
import { MAP_GROUPS, type DataMap, type MapEdge, type MapGroup, type MapNode } from '../datamap.js'

/** A point of the laid-out map, in SVG user units. */
export interface Point {
  x: number
  y: number
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface LaidOutMap {
  width: number
  height: number
  groups: { group: MapGroup; box: Box }[]
  nodes: { node: MapNode; box: Box }[]
  /** Edge paths: a start point followed by cubic Bézier segments (control, control, end) each. */
  edges: { edge: MapEdge; points: Point[]; curved: boolean }[]
}

const FONT = { label: 7.2, detail: 6.4 } as const
const PAD = 12
/** The spacer above a group's first node; its box starts TITLE_GAP into it (the gap between groups). */
const TITLE = 36
const TITLE_GAP = 12

/** Columns, left to right: what is held, where it is held, who receives it. */
const COLUMN: Record<MapGroup, number> = {
  personalData: 0,
  cookie: 0,
  part: 1,
  analytics: 2,
  processor: 2,
  logs: 2,
}

/** Text width estimate (the SVG is static: no browser measures it), clamped so one long name cannot dominate. */
function nodeSize(n: MapNode): { width: number; height: number } {
  const label = Math.min([...n.label].length, 48) + (n.undeclared ? 2 : 0)
  const detail = n.detail && !n.more ? Math.min([...n.detail].length, 48) : 0
  const width = Math.max(96, Math.ceil(Math.max(label * FONT.label, detail * FONT.detail) + 2 * PAD))
  return { width, height: detail > 0 ? 42 : 28 }
}

const round = (v: number): number => Math.round(v * 10) / 10

/**
 * Lays the map out with ELK's layered algorithm: one layer per column (partitions), the nodes of a column in
 * model order (groups stay contiguous, sorted by key), a title spacer above each group, spline edges. Group
 * boxes are drawn around their nodes afterwards. Deterministic: the same map gives the same coordinates.
 */
export async function layoutDataMap(map: DataMap): Promise<LaidOutMap> {
  const groups = MAP_GROUPS.filter((g) => map.nodes.some((n) => n.group === g))
  // One width per column, so each column reads as a tidy list.
  const columnWidth = new Map<number, number>()
  for (const n of map.nodes)
    columnWidth.set(COLUMN[n.group], Math.max(columnWidth.get(COLUMN[n.group]) ?? 0, nodeSize(n).width))
  const children: ElkNode[] = []
  for (const group of groups) {
    const column = COLUMN[group]
    const layout = { 'elk.partitioning.partition': String(column) }
    children.push({
      id: `title_${group}`,
      width: columnWidth.get(column)!,
      height: TITLE,
      layoutOptions: layout,
    })
    for (const n of map.nodes.filter((x) => x.group === group))
      children.push({
        id: n.id,
        width: columnWidth.get(column)!,
        height: nodeSize(n).height,
        layoutOptions: layout,
      })
  }
  const laid = await runElk(children, map.edges, 'LAYER_SWEEP')
  // Fewer crossings may interleave two groups of a column; then keep the model order (groups stay boxes).
  const done = groupsContiguous(laid, groups, map) ? laid : await runElk(children, map.edges, 'NONE')
  return placed(done, groups, map)
}

/** One ELK run over the flat graph, with the given crossing minimisation. */
async function runElk(
  children: ElkNode[],
  mapEdges: readonly MapEdge[],
  crossing: 'LAYER_SWEEP' | 'NONE',
): Promise<ElkNode> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      // Title spacers have no edges: keep them in the one graph, in their column.
      'elk.separateConnectedComponents': 'false',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '14',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.crossingMinimization.strategy': crossing,
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': `[top=${PAD},left=${PAD},bottom=${PAD},right=${PAD}]`,
      'elk.randomSeed': '1',
    },
    children: structuredClone(children),
    edges: mapEdges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  }
  // The bundle is CommonJS whose module.exports is the class itself (its typings say `default`).
  const ELK = elkBundle as unknown as new () => ElkEngine
  return new ELK().layout(graph)
}

/** Whether, in every column, each group's title and nodes follow one another with no other group between. */
function groupsContiguous(laid: ElkNode, groups: readonly MapGroup[], map: DataMap): boolean {
  const groupOf = new Map<string, MapGroup>(map.nodes.map((n) => [n.id, n.group]))
  for (const g of groups) groupOf.set(`title_${g}`, g)
  const byColumn = new Map<number, { y: number; group: MapGroup; title: boolean }[]>()
  for (const c of laid.children ?? []) {
    const group = groupOf.get(c.id)!
    const list = byColumn.get(COLUMN[group]) ?? []
    list.push({ y: c.y ?? 0, group, title: c.id.startsWith('title_') })
    byColumn.set(COLUMN[group], list)
  }
  for (const list of byColumn.values()) {
    const order = list.sort((a, b) => a.y - b.y)
    const starts = order.filter((x, i) => i === 0 || order[i - 1]!.group !== x.group)
    // One run per group, each opened by its title.
    if (new Set(starts.map((x) => x.group)).size !== starts.length || starts.some((x) => !x.title))
      return false
  }
  return true
}

/** Node boxes, group boxes around their nodes, and edge paths from an ELK result. */
function placed(laid: ElkNode, groups: readonly MapGroup[], map: DataMap): LaidOutMap {
  const boxes = new Map<string, Box>()
  for (const c of laid.children ?? [])
    boxes.set(c.id, {
      x: round(c.x ?? 0),
      y: round(c.y ?? 0),
      width: round(c.width ?? 0),
      height: round(c.height ?? 0),
    })
  const groupBoxes = groups.map((group) => {
    const members = [
      boxes.get(`title_${group}`)!,
      ...map.nodes.filter((n) => n.group === group).map((n) => boxes.get(n.id)!),
    ]
    const x = Math.min(...members.map((b) => b.x)) - PAD
    const y = Math.min(...members.map((b) => b.y)) + TITLE_GAP
    const right = Math.max(...members.map((b) => b.x + b.width)) + PAD
    const bottom = Math.max(...members.map((b) => b.y + b.height)) + 8
    return { group, box: { x: round(x), y: round(y), width: round(right - x), height: round(bottom - y) } }
  })
  const edges = (laid.edges ?? []).map((e, i) => {
    const points: Point[] = []
    let curved = true
    for (const s of e.sections ?? []) {
      const bends = s.bendPoints ?? []
      if (bends.length % 3 !== 2) curved = false
      for (const p of [s.startPoint, ...bends, s.endPoint]) points.push({ x: round(p.x), y: round(p.y) })
    }
    return { edge: map.edges[i]!, points, curved: curved && (points.length - 1) % 3 === 0 }
  })
  const minX = Math.min(0, ...groupBoxes.map((g) => g.box.x))
  const minY = Math.min(0, ...groupBoxes.map((g) => g.box.y))
  return {
    width: Math.ceil(Math.max(laid.width ?? 0, ...groupBoxes.map((g) => g.box.x + g.box.width)) - minX),
    height: Math.ceil(Math.max(laid.height ?? 0, ...groupBoxes.map((g) => g.box.y + g.box.height)) - minY),
    groups: groupBoxes,
    nodes: map.nodes.map((node) => ({ node, box: boxes.get(node.id)! })),
    edges,
  }
}

export const MAP_TEXT = { padding: PAD, title: TITLE } as const
