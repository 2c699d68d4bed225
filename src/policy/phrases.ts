/**
 * Our own policy wording: how a privacy policy names data categories, recipient categories, cookie purposes
 * and vendors. Written for privacy-drift from the taxonomy and common policy language; no third-party data.
 */
import type { CookiePurpose } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'

/** How a policy names each data category: lower case, acronyms kept ("IP address"). */
export const CATEGORY_WORDING: Record<string, string> = {
  system: 'system data',
  'system.authentication': 'authentication data',
  'system.operations': 'operations data',
  user: 'personal data',
  'user.account': 'account information',
  'user.account.settings': 'account settings',
  'user.account.username': 'username',
  'user.authorization': 'login credentials',
  'user.authorization.credentials': 'login credentials',
  'user.authorization.biometric': 'biometric login data',
  'user.authorization.password': 'password',
  'user.behavior': 'usage data',
  'user.behavior.browsing_history': 'browsing history',
  'user.behavior.media_consumption': 'viewing history',
  'user.behavior.purchase_history': 'purchase history',
  'user.behavior.search_history': 'search history',
  'user.behavior.session_replay': 'session recordings',
  'user.biometric': 'biometric data',
  'user.biometric.fingerprint': 'fingerprints',
  'user.biometric.health': 'biometric health data',
  'user.biometric.retinal': 'retina scans',
  'user.biometric.voice': 'voice recordings',
  'user.childrens': "children's data",
  'user.contact': 'contact details',
  'user.contact.address': 'postal address',
  'user.contact.address.city': 'city',
  'user.contact.address.country': 'country',
  'user.contact.address.postal_code': 'postal code',
  'user.contact.address.state': 'state or region',
  'user.contact.address.street': 'street address',
  'user.contact.email': 'email address',
  'user.contact.fax_number': 'fax number',
  'user.contact.organization': 'organization',
  'user.contact.phone_number': 'phone number',
  'user.contact.url': 'social media profiles',
  'user.content': 'content you create',
  'user.content.ai_prompt': 'AI prompts',
  'user.content.private': 'private messages',
  'user.content.public': 'public posts',
  'user.content.self_image': 'photos of you',
  'user.demographic': 'demographic information',
  'user.demographic.age_range': 'age',
  'user.demographic.date_of_birth': 'date of birth',
  'user.demographic.gender': 'gender',
  'user.demographic.language': 'language',
  'user.demographic.marital_status': 'marital status',
  'user.demographic.political_opinion': 'political opinions',
  'user.demographic.profile': 'profile information',
  'user.demographic.race_ethnicity': 'racial or ethnic origin',
  'user.demographic.religious_belief': 'religious beliefs',
  'user.demographic.sexual_orientation': 'sexual orientation',
  'user.device': 'device information',
  'user.device.advertising_id': 'advertising identifier',
  'user.device.cookie': 'cookie data',
  'user.device.cookie_id': 'cookie identifiers',
  'user.device.device_id': 'device identifier',
  'user.device.ip_address': 'IP address',
  'user.device.user_agent': 'browser type',
  'user.financial': 'financial information',
  'user.financial.bank_account': 'bank account details',
  'user.financial.credit_card': 'payment card details',
  'user.financial.income': 'income',
  'user.government_id': 'government ID',
  'user.government_id.birth_certificate': 'birth certificate',
  'user.government_id.drivers_license_number': "driver's licence number",
  'user.government_id.immigration': 'immigration status',
  'user.government_id.national_identification_number': 'national identification number',
  'user.government_id.passport_number': 'passport number',
  'user.government_id.vehicle_registration': 'vehicle registration',
  'user.health_and_medical': 'health information',
  'user.health_and_medical.genetic': 'genetic data',
  'user.health_and_medical.insurance_beneficiary_id': 'health insurance number',
  'user.health_and_medical.record_id': 'medical record number',
  'user.location': 'location',
  'user.location.imprecise': 'approximate location',
  'user.location.precise': 'precise location',
  'user.name': 'name',
  'user.name.first': 'first name',
  'user.name.last': 'last name',
  'user.payment': 'payment details',
  'user.privacy_preferences': 'privacy preferences',
  'user.criminal_history': 'criminal records',
  'user.job_title': 'job title',
  'user.workplace': 'employer',
  'user.social': 'social connections',
  'user.unique_id': 'user ID',
  'user.unique_id.pseudonymous': 'pseudonymous identifier',
  'user.telemetry': 'diagnostic data',
  'user.sensor': 'sensor data',
  'user.user_sensor': 'environment sensor data',
}

