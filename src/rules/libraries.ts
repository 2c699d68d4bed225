import { tokenizeIdentifier } from '../scan/pii/tokenize.js'
import type { OutboundCalls, OutboundClient } from './library-schema.js'

/** No position: a method no client takes a URL in. */
const NONE: ReadonlySet<number> = new Set()

/** What the library rules say, indexed for the detectors: which callees reach a server, and which options name it. */
export class LibraryRules {
  private readonly byModule = new Map<string, OutboundClient[]>()
  private readonly byGlobal = new Map<string, OutboundClient>()
  private readonly hostOptions = new Set<string>()
  private readonly callHostOptions = new Set<string>()
  /** Keys of a request config handed to a call: its URL, and the method key that makes the object one. */
  readonly requestUrlKeys = new Set<string>()
  readonly requestMethodKeys = new Set<string>()
  private readonly urlTypes = new Set<string>()
  /** Vendor categories reached at a pasted-in webhook URL (rules/outbound `webhook_vendor_categories`). */
  readonly webhookCategories = new Set<string>()
  /** Webhook vendor names that are everyday words, and the words that make them mean the vendor. */
  readonly webhookEverydayNames = new Set<string>()
  readonly webhookNotifyWords = new Set<string>()
  /** Words that, after `default`, name a constant holding the app's default server (rules/outbound). */
  readonly defaultServerWords = new Set<string>()
  /** Words that make such a constant a former default, no longer used (`legacy`, `old`). */
  readonly formerDefaultWords = new Set<string>()
  private readonly publicDataHosts = new Set<string>()
  /** A browser extension's manifest (rules/outbound `extension_manifest`): files, inline keys, page and host keys. */
  private readonly manifestFiles = new Set<string>()
  readonly manifestKeys = new Set<string>()
  readonly manifestPageKeys = new Set<string>()
  readonly manifestPermissionKeys = new Set<string>()
  /** Modules that render markup into an e-mail (rules/outbound `email_template_modules`). */
  readonly emailTemplateModules = new Set<string>()
  /** Word sequences (as token arrays) that make a name a namespace (rules/outbound `namespace_names`). */
  private readonly namespaceEnding: string[][] = []
  private readonly namespaceAnywhere: string[][] = []
  /** By method name: the URL arguments a call of that method on an imported client can have (`clientUrlArguments`). */
  private readonly urlArgumentsByMethod = new Map<string, Set<number>>()

  constructor(outbound: readonly OutboundCalls[] = []) {
    for (const file of outbound) {
      for (const c of file.clients) {
        for (const m of c.modules) this.byModule.set(m, [...(this.byModule.get(m) ?? []), c])
        for (const g of c.globals) this.byGlobal.set(g, c)
      }
      for (const k of file.host_options) this.hostOptions.add(k)
      for (const k of file.call_host_options) this.callHostOptions.add(k)
      for (const k of file.request_config?.url ?? []) this.requestUrlKeys.add(k)
      for (const k of file.request_config?.method ?? []) this.requestMethodKeys.add(k)
      for (const k of file.url_types) this.urlTypes.add(k)
      for (const k of file.webhook_vendor_categories) this.webhookCategories.add(k)
      for (const k of file.webhook_everyday_names) this.webhookEverydayNames.add(k)
      for (const k of file.webhook_notify_words) this.webhookNotifyWords.add(k)
      for (const k of file.default_server_words) this.defaultServerWords.add(k)
      for (const k of file.former_default_words) this.formerDefaultWords.add(k)
      for (const k of file.public_data_hosts) this.publicDataHosts.add(k)
      const manifest = file.extension_manifest
      for (const k of manifest?.files ?? []) this.manifestFiles.add(k)
      for (const k of manifest?.keys ?? []) this.manifestKeys.add(k)
      for (const k of manifest?.page_keys ?? []) this.manifestPageKeys.add(k)
      for (const k of manifest?.permission_keys ?? []) this.manifestPermissionKeys.add(k)
      for (const m of file.email_template_modules) this.emailTemplateModules.add(m)
      for (const w of file.namespace_names?.ending ?? []) this.namespaceEnding.push(w.split(' '))
      for (const w of file.namespace_names?.anywhere ?? []) this.namespaceAnywhere.push(w.split(' '))
    }
    // `clientForImport` answers with the first client of a module that lists the method: only its URL argument counts.
    for (const clients of this.byModule.values()) {
      const seen = new Set<string>()
      for (const c of clients)
        for (const m of c.methods) {
          if (seen.has(m)) continue
          seen.add(m)
          if (c.url_argument === undefined) continue
          const at = this.urlArgumentsByMethod.get(m)
          if (at) at.add(c.url_argument)
          else this.urlArgumentsByMethod.set(m, new Set([c.url_argument]))
        }
    }
  }

  /**
   * The argument positions at which a call of `method` on some module's client takes its URL
   * (`clientForImport(module, method)?.url_argument` over every module): empty when no client's method of that name
   * takes one, so a call of it on an imported value can never be a request.
   */
  clientUrlArguments(method: string): ReadonlySet<number> {
    return this.urlArgumentsByMethod.get(method) ?? NONE
  }

  /** The client a callee imported from `module` belongs to, by the name called (`''` for the import itself). */
  clientForImport(module: string, method: string): OutboundClient | undefined {
    return this.byModule.get(module)?.find((c) => c.methods.includes(method))
  }

  /** The client of a callee used without an import (`fetch`, `navigator.sendBeacon`). */
  clientForGlobal(dotted: string): OutboundClient | undefined {
    return this.byGlobal.get(dotted)
  }

  /** Whether a file, by its path, is a browser extension's manifest or manifest config (`wxt.config.ts`). */
  isExtensionManifestFile(path: string): boolean {
    return this.manifestFiles.size > 0 && this.manifestFiles.has(path.slice(path.lastIndexOf('/') + 1))
  }

  /**
   * Whether a constant's or key's name makes its URL a namespace, never requested (`JWT_CLAIM_PATH`,
   * `PROVIDER_ID_SYSTEM_STRIPE`): its tokens end with an `ending` sequence or hold an `anywhere` one.
   */
  isNamespaceName(name: string): boolean {
    const tokens = tokenizeIdentifier(name)
    for (const seq of this.namespaceEnding) if (holdsAt(tokens, seq, tokens.length - seq.length)) return true
    for (const seq of this.namespaceAnywhere)
      for (let i = 0; i + seq.length <= tokens.length; i++) if (holdsAt(tokens, seq, i)) return true
    return false
  }

  /** Whether an object key names the server an SDK talks to, anywhere (`baseURL`, `api_host`, `serverUrl`). */
  isHostOption(key: string): boolean {
    return this.hostOptions.has(key)
  }

  /** Whether a type's string form is a URL a library fetches (`StyleSpecification`, a map style). */
  isUrlType(name: string): boolean {
    return this.urlTypes.has(name)
  }

  /** Whether a host is, or is under, a public registry, mirror or reference-data host (`ftp.debian.org`). */
  isPublicDataHost(host: string): boolean {
    for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) if (this.publicDataHosts.has(h)) return true
    return false
  }

  /** Whether an object key names a server when the object is passed straight to a call (`host`). */
  isCallHostOption(key: string): boolean {
    return this.callHostOptions.has(key)
  }
}

/** Whether `tokens` hold the word sequence `seq` starting at `at`. */
function holdsAt(tokens: readonly string[], seq: readonly string[], at: number): boolean {
  if (at < 0) return false
  for (let j = 0; j < seq.length; j++) if (tokens[at + j] !== seq[j]) return false
  return true
}
