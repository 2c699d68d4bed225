import { createRequire as __pdCreateRequire } from 'node:module';
import { fileURLToPath as __pdFileURLToPath } from 'node:url';
import { dirname as __pdDirname } from 'node:path';
const require = __pdCreateRequire(import.meta.url);
const __filename = __pdFileURLToPath(import.meta.url);
const __dirname = __pdDirname(__filename);
import {
  GitHubApiError,
  KIND_LABEL,
  KIND_ORDER,
  TOOL,
  assertCommitSha,
  changedFiles,
  checkedOutCommit,
  codeBlock,
  codeSpan,
  encodePath,
  escapeMarkdown,
  findManifest,
  groupPolicySentences,
  isCommitSha,
  jsonText,
  nestedPackageOf,
  plural,
  renderPolicySection,
  repoRoot,
  require_tunnel,
  require_undici,
  runGit,
  safeUrl,
  toPullRequestInfo,
  workspacePackages
} from "./shared_engine_index.js";
import {
  ConfigError,
  FileReadError,
  UsageError,
  __toESM,
  escapeControl,
  external_exports,
  flowKey,
  parseJson,
  readRegularFile,
  writeFileAtomic
} from "./shared_engine_index_worker-scan.js";

// src/action/index.ts
import { existsSync as existsSync3 } from "node:fs";
import { fileURLToPath } from "node:url";

// src/action/run.ts
import { tmpdir } from "node:os";
import { join as join2, resolve as resolve2 } from "node:path";

// src/report/text.ts
function observedDataLines(drift, manifest) {
  return (drift.observedData ?? []).map(
    (o) => `${manifest}:${o.line}  ${o.section}[${o.key}] lists no data: — the code sends ${o.data.join(", ")} (add \`data: [${o.data.join(", ")}]\` to have flows checked)`
  );
}
function mergeSuggestions(items) {
  const sections = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  for (const u of items) {
    if (seen.has(u.suggestion)) continue;
    seen.add(u.suggestion);
    const [head, ...rest] = u.suggestion.split("\n");
    const list2 = sections.get(head) ?? [];
    list2.push(...rest);
    sections.set(head, list2);
  }
  return [...sections].map(([head, lines]) => [head, ...lines].join("\n"));
}

// src/report/datamap.ts
var MAP_GROUPS = [
  "personalData",
  "cookie",
  "part",
  "analytics",
  "processor",
  "logs"
];
var MAP_GROUP_LABEL = {
  personalData: "Personal data",
  cookie: "Cookies",
  part: "Parts of the app",
  analytics: "Analytics",
  processor: "Processors",
  logs: "Logs"
};
var SOURCE_ROOTS = /* @__PURE__ */ new Set([
  "src",
  "source",
  "lib",
  "app",
  "apps",
  "packages",
  "services",
  "modules",
  "libs"
]);
function partResolver(packages = []) {
  const packageOf = nestedPackageOf(packages);
  const root = packages.find((p) => p.dir === "");
  const rootPart = {
    key: ".",
    label: root?.name ?? "(repository root)",
    detail: root ? "./" : void 0
  };
  if (packages.some((p) => p.dir !== ""))
    return (path) => {
      const pkg = packageOf(path);
      return pkg ? { key: pkg.dir, label: pkg.name, detail: pkg.dir } : rootPart;
    };
  return (path) => {
    const segments = path.split("/");
    if (segments.length === 1) return rootPart;
    const depth = SOURCE_ROOTS.has(segments[0]) && segments.length > 2 ? 2 : 1;
    const folder = segments.slice(0, depth).join("/") + "/";
    return { key: folder, label: folder };
  };
}
function usageEvidence(list2) {
  const code = list2.filter((e) => e.how !== "manifest" && e.how !== "env");
  return code.length > 0 ? code : list2;
}
var ID_PREFIX = {
  personalData: "pd",
  cookie: "ck",
  part: "pt",
  analytics: "an",
  processor: "pr",
  logs: "lg"
};
var byKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
function buildDataMap(inventory, drift, options = {}) {
  const undeclared2 = new Set((drift?.undeclared ?? []).map((u) => `${String(u.kind)}:${u.key}`));
  const partOf = partResolver(options.packages);
  const drafts = /* @__PURE__ */ new Map();
  const node = (group, key, fill) => {
    const ref = `${group}:${key}`;
    if (!drafts.has(ref)) drafts.set(ref, { group, key, ...fill() });
    return ref;
  };
  const edges = /* @__PURE__ */ new Map();
  const edge = (from, to, kind2, isUndeclared, n = 1) => {
    const ref = `${from}>${to}`;
    const e = edges.get(ref);
    if (e) {
      e.evidence += n;
      e.undeclared ||= isUndeclared;
    } else edges.set(ref, { from, to, kind: kind2, undeclared: isUndeclared, evidence: n });
  };
  const part = (path) => {
    const p = partOf(path);
    return node("part", p.key, () => ({
      label: p.label,
      detail: p.detail,
      undeclared: false,
      special: false,
      evidence: 0
    }));
  };
  const holds = (ref, evidence2) => {
    for (const e of evidence2) {
      const to = part(e.path);
      drafts.get(to).evidence++;
      edge(ref, to, "holds", false);
    }
  };
  for (const p of inventory.personalData) {
    const ref = node("personalData", p.category, () => ({
      label: p.category,
      detail: p.name,
      undeclared: undeclared2.has(`personalData:${p.category}`),
      special: p.special,
      evidence: p.evidence.length
    }));
    holds(ref, p.evidence);
  }
  for (const c of inventory.cookies) {
    const ref = node("cookie", c.name, () => ({
      label: c.name,
      detail: [c.purpose ?? "purpose unknown", c.vendor].filter(Boolean).join(" · "),
      undeclared: undeclared2.has(`cookie:${c.name}`),
      special: false,
      evidence: c.evidence.length
    }));
    holds(ref, c.evidence);
  }
  const vendorNames = /* @__PURE__ */ new Map();
  const vendorGroup = /* @__PURE__ */ new Map();
  for (const [list2, group] of [
    [inventory.analytics, "analytics"],
    [inventory.processors, "processor"]
  ])
    for (const v of list2) {
      vendorNames.set(v.vendor, v.name);
      vendorGroup.set(v.vendor, group);
    }
  const vendorNode = (vendor) => {
    const group = vendor === "logs" ? "logs" : vendorGroup.get(vendor) ?? "processor";
    const kind2 = group === "analytics" ? "analytics" : "processor";
    return node(group, vendor, () => ({
      label: vendorNames.get(vendor) ?? (vendor === "logs" ? "Logs" : vendor),
      detail: vendor === "logs" ? "console, loggers" : vendor !== vendorNames.get(vendor) ? vendor : void 0,
      undeclared: group !== "logs" && undeclared2.has(`${kind2}:${vendor}`),
      special: false,
      evidence: 0
    }));
  };
  const withFlows = new Set(inventory.flows.map((f) => f.vendor));
  for (const f of inventory.flows) {
    const to = vendorNode(f.vendor);
    drafts.get(to).evidence += f.evidence.length;
    const from = node("personalData", f.category, () => ({
      label: f.category,
      undeclared: undeclared2.has(`personalData:${f.category}`),
      special: false,
      evidence: 0
    }));
    edge(from, to, "flow", undeclared2.has(`flow:${flowKey(f.vendor, f.category)}`), f.evidence.length);
  }
  for (const v of [...inventory.analytics, ...inventory.processors]) {
    const to = vendorNode(v.vendor);
    if (withFlows.has(v.vendor)) continue;
    drafts.get(to).evidence += v.evidence.length;
    for (const e of usageEvidence(v.evidence)) edge(part(e.path), to, "uses", false);
  }
  const ids = /* @__PURE__ */ new Map();
  const nodes = [];
  for (const group of MAP_GROUPS) {
    const inGroup = [...drafts.values()].filter((d) => d.group === group).sort(byKey);
    inGroup.forEach((d, i) => {
      const id = `${ID_PREFIX[group]}${i}`;
      ids.set(`${group}:${d.key}`, id);
      nodes.push({ id, ...d });
    });
  }
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const out = [...edges.values()].map((e) => ({ ...e, from: ids.get(e.from), to: ids.get(e.to) })).sort((a, b) => order.get(a.from) - order.get(b.from) || order.get(a.to) - order.get(b.to));
  return { nodes, edges: out, fromFlows: inventory.flows.length > 0 };
}
function capDataMap(map, limits) {
  for (let per = limits.perGroup; ; per = Math.max(1, Math.floor(per * 0.75))) {
    const capped = capGroups(map, per);
    if (capped.edges.length <= limits.edges || per === 1)
      return { ...capped, edges: capped.edges.slice(0, limits.edges) };
  }
}
function capGroups(map, per) {
  const nodes = [];
  const redirect = /* @__PURE__ */ new Map();
  for (const group of MAP_GROUPS) {
    const inGroup = map.nodes.filter((n) => n.group === group);
    if (inGroup.length <= per) {
      nodes.push(...inGroup);
      continue;
    }
    const ranked = [...inGroup].sort(
      (a, b) => Number(b.undeclared) - Number(a.undeclared) || b.evidence - a.evidence || byKey(a, b)
    );
    const keep = new Set(ranked.slice(0, per - 1).map((n) => n.id));
    const hidden = inGroup.filter((n) => !keep.has(n.id));
    const moreId = `${ID_PREFIX[group]}_more`;
    for (const n of hidden) redirect.set(n.id, moreId);
    nodes.push(...inGroup.filter((n) => keep.has(n.id)), {
      id: moreId,
      group,
      key: `+${hidden.length}`,
      label: `+${hidden.length} more`,
      undeclared: hidden.some((n) => n.undeclared),
      special: false,
      evidence: hidden.reduce((s, n) => s + n.evidence, 0),
      more: hidden.length
    });
  }
  const edges = /* @__PURE__ */ new Map();
  for (const e of map.edges) {
    const from = redirect.get(e.from) ?? e.from;
    const to = redirect.get(e.to) ?? e.to;
    const ref = `${from}>${to}>${e.kind}`;
    const seen = edges.get(ref);
    if (seen) {
      seen.evidence += e.evidence;
      seen.undeclared ||= e.undeclared;
    } else edges.set(ref, { ...e, from, to });
  }
  return { ...map, nodes, edges: [...edges.values()] };
}