/** The policy wording of a data category; for keys we have no wording for, the taxonomy name cleaned up. */
export function categoryWording(key: string, rules?: RuleSet): string {
  const known = CATEGORY_WORDING[key]
  if (known) return known
  const name =
    rules?.categories.get(key)?.name ??
    key
      .split('.')
      .pop()!
      .replace(/^x[-_]/, '')
      .replace(/_/g, ' ')
  return lowerWords(
    name.replace(/^(User|Subject)('s)?\s+(Contact\s+)?/i, '').replace(/\s+(Data|Information)$/i, (m) => m),
  )
}

/** Lower-cases words but keeps acronyms (ID, IP, AI, URL). */
export function lowerWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => (/^[A-Z0-9]{2,}s?$/.test(w) ? w : w.toLowerCase()))
    .join('')
}

/** Why a special category is special, for the sentence that flags it. */
export type SpecialKind = 'art9' | 'art10' | 'children' | 'government' | 'sensitive'

/** The kind of special data a category is (GDPR Art. 9/10, children's data, government identifiers), if any. */
export function specialKind(key: string, rules?: RuleSet): SpecialKind | undefined {
  const is = (prefix: string): boolean => key === prefix || key.startsWith(prefix + '.')
  if (is('user.criminal_history')) return 'art10'
  if (is('user.childrens')) return 'children'
  if (is('user.government_id')) return 'government'
  if (
    is('user.biometric') ||
    is('user.authorization.biometric') ||
    is('user.health_and_medical') ||
    is('user.demographic.political_opinion') ||
    is('user.demographic.race_ethnicity') ||
    is('user.demographic.religious_belief') ||
    is('user.demographic.sexual_orientation')
  )
    return 'art9'
  return rules?.categories.get(key)?.special ? 'sensitive' : undefined
}

/**
 * Policy phrases for data categories beyond the taxonomy's `synonyms` (which stay the main source): the
 * wording real policies use that the taxonomy does not list.
 */
export const EXTRA_DATA_PHRASES: Record<string, string[]> = {
  'user.name': ['display name'],
  'user.unique_id': ['account identifier', 'user identifier', 'customer identifier'],
  'user.contact.url': ['social links', 'social media links'],
  'user.account': [
    'account registration details',
    'registration details',
    'account data',
    'account information',
    'secure account',
    'user accounts',
  ],
  'user.authorization.credentials': [
    'account login credentials',
    'login details',
    'sign-in credentials',
    'one-time password',
    'otp',
  ],
  'user.authorization.password': ['account passwords'],
  'user.behavior': [
    'app usage data',
    'usage data',
    'usage patterns',
    'features used',
    'actions taken',
    'how you interact',
    'how users interact',
    'frequency and duration of your access',
    'duration of your access',
  ],
  'user.behavior.browsing_history': [
    'pages visited',
    'navigation paths',
    'pages you view',
    'items you view',
    'time spent on pages',
  ],
  'user.behavior.purchase_history': [
    'booking and order information',
    'order information',
    'purchasing patterns',
    'purchase information',
    'order details',
    'booking information',
    'order invoice value',
    'booking and transaction records',
  ],
  'user.contact.address': [
    'delivery address',
    'shipping address',
    'mailing address',
    'postal address',
    'billing address',
  ],
  'user.contact.address.postal_code': ['zip/postal code', 'pin code', 'pincode'],
  'user.contact.address.state': ['state', 'province'],
  'user.contact.email': ['email id'],
  'user.contact.organization': ['business information', 'business details', 'company details'],
  'user.contact.phone_number': ['mobile phone', 'contact number', 'whatsapp number'],
  'user.content': ['content you create, upload', 'content you create', 'uploaded media', 'media files'],
  'user.content.private': [
    'messages and communications',
    'message content',
    'support requests',
    'support communications',
    'communications you send us',
    'contact form data',
    'customer support messages',
    'inquiries',
  ],
  'user.content.public': ['user-generated content', 'listings', 'public interactions'],
  'user.content.self_image': ['photo', 'profile photo'],
  'user.demographic.profile': [
    'profile details',
    'profile information',
    'bio',
    'usage preferences',
    'jewelry preferences',
    'your preferences',
  ],
  'user.device': ['device type', 'device information', 'hardware model', 'technical data', 'device'],
  'user.device.device_id': ['unique device identifiers'],
  'user.device.ip_address': ['ip address'],
  'user.device.user_agent': ['browser type', 'operating system', 'browser'],
  'user.financial': ['financial information', 'financial data', 'payment instrument details'],
  'user.financial.bank_account': [
    'bank account details',
    'ifsc code',
    'upi id',
    'bank account/upi details',
    'bank details',
  ],
  'user.financial.credit_card': ['credit/debit card details', 'card details', 'debit card details'],
  'user.job_title': ['profession', 'job title'],
  'user.location': ['geographical location', 'geographic location'],
  'user.payment': [
    'payment information',
    'payment status',
    'transaction references',
    'transaction status',
    'payment instrument details',
    'transaction records',
    'payment confirmations',
    'billing records',
  ],
  'user.telemetry': ['log data', 'error reports', 'crash reports', 'timestamps'],
}

