import type { ItemKind } from '../model/types.js'

/** Human names of the kinds, singular and plural. */
export const KIND_LABEL: Record<ItemKind, { one: string; many: string }> = {
  personalData: { one: 'personal data', many: 'Personal data' },
  cookie: { one: 'cookie', many: 'Cookies' },
  analytics: { one: 'analytics', many: 'Analytics' },
  processor: { one: 'processor', many: 'Processors' },
  flow: { one: 'data flow', many: 'Data flows' },
}

export const KIND_ORDER: readonly ItemKind[] = ['personalData', 'cookie', 'analytics', 'processor', 'flow']

/** "1 item" / "3 items" */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}
