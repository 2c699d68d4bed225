import type { SourceDetector } from '../../walk/detector.js'
import { aiPrompts } from './ai-prompts.js'
import { chatPayloads } from './chat-payloads.js'
import { classFields } from './class-fields.js'
import { cookieCalls } from './cookie-calls.js'
import { cookieHelpers } from './cookie-helpers.js'
import { cookieReads } from './cookie-reads.js'
import { cookieSettingCalls } from './cookie-setting-calls.js'
import { cookieOptions } from './cookie-options.js'
import { destructuredFields } from './destructured-fields.js'
import { documentCookie } from './document-cookie.js'
import { envReferences } from './env-references.js'
import { formControls } from './form-controls.js'
import { formFields } from './form-fields.js'
import { frameworkModules } from './framework-modules.js'
import { graphqlTemplates } from './graphql-templates.js'
import { hostsInStrings } from './hosts-in-strings.js'
import { imageUrls } from './image-urls.js'
import { imports } from './imports.js'
import { inlineScripts } from './inline-scripts.js'
import { inputDescriptors } from './input-descriptors.js'
import { jsxFormInputs } from './jsx-form-inputs.js'
import { knexTables } from './knex-tables.js'
import { libraryCookies } from './library-cookies.js'
import { outboundCalls } from './outbound-calls.js'
import { persistedStores } from './persisted-stores.js'
import { requestPayloads } from './request-payloads.js'
import { requestReads } from './request-reads.js'
import { schemaBuilders } from './schema-builders.js'
import { scriptElements } from './script-elements.js'
import { sdkStorage } from './sdk-storage.js'
import { serviceClients } from './service-clients.js'
import { setCookieHeaders } from './set-cookie-headers.js'
import { signInProviders } from './sign-in-providers.js'
import { sinkCalls } from './sink-calls.js'
import { snippetGlobals } from './snippet-globals.js'
import { storageKeys } from './storage-keys.js'
import { submittedFields } from './submitted-fields.js'
import { thisAssignments } from './this-assignments.js'
import { typeFields } from './type-fields.js'
import { urlArguments } from './url-arguments.js'
import { writtenObjects } from './written-objects.js'

/**
 * Every detector run on TS/JS syntax trees, in the order the walker calls them on a node. Add a detector here, and
 * nowhere else. The order matters only between detectors of the same node kind: `FileScan` keeps the first of two
 * identical findings, and a tracker (request-payloads) must see a declaration before its readers look it up.
 */
export const SOURCE_DETECTORS: readonly SourceDetector<unknown>[] = [
  imports,
  requestPayloads,
  cookieCalls,
  cookieHelpers,
  cookieReads,
  libraryCookies,
  cookieSettingCalls,
  documentCookie,
  setCookieHeaders,
  cookieOptions,
  sdkStorage,
  persistedStores,
  storageKeys,
  classFields,
  thisAssignments,
  typeFields,
  requestReads,
  submittedFields,
  destructuredFields,
  writtenObjects,
  formFields,
  formControls,
  knexTables,
  aiPrompts,
  envReferences,
  schemaBuilders,
  graphqlTemplates,
  signInProviders,
  frameworkModules,
  outboundCalls,
  urlArguments,
  hostsInStrings,
  scriptElements,
  snippetGlobals,
  inlineScripts,
  serviceClients,
  jsxFormInputs,
  inputDescriptors,
  sinkCalls,
  imageUrls,
  chatPayloads,
]