/**
 * Single words that are specific enough to name their category anywhere a policy talks about data
 * (the other single words need a list of data around them).
 */
export const STRONG_SINGLE_WORDS = new Set([
  'email',
  'e-mail',
  'password',
  'passwords',
  'username',
  'birthday',
  'birthdate',
  'passport',
  'iban',
  'ssn',
  'gps',
  'idfa',
  'biometrics',
  'ethnicity',
  'sexuality',
  'genome',
  'dna',
  'faceprint',
  'selfie',
  'avatar',
  'surname',
  'forename',
])

/** Category phrases that describe the cookie or tracking technology itself: handled by the cookies section. */
export const COOKIE_DATA_CATEGORIES = new Set(['user.device.cookie', 'user.device.cookie_id'])

/** How a policy names a category of recipients, and what such recipients do. */
export interface RecipientCategoryWords {
  /** Words before a provider noun ("payment" → "payment gateways", "payment service providers"). */
  words: string[]
  /** Phrases that name the category on their own in a sharing context ("website analytics", "remarketing"). */
  bare?: string[]
  /** Plural noun for reports ("payment processors"). */
  noun: string
  /** Sentence fragment when the vendor rule has no purpose. */
  purpose: string
}

/** Recipient categories (rules/taxonomy/vendor-categories.yaml keys) as policies word them. */
export const RECIPIENT_CATEGORY_WORDS: Record<string, RecipientCategoryWords> = {
  analytics: {
    words: ['analytics', 'web analytics', 'website analytics', 'measurement', 'audience measurement'],
    bare: ['website analytics', 'web analytics', 'third-party analytics'],
    noun: 'analytics providers',
    purpose: 'to measure how visitors use the site',
  },
  'product-analytics': {
    words: ['product analytics'],
    bare: ['product analytics'],
    noun: 'product analytics providers',
    purpose: 'to understand how people use the product',
  },
  'session-replay': {
    words: ['session replay', 'session recording'],
    bare: ['session replay', 'session recordings'],
    noun: 'session-replay providers',
    purpose: 'to record and replay user sessions',
  },
  heatmaps: {
    words: ['heatmap', 'heatmapping'],
    bare: ['heatmaps'],
    noun: 'heatmap tools',
    purpose: 'to build heatmaps of how people use the site',
  },
  cdp: {
    words: ['customer data platform', 'customer data'],
    noun: 'customer data platforms',
    purpose: 'to collect product events and forward them to other tools',
  },
  'tag-manager': {
    words: ['tag management', 'tag manager'],
    bare: ['tag managers'],
    noun: 'tag managers',
    purpose: 'to load marketing and analytics tags',
  },
  advertising: {
    words: [
      'advertising',
      'ad',
      'ads',
      'digital marketing',
      'targeted marketing',
      'online advertising',
      'marketing and advertising',
    ],
    bare: ['advertising partners', 'digital marketing', 'targeted advertising', 'targeted marketing'],
    noun: 'advertising partners',
    purpose: 'to measure and target advertising',
  },
  attribution: {
    words: ['attribution', 'mobile measurement'],
    noun: 'attribution providers',
    purpose: 'to attribute installs to marketing campaigns',
  },
  retargeting: {
    words: ['retargeting', 'remarketing'],
    bare: ['retargeting', 'remarketing'],
    noun: 'retargeting partners',
    purpose: 'to show you ads on other sites',
  },
  experimentation: {
    words: ['a/b testing', 'experimentation'],
    bare: ['a/b testing'],
    noun: 'experimentation tools',
    purpose: 'to run experiments',
  },
  'error-monitoring': {
    words: ['error monitoring', 'error tracking', 'crash reporting', 'bug tracking'],
    bare: ['error monitoring', 'crash reporting'],
    noun: 'error-monitoring services',
    purpose: 'to monitor errors',
  },
  apm: {
    words: ['performance monitoring', 'application monitoring', 'monitoring', 'observability'],
    bare: ['performance monitoring'],
    noun: 'performance-monitoring services',
    purpose: 'to monitor performance',
  },
  logging: {
    words: ['log management', 'logging'],
    bare: ['log management'],
    noun: 'log-management services',
    purpose: 'to store and analyse logs',
  },
  payments: {
    words: ['payment', 'payments', 'payment processing', 'card processing', 'payment service'],
    bare: [
      'payment processing',
      'payment gateway',
      'payment gateways',
      'payment processors',
      'payment providers',
    ],
    noun: 'payment processors',
    purpose: 'to process payments',
  },
  billing: {
    words: ['billing', 'subscription billing', 'subscription management'],
    noun: 'billing providers',
    purpose: 'to manage subscriptions and billing',
  },
  'email-transactional': {
    words: ['email', 'e-mail', 'email delivery', 'transactional email'],
    bare: ['email communications', 'transactional email'],
    noun: 'email service providers',
    purpose: 'to send email',
  },
  'email-marketing': {
    words: ['email marketing', 'newsletter', 'mailing list'],
    bare: ['email marketing', 'newsletter service'],
    noun: 'email marketing providers',
    purpose: 'to send newsletters and marketing email',
  },
  sms: {
    words: ['sms', 'text message', 'text messaging', 'sms gateway'],
    bare: ['sms gateways', 'sms gateway'],
    noun: 'SMS providers',
    purpose: 'to send text messages',
  },
  voice: {
    words: ['telephony', 'voice', 'calling'],
    noun: 'telephony providers',
    purpose: 'to make and receive calls',
  },
  push: {
    words: ['push notification', 'push'],
    noun: 'push notification services',
    purpose: 'to send push notifications',
  },
  notifications: {
    words: ['notification', 'notifications'],
    noun: 'notification services',
    purpose: 'to deliver notifications',
  },
  realtime: {
    words: ['realtime messaging', 'real-time messaging', 'realtime'],
    noun: 'realtime messaging services',
    purpose: 'to deliver realtime messages',
  },
  messaging: {
    words: ['team messaging', 'team chat', 'chat platform', 'collaboration'],
    noun: 'team messaging platforms',
    purpose: 'to notify our team',
  },
  auth: {
    words: [
      'authentication',
      'login',
      'log-in',
      'sign-in',
      'single sign-on',
      'identity',
      'oauth',
      'social media login',
      'social login',
    ],
    bare: ['social media login', 'social login', 'single sign-on'],
    noun: 'authentication providers',
    purpose: 'to sign you in',
  },
  'identity-verification': {
    words: ['identity verification', 'id verification', 'kyc', 'know your customer'],
    bare: ['identity verification', 'kyc'],
    noun: 'identity verification providers',
    purpose: 'to verify your identity',
  },
  'fraud-prevention': {
    words: ['fraud prevention', 'fraud detection', 'anti-fraud', 'fraud'],
    bare: ['fraud prevention', 'fraud detection'],
    noun: 'fraud-prevention services',
    purpose: 'to prevent fraud',
  },
  captcha: {
    words: ['captcha', 'bot protection', 'bot detection'],
    bare: ['captcha'],
    noun: 'bot-protection services',
    purpose: 'to protect forms from bots',
  },
  crm: {
    words: ['crm', 'customer relationship management'],
    bare: ['customer relationship management'],
    noun: 'CRM providers',
    purpose: 'to manage customer relationships',
  },
  'support-chat': {
    words: [
      'customer support',
      'customer service',
      'support',
      'help desk',
      'helpdesk',
      'live chat',
      'customer care',
    ],
    bare: ['customer support', 'customer service', 'live chat', 'help desk'],
    noun: 'customer support tools',
    purpose: 'to provide customer support',
  },
  'marketing-automation': {
    words: ['marketing automation'],
    bare: ['marketing automation'],
    noun: 'marketing automation providers',
    purpose: 'to send automated marketing messages',
  },
  forms: {
    words: ['form', 'forms', 'survey', 'surveys', 'form builder'],
    noun: 'form and survey services',
    purpose: 'to collect form responses',
  },
  scheduling: {
    words: ['scheduling', 'calendar', 'appointment scheduling'],
    noun: 'scheduling services',
    purpose: 'to schedule meetings',
  },
  'ai-llm': {
    words: [
      'ai',
      'artificial intelligence',
      'large language model',
      'llm',
      'generative ai',
      'machine learning',
    ],
    noun: 'AI providers',
    purpose: 'to generate AI responses',
  },
  'ai-speech': {
    words: ['speech recognition', 'transcription', 'text-to-speech'],
    noun: 'speech services',
    purpose: 'to transcribe and synthesise speech',
  },
  'vector-db': {
    words: ['vector database', 'vector search'],
    noun: 'vector databases',
    purpose: 'to store and search embeddings',
  },
  'cloud-storage': {
    words: ['cloud storage', 'file storage', 'storage', 'data storage'],
    bare: ['cloud storage'],
    noun: 'cloud storage providers',
    purpose: 'to store files',
  },
  'file-upload': {
    words: ['file upload', 'file uploads', 'media hosting'],
    noun: 'file upload services',
    purpose: 'to upload and deliver files',
  },
  'database-hosting': {
    words: ['database', 'database hosting', 'managed database'],
    bare: ['database hosting'],
    noun: 'database hosting providers',
    purpose: 'to host our database',
  },
  'cache-hosting': { words: ['caching', 'cache'], noun: 'cache hosting providers', purpose: 'to cache data' },
  search: { words: ['search', 'site search'], noun: 'search services', purpose: 'to provide search' },
  maps: { words: ['maps', 'mapping', 'geocoding', 'map'], noun: 'maps providers', purpose: 'to show maps' },
  'feature-flags': {
    words: ['feature flag', 'feature flagging', 'feature management'],
    noun: 'feature-flag services',
    purpose: 'to roll out features',
  },
  cms: {
    words: ['content management', 'cms'],
    noun: 'content management systems',
    purpose: 'to manage website content',
  },
  video: {
    words: ['video', 'video hosting', 'video streaming'],
    noun: 'video platforms',
    purpose: 'to host and stream video',
  },
  social: {
    words: ['social media', 'social network', 'social networking', 'social networks'],
    bare: ['social networking platforms', 'social media platforms', 'social networks'],
    noun: 'social networks',
    purpose: 'to connect with social networks',
  },
  'consent-management': {
    words: ['consent management', 'cookie consent'],
    bare: ['consent management platform'],
    noun: 'consent management platforms',
    purpose: 'to record your consent choices',
  },
  cdn: {
    words: ['cdn', 'content delivery', 'content delivery network'],
    bare: ['content delivery network', 'content delivery networks'],
    noun: 'content delivery networks',
    purpose: 'to deliver the site quickly and securely',
  },
  hosting: {
    words: [
      'hosting',
      'web hosting',
      'cloud hosting',
      'server hosting',
      'website hosting',
      'it infrastructure',
      'infrastructure',
    ],
    bare: ['cloud hosting', 'web hosting', 'hosting providers', 'it infrastructure'],
    noun: 'hosting providers',
    purpose: 'to host the service',
  },
  shipping: {
    words: [
      'shipping',
      'logistics',
      'delivery',
      'courier',
      'mail',
      'postal',
      'parcel',
      'fulfilment',
      'fulfillment',
    ],
    bare: [
      'logistics partners',
      'courier partners',
      'logistics & mail carriers',
      'mail carriers',
      'shipping carriers',
    ],
    noun: 'shipping and logistics partners',
    purpose: 'to deliver your orders',
  },
  productivity: {
    words: ['productivity', 'workspace', 'collaboration tool'],
    noun: 'productivity tools',
    purpose: 'to organise our work',
  },
  cloud: {
    words: ['cloud', 'cloud service', 'cloud computing', 'cloud infrastructure', 'cloud platform'],
    bare: ['cloud servers', 'cloud service providers', 'cloud providers', 'cloud infrastructure'],
    noun: 'cloud platforms',
    purpose: 'to run our infrastructure',
  },
}

