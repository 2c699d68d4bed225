import type { Inventory } from '../../src/model/types.js'

/** An empty inventory with the given parts filled in: the accuracy tests score hand-built inventories. */
export function inventory(parts: Partial<Inventory>): Inventory {
  return {
    files: 1,
    personalData: [],
    cookies: [],
    analytics: [],
    processors: [],
    flows: [],
    unusedDependencies: [],
    notes: [],
    ...parts,
  }
}
