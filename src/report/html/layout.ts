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
  edges: { edge: MapEdge; points: Point[] }[]
}

const FONT = { label: 7.2, detail: 6.4 } as const
const PAD = 12
const GROUP_TITLE = 26

/** Text width estimate (the SVG is static: no browser measures it), clamped so one long name cannot dominate. */
function nodeSize(n: MapNode): { width: number; height: number } {
  const label = Math.min([...n.label].length, 48) + (n.undeclared ? 2 : 0)
  const detail = n.detail && !n.more ? Math.min([...n.detail].length, 48) : 0
  const width = Math.max(96, Math.ceil(Math.max(label * FONT.label, detail * FONT.detail) + 2 * PAD))
  return { width, height: detail > 0 ? 42 : 28 }
}

/** A group's nodes with one width (the widest), so each group reads as a tidy column. */
function columnOf(nodes: readonly MapNode[]): ElkNode[] {
  const sizes = nodes.map(nodeSize)
  const width = Math.max(0, ...sizes.map((s) => s.width))
  return nodes.map((n, i) => ({ id: n.id, width, height: sizes[i]!.height }))
}

const round = (v: number): number => Math.round(v * 10) / 10

/**
 * Lays the map out with ELK's layered algorithm (groups as compound nodes, edges routed orthogonally across
 * them). Deterministic: the same map gives the same coordinates.
 */
export async function layoutDataMap(map: DataMap): Promise<LaidOutMap> {
  const groups = MAP_GROUPS.filter((g) => map.nodes.some((n) => n.group === g))
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.mergeEdges': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '14',
      'elk.spacing.edgeNode': '10',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
      'elk.randomSeed': '1',
    },
    children: groups.map((group) => ({
      id: `g_${group}`,
      layoutOptions: {
        'elk.padding': `[top=${GROUP_TITLE + 6},left=${PAD},bottom=${PAD},right=${PAD}]`,
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
      },
      children: columnOf(map.nodes.filter((n) => n.group === group)),
    })),
    edges: map.edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  }
  // The bundle is CommonJS whose module.exports is the class itself (its typings say `default`).
  const ELK = elkBundle as unknown as new () => ElkEngine
  const elk = new ELK()
  const laid = await elk.layout(graph)

  const origin = new Map<string, Point>([['root', { x: 0, y: 0 }]])
  const boxes = new Map<string, Box>()
  const visit = (n: ElkNode, parent: Point): void => {
    const at = { x: parent.x + (n.x ?? 0), y: parent.y + (n.y ?? 0) }
    origin.set(n.id, at)
    boxes.set(n.id, {
      x: round(at.x),
      y: round(at.y),
      width: round(n.width ?? 0),
      height: round(n.height ?? 0),
    })
    for (const c of n.children ?? []) visit(c, at)
  }
  for (const c of laid.children ?? []) visit(c, { x: 0, y: 0 })

  const byId = new Map(map.nodes.map((n) => [n.id, n]))
  const edges = (laid.edges ?? []).map((e, i) => {
    const at = origin.get(e.container ?? 'root') ?? { x: 0, y: 0 }
    const points: Point[] = []
    for (const s of e.sections ?? [])
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint])
        points.push({ x: round(at.x + p.x), y: round(at.y + p.y) })
    return { edge: map.edges[i]!, points }
  })
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    groups: groups.map((group) => ({ group, box: boxes.get(`g_${group}`)! })),
    nodes: [...byId.values()].map((node) => ({ node, box: boxes.get(node.id)! })),
    edges,
  }
}

export const MAP_TEXT = { padding: PAD, groupTitle: GROUP_TITLE } as const