/** Nouns after category words that make a phrase name recipients ("payment gateways", "logistics partners"). */
export const STRONG_PROVIDER_NOUNS = [
  'providers',
  'provider',
  'partners',
  'partner',
  'processors',
  'processor',
  'vendors',
  'vendor',
  'companies',
  'company',
  'gateways',
  'gateway',
  'carriers',
  'carrier',
  'agencies',
  'agency',
  'networks',
  'network',
  'service providers',
]
/** Nouns that name recipients only in a sharing context ("analytics tools", "cloud servers"). */
export const WEAK_PROVIDER_NOUNS = [
  'services',
  'service',
  'tools',
  'tool',
  'platforms',
  'platform',
  'software',
  'solutions',
  'channels',
  'communications',
  'infrastructure',
  'servers',
  'technologies',
  'systems',
  'firms',
  'consultants',
  'apis',
  'sdks',
]

/** How a policy words each cookie purpose, and which phrases in a cookie statement point to it. */
export const COOKIE_PURPOSE_WORDS: Record<CookiePurpose, { adjective: string; why: string; cues: RegExp }> = {
  'strictly-necessary': {
    adjective: 'strictly necessary',
    why: 'to keep the site working, for example to keep you signed in',
    cues: /\b(strictly necessary|essential cookies?|necessary cookies?|user sessions?|sessions?|keep you (?:signed|logged) in|(?:sign|log)(?:ged)? ?in|authenticat\w*|shopping (?:cart|basket)|your (?:cart|basket))\b/i,
  },
  functional: {
    adjective: 'functional',
    why: 'to provide features you ask for and remember your choices',
    cues: /\b(functionality|functional|customi[sz]e|customi[sz]ation|personali[sz]ed recommendations)\b/i,
  },
  preferences: {
    adjective: 'preference',
    why: 'to remember your settings, such as language or currency',
    cues: /\b(preferences?|remember (?:your|user) (?:settings|choices)|language settings|currency)\b/i,
  },
  analytics: {
    adjective: 'analytics',
    why: 'to understand how visitors use the site',
    cues: /\b(analytics|analy[sz]e|analy[sz]ing|usage patterns|statistics|statistical|how (?:users|visitors|you) (?:use|interact)|performance|measure|measurement|monitor usage)\b/i,
  },
  marketing: {
    adjective: 'marketing',
    why: 'to measure and personalise advertising',
    cues: /\b(advertis\w*|marketing|remarketing|retargeting|targeted ads?|ad networks?)\b/i,
  },
  security: {
    adjective: 'security',
    why: 'to protect your account and prevent fraud',
    cues: /\b(security|fraud|protect\w*|abuse)\b/i,
  },
}