// src/report/mermaid.ts
var MERMAID_LIMITS = { perGroup: 24, edges: 160, labelChars: 48 };
var PLAIN = /[A-Za-z0-9 _.,:/@*+=-]/;
function mermaidText(text, max = MERMAID_LIMITS.labelChars) {
  let chars = [...text].map((ch) => /[\p{Cc}\p{Cf}]/u.test(ch) ? " " : ch);
  if (chars.length > max) chars = [...chars.slice(0, max - 1), "…"];
  return chars.map((ch) => PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`).join("");
}
var ARROW = { holds: "-->", uses: "-.->", flow: "==>" };
function label(n) {
  const mark = n.undeclared ? "⚠ " : "";
  const main = `${mark}${mermaidText(n.label)}`;
  return n.detail && !n.more ? `${main}<br/>${mermaidText(n.detail)}` : main;
}
function renderMermaid(full) {
  const map = capDataMap(full, MERMAID_LIMITS);
  const out = ["flowchart LR"];
  for (const group of MAP_GROUPS) {
    const nodes = map.nodes.filter((n) => n.group === group);
    if (nodes.length === 0) continue;
    out.push(`  subgraph g_${group}["${MAP_GROUP_LABEL[group]}"]`);
    if (group !== "part") out.push("    direction TB");
    for (const n of nodes) out.push(`    ${n.id}["${label(n)}"]`);
    out.push("  end");
  }
  const undeclaredLinks = [];
  map.edges.forEach((e, i) => {
    out.push(`  ${e.from} ${ARROW[e.kind]} ${e.to}`);
    if (e.undeclared) undeclaredLinks.push(i);
  });
  out.push(
    "  classDef undeclared stroke:#d1242f,stroke-width:3px,stroke-dasharray:5 3",
    "  classDef special stroke:#8250df,stroke-width:2px"
  );
  const undeclared2 = map.nodes.filter((n) => n.undeclared).map((n) => n.id);
  const special = map.nodes.filter((n) => n.special && !n.undeclared).map((n) => n.id);
  if (undeclared2.length > 0) out.push(`  class ${undeclared2.join(",")} undeclared`);
  if (special.length > 0) out.push(`  class ${special.join(",")} special`);
  if (undeclaredLinks.length > 0)
    out.push(`  linkStyle ${undeclaredLinks.join(",")} stroke:#d1242f,stroke-width:2px`);
  return out.join("\n");
}
function mapLegend(map) {
  const parts = ["→ a part of the app holds the data", "⇢ the part uses the vendor"];
  if (map.fromFlows) parts.push("⇒ personal data the code sends to the vendor");
  if (map.nodes.some((n) => n.undeclared)) parts.push("⚠ not declared");
  return parts.join(" · ");
}
function foldedMermaidSection(map) {
  return ["<details><summary>Data map</summary>", "", mermaidSection(map), "", "</details>"].join("\n");
}
function mermaidSection(map) {
  if (map.nodes.length === 0) return "_No personal data, cookies or vendors found: nothing to map._";
  return ["```mermaid", renderMermaid(map), "```", "", `_${mapLegend(map)}_`].join("\n");
}

// src/report/markdown.ts
function evidenceRef(e, link) {
  const text = `${e.path}:${e.line}`;
  const url = link?.(e);
  return url ? `[${escapeMarkdown(text)}](${safeUrl(url)})` : codeSpan(text);
}
function renderMarkdown(inventory, drift, options = {}) {
  const max = options.maxEvidence ?? 3;
  const manifest = options.manifestFile ?? "privacy.yml";
  const out = [`## Privacy drift`, ""];
  const where = (list2) => {
    const refs = list2.slice(0, max).map((e) => evidenceRef(e, options.link));
    if (list2.length > max) refs.push(`+${list2.length - max} more`);
    return refs.join("<br>");
  };
  if (drift) {
    if (drift.undeclared.length === 0)
      out.push(`✅ **In sync** — every item found in code is declared in ${codeSpan(manifest)}.`, "");
    else {
      out.push(
        `❌ **${plural(drift.undeclared.length, "item is", "items are")} not declared** in ${codeSpan(manifest)}.`,
        ""
      );
      const fresh = new Set(drift.new.map((n) => `${n.kind}:${n.key}`));
      out.push("| Kind | Item | Where | Why |", "| --- | --- | --- | --- |");
      for (const kind2 of KIND_ORDER)
        for (const u of drift.undeclared.filter((x) => x.kind === kind2)) {
          const label2 = `${codeSpan(u.key)}${u.name !== u.key ? ` ${escapeMarkdown(u.name)}` : ""}${fresh.has(`${u.kind}:${u.key}`) ? " 🆕" : ""}`;
          out.push(
            `| ${KIND_LABEL[kind2].one} | ${label2} | ${where(u.evidence)} | ${codeSpan(u.evidence[0]?.rule ?? "")} |`
          );
        }
      out.push(
        "",
        `**Add to ${codeSpan(manifest)}:**`,
        "",
        codeBlock(mergeSuggestions(drift.undeclared).join("\n"), "yaml"),
        ""
      );
      if (options.policy)
        out.push(
          ...renderPolicySection(options.policy, {
            items: drift.undeclared,
            link: options.link,
            level: "###",
            noun: ["undeclared item", "undeclared items"]
          }),
          ""
        );
      else {
        out.push("**Add to the policy text:**", "");
        for (const sentence of groupPolicySentences(drift.undeclared))
          out.push(`- ${escapeMarkdown(sentence, 600)}`);
        out.push("");
      }
    }
    const observed = observedDataLines(drift, manifest);
    if (observed.length > 0) {
      out.push("**Data sent to vendors whose entry lists no `data:`** (not checked until it does):", "");
      for (const line of observed) out.push(`- ${escapeMarkdown(line, 600)}`);
      out.push("");
    }
    if (drift.stale.length > 0) {
      out.push(
        `<details><summary>${plural(drift.stale.length, "declaration has", "declarations have")} no evidence in code</summary>`,
        ""
      );
      for (const s of drift.stale)
        out.push(`- ${KIND_LABEL[s.kind].one} ${codeSpan(s.key)} (${codeSpan(`${manifest}:${s.line}`)})`);
      out.push("", "</details>", "");
    }
  }
  out.push("### Data map", "", mermaidSection(buildDataMap(inventory, drift, options)), "");
  out.push("<details><summary>Inventory</summary>", "");
  out.push(`${plural(inventory.files, "file")} scanned.`, "");
  out.push("| Kind | Item | Details | Where |", "| --- | --- | --- | --- |");
  for (const p of inventory.personalData)
    out.push(
      `| personal data | ${codeSpan(p.category)} | ${escapeMarkdown(p.name)}${p.special ? " (special category)" : ""} | ${where(p.evidence)} |`
    );
  for (const c of inventory.cookies)
    out.push(
      `| cookie | ${codeSpan(c.name)} | ${escapeMarkdown([c.purpose ?? "purpose unknown", c.vendor ?? "", c.source === "sdk-default" ? "SDK default" : ""].filter(Boolean).join(" · "))} | ${where(c.evidence)} |`
    );
  for (const a of inventory.analytics)
    out.push(`| analytics | ${codeSpan(a.vendor)} | ${escapeMarkdown(a.name)} | ${where(a.evidence)} |`);
  for (const p of inventory.processors)
    out.push(
      `| processor | ${codeSpan(p.vendor)} | ${escapeMarkdown(`${p.name} · ${p.categories.join(", ")}`)} | ${where(p.evidence)} |`
    );
  for (const f of inventory.flows)
    out.push(
      `| data flow | ${codeSpan(`${f.vendor} → ${f.category}`)} | ${escapeMarkdown(f.evidence[0]?.symbol ?? "")} | ${where(f.evidence)} |`
    );
  out.push("", "</details>", "", `<sub>${TOOL.name} ${TOOL.version}</sub>`, "");
  return out.join("\n");
}

// src/report/sarif.ts
var HELP_URI = "https://github.com/privacy-drift/privacy-drift#readme";
function renderSarif(inventory, drift) {
  const rules = /* @__PURE__ */ new Map();
  const results = [];
  const push2 = (kind2, key, name, evidence2, level, message) => {
    const ruleId = `privacy-drift/${drift ? "undeclared" : "inventory"}-${kindSlug(kind2)}`;
    if (!rules.has(ruleId))
      rules.set(ruleId, {
        id: ruleId,
        shortDescription: {
          text: drift ? `Undeclared ${KIND_LABEL[kind2].one}` : `${KIND_LABEL[kind2].many} found in code`
        },
        helpUri: HELP_URI,
        defaultConfiguration: { level },
        properties: { tags: ["privacy"] }
      });
    for (const e of evidence2.slice(0, 20)) {
      results.push({
        ruleId,
        level,
        message: { text: `${message} (${e.rule}${e.reason ? `: ${e.reason}` : ""})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodePath(e.path) },
              region: { startLine: e.line, startColumn: e.column }
            }
          }
        ],
        partialFingerprints: { "privacyDrift/v1": e.fingerprint },
        properties: { kind: kind2, key, name, confidence: e.confidence, how: e.how }
      });
    }
  };
  if (drift) {
    for (const u of drift.undeclared)
      push2(
        u.kind,
        u.key,
        u.name,
        u.evidence,
        "warning",
        u.kind === "flow" ? u.name : `${KIND_LABEL[u.kind].one} "${u.key}" is not declared in privacy.yml`
      );
  } else {
    for (const p of inventory.personalData)
      push2("personalData", p.category, p.name, p.evidence, "note", `personal data ${p.category}`);
    for (const c of inventory.cookies) push2("cookie", c.name, c.name, c.evidence, "note", `cookie ${c.name}`);
    for (const a of inventory.analytics)
      push2("analytics", a.vendor, a.name, a.evidence, "note", `analytics ${a.name}`);
    for (const p of inventory.processors)
      push2("processor", p.vendor, p.name, p.evidence, "note", `processor ${p.name}`);
    for (const f of inventory.flows)
      push2(
        "flow",
        `${f.vendor} → ${f.category}`,
        f.category,
        f.evidence,
        "note",
        `${f.category} flows to ${f.vendor}`
      );
  }
  results.sort((a, b) => {
    const la = a.locations[0].physicalLocation;
    const lb = b.locations[0].physicalLocation;
    const pa = la.artifactLocation.uri;
    const pb = lb.artifactLocation.uri;
    return pa < pb ? -1 : pa > pb ? 1 : la.region.startLine - lb.region.startLine || (a.ruleId < b.ruleId ? -1 : 1);
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            informationUri: HELP_URI,
            rules: [...rules.values()].sort((a, b) => a.id < b.id ? -1 : 1)
          }
        },
        results
      }
    ]
  };
  return jsonText(log);
}
function kindSlug(kind2) {
  return kind2 === "personalData" ? "personal-data" : kind2;
}

// src/github/links.ts
function serverUrlFor(apiUrl) {
  if (!apiUrl) return "https://github.com";
  const url = apiUrl.replace(/\/+$/, "");
  if (/^https:\/\/api\.github\.com$/i.test(url)) return "https://github.com";
  const ghes = /^(https?:\/\/[^/]+)\/api\/v3$/i.exec(url);
  if (ghes) return ghes[1];
  const cloud = /^(https?:\/\/)api\.(.+)$/i.exec(url);
  return cloud ? `${cloud[1]}${cloud[2]}` : url;
}
function encodePath2(path) {
  return path.split("/").map(
    (s) => encodeURIComponent(s).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  ).join("/");
}
function blobLinker(serverUrl, repository, sha2, pathPrefix = "") {
  const base = `${serverUrl.replace(/\/+$/, "")}/${encodePath2(repository)}/blob/${encodeURIComponent(sha2)}/`;
  return (e) => `${base}${encodePath2(pathPrefix + e.path)}#L${Math.max(1, Math.trunc(e.line))}`;
}
function commitUrl(serverUrl, repository, sha2) {
  return `${serverUrl.replace(/\/+$/, "")}/${encodePath2(repository)}/commit/${encodeURIComponent(sha2)}`;
}

// src/report/json.ts
var JSON_SCHEMA_VERSION = 1;
function toJsonReport(inventory, drift) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { ...TOOL },
    summary: {
      files: inventory.files,
      personalData: inventory.personalData.length,
      cookies: inventory.cookies.length,
      analytics: inventory.analytics.length,
      processors: inventory.processors.length,
      flows: inventory.flows.length
    },
    inventory: {
      personalData: inventory.personalData,
      cookies: inventory.cookies,
      analytics: inventory.analytics,
      processors: inventory.processors,
      flows: inventory.flows,
      unusedDependencies: inventory.unusedDependencies
    },
    ...drift ? {
      drift: {
        undeclared: drift.undeclared,
        stale: drift.stale,
        new: drift.new,
        covered: drift.covered,
        ...drift.observedData ? { observedData: drift.observedData } : {}
      }
    } : {},
    notes: inventory.notes
  };
}

// src/action/artifact.ts
var DIFF_LIMITS = { files: 1e3, ranges: 5e3 };
function renderReportFile(inventory, drift, github) {
  return jsonText({ ...toJsonReport(inventory, drift), github });
}
var str = (max = 2e3) => external_exports.string().max(max);
var sha = external_exports.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a full commit SHA");
var kind = external_exports.enum(["personalData", "cookie", "analytics", "processor", "flow"]);
var how = external_exports.enum([
  "field",
  "form-input",
  "request",
  "schema",
  "cookie-api",
  "import",
  "require",
  "dynamic-import",
  "script-url",
  "hostname",
  "manifest",
  "env",
  "sdk-default",
  "outbound",
  "sign-in",
  "sink"
]);
var evidence = external_exports.object({
  path: str(1e3),
  line: external_exports.number().int().min(0).max(1e7),
  column: external_exports.number().int().min(0).max(1e7),
  symbol: str(1e3).optional(),
  rule: str(300),
  confidence: external_exports.enum(["high", "medium", "low"]),
  how,
  excerpt: str(2e3).optional(),
  reason: str(2e3).optional(),
  fingerprint: str(200),
  trace: external_exports.array(str(2e3)).max(20).optional()
});
var undeclared = external_exports.object({
  kind,
  key: str(1e3),
  name: str(1e3),
  categories: external_exports.array(str(200)).max(100),
  evidence: external_exports.array(evidence).max(1e3),
  suggestion: str(2e4),
  sentence: str(5e3)
});
var stale = external_exports.object({ kind, key: str(1e3), line: external_exports.number().int().min(0).max(1e7) });
var covered = external_exports.object({ kind, key: str(1e3) });
var lineNumber = external_exports.number().int().min(1).max(1e7);
var lineRanges = external_exports.array(external_exports.tuple([lineNumber, lineNumber])).max(DIFF_LIMITS.ranges);
var diffPath = external_exports.string().min(1).max(1e3).refine((p) => ![...p].some((c) => c.charCodeAt(0) < 32 || c === ""), "no control characters").refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "a repository-relative path");
var diffLines = external_exports.object({
  files: external_exports.array(external_exports.object({ path: diffPath, hunks: lineRanges, added: lineRanges })).max(DIFF_LIMITS.files)
});
var policyCheck = external_exports.object({
  file: diffPath,
  display: diffPath,
  additions: external_exports.array(
    external_exports.object({
      kind,
      key: str(1e3),
      label: str(1e3),
      sentence: str(5e3),
      section: external_exports.object({ heading: str(1e3), line: lineNumber }).optional(),
      contradicts: lineNumber.optional()
    })
  ).max(2e4),
  covered: external_exports.array(covered).max(2e4),
  markerLine: lineNumber.optional(),
  markdown: external_exports.boolean()
});
var reportFileSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  tool: external_exports.object({ name: external_exports.literal("privacy-drift"), version: str(50) }),
  drift: external_exports.object({
    undeclared: external_exports.array(undeclared).max(2e4),
    new: external_exports.array(undeclared).max(2e4),
    stale: external_exports.array(stale).max(2e4),
    covered: external_exports.array(covered).max(2e4).optional()
  }),
  github: external_exports.object({
    repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/),
    pullRequest: external_exports.object({ number: external_exports.number().int().positive(), baseSha: sha, headSha: sha }).nullable(),
    // Repository paths only: no markup, no `..`.
    pathPrefix: external_exports.string().max(1e3).regex(/^(?:[\w@+.-]+\/)*$/).refine((p) => !p.split("/").includes(".."), "no .."),
    manifestFile: external_exports.string().max(1e3).regex(/^(?:[\w@+.-]+\/)*[\w@+.-]+\.ya?ml$/).refine((p) => !p.split("/").includes(".."), "no .."),
    commentId: external_exports.string().regex(/^[A-Za-z0-9._/-]{1,100}$/),
    failOn: external_exports.enum(["none", "new", "any"]),
    diff: diffLines.optional(),
    policy: policyCheck.nullable().optional()
  })
});
var MAX_REPORT_FILE_BYTES = 32 * 1024 * 1024;
function readReportFile(path) {
  let json;
  try {
    json = parseJson(readRegularFile(path, { maxBytes: MAX_REPORT_FILE_BYTES }).toString("utf8"));
  } catch (e) {
    const missing = e instanceof FileReadError && e.reason === "missing";
    throw new UsageError(
      `report-file ${path} ${e.message}` + (missing ? "; in mode: publish, download the analyze job’s artifact first and pass its path as report-file" : "")
    );
  }
  const parsed = reportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.slice(0, 8).join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new UsageError(
      `report-file ${path} is not a privacy-drift report written by mode: analyze (${issues})`
    );
  }
  return parsed.data;
}

