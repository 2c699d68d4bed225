import { stringify } from 'csv-stringify/sync'
import type { Drift, Inventory } from '../model/types.js'
import { escapeControl } from '../util/text.js'
import { buildRecords, type RecordsInput, type VendorRecord } from './records.js'

/**
 * A record of processing activities (GDPR Art. 30) as a CSV a spreadsheet opens cleanly: UTF-8 with a BOM,
 * CRLF line ends, RFC 4180 quoting, and no cell that a spreadsheet would run as a formula. One row per personal
 * data category, cookie and vendor; what the code cannot tell (data subjects, most legal bases) says so.
 */

export const ROPA_COLUMNS = [
  'Record type',
  'Item',
  'Name',
  'Processing activity / purpose',
  'Data use (fideslang)',
  'Legal basis',
  'Data subjects',
  'Personal data categories',
  'Special category data',
  'Recipients',
  'Categories of recipients',
  'Third-country transfers',
  'Safeguards / DPA',
  'Retention',
  'Declared in privacy.yml',
  'Evidence',
  'Evidence count',
] as const

const TO_CONFIRM = 'to confirm'

/** Cells a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) start with an apostrophe instead. */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

const yesNo = (v: boolean | undefined): string => (v === undefined ? 'not checked' : v ? 'yes' : 'no')
const list = (items: readonly string[]): string => items.join('; ')

function recipientNames(ids: readonly string[], vendors: readonly VendorRecord[]): string[] {
  return ids.map((id) => {
    const v = vendors.find((x) => x.id === id)
    return v ? (v.legalEntity ?? v.name) : id
  })
}

/** The RoPA rows, header first (cells not yet neutralised). */
export function ropaRows(inventory: Inventory, drift: Drift | undefined, input: RecordsInput): string[][] {
  const r = buildRecords(inventory, drift, input)
  const purposeName = (key: string): string => input.rules.purposes.get(key)?.name ?? key
  const rows: string[][] = [[...ROPA_COLUMNS]]
  for (const c of r.categories) {
    const recipients = r.vendors.filter((v) => c.recipients.includes(v.id))
    rows.push([
      'personal data',
      c.key,
      c.name,
      c.purposes.length > 0 ? list(c.purposes.map(purposeName)) : TO_CONFIRM,
      list(c.purposes),
      c.legalBasis ?? TO_CONFIRM,
      `users of ${r.project} (${TO_CONFIRM})`,
      c.name,
      c.special ? 'yes (GDPR Art. 9/10)' : 'no',
      list(recipientNames(c.recipients, r.vendors)),
      list([...new Set(recipients.flatMap((v) => v.categories.map((x) => x.name)))]),
      list([...new Set(recipients.flatMap((v) => (v.country ? [v.country] : [])))]),
      '',
      c.retention ?? TO_CONFIRM,
      yesNo(c.declared),
      c.firstEvidence ?? '',
      String(c.evidence),
    ])
  }
  for (const c of r.cookies) {
    const vendor = c.vendor ? r.vendors.find((v) => v.id === c.vendor) : undefined
    rows.push([
      'cookie',
      c.name,
      c.name,
      c.purpose ? `${c.purpose} cookie` : TO_CONFIRM,
      c.purpose === 'strictly-necessary' ? 'functional.storage' : '',
      c.purpose === 'strictly-necessary' ? 'exempt from consent (strictly necessary)' : TO_CONFIRM,
      `visitors of ${r.project}`,
      'cookie identifier',
      'no',
      vendor ? (vendor.legalEntity ?? vendor.name) : (c.vendor ?? ''),
      vendor ? list(vendor.categories.map((x) => x.name)) : '',
      vendor?.country ?? '',
      '',
      c.duration ?? TO_CONFIRM,
      yesNo(c.declared),
      c.firstEvidence ?? '',
      String(c.evidence),
    ])
  }
  for (const v of r.vendors) {
    const categoryName = (key: string): string => input.rules.categories.get(key)?.name ?? key
    rows.push([
      v.kind,
      v.id,
      v.name,
      v.purpose ?? TO_CONFIRM,
      v.dataUse,
      TO_CONFIRM,
      `users of ${r.project} (${TO_CONFIRM})`,
      v.dataCategories.length > 0
        ? list(v.dataCategories.map(categoryName)) +
          (v.dataSource === 'vendor-rule' || v.dataSource === 'vendor-category'
            ? ` (typical for ${v.name}: ${TO_CONFIRM})`
            : '')
        : TO_CONFIRM,
      'no',
      v.legalEntity ?? v.name,
      list(v.categories.map((x) => x.name)),
      v.country ?? TO_CONFIRM,
      v.dpa ?? '',
      v.retention ?? TO_CONFIRM,
      yesNo(v.declared),
      v.firstEvidence ?? '',
      String(v.evidence),
    ])
  }
  return rows
}

/** The RoPA CSV text. */
export function renderRopa(inventory: Inventory, drift: Drift | undefined, input: RecordsInput): string {
  // Cells a person reads in a spreadsheet or a terminal: no formula, no escape sequence (tabs and line breaks
  // are cell content the CSV quoting carries).
  const cell = (c: string): string =>
    neutraliseFormula(
      c
        .split('\r')
        .map((part) => escapeControl(part, true))
        .join('\r'),
    )
  const rows = ropaRows(inventory, drift, input).map((row) => row.map(cell))
  return stringify(rows, { bom: true, record_delimiter: 'windows' })
}