/** Extra names a policy may use for a vendor rule (beyond its name and legal entity). */
export const EXTRA_VENDOR_ALIASES: Record<string, string[]> = {
  'meta-pixel': [
    'Facebook Pixel',
    'Meta Pixel',
    'Facebook Conversions API',
    'Meta Conversions API',
    'Facebook Ads',
    'Meta Ads',
    'Instagram Ads',
  ],
  'google-analytics': ['Google Analytics 4', 'GA4', 'Universal Analytics'],
  'google-ads': [
    'Google AdWords',
    'AdWords',
    'DoubleClick',
    'Google Ad Manager',
    'Google AdSense',
    'AdSense',
  ],
  'google-tag-manager': ['Google Tag Manager'],
  'google-identity': ['Google Sign-In', 'Sign in with Google', 'Google Login'],
  'google-maps': ['Google Maps'],
  'google-gemini': ['Google Gemini', 'Gemini API', 'Vertex AI'],
  'google-cloud-storage': ['Google Cloud Storage'],
  'google-cloud-data': ['Firestore', 'BigQuery'],
  firebase: ['Firebase'],
  recaptcha: ['reCAPTCHA', 'Google reCAPTCHA'],
  'x-ads': ['Twitter Pixel', 'Twitter Ads', 'X Pixel', 'X Ads'],
  'linkedin-insight': ['LinkedIn Insight Tag', 'LinkedIn Ads', 'LinkedIn Insight'],
  'tiktok-pixel': ['TikTok Pixel', 'TikTok Ads', 'TikTok Events API'],
  'snap-pixel': ['Snap Pixel', 'Snapchat Pixel', 'Snapchat Ads'],
  'reddit-pixel': ['Reddit Pixel', 'Reddit Ads'],
  'microsoft-advertising': ['Microsoft Advertising', 'Bing Ads', 'Microsoft Ads'],
  'microsoft-clarity': ['Microsoft Clarity'],
  'azure-openai': ['Azure OpenAI'],
  'azure-monitor': ['Application Insights', 'Azure Monitor'],
  'azure-blob-storage': ['Azure Blob Storage', 'Azure Storage'],
  'aws-s3': ['Amazon S3', 'AWS S3'],
  'aws-ses': ['Amazon SES', 'AWS SES'],
  'aws-sns': ['Amazon SNS', 'AWS SNS'],
  'aws-cognito': ['Amazon Cognito', 'AWS Cognito'],
  'aws-bedrock': ['Amazon Bedrock', 'AWS Bedrock'],
  'vercel-analytics': ['Vercel Analytics', 'Vercel Web Analytics', 'Vercel Speed Insights'],
  'vercel-blob': ['Vercel Blob'],
  'hugging-face': ['HuggingFace'],
  messagebird: ['MessageBird'],
  sendgrid: ['SendGrid'],
  mandrill: ['Mandrill'],
  'cal-com': ['Cal.com'],
  'tawk-to': ['tawk.to', 'Tawk.to'],
  freshworks: ['Freshworks', 'Freshdesk', 'Freshchat', 'Freshsales'],
  'customer-io': ['Customer.io'],
  'checkout-com': ['Checkout.com'],
  'new-relic': ['New Relic'],
  'cloudflare-turnstile': ['Cloudflare Turnstile', 'Turnstile'],
  fathom: ['Fathom Analytics'],
  plausible: ['Plausible Analytics'],
  'lemon-squeezy': ['Lemon Squeezy', 'LemonSqueezy'],
  'better-stack': ['Better Stack', 'BetterStack', 'Logtail'],
  'grafana-faro': ['Grafana Faro', 'Grafana Cloud'],
  'elastic-apm': ['Elastic APM'],
  'mongodb-atlas': ['MongoDB Atlas', 'MongoDB'],
}