// src/action/context.ts
var MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
function readContext(env, cwd = process.cwd()) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner = "", repo = ""] = repository.split("/");
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const json = parseJson(
        readRegularFile(env.GITHUB_EVENT_PATH, { maxBytes: MAX_PAYLOAD_BYTES }).toString("utf8")
      );
      payload = json !== null && typeof json === "object" ? json : {};
    } catch (e) {
      throw new UsageError(
        `the event payload GITHUB_EVENT_PATH=${env.GITHUB_EVENT_PATH} ${e.message}`
      );
    }
  }
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  const serverUrl = env.GITHUB_SERVER_URL || serverUrlFor(apiUrl);
  const ctx = {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    owner,
    repo,
    repository,
    workspace: env.GITHUB_WORKSPACE || cwd,
    apiUrl,
    serverUrl
  };
  if (env.GITHUB_RUN_ID && repository)
    ctx.runUrl = `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ""}`;
  const pull = payload.pull_request;
  if (pull && typeof pull.number === "number" && pull.base?.sha && pull.head?.sha) {
    assertCommitSha(pull.base.sha, "the event payload’s pull_request.base.sha");
    assertCommitSha(pull.head.sha, "the event payload’s pull_request.head.sha");
    ctx.pr = toPullRequestInfo(pull);
  }
  const run2 = payload.workflow_run;
  if (run2?.head_sha) {
    const headSha = assertCommitSha(run2.head_sha, "the event payload’s workflow_run.head_sha");
    const checked = workflowRunSchema.safeParse(run2);
    if (!checked.success) throw payloadShapeError("workflow_run", checked.error.issues);
    ctx.workflowRun = {
      headSha,
      headRepo: checked.data.head_repository?.full_name ?? "",
      event: checked.data.event ?? "",
      pullRequests: (checked.data.pull_requests ?? []).map((p) => p.number)
    };
  }
  return ctx;
}
var workflowRunSchema = external_exports.object({
  event: external_exports.string().max(100).optional(),
  head_repository: external_exports.object({ full_name: external_exports.string().max(300) }).nullish(),
  pull_requests: external_exports.array(external_exports.object({ number: external_exports.number().int().positive() })).optional()
});
function payloadShapeError(what, issues) {
  const first = issues[0];
  const path = [what, ...first?.path ?? []].map((p, i) => typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`).join("");
  return new UsageError(
    `the event payload’s ${path} is not what GitHub sends (${first?.message ?? "invalid"}); is GITHUB_EVENT_PATH the runner’s event file?`
  );
}

// src/action/inputs.ts
var choice = (io, name, allowed, fallback) => {
  const value = io.getInput(name) || fallback;
  if (allowed.includes(value)) return value;
  throw new UsageError(`input \`${name}\` must be one of ${allowed.join(", ")}; got \`${value}\``);
};
var bool = (io, name, fallback) => {
  const value = io.getInput(name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UsageError(`input \`${name}\` must be true or false; got \`${value}\``);
};
var list = (io, name) => io.getInput(name).split(/\r?\n|,/).map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith("#"));
function readInputs(io) {
  return {
    manifest: io.getInput("manifest"),
    path: io.getInput("path") || ".",
    token: io.getInput("github-token"),
    comment: bool(io, "comment", true),
    failOn: choice(io, "fail-on", ["none", "new", "any"], "new"),
    mode: choice(io, "mode", ["auto", "analyze", "publish"], "auto"),
    sarifFile: io.getInput("sarif-file"),
    rules: list(io, "rules"),
    include: list(io, "include"),
    exclude: list(io, "exclude"),
    reportFile: io.getInput("report-file"),
    reviewComments: bool(io, "review-comments", true),
    reviewEvent: choice(io, "review-event", ["comment", "request-changes"], "comment")
  };
}

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label2, content) {
    const element = this.wrap("details", this.wrap("summary", label2) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}

// src/action/io.ts
function inertLog(message) {
  return escapeControl(message, true).replace(/^(\s*):(?=:)/gm, "$1:​");
}
function coreIO(env = process.env) {
  return {
    getInput: (name) => getInput(name),
    setOutput: (name, value) => setOutput(name, value),
    setSecret: (value) => setSecret(value),
    info: (m) => info(inertLog(m)),
    // The toolkit escapes these messages' line breaks; control characters are ours to neutralise.
    debug: (m) => debug(escapeControl(m, true)),
    warning: (m, p) => warning(escapeControl(m, true), p ?? {}),
    error: (m, p) => error(escapeControl(m, true), p ?? {}),
    notice: (m, p) => notice(escapeControl(m, true), p ?? {}),
    setFailed: (m) => setFailed(escapeControl(m, true)),
    appendSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return false;
      await summary.addRaw(markdown).addEOL().write();
      return true;
    }
  };
}
function emitAnnotations(io, annotations) {
  for (const a of annotations) {
    const place = { title: a.title };
    if (a.file) Object.assign(place, { file: a.file, startLine: a.startLine, startColumn: a.startColumn });
    io[a.level](a.message, place);
  }
}

