import type { FileScan } from '../file-scan.js'

const URL_HOST = /(?:\b[a-z][a-z0-9+.-]*:)?\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi
const BARE_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i

/** Finds known vendor hostnames in a string literal: URLs anywhere in it, or the whole string as a host. */
export function detectHostsInString(scan: FileScan, text: string, at: { line: number; column: number }): void {
  if (text.length > 4096) return
  const hosts = new Set<string>()
  for (const m of text.matchAll(URL_HOST)) hosts.add(m[1]!.toLowerCase())
  if (hosts.size === 0 && BARE_HOST.test(text)) hosts.add(text.toLowerCase())
  for (const host of hosts) {
    const url = text.includes('//') ? text.slice(text.indexOf('//') + 2) : host
    const vendor = scan.rules.vendorForScriptUrl(url.startsWith(host) ? url : host) ?? scan.rules.vendorForHost(host)
    if (vendor) scan.vendor(vendor, at, 'hostname', `sends to ${host}`, host)
  }
}

/** `<script src>` / `<Script src>`: the vendor whose script URL (or host) it loads. */
export function detectScriptElement(scan: FileScan, src: string, at: { line: number; column: number }, tag: string): void {
  const vendor = scan.rules.vendorForScriptUrl(src)
  if (!vendor) return
  const shown = src.replace(/^[a-z]+:\/\//i, '').replace(/^\/\//, '').split(/[?#]/)[0]!
  scan.vendor(vendor, at, 'script-url', `<${tag} src="${shown}">`, shown)
}