/**
 * Vendor names that are ordinary English words. In policy text they count as the vendor only when written
 * with a capital letter mid-sentence and next to words about what the vendor does (or its legal name).
 */
export const AMBIGUOUS_NAMES = new Set([
  'square',
  'front',
  'drift',
  'notion',
  'segment',
  'loops',
  'heap',
  'split',
  'magic',
  'sanity',
  'knock',
  'courier',
  'persona',
  'crisp',
  'fathom',
  'plausible',
  'replicate',
  'resend',
  'unleash',
  'fingerprint',
  'branch',
  'adjust',
  'highlight',
  'sentry',
  'slack',
  'discord',
  'cohere',
  'mistral',
  'paddle',
  'clerk',
  'amplitude',
  'intercom',
  'pinecone',
  'plaid',
  'snowplow',
  'postmark',
  'bird',
  'ably',
  'pusher',
  'neon',
  'axiom',
  'umami',
  'braze',
  'block',
  'text',
  'contentful',
  'honeybadger',
  'turnstile',
  'anthropic',
  'together',
  'clarity',
  'gemini',
  'x',
  // marketing, analytics and communication vendors named by ordinary words
  'june',
  'dub',
  'tally',
  'drip',
  'bento',
  'canny',
  'beamer',
  'headway',
  'loom',
  'refiner',
  'sprig',
  'stamped',
  'attentive',
  'koala',
  'cabin',
  'delighted',
  'pylon',
  'chameleon',
  'bandwidth',
  'airship',
  'plunk',
  'singular',
  'iterable',
  'utterances',
  'simple analytics',
  // identity, payments, AI and infrastructure vendors named with ordinary words
  'box',
  'line',
  'daily',
  'medium',
  'linear',
  'polar',
  'zoom',
  'kick',
  'railway',
  'dynamic',
  'castle',
  'orb',
  'autumn',
  'metronome',
  'radar',
  'convex',
  'instant',
  'turnkey',
  'privy',
  'agora',
  'cosmic',
  'make',
  'human',
  'footprint',
  'wasabi',
  'tigris',
  'unstructured',
  'perplexity',
  'honeycomb',
  'stream',
  'hatchet',
])