// src/action/locate.ts
import { existsSync as existsSync2 } from "node:fs";
import { join, relative, resolve } from "node:path";
var toPosix = (p) => p.split("\\").join("/");
function locateScan(inputs, ctx) {
  const root = resolve(ctx.workspace, inputs.path);
  if (!existsSync2(root))
    throw new UsageError(`input \`path\`: ${inputs.path} does not exist in the workspace (${ctx.workspace})`);
  const top = repoRoot(root);
  const prefix = top ? toPosix(relative(top, root)) : "";
  const manifestPath = findManifest(root, inputs.manifest || void 0);
  if (!manifestPath || !existsSync2(manifestPath))
    throw new ConfigError([
      {
        file: toPosix(relative(ctx.workspace, manifestPath ?? join(root, "privacy.yml"))) || "privacy.yml",
        line: 1,
        column: 1,
        message: inputs.manifest ? `manifest not found (input \`manifest\`: ${inputs.manifest}, relative to \`path\`)` : "no privacy.yml found (looked for privacy.yml, privacy.yaml and .github/privacy.yml)",
        hint: "create one with `npx privacy-drift init`, or set the `manifest` input"
      }
    ]);
  return {
    root,
    top,
    pathPrefix: prefix === "" ? "" : `${prefix}/`,
    manifestFile: toPosix(relative(top ?? root, manifestPath)),
    commentId: prefix === "" ? "default" : prefix
  };
}

