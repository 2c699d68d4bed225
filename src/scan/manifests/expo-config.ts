import type { FileScan } from '../file-scan.js'
import { detectCalledUrl } from '../detectors/hosts.js'

/**
 * An Expo app config (`app.json`, `app.config.json`, with a top-level `expo` object): the config plugins it lists are
 * packages Expo loads into the native build (a vendor's plugin is a use of the vendor, no import needed), and
 * `updates.url` is the server the app fetches its code updates from, and `android.googleServicesFile` the project config
 * of the vendor SDK the native build includes (Firebase: its Cloud Messaging carries the app's push tokens on Android).
 * Other `app.json` files report nothing.
 */
export function readExpoConfig(scan: FileScan, text: string): void {
  let config: unknown
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    // Only a file that looks like an Expo config is worth a note: `app.json` names many other things.
    if (text.includes('"expo"'))
      scan.note(
        'warning',
        `${scan.path.slice(scan.path.lastIndexOf('/') + 1)} is not valid JSON (${(e as Error).message}); its Expo config was not read`,
      )
    return
  }
  const expo = isObject(config) ? config.expo : undefined
  if (!isObject(expo)) return
  const rules = scan.rules
  const plugins = Array.isArray(expo.plugins) ? expo.plugins : []
  for (const entry of plugins) {
    const name = typeof entry === 'string' ? entry : Array.isArray(entry) ? entry[0] : undefined
    if (typeof name !== 'string' || name.startsWith('.')) continue
    const at = positionOf(scan, text, name)
    const listed = rules.vendorForImport(name) ?? rules.vendorForPackage(name)
    const wrapper = listed ? undefined : rules.vendorForWrapperPackage(name)
    if (listed) scan.vendor(listed, at, 'import', `Expo loads the config plugin "${name}"`, name)
    else if (wrapper)
      scan.vendor(
        wrapper.vendor,
        at,
        'import',
        `Expo loads the config plugin "${name}", a package named after ${wrapper.vendor.name} ("${wrapper.token}")`,
        name,
        'medium',
      )
  }
  // `android.googleServicesFile`: the native build reads the vendor SDK's project config from that file.
  for (const platform of ['android', 'ios']) {
    const file = isObject(expo[platform])
      ? (expo[platform] as Record<string, unknown>).googleServicesFile
      : undefined
    if (typeof file !== 'string') continue
    const vendor = rules.vendorForConfigFile(file.slice(file.lastIndexOf('/') + 1))
    if (vendor)
      scan.vendor(
        vendor,
        positionOf(scan, text, file),
        'manifest',
        `the ${platform} app is built with ${file}`,
        file,
        'medium',
      )
  }
  const updates = expo.updates
  if (isObject(updates) && typeof updates.url === 'string' && updates.enabled !== false)
    detectCalledUrl(
      scan,
      updates.url,
      positionOf(scan, text, updates.url),
      'the app fetches its updates from',
      'outbound.expo-updates',
    )
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Where a JSON string value first appears (its quotes included), or the start of the file. */
function positionOf(scan: FileScan, text: string, value: string): { line: number; column: number } {
  const at = text.indexOf(JSON.stringify(value))
  return scan.positionAt(Math.max(0, at))
}
