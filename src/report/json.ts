import type { Drift, Inventory } from '../model/types.js'
import { jsonText } from './escape.js'
import { TOOL } from './version.js'

export const JSON_SCHEMA_VERSION = 1

/** The stable JSON report (DESIGN.md "--format json"), with drift when a manifest was compared. */
export function toJsonReport(inventory: Inventory, drift?: Drift): object {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { ...TOOL },
    summary: {
      files: inventory.files,
      personalData: inventory.personalData.length,
      cookies: inventory.cookies.length,
      analytics: inventory.analytics.length,
      processors: inventory.processors.length,
      flows: inventory.flows.length,
    },
    inventory: {
      personalData: inventory.personalData,
      cookies: inventory.cookies,
      analytics: inventory.analytics,
      processors: inventory.processors,
      flows: inventory.flows,
      unusedDependencies: inventory.unusedDependencies,
    },
    ...(drift
      ? {
          drift: {
            undeclared: drift.undeclared,
            stale: drift.stale,
            new: drift.new,
            covered: drift.covered,
            ...(drift.observedData ? { observedData: drift.observedData } : {}),
          },
        }
      : {}),
    notes: inventory.notes,
  }
}

/** The JSON report as text: two-space indent, trailing newline. */
export function renderJson(inventory: Inventory, drift?: Drift): string {
  return jsonText(toJsonReport(inventory, drift))
}