// src/report/budget.ts
var LIMITS = {
  /** Hard limit of an issue / PR comment body (422 "body is too long" above it). */
  commentChars: 65536,
  /** What we aim for: room for UTF-16 vs code-point counting and the markers. */
  commentBudget: 6e4,
  /** A step's job summary upload is dropped above 1 MiB. */
  summaryBytes: 1024 * 1024,
  /** Leaves room for the lines appended after the report (the comment link). */
  summaryBudgetBytes: 1e3 * 1024,
  /** Annotations per step for each of error / warning / notice. */
  annotationsPerLevel: 10,
  /** Annotations per job, all steps together. */
  annotationsPerJob: 50
};
function largestFitting(total, fits) {
  if (fits(total)) return total;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
function byteLength(text) {
  return Buffer.byteLength(text, "utf8");
}
function fitMarkdown(text, maxBytes, note) {
  if (byteLength(text) <= maxBytes) return text;
  const tail = `

${note}
`;
  const room = Math.max(0, maxBytes - byteLength(tail) - 64);
  const lines = text.split("\n");
  const kept = [];
  let used = 0;
  for (const line of lines) {
    const size = byteLength(line) + 1;
    if (used + size > room) break;
    kept.push(line);
    used += size;
  }
  const closers = [];
  let fence;
  let openDetails = 0;
  for (const line of kept) {
    const m = /^(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (fence === void 0) fence = m[1];
      else if (line.startsWith(fence) && line.trim() === fence) fence = void 0;
      continue;
    }
    if (fence !== void 0) continue;
    openDetails += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
  }
  if (fence !== void 0) closers.push(fence);
  for (let i = 0; i < openDetails; i++) closers.push("", "</details>");
  return [...kept, ...closers].join("\n") + tail;
}
function capBlock(text, maxLines = 20, maxLineChars = 300) {
  const lines = text.split("\n");
  const out = lines.slice(0, maxLines).map((l) => [...l].length > maxLineChars ? [...l].slice(0, maxLineChars - 1).join("") + "…" : l);
  if (lines.length > maxLines) out.push(`# …${lines.length - maxLines} more lines`);
  return out.join("\n");
}

// src/report/pr-comment.ts
function commentMarker(id = "default") {
  return `<!-- privacy-drift:v1 id=${id.replace(/[^A-Za-z0-9._/-]/g, "_")} -->`;
}
function needsComment(drift) {
  return drift.new.length > 0;
}
var keyOf = (u) => `${u.kind}:${u.key}`;
function renderPrComment(drift, options) {
  const budget = options.budget ?? LIMITS.commentBudget;
  const fresh = new Set(drift.new.map(keyOf));
  const old = drift.undeclared.filter((u) => !fresh.has(keyOf(u)));
  const total = drift.new.length;
  const shapes = [
    { evidence: 3, lists: true, shown: total },
    { evidence: 1, lists: true, shown: total },
    { evidence: 1, lists: false, shown: total }
  ];
  for (const shape of shapes) {
    const body = render(drift.new, old, drift.stale, shape, options);
    if (body.length <= budget) return body;
  }
  const fits = (n2) => render(drift.new, old, drift.stale, { evidence: 1, lists: false, shown: n2 }, options).length <= budget;
  const n = largestFitting(total, fits);
  return render(drift.new, old, drift.stale, { evidence: 1, lists: false, shown: n }, options);
}
function renderInSyncComment(drift, options) {
  const old = drift.undeclared.length - drift.new.length;
  const out = [
    commentMarker(options.id),
    "### ✅ Privacy policy in sync",
    "",
    `This pull request no longer adds anything that ${codeSpan(options.manifestFile)} does not declare. Thank you!`
  ];
  if (old > 0)
    out.push(
      "",
      `${plural(old, "item was", "items were")} already undeclared before this PR; the job summary lists them.`
    );
  out.push("", `<sub>${TOOL.name} ${TOOL.version}</sub>`, "");
  return out.join("\n");
}
function render(fresh, old, stale2, shape, o) {
  const manifest = codeSpan(o.manifestFile);
  const shown = fresh.slice(0, shape.shown);
  const hidden = fresh.length - shown.length;
  const more = hidden > 0 ? `…and ${hidden} more (see job summary)` : void 0;
  const out = [
    commentMarker(o.id),
    "### 🔏 This pull request changes what the privacy policy must say",
    ""
  ];
  out.push(
    `It adds ${plural(fresh.length, "item", "items")} that ${manifest} does not declare. Declare ${fresh.length === 1 ? "it" : "them"} (and update the policy text), or remove the code if it should not ship.`,
    ""
  );
  out.push("| Kind | What | Where | Why |", "| --- | --- | --- | --- |");
  for (const u of shown)
    out.push(
      `| ${kindCell(u.kind)} | ${whatCell(u)} | ${whereCell(u.evidence, shape.evidence, o.link)} | ${whyCell(u.evidence[0])} |`
    );
  if (more) out.push("", more);
  if (shown.length > 0) {
    const suggestions = mergeSuggestions(shown.map((u) => ({ ...u, suggestion: capBlock(u.suggestion) })));
    out.push("", `#### Add to ${manifest}`, "", codeBlock(suggestions.join("\n"), "yaml"));
    if (more) out.push("", more);
    if (o.policy) out.push("", ...renderPolicySection(o.policy, { items: shown, link: o.link, more }));
    else {
      out.push("", "#### Add to the privacy policy", "");
      for (const u of shown) out.push(`- ${escapeMarkdown(u.sentence, 400)}`);
      if (more) out.push(`- ${more}`);
    }
  }
  if (old.length > 0) {
    const title = `${plural(old.length, "item was", "items were")} already undeclared before this PR`;
    if (shape.lists) {
      out.push(
        "",
        `<details><summary>${title}</summary>`,
        "",
        "| Kind | What | Where |",
        "| --- | --- | --- |"
      );
      const list2 = old.slice(0, 50);
      for (const u of list2)
        out.push(`| ${kindCell(u.kind)} | ${whatCell(u)} | ${whereCell(u.evidence, 1, o.link)} |`);
      if (old.length > list2.length) out.push("", `…and ${old.length - list2.length} more (see job summary)`);
      out.push("", "</details>");
    } else out.push("", `${title} (see job summary).`);
  }
  if (stale2.length > 0) {
    const inHtml = `<code>${escapeMarkdown(o.manifestFile, 200)}</code>`;
    const title = `${plural(stale2.length, "declaration", "declarations")} in ${shape.lists ? inHtml : manifest} ${stale2.length === 1 ? "has" : "have"} no evidence in code (still true?)`;
    if (shape.lists) {
      out.push("", `<details><summary>${title}</summary>`, "");
      const list2 = stale2.slice(0, 50);
      for (const s of list2)
        out.push(
          `- ${KIND_LABEL[s.kind].one} ${codeSpan(s.key)} (${codeSpan(`${o.manifestFile}:${s.line}`)})`
        );
      if (stale2.length > list2.length) out.push(`- …and ${stale2.length - list2.length} more (see job summary)`);
      out.push("", "</details>");
    } else out.push("", `${title}.`);
  }
  if (o.map && shape.lists) out.push("", foldedMermaidSection(o.map));
  const footer2 = [`${TOOL.name} ${TOOL.version}`];
  footer2.push(
    o.commitUrl ? `checked [${o.headSha.slice(0, 7)}](${o.commitUrl})` : `checked ${o.headSha.slice(0, 7)}`
  );
  if (o.reportUrl) footer2.push(`[full report](${o.reportUrl})`);
  out.push("", `<sub>${footer2.join(" · ")}</sub>`, "");
  return out.join("\n");
}
function cellSpan(text, max = 120) {
  return codeSpan(text, max).replace(/\|/g, "\\|");
}
function kindCell(kind2) {
  const label2 = KIND_LABEL[kind2].one;
  return label2.charAt(0).toUpperCase() + label2.slice(1);
}
function whatCell(u) {
  const parts = [
    u.name && u.name !== u.key ? `**${escapeMarkdown(u.name, 80)}** ${cellSpan(u.key)}` : cellSpan(u.key)
  ];
  if (u.kind === "cookie") parts.push(escapeMarkdown(u.categories[0] ?? "purpose unknown", 40));
  else if (u.categories.length > 0) parts.push(escapeMarkdown(u.categories.join(", "), 120));
  return parts.join("<br>");
}
function whereCell(evidence2, max, link) {
  const refs = evidence2.slice(0, max).map((e) => {
    const text = `${e.path}:${e.line}`;
    const url = link?.(e);
    return url ? `[${escapeMarkdown(text, 120)}](${url})` : cellSpan(text);
  });
  if (evidence2.length > max) refs.push(`+${evidence2.length - max} more`);
  return refs.join("<br>") || "—";
}
function whyCell(e) {
  if (!e) return "—";
  const what = e.symbol ? ` ${cellSpan(e.symbol, 80)}` : "";
  return `${cellSpan(e.rule, 80)}<br>${escapeMarkdown(e.how, 20)}${what}`;
}

// src/github/sticky-comment.ts
var normalizeBody = (body) => body.replace(/\r\n/g, "\n").trimEnd();
var stripBot = (login) => login.replace(/\[bot\]$/i, "").toLowerCase();
function isOurComment(c, marker, viewer) {
  if (!c.body.includes(marker)) return false;
  if (viewer) return stripBot(c.author) === stripBot(viewer);
  return c.authorType === "Bot" && c.body.startsWith(marker);
}
async function findStickyComment(client, pr, marker) {
  const [comments, viewer] = await Promise.all([client.listComments(pr), client.viewer()]);
  return comments.filter((c) => isOurComment(c, marker, viewer)).sort((a, b) => a.id - b.id)[0];
}
async function upsertStickyComment(client, pr, options) {
  const existing = await findStickyComment(client, pr, options.marker);
  const wanted = options.hasDrift ? options.body : options.inSyncBody;
  if (!existing) {
    if (!options.hasDrift) return { action: "none" };
    return { action: "created", comment: await client.createComment(pr, wanted) };
  }
  if (normalizeBody(existing.body) === normalizeBody(wanted))
    return { action: "unchanged", comment: existing };
  const comment = await client.updateComment(pr, existing.id, wanted);
  return { action: options.hasDrift ? "updated" : "resolved", comment };
}

// src/github/comment.ts
function commentBodies(drift, t) {
  const link = blobLinker(t.serverUrl, t.repository, t.headSha, t.pathPrefix);
  const body = renderPrComment(drift, {
    manifestFile: t.manifestFile,
    headSha: t.headSha,
    link,
    commitUrl: commitUrl(t.serverUrl, t.repository, t.headSha),
    reportUrl: t.reportUrl,
    id: t.commentId,
    map: t.map,
    policy: t.policy
  });
  return {
    body,
    inSync: renderInSyncComment(drift, { manifestFile: t.manifestFile, id: t.commentId }),
    hasDrift: needsComment(drift)
  };
}
async function postComment(client, drift, t) {
  const { body, inSync, hasDrift } = commentBodies(drift, t);
  const marker = body.split("\n")[0];
  return upsertStickyComment(client, t.pr, { marker, body, inSyncBody: inSync, hasDrift });
}
function describeComment(result) {
  const said = {
    created: "PR comment created",
    updated: "PR comment updated",
    unchanged: "PR comment already up to date",
    resolved: 'PR comment updated to "in sync"',
    none: "No PR comment needed: this PR adds nothing undeclared"
  };
  return `${said[result.action]}${result.comment ? `: ${result.comment.url}` : ""}`;
}

// src/report/annotations.ts
function buildAnnotations(items, options) {
  const cap = options.perLevel ?? LIMITS.annotationsPerLevel;
  const prefix = options.pathPrefix ?? "";
  const counts = { error: 0, warning: 0 };
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  let omitted = 0;
  const depth = Math.max(0, ...items.map((u) => u.evidence.length));
  for (let i = 0; i < depth; i++) {
    for (const u of items) {
      const e = u.evidence[i];
      if (!e) continue;
      const file = prefix + e.path;
      const where = `${file}:${e.line}`;
      if (seen.has(where)) continue;
      seen.add(where);
      const level = options.level(u);
      if (counts[level] >= cap) {
        omitted++;
        continue;
      }
      counts[level]++;
      const label2 = KIND_LABEL[u.kind].one;
      const name = u.name && u.name !== u.key ? `${u.name} (${u.key})` : u.key;
      out.push({
        level,
        title: `Undeclared ${label2}: ${u.key}`,
        message: `${name} is not declared in ${options.manifestFile}. Add it under \`${sectionOf(u)}\`, or remove the code. (rule ${e.rule}${e.symbol ? `, ${e.symbol}` : ""})`,
        file,
        startLine: e.line,
        startColumn: e.column
      });
    }
  }
  if (omitted > 0)
    out.push({
      level: "notice",
      title: "More undeclared items",
      message: `+${plural(omitted, "more location")} not annotated (GitHub shows ${cap} per level per step); see the job summary.`
    });
  return out;
}
function sectionOf(u) {
  return u.suggestion.split("\n")[0]?.replace(/:$/, "") ?? u.kind;
}

// src/action/publish.ts
var FORK_DOCS_URL = "https://github.com/privacy-drift/privacy-drift/blob/main/docs/action.md#fork-pull-requests";
function driftCounts(drift, hasBase, failOn) {
  const newCount = hasBase ? drift.new.length : drift.undeclared.length;
  const failing = failOn === "none" ? 0 : failOn === "new" ? newCount : drift.undeclared.length;
  return { newCount, failing };
}
function setOutputs(io, values) {
  io.setOutput("in-sync", String(values.undeclared === 0));
  io.setOutput("undeclared-count", String(values.undeclared));
  io.setOutput("new-count", String(values.newCount));
  io.setOutput("report-file", values.reportFile);
  io.setOutput("comment-url", values.commentUrl ?? "");
}
function annotateDrift(io, drift, o) {
  const fresh = new Set(drift.new.map((u) => `${u.kind}:${u.key}`));
  const isNew = (u) => !o.hasBase || fresh.has(`${u.kind}:${u.key}`);
  const items = o.hasBase && o.failOn !== "any" ? drift.new : [...drift.new, ...drift.undeclared.filter((u) => !fresh.has(`${u.kind}:${u.key}`))];
  const fails = (u) => o.failOn === "any" || o.failOn === "new" && isNew(u);
  const annotations = buildAnnotations(items, {
    level: (u) => fails(u) ? "error" : "warning",
    pathPrefix: o.pathPrefix,
    manifestFile: o.manifestFile
  });
  emitAnnotations(io, annotations);
  return annotations.length;
}
function prefixSarif(sarif, pathPrefix) {
  if (!pathPrefix) return sarif;
  const log = JSON.parse(sarif);
  for (const run2 of log.runs)
    for (const result of run2.results ?? [])
      for (const loc of result.locations ?? []) {
        const art = loc.physicalLocation?.artifactLocation;
        if (art?.uri !== void 0) art.uri = encodeURI(pathPrefix) + art.uri;
      }
  return JSON.stringify(log, null, 2) + "\n";
}
async function writeSummary(io, markdown) {
  const fitted = fitMarkdown(
    markdown,
    LIMITS.summaryBudgetBytes,
    "_The report was cut to fit the 1 MiB job summary limit; the complete JSON report is in `report-file`._"
  );
  try {
    if (!await io.appendSummary(fitted))
      io.info("No GITHUB_STEP_SUMMARY (not on a runner?): job summary skipped");
  } catch (e) {
    io.warning(`could not write the job summary: ${e.message}`);
  }
}
function summaryContext(pr, baseSha, newCount) {
  if (!pr || !baseSha) return "";
  return `Pull request #${pr.number}: ${newCount === 0 ? "no new undeclared items" : `**${plural(newCount, "new undeclared item")}**`} (base ${codeSpan(baseSha.slice(0, 7))} → head ${codeSpan(pr.headSha.slice(0, 7))}).`;
}
function withContext(markdown, context) {
  if (!context) return markdown;
  const at = markdown.indexOf("\n");
  return at < 0 ? `${markdown}

${context}
` : `${markdown.slice(0, at)}

${context}${markdown.slice(at)}`;
}
async function publishComment(io, client, drift, t) {
  try {
    const result = await postComment(client, drift, t);
    io.info(describeComment(result));
    return { result };
  } catch (e) {
    if (e instanceof GitHubApiError && (e.kind === "read-only" || e.kind === "forbidden")) {
      io.warning(
        `privacy-drift could not comment on this pull request: ${e.message}. The job summary and annotations have the full report. To comment on pull requests from forks, run this action with \`mode: analyze\` on pull_request, upload \`report-file\` as an artifact, and post it from a workflow_run workflow with \`mode: publish\` (see ${FORK_DOCS_URL}). Same-repository PRs need \`permissions: pull-requests: write\`.`
      );
      return { readOnly: true };
    }
    throw e;
  }
}

// src/report/review-comment.ts
var KIND_NAME = {
  personalData: "personal data",
  cookie: "cookie",
  analytics: "analytics service",
  processor: "third-party processor",
  flow: "data flow"
};
function itemKey(u) {
  return `${u.kind}:${u.key}`;
}
var safeId = (id) => id.replace(/[^A-Za-z0-9._/-]/g, "_");
function reviewMarkerPrefix(id = "default") {
  return `<!-- privacy-drift:v1 review id=${safeId(id)} `;
}
function reviewCommentMarker(id, key, state) {
  return `${reviewMarkerPrefix(id)}key=${encodeURIComponent(key)} state=${state} -->`;
}
function reviewBodyMarker(id = "default") {
  return `${reviewMarkerPrefix(id)}-->`;
}
var MARKER = /^<!-- privacy-drift:v1 review id=([A-Za-z0-9._/-]+) key=(\S+) state=(open|resolved) -->/;
function parseReviewMarker(body) {
  const m = MARKER.exec(body);
  if (!m) return void 0;
  try {
    return { id: m[1], key: decodeURIComponent(m[2]), state: m[3] };
  } catch {
    return void 0;
  }
}
function renderReviewComment(item, evidence2, o) {
  const manifest = codeSpan(o.manifestFile);
  const named = item.name && item.name !== item.key ? `${escapeMarkdown(item.name, 80)} ` : "";
  const out = [
    reviewCommentMarker(o.id, itemKey(item), "open"),
    `🔏 **New ${KIND_NAME[item.kind]}: ${named}${codeSpan(item.key, 120)}**, not declared in ${manifest}.`,
    ""
  ];
  if (evidence2) out.push(`- **Why:** ${why(evidence2)}`);
  if (item.categories.length > 0)
    out.push(
      `- ${item.kind === "cookie" ? "**Purpose:**" : "**Categories:**"} ${escapeMarkdown(item.categories.join(", "), 200)}`
    );
  const elsewhere = item.evidence.length - (evidence2 ? 1 : 0);
  if (elsewhere > 0)
    out.push(`- Also found in ${plural(elsewhere, "other place")} (the PR comment links them).`);
  out.push(
    "",
    `Add to ${manifest}:`,
    "",
    codeBlock(capBlock(item.suggestion), "yaml"),
    "",
    `For the privacy policy: ${escapeMarkdown(item.sentence, 400)}`,
    "",
    footer(o.stickyUrl),
    ""
  );
  return out.join("\n");
}
function renderResolvedReviewComment(item, reason, o) {
  const what = `${KIND_NAME[item.kind]} ${codeSpan(item.key, 120)}`;
  const said = {
    declared: `✅ **Resolved:** ${what} is now declared in ${codeSpan(o.manifestFile)}. Thank you!`,
    "not-new": `✅ **Resolved for this pull request:** ${what} is on the base branch too now, so this pull request no longer adds it.`,
    removed: `✅ **Resolved:** this pull request no longer adds ${what}.`
  };
  return [
    reviewCommentMarker(o.id, itemKey(item), "resolved"),
    said[reason],
    "",
    footer(o.stickyUrl),
    ""
  ].join("\n");
}
var UNMARKED_REASON = {
  cap: (cap) => `over the limit of ${cap} line comments per run`,
  "outside-diff": () => "none of its evidence is on a line of this diff",
  refused: () => "GitHub refused its line (not part of the diff it shows)"
};
function renderReviewBody(o) {
  const manifest = codeSpan(o.manifestFile);
  const full = o.stickyUrl ? `[the PR comment](${safeUrl(o.stickyUrl)})` : "the PR comment";
  const marked = o.marked === 0 ? "None is marked on a line" : o.marked === 1 ? "One is marked below, on the line that adds it" : `${o.marked} are marked below, on the lines that add them`;
  const out = [
    reviewBodyMarker(o.id),
    `🔏 This pull request adds ${plural(o.newItems, "item")} that ${manifest} does not declare. ${marked}` + (o.earlier > 0 ? ` (${o.earlier} more in earlier reviews)` : "") + `; ${full} has the full report.`
  ];
  if (o.unmarked.length > 0) {
    out.push("", "Not marked on a line:", "");
    const shown = o.unmarked.slice(0, 50);
    for (const { item, reason } of shown)
      out.push(`- ${KIND_NAME[item.kind]} ${codeSpan(item.key, 120)}: ${UNMARKED_REASON[reason](o.cap)}`);
    if (o.unmarked.length > shown.length) out.push(`- …and ${o.unmarked.length - shown.length} more`);
  }
  out.push("", `<sub>${TOOL.name} ${TOOL.version}</sub>`, "");
  return out.join("\n");
}
function renderSettledReviewBody(o) {
  return [
    reviewBodyMarker(o.id),
    `✅ **Resolved:** ${codeSpan(o.manifestFile)} now covers everything this pull request adds; each line comment says what changed.`,
    "",
    `<sub>${TOOL.name} ${TOOL.version}</sub>`,
    ""
  ].join("\n");
}
function why(e) {
  const found = e.symbol ? `${escapeMarkdown(e.how, 20)} ${codeSpan(e.symbol, 80)}` : escapeMarkdown(e.how, 20);
  const text = `rule ${codeSpan(e.rule, 80)} (${e.confidence} confidence), ${found}`;
  const informative = e.reason && !(e.symbol && e.reason.includes(e.symbol));
  return informative ? `${text}: ${escapeMarkdown(e.reason, 300)}` : text;
}
function footer(stickyUrl) {
  const link = stickyUrl ? `[Full report in the PR comment](${safeUrl(stickyUrl)}) · ` : "";
  return `<sub>${link}${TOOL.name} ${TOOL.version}</sub>`;
}

// src/github/diff.ts
var HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function push(ranges, line) {
  const last = ranges[ranges.length - 1];
  if (last && line <= last[1] + 1) last[1] = Math.max(last[1], line);
  else ranges.push([line, line]);
}
function readHunk(lines, start, into) {
  const m = HUNK_HEADER.exec(lines[start]);
  if (!m) return start + 1;
  let oldLeft = m[2] === void 0 ? 1 : Number(m[2]);
  let newLeft = m[4] === void 0 ? 1 : Number(m[4]);
  let line = Number(m[3]);
  if (newLeft > 0) into.hunks.push([line, line + newLeft - 1]);
  let i = start + 1;
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const text = lines[i];
    const sign = text[0];
    if (sign === "+") {
      push(into.added, line);
      line++;
      newLeft--;
    } else if (sign === "-") oldLeft--;
    else if (sign === "\\") {
    } else if (sign === " " || text === "" || text === "\r") {
      line++;
      oldLeft--;
      newLeft--;
    } else break;
    i++;
  }
  return i;
}
function parseGitDiff(text) {
  const lines = text.split("\n");
  const files = [];
  let current;
  let deleted = false;
  const finish = () => {
    if (current && !deleted && current.path && current.hunks.length > 0) files.push(current);
    current = void 0;
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i].replace(/\r$/, "");
    if (line.startsWith("diff --git ")) {
      finish();
      current = { path: pathFromDiffGit(line.slice("diff --git ".length)) ?? "", hunks: [], added: [] };
      deleted = false;
      i++;
    } else if (current && line.startsWith("@@ ")) i = readHunk(lines, i, current);
    else {
      if (current) {
        if (line.startsWith("+++ ")) {
          const target = line.slice(4).replace(/\t$/, "");
          if (target === "/dev/null") deleted = true;
          else current.path = stripPrefix(unquote(target), "b/");
        } else if (line.startsWith("rename to ")) current.path = unquote(line.slice("rename to ".length));
        else if (line.startsWith("deleted file mode")) deleted = true;
      }
      i++;
    }
  }
  finish();
  return files;
}
function pathFromDiffGit(rest) {
  if (rest.startsWith('"')) return void 0;
  const half = (rest.length - 1) / 2;
  if (!Number.isInteger(half)) return void 0;
  const a = rest.slice(0, half);
  const b = rest.slice(half + 1);
  return a.startsWith("a/") && b.startsWith("b/") && a.slice(2) === b.slice(2) ? b.slice(2) : void 0;
}
function stripPrefix(path, prefix) {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
var C_ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
function unquote(text) {
  if (!(text.startsWith('"') && text.endsWith('"') && text.length >= 2)) return text;
  const bytes = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
var DiffIndex = class {
  byPath;
  constructor(files) {
    const sorted = (r) => [...r].sort((a, b) => a[0] - b[0]);
    this.byPath = new Map(
      files.map((f) => [f.path, { ...f, hunks: sorted(f.hunks), added: sorted(f.added) }])
    );
  }
  /** Whether the file has any hunk (an unchanged file has none). */
  has(path) {
    return this.byPath.has(path);
  }
  /** Where a RIGHT-side line stands in the diff. */
  kind(path, line) {
    const f = this.byPath.get(path);
    if (!f) return "outside";
    if (inRanges(f.added, line)) return "added";
    return inRanges(f.hunks, line) ? "context" : "outside";
  }
};
function inRanges(ranges, line) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const [from, to] = ranges[mid];
    if (line < from) hi = mid - 1;
    else if (line > to) lo = mid + 1;
    else return true;
  }
  return false;
}