/** Recipients that policies name but privacy-drift has no vendor rule for, with the category they belong to. */
export interface KnownRecipient {
  name: string
  aliases: string[]
  /** Recipient category when the text gives no better one; undefined when it depends on the context. */
  category?: string
  /** Vendor rules of the same company: declaring one of them declares this name. */
  vendors?: string[]
  /** The name is a common word or an acronym: needs a capital letter and context. */
  ambiguous?: boolean
}

export const KNOWN_RECIPIENTS: KnownRecipient[] = [
  { name: 'Shopify', aliases: ['Shopify Inc.', 'Shopify Payments'], category: 'hosting' },
  { name: 'WooCommerce', aliases: [], category: 'hosting' },
  { name: 'BigCommerce', aliases: [], category: 'hosting' },
  { name: 'Wix', aliases: ['Wix.com'], category: 'hosting' },
  { name: 'Squarespace', aliases: [], category: 'hosting' },
  { name: 'WordPress.com', aliases: [], category: 'hosting' },
  { name: 'Netlify', aliases: [], category: 'hosting' },
  { name: 'Heroku', aliases: [], category: 'hosting' },
  { name: 'DigitalOcean', aliases: ['Digital Ocean'], category: 'hosting' },
  { name: 'Hetzner', aliases: [], category: 'hosting' },
  { name: 'OVHcloud', aliases: ['OVH'], category: 'hosting' },
  { name: 'Linode', aliases: ['Akamai Cloud'], category: 'hosting' },
  {
    name: 'Vercel',
    aliases: ['Vercel Inc.'],
    category: 'hosting',
    vendors: ['vercel-analytics', 'vercel-blob', 'vercel-ai-gateway'],
  },
  { name: 'Cloudflare', aliases: ['Cloudflare, Inc.'], category: 'cdn', vendors: ['cloudflare-turnstile'] },
  { name: 'Akamai', aliases: [], category: 'cdn' },
  { name: 'Fastly', aliases: [], category: 'cdn' },
  {
    name: 'Amazon Web Services',
    aliases: ['AWS', 'Amazon Web Services, Inc.'],
    category: 'cloud',
    vendors: ['aws-s3', 'aws-ses', 'aws-sns', 'aws-cognito', 'aws-bedrock'],
  },
  {
    name: 'Google Cloud',
    aliases: ['Google Cloud Platform', 'GCP'],
    category: 'cloud',
    vendors: ['google-cloud-storage', 'google-cloud-data', 'google-gemini', 'firebase'],
  },
  {
    name: 'Google',
    aliases: ['Google LLC', 'Google Ireland Limited'],
    vendors: [
      'google-analytics',
      'google-ads',
      'google-tag-manager',
      'google-identity',
      'google-maps',
      'google-gemini',
      'google-cloud-storage',
      'google-cloud-data',
      'firebase',
      'recaptcha',
    ],
  },
  {
    name: 'Microsoft Azure',
    aliases: ['Azure'],
    category: 'cloud',
    vendors: ['azure-openai', 'azure-monitor', 'azure-blob-storage'],
  },
  {
    name: 'Microsoft',
    aliases: ['Microsoft Corporation'],
    vendors: [
      'azure-openai',
      'azure-monitor',
      'azure-blob-storage',
      'microsoft-clarity',
      'microsoft-advertising',
    ],
  },
  {
    name: 'Facebook',
    aliases: ['Meta Platforms', 'Meta Platforms, Inc.'],
    category: 'social',
    vendors: ['meta-pixel'],
  },
  { name: 'Instagram', aliases: [], category: 'social', vendors: ['meta-pixel'] },
  { name: 'WhatsApp', aliases: [], category: 'messaging', vendors: ['meta-pixel'] },
  { name: 'LinkedIn', aliases: [], category: 'social', vendors: ['linkedin-insight'] },
  { name: 'Twitter', aliases: [], category: 'social', vendors: ['x-ads'] },
  { name: 'TikTok', aliases: [], category: 'social', vendors: ['tiktok-pixel'] },
  { name: 'Snapchat', aliases: [], category: 'social', vendors: ['snap-pixel'] },
  { name: 'Pinterest', aliases: [], category: 'social' },
  { name: 'YouTube', aliases: [], category: 'video' },
  { name: 'Vimeo', aliases: [], category: 'video' },
  { name: 'Apple', aliases: ['Apple Inc.', 'Sign in with Apple'], category: 'auth', ambiguous: true },
  { name: 'Apple Pay', aliases: [], category: 'payments' },
  { name: 'Google Pay', aliases: [], category: 'payments', vendors: [] },
  { name: 'Paytm', aliases: [], category: 'payments' },
  { name: 'PhonePe', aliases: [], category: 'payments' },
  { name: 'PayU', aliases: [], category: 'payments' },
  { name: 'Cashfree', aliases: ['Cashfree Payments'], category: 'payments' },
  { name: 'CCAvenue', aliases: [], category: 'payments' },
  { name: 'Instamojo', aliases: [], category: 'payments' },
  { name: 'Afterpay', aliases: ['Clearpay'], category: 'payments' },
  { name: 'Affirm', aliases: [], category: 'payments', ambiguous: true },
  { name: 'Zoho', aliases: ['Zoho CRM', 'Zoho Corporation'], category: 'crm' },
  { name: 'Zapier', aliases: [], category: 'productivity' },
  { name: 'Trustpilot', aliases: [], category: 'forms' },
  { name: 'BlueDart', aliases: ['Blue Dart', 'Blue Dart Express'], category: 'shipping' },
  { name: 'Delhivery', aliases: [], category: 'shipping' },
  { name: 'DTDC', aliases: [], category: 'shipping' },
  { name: 'Ekart', aliases: [], category: 'shipping' },
  { name: 'Shiprocket', aliases: [], category: 'shipping' },
  { name: 'Xpressbees', aliases: [], category: 'shipping' },
  { name: 'India Post', aliases: [], category: 'shipping' },
  { name: 'FedEx', aliases: ['Federal Express'], category: 'shipping' },
  { name: 'DHL', aliases: ['DHL Express'], category: 'shipping' },
  { name: 'UPS', aliases: ['United Parcel Service'], category: 'shipping', ambiguous: true },
  { name: 'USPS', aliases: ['United States Postal Service'], category: 'shipping' },
  { name: 'Royal Mail', aliases: [], category: 'shipping' },
  { name: 'Canada Post', aliases: [], category: 'shipping' },
  { name: 'Australia Post', aliases: [], category: 'shipping' },
  { name: 'Aramex', aliases: [], category: 'shipping' },
  { name: 'DPD', aliases: [], category: 'shipping' },
  { name: 'Evri', aliases: ['Hermes'], category: 'shipping' },
  { name: 'PostNL', aliases: [], category: 'shipping' },
  { name: 'Deutsche Post', aliases: [], category: 'shipping' },
]

/** Legal-form suffixes stripped from a vendor's legal entity to get the name a policy uses. */
export const LEGAL_SUFFIX =
  /,?\s+(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|SAS|S\.A\.S\.?|S\.A\.|B\.V\.|N\.V\.|AB(?: \(publ\))?|A\/S|ApS|Pty Ltd|OÜ|Kft\.?|s\.r\.o\.|PBC|Corp\.?|Corporation|Co\.|SL|AS|Unlimited Company|Holdings|Plc|PLC|AG|Oy|S\.p\.A\.|Private Limited|Software Private Limited)\.?$/