// src/github/review-plan.ts
var MAX_LINE_COMMENTS = 20;
var MANIFEST_HOWS = /* @__PURE__ */ new Set(["manifest", "env"]);
function anchorFor(item, diff, pathPrefix) {
  let best;
  for (const evidence2 of item.evidence) {
    if (!Number.isInteger(evidence2.line) || evidence2.line < 1) continue;
    const path = pathPrefix + evidence2.path;
    const kind2 = diff.kind(path, evidence2.line);
    if (kind2 === "outside") continue;
    const rank = (kind2 === "added" ? 0 : 2) + (MANIFEST_HOWS.has(evidence2.how) ? 1 : 0);
    if (!best || rank < best.rank) best = { anchor: { evidence: evidence2, path, line: evidence2.line }, rank };
  }
  return best?.anchor;
}
function evidencePaths(items, pathPrefix) {
  return [...new Set(items.flatMap((u) => u.evidence.map((e) => pathPrefix + e.path)))].sort();
}
function planReview(drift, diffFiles, ours, o) {
  const cap = o.cap ?? MAX_LINE_COMMENTS;
  const diff = new DiffIndex(diffFiles);
  const open2 = /* @__PURE__ */ new Map();
  for (const c of ours)
    if (c.state === "open")
      open2.set(
        c.key,
        [...open2.get(c.key) ?? [], c].sort((a, b) => a.id - b.id)
      );
  const plan = { create: [], update: [], resolve: [], unmarked: [], kept: 0 };
  const candidates = [];
  for (const item of drift.new) {
    const key = itemKey(item);
    const anchor = anchorFor(item, diff, o.pathPrefix);
    const body = renderReviewComment(item, anchor?.evidence ?? item.evidence[0], o);
    const existing = open2.get(key);
    if (existing) {
      plan.kept++;
      for (const c of existing)
        if (normalizeBody(c.body) !== normalizeBody(body)) plan.update.push({ id: c.id, key, body });
    } else if (anchor) candidates.push({ item, anchor });
    else plan.unmarked.push({ item, reason: "outside-diff" });
  }
  const room = Math.max(0, cap - plan.kept);
  const rank = (a) => diff.kind(a.path, a.line) === "added" ? 0 : 1;
  candidates.sort(
    (a, b) => rank(a.anchor) - rank(b.anchor) || compare(a.anchor.path, b.anchor.path) || a.anchor.line - b.anchor.line || compare(itemKey(a.item), itemKey(b.item))
  );
  for (const [i, { item, anchor }] of candidates.entries()) {
    if (i >= room) {
      plan.unmarked.push({ item, reason: "cap" });
      continue;
    }
    plan.create.push({
      item,
      key: itemKey(item),
      path: anchor.path,
      line: anchor.line,
      body: renderReviewComment(item, anchor.evidence, o)
    });
  }
  plan.create.sort((a, b) => compare(a.path, b.path) || a.line - b.line || compare(a.key, b.key));
  const fresh = new Set(drift.new.map(itemKey));
  const covered2 = new Set((drift.covered ?? []).map(itemKey));
  const undeclared2 = new Set(drift.undeclared.map(itemKey));
  for (const [key, comments] of [...open2.entries()].sort((a, b) => compare(a[0], b[0]))) {
    if (fresh.has(key)) continue;
    const reason = covered2.has(key) ? "declared" : undeclared2.has(key) ? "not-new" : "removed";
    const item = splitKey(key);
    if (!item) continue;
    const body = renderResolvedReviewComment(item, reason, o);
    for (const c of comments) plan.resolve.push({ id: c.id, key, body });
  }
  return plan;
}
function splitKey(key) {
  const at = key.indexOf(":");
  const kind2 = key.slice(0, at);
  return at > 0 && KIND_ORDER.includes(kind2) ? { kind: kind2, key: key.slice(at + 1) } : void 0;
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/github/review.ts
var isRefusal = (e) => e instanceof GitHubApiError && (e.kind === "read-only" || e.kind === "forbidden" || e.kind === "unauthorized");
var reasonOf = (e) => e instanceof Error ? e.message : String(e);
var ReadOnly = class extends Error {
  constructor(refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
  refusal;
};
async function publishReview(client, drift, diff, t, log) {
  const reviews = client.reviews;
  const result = {
    created: 0,
    updated: 0,
    resolved: 0,
    threadsResolved: 0,
    skipped: [],
    unmarked: 0,
    settled: 0,
    dismissed: 0
  };
  const [all, viewer] = await Promise.all([reviews.listReviewComments(t.pr), client.viewer()]);
  const prefix = reviewMarkerPrefix(t.commentId);
  const ours = all.flatMap((c) => {
    if (c.inReplyTo || !isOurComment(c, prefix, viewer)) return [];
    const marker = parseReviewMarker(c.body);
    return marker ? [{ id: c.id, body: c.body, key: marker.key, state: marker.state }] : [];
  });
  const options = {
    id: t.commentId,
    manifestFile: t.manifestFile,
    stickyUrl: t.stickyUrl,
    pathPrefix: t.pathPrefix
  };
  const cap = t.cap ?? MAX_LINE_COMMENTS;
  const plan = planReview(drift, diff, ours, { ...options, cap });
  result.unmarked = plan.unmarked.length;
  const event = t.event ?? "COMMENT";
  try {
    if (plan.create.length > 0) {
      const body = (posted, refused) => renderReviewBody({
        ...options,
        newItems: drift.new.length,
        marked: posted.length,
        earlier: plan.kept,
        unmarked: [...plan.unmarked, ...refused.map((c) => ({ item: c.item, reason: "refused" }))],
        cap
      });
      await postComments(reviews, t, event, plan.create, body, result, log);
    }
    for (const u of plan.update) if (await edit(reviews, t.pr, u.id, u.body, log)) result.updated++;
    const resolvedIds = [];
    for (const r of plan.resolve)
      if (await edit(reviews, t.pr, r.id, r.body, log)) {
        result.resolved++;
        resolvedIds.push(r.id);
      }
    if (resolvedIds.length > 0) result.threadsResolved = await resolveThreads(reviews, t.pr, resolvedIds, log);
    if (drift.new.length === 0 && (resolvedIds.length > 0 || event === "REQUEST_CHANGES"))
      Object.assign(result, await settleReviews(reviews, t, viewer, log));
  } catch (e) {
    if (e instanceof ReadOnly) return { ...result, readOnly: e.refusal };
    throw e;
  }
  return result;
}
async function postComments(reviews, t, event, comments, body, result, log) {
  const toPost = comments.map((c) => ({ path: c.path, line: c.line, body: c.body }));
  try {
    const review = await reviews.createReview(t.pr, {
      commitId: t.headSha,
      body: body(comments, []),
      event,
      comments: toPost
    });
    result.created = comments.length;
    result.reviewUrl = review.url;
    return;
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e);
    if (!(e instanceof GitHubApiError && e.kind === "validation")) {
      log.warning(
        `${reasonOf(e)}; the line comments are skipped this run (the PR comment has the full report)`
      );
      return;
    }
    log.info(`GitHub rejected the review as a whole (${e.message}); posting its line comments one by one`);
  }
  const posted = [];
  const refused = [];
  for (const c of comments) {
    try {
      await reviews.createReviewComment(t.pr, t.headSha, { path: c.path, line: c.line, body: c.body });
      posted.push(c);
    } catch (e) {
      if (isRefusal(e)) throw new ReadOnly(e);
      refused.push(c);
      result.skipped.push({ path: c.path, line: c.line, reason: reasonOf(e) });
      log.warning(`skipped the line comment on ${c.path}:${c.line}: ${reasonOf(e)}`);
    }
  }
  result.created = posted.length;
  if (event === "REQUEST_CHANGES" || refused.length > 0 || result.unmarked > 0) {
    try {
      const review = await reviews.createReview(t.pr, {
        commitId: t.headSha,
        body: body(posted, refused),
        event,
        comments: []
      });
      result.reviewUrl = review.url;
    } catch (e) {
      if (isRefusal(e)) throw new ReadOnly(e);
      log.warning(`could not post the review summary: ${reasonOf(e)}`);
    }
  }
}
async function edit(reviews, pr, id, body, log) {
  try {
    await reviews.updateReviewComment(pr, id, body);
    return true;
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e);
    log.warning(`could not edit review comment ${id}: ${reasonOf(e)}`);
    return false;
  }
}
async function resolveThreads(reviews, pr, ids, log) {
  const wanted = new Set(ids);
  let done = 0;
  try {
    const threads = await reviews.listReviewThreads(pr);
    for (const thread of threads) {
      if (thread.isResolved || thread.firstCommentId === void 0 || !wanted.has(thread.firstCommentId))
        continue;
      await reviews.resolveReviewThread(thread.id);
      done++;
    }
  } catch (e) {
    log.info(
      `could not resolve the review threads of the resolved comments (${reasonOf(e)}); the comments say they are resolved`
    );
  }
  return done;
}
async function settleReviews(reviews, t, viewer, log) {
  const done = { settled: 0, dismissed: 0 };
  const body = renderSettledReviewBody({ id: t.commentId, manifestFile: t.manifestFile });
  try {
    const marker = reviewBodyMarker(t.commentId);
    for (const r of await reviews.listReviews(t.pr)) {
      if (!isOurComment(r, marker, viewer)) continue;
      if (normalizeBody(r.body) !== normalizeBody(body)) {
        await reviews.updateReview(t.pr, r.id, body);
        done.settled++;
      }
      if (r.state === "CHANGES_REQUESTED") {
        await reviews.dismissReview(
          t.pr,
          r.id,
          `privacy-drift: ${t.manifestFile} now declares everything this pull request adds`
        );
        done.dismissed++;
      }
    }
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e);
    log.warning(`could not update the earlier review: ${reasonOf(e)}`);
  }
  return done;
}
function describeReview(r) {
  const parts = [];
  if (r.created > 0) parts.push(`${r.created} line comment${r.created === 1 ? "" : "s"} posted`);
  if (r.updated > 0) parts.push(`${r.updated} updated`);
  if (r.resolved > 0)
    parts.push(
      `${r.resolved} resolved (${r.threadsResolved} thread${r.threadsResolved === 1 ? "" : "s"} closed)`
    );
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} refused by GitHub`);
  if (r.settled > 0) parts.push("review summary marked resolved");
  if (r.dismissed > 0) parts.push("change request dismissed");
  if (parts.length === 0) return "Review comments already up to date";
  return `Review: ${parts.join(", ")}${r.reviewUrl ? `: ${r.reviewUrl}` : ""}`;
}

// src/github/diff-git.ts
function git(top, args) {
  return runGit(top, args, { timeout: 12e4 }).toString();
}
function diffBaseFor(top, base, head) {
  const revisions = [assertCommitSha(base, "the base commit"), assertCommitSha(head, "the head commit")];
  try {
    const mergeBase = git(top, ["merge-base", "--end-of-options", ...revisions]).trim();
    return isCommitSha(mergeBase) ? mergeBase : base;
  } catch {
    return base;
  }
}
var PATHS_PER_CALL = 200;
function gitDiffLines(top, base, head, paths) {
  if (paths.length === 0) return [];
  const from = diffBaseFor(top, base, head);
  const wanted = new Set(paths);
  const groups = changedFiles(top, from, head).filter((ch) => ch.status !== "deleted" && wanted.has(ch.path)).map((ch) => ch.previousPath ? [ch.path, ch.previousPath] : [ch.path]);
  const files = [];
  for (let i = 0; i < groups.length; i += PATHS_PER_CALL) {
    const out = git(top, [
      "-c",
      "core.quotePath=false",
      "--literal-pathspecs",
      "diff",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--no-relative",
      "-M",
      "--unified=3",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      "--end-of-options",
      from,
      head,
      "--",
      ...groups.slice(i, i + PATHS_PER_CALL).flat()
    ]);
    files.push(...parseGitDiff(out).filter((f) => wanted.has(f.path)));
  }
  return files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

// src/action/review.ts
function reviewEvent(input) {
  return input === "request-changes" ? "REQUEST_CHANGES" : "COMMENT";
}
function localReviewDiff(io, where, baseSha, fresh) {
  if (fresh.length === 0 || !where.top) return [];
  const head = checkedOutCommit(where.top);
  if (!head) return void 0;
  const paths = evidencePaths(fresh, where.pathPrefix);
  try {
    return capDiff(gitDiffLines(where.top, baseSha, head, paths));
  } catch (e) {
    const err = e;
    io.warning(
      `could not read the pull request's diff (${(err.stderr?.toString() || err.message).trim().split("\n")[0]}): review comments are skipped; the PR comment has the full report`
    );
    return void 0;
  }
}
function capDiff(files) {
  return files.slice(0, DIFF_LIMITS.files).map((f) => ({
    path: f.path,
    hunks: f.hunks.slice(0, DIFF_LIMITS.ranges),
    added: f.added.slice(0, DIFF_LIMITS.ranges)
  }));
}
async function publishReviewComments(io, client, drift, diff, target) {
  const reviews = client.reviews;
  if (!reviews) {
    io.debug("this GitHub client cannot post reviews: line comments skipped");
    return void 0;
  }
  const log = {
    info: (m) => io.info(m),
    warning: (m) => io.warning(m),
    debug: (m) => io.debug(m)
  };
  try {
    const result = await publishReview({ viewer: () => client.viewer(), reviews }, drift, diff, target, log);
    if (result.readOnly) {
      io.warning(
        `privacy-drift could not post review comments on this pull request: ${result.readOnly.message}. The job summary and annotations have the full report (fork-safe setup: ${FORK_DOCS_URL}).`
      );
      return result;
    }
    io.info(describeReview(result));
    return result;
  } catch (e) {
    if (!(e instanceof GitHubApiError)) throw e;
    io.warning(`review comments skipped: ${e.message}`);
    return void 0;
  }
}

// src/action/run.ts
async function run(deps = {}) {
  const env = deps.env ?? process.env;
  const io = deps.io ?? coreIO(env);
  const createClient = deps.createClient ?? defaultClientFactory(env);
  try {
    const inputs = readInputs(io);
    if (inputs.token) io.setSecret(inputs.token);
    const ctx = readContext(env);
    const reportFile = resolve2(
      ctx.workspace,
      inputs.reportFile || join2(env.RUNNER_TEMP || tmpdir(), "privacy-drift-report.json")
    );
    if (inputs.mode === "publish") return await publishMode(io, inputs, ctx, reportFile, createClient);
    return await analyzeMode(io, inputs, ctx, reportFile, createClient);
  } catch (e) {
    return { status: fail(io, e) };
  }
}
async function analyzeMode(io, inputs, ctx, reportFile, createClient) {
  const where = locateScan(inputs, ctx);
  const { analyze } = await import("./engine.js");
  const a = await analyze(inputs, ctx, io, where);
  const { inventory, drift } = a.outcome;
  const hasBase = a.baseSha !== void 0;
  const { newCount, failing } = driftCounts(drift, hasBase, inputs.failOn);
  const reviewDiff = inputs.reviewComments && (inputs.mode === "analyze" || inputs.comment) && a.pr && a.baseSha ? localReviewDiff(io, a, a.baseSha, drift.new) : void 0;
  writeFileAtomic(
    reportFile,
    renderReportFile(inventory, drift, {
      repository: ctx.repository,
      pullRequest: a.pr && a.baseSha ? { number: a.pr.number, baseSha: a.baseSha, headSha: a.pr.headSha } : null,
      pathPrefix: a.pathPrefix,
      manifestFile: a.manifestFile,
      commentId: a.commentId,
      failOn: inputs.failOn,
      ...reviewDiff ? { diff: { files: reviewDiff } } : {},
      policy: a.policy ?? null
    }),
    { mkdir: true }
  );
  if (inputs.sarifFile) {
    const sarifPath = resolve2(ctx.workspace, inputs.sarifFile);
    writeFileAtomic(sarifPath, prefixSarif(renderSarif(inventory, drift), a.pathPrefix), { mkdir: true });
    io.info(`SARIF written to ${sarifPath}; upload it with github/codeql-action/upload-sarif`);
  }
  const link = a.linkSha && ctx.repository ? blobLinker(ctx.serverUrl, ctx.repository, a.linkSha, a.pathPrefix) : void 0;
  const packages = workspacePackages(a.outcome.facts);
  const summary2 = renderMarkdown(inventory, drift, {
    link,
    manifestFile: a.manifestFile,
    packages,
    policy: a.policy
  });
  await writeSummary(io, withContext(summary2, summaryContext(a.pr, a.baseSha, newCount)));
  annotateDrift(io, drift, {
    hasBase,
    failOn: inputs.failOn,
    pathPrefix: a.pathPrefix,
    manifestFile: a.manifestFile
  });
  let comment;
  let review;
  try {
    if (a.pr && inputs.mode === "auto" && inputs.comment) {
      if (!inputs.token)
        io.warning("No github-token: the PR comment is skipped (the job summary has the report).");
      else {
        const client = await createClient(inputs.token, ctx.apiUrl, io);
        const target = {
          pr: { owner: ctx.owner, repo: ctx.repo, number: a.pr.number },
          headSha: a.pr.headSha,
          repository: ctx.repository,
          serverUrl: ctx.serverUrl,
          pathPrefix: a.pathPrefix,
          manifestFile: a.manifestFile,
          commentId: a.commentId,
          reportUrl: ctx.runUrl,
          policy: a.policy,
          map: buildDataMap(inventory, drift, { packages })
        };
        comment = await publishComment(io, client, drift, target);
        if (inputs.reviewComments && !comment.readOnly)
          review = await publishReviewComments(io, client, drift, reviewDiff ?? [], {
            ...target,
            stickyUrl: comment.result?.comment?.url,
            event: reviewEvent(inputs.reviewEvent)
          });
      }
    } else if (a.pr && inputs.mode === "analyze")
      io.info(`mode: analyze: report written to ${reportFile} for a mode: publish job`);
  } finally {
    setOutputs(io, {
      undeclared: drift.undeclared.length,
      newCount,
      reportFile,
      commentUrl: comment?.result?.comment?.url
    });
  }
  if (comment?.result?.comment)
    await writeSummary(io, `PR comment ${comment.result.action}: ${comment.result.comment.url}
`);
  if (review?.reviewUrl) await writeSummary(io, `${describeReview(review)}
`);
  if (failing > 0) {
    const what = inputs.failOn === "new" && hasBase ? "new undeclared" : "undeclared";
    io.setFailed(
      `${plural(failing, `${what} item`)} (fail-on: ${inputs.failOn}): declare ${failing === 1 ? "it" : "them"} in ${a.manifestFile} as the job summary suggests, or set fail-on: none to report without failing.`
    );
    return { status: "drift", comment, review };
  }
  return { status: "ok", comment, review };
}
async function publishMode(io, inputs, ctx, reportFile, createClient) {
  const report = readReportFile(reportFile);
  const g = report.github;
  const drift = report.drift;
  const hasBase = g.pullRequest !== null;
  const { newCount } = driftCounts(drift, hasBase, g.failOn);
  const outputs = { undeclared: drift.undeclared.length, newCount, reportFile };
  if (g.repository.toLowerCase() !== ctx.repository.toLowerCase())
    throw new UsageError(
      `report-file is about ${g.repository}, but this workflow runs in ${ctx.repository}: refusing to publish it`
    );
  if (!g.pullRequest) {
    io.info("report-file was written outside a pull request: there is no comment to publish");
    setOutputs(io, outputs);
    return { status: "ok" };
  }
  const expectedHead = ctx.workflowRun?.headSha ?? ctx.pr?.headSha;
  if (!expectedHead)
    throw new UsageError(
      "mode: publish needs a workflow_run (or pull_request) event to check which commit the report-file belongs to"
    );
  if (g.pullRequest.headSha !== expectedHead)
    throw new UsageError(
      `report-file is for commit ${g.pullRequest.headSha.slice(0, 7)}, but the triggering run was for ${expectedHead.slice(0, 7)}: refusing to publish it`
    );
  const attached = ctx.workflowRun?.pullRequests ?? [];
  if (attached.length > 0 && !attached.includes(g.pullRequest.number))
    throw new UsageError(
      `report-file names PR #${g.pullRequest.number}, which is not the triggering run's pull request`
    );
  if (!inputs.token) throw new UsageError("mode: publish needs github-token with pull-requests: write");
  const client = await createClient(inputs.token, ctx.apiUrl, io);
  const prRef = { owner: ctx.owner, repo: ctx.repo, number: g.pullRequest.number };
  const pr = await client.getPullRequest(prRef);
  if (pr.headSha !== g.pullRequest.headSha) {
    io.notice(
      `PR #${pr.number} has moved on to ${pr.headSha.slice(0, 7)}; not publishing the report for ${g.pullRequest.headSha.slice(0, 7)} (a newer run will).`
    );
    setOutputs(io, outputs);
    return { status: "ok" };
  }
  const target = {
    pr: prRef,
    headSha: pr.headSha,
    repository: ctx.repository,
    serverUrl: ctx.serverUrl,
    pathPrefix: g.pathPrefix,
    manifestFile: g.manifestFile,
    commentId: g.commentId,
    reportUrl: void 0,
    policy: g.policy ?? void 0
  };
  let comment;
  let review;
  try {
    comment = inputs.comment ? await publishComment(io, client, drift, target) : void 0;
    if (comment && !comment.readOnly && inputs.reviewComments) {
      if (drift.new.length > 0 && !g.diff)
        io.info(
          "report-file carries no diff lines (analyze ran with review-comments: false, or an older version): no new line comments"
        );
      review = await publishReviewComments(io, client, drift, g.diff?.files ?? [], {
        ...target,
        stickyUrl: comment.result?.comment?.url,
        event: reviewEvent(inputs.reviewEvent)
      });
    }
  } finally {
    setOutputs(io, { ...outputs, commentUrl: comment?.result?.comment?.url });
  }
  const url = comment?.result?.comment?.url;
  await writeSummary(
    io,
    `## Privacy drift

Published the report for PR #${pr.number}${url ? `: ${url}` : ""}.
`
  );
  return { status: "ok", comment, review };
}
function fail(io, e) {
  if (e instanceof ConfigError) {
    for (const p of e.problems)
      io.error(`${p.key ? `${p.key}: ` : ""}${p.message}${p.hint ? ` — ${p.hint}` : ""}`, {
        title: "privacy-drift configuration",
        file: p.file,
        startLine: p.line,
        startColumn: p.column
      });
    io.setFailed(`privacy-drift: configuration error
${e.message}`);
  } else if (e instanceof UsageError || e instanceof GitHubApiError) {
    io.setFailed(`privacy-drift: ${e.message}`);
  } else {
    const err = e;
    io.debug(err?.stack ?? String(e));
    io.setFailed(
      `privacy-drift: internal error: ${err?.message ?? String(e)}. Please report it with this log.`
    );
  }
  return "error";
}
function defaultClientFactory(env) {
  return async (token, apiUrl, io) => {
    const { createClient } = await import("./engine.js");
    return createClient(token, apiUrl, io, env);
  };
}

// src/util/heap-growth.ts
import { setFlagsFromString } from "node:v8";
var HEAP_FLAG = /(^|\s)--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|predictable[-_]gc[-_]schedule)(=|\s|$)/;
function heapChosen(execArgv, nodeOptions) {
  return execArgv.some((arg) => HEAP_FLAG.test(arg)) || HEAP_FLAG.test(nodeOptions ?? "");
}
function capHeapGrowth(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS) {
  if (heapChosen(execArgv, nodeOptions)) return false;
  setFlagsFromString("--heap-growing-percent=100");
  return true;
}

// src/action/index.ts
capHeapGrowth();
var matcher = fileURLToPath(new URL("../.github/privacy-drift-matcher.json", import.meta.url));
if (existsSync3(matcher)) process.stdout.write(`::add-matcher::${matcher}
`);
await run();
