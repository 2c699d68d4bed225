/**
 * The HTML report's stylesheet and script, inlined into the page and allowed by hash in its CSP: the page
 * loads nothing from anywhere, so it works from file:// and offline.
 */

export const REPORT_CSS = String.raw`
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#0969da;--bad:#d1242f;--bad-bg:#ffebe9;--ok:#1a7f37;--ok-bg:#dafbe1;--warn:#9a6700;--warn-bg:#fff8c5;--special:#8250df;--code:#eff1f3;
--k-personalData:#0969da;--k-cookie:#bc4c00;--k-analytics:#8250df;--k-processor:#1a7f37;--k-part:#59636e;--k-logs:#6e7781}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--accent:#4493f8;--bad:#f85149;--bad-bg:#2d1214;--ok:#3fb950;--ok-bg:#12261e;--warn:#d29922;--warn-bg:#272115;--special:#ab7df8;--code:#1f2630}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 2px;font-weight:600}
h1 .project{color:var(--muted);font-weight:400}
h2{font-size:19px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line);font-weight:600}
h3{font-size:15px;margin:20px 0 8px}
.meta{color:var(--muted);margin:0}
nav{margin:14px 0 0;display:flex;gap:16px}
nav a{color:var(--accent);text-decoration:none}
nav a:hover{text-decoration:underline}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
code{background:var(--code);padding:1px 5px;border-radius:5px;overflow-wrap:anywhere}
pre{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:12px 14px;overflow:auto;white-space:pre}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin-top:20px}
.card{border:1px solid var(--line);border-radius:10px;padding:12px 14px;background:var(--panel)}
.card .n{font-size:26px;font-weight:600;line-height:1.1}
.card .l{color:var(--muted);font-size:13px}
.card.bad{border-color:var(--bad);background:var(--bad-bg)}.card.bad .n{color:var(--bad)}
.card.ok{border-color:var(--ok);background:var(--ok-bg)}.card.ok .n{color:var(--ok)}
.status{border-radius:10px;padding:12px 16px;font-weight:600;margin:16px 0}
.status.bad{background:var(--bad-bg);color:var(--bad);border:1px solid var(--bad)}
.status.ok{background:var(--ok-bg);color:var(--ok);border:1px solid var(--ok)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line)}
.badge{display:inline-block;font-size:11.5px;font-weight:600;border-radius:20px;padding:0 8px;margin-left:6px;border:1px solid currentColor;vertical-align:1px}
.badge.undeclared{color:var(--bad)}.badge.new{color:var(--special)}.badge.special{color:var(--warn)}.badge.declared{color:var(--ok)}
.kind{display:inline-block;font-size:12px;font-weight:600;white-space:nowrap}
.kind::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:var(--k)}
.kind-personalData{--k:var(--k-personalData)}.kind-cookie{--k:var(--k-cookie)}.kind-analytics{--k:var(--k-analytics)}.kind-processor{--k:var(--k-processor)}
.muted{color:var(--muted)}
.where{white-space:nowrap}
ul.sentences li{margin:4px 0}
.map-scroll{overflow:auto;border:1px solid var(--line);border-radius:10px;background:var(--bg);padding:8px}
.legend{display:flex;flex-wrap:wrap;gap:18px;color:var(--muted);font-size:13px;margin-top:8px}
.legend svg{vertical-align:middle;margin-right:4px}
svg.datamap{display:block;font-size:12px;font-family:inherit}
.map-group rect{fill:var(--panel);stroke:var(--line)}
.map-group-title{font-weight:600;fill:var(--fg);font-size:12.5px}
.map-node rect{fill:var(--bg);stroke:var(--k);stroke-width:1.4}
.map-node{cursor:pointer}
.map-node:hover rect{stroke-width:2.5}
.map-node-personalData{--k:var(--k-personalData)}.map-node-cookie{--k:var(--k-cookie)}.map-node-part{--k:var(--k-part)}.map-node-analytics{--k:var(--k-analytics)}.map-node-processor{--k:var(--k-processor)}.map-node-logs{--k:var(--k-logs)}
.map-node.special rect{stroke:var(--special)}
.map-node.undeclared rect{stroke:var(--bad);stroke-width:2;stroke-dasharray:5 3;fill:var(--bad-bg)}
.map-node.more rect{stroke-dasharray:2 3}
.map-node-label{fill:var(--fg)}
.map-node-detail{fill:var(--muted);font-size:11px}
.map-edge{fill:none;stroke:var(--muted);stroke-opacity:.55;stroke-width:1.2}
.map-edge-uses{stroke-dasharray:5 4;stroke-opacity:.8}
.map-edge-flow{stroke-width:2;stroke-opacity:.8}
.map-edge.undeclared{stroke:var(--bad);stroke-opacity:.9}
.arrowhead{fill:var(--muted)}.arrowhead.undeclared{fill:var(--bad)}
.filters{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;padding:12px 14px;border:1px solid var(--line);border-radius:10px;background:var(--panel);position:sticky;top:0;z-index:1}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:10px;align-items:center}
.filters legend{float:left;margin-right:6px;font-weight:600;font-size:13px}
.filters label{font-size:13px;white-space:nowrap}
.filters input[type=search]{min-width:240px;flex:1}
.filters input,.filters select{font:inherit;font-size:13px;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.filters output{margin-left:auto;color:var(--muted);font-size:13px}
.inventory tbody.item tr.item-head th{background:var(--panel);border-top:1px solid var(--line);font-weight:400}
.inventory .item-key{font-weight:600}
.inventory tr.ev td{font-size:13px}
.inventory tr.ev td:first-child{padding-left:28px}
.excerpt{display:block;margin-top:3px;white-space:pre-wrap;background:none;padding:0;color:var(--muted)}
.conf{font-size:12px;font-weight:600}.conf-high{color:var(--ok)}.conf-medium{color:var(--warn)}.conf-low{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:12px;padding-top:28px;padding-bottom:40px}
[hidden]{display:none!important}
@media print{
body{font-size:11px}
header,main,footer{max-width:none;padding:0}
nav,.filters{display:none}
h2{break-after:avoid}
.map-scroll{overflow:visible;border:0}
svg.datamap{max-width:100%;height:auto}
tbody.item{break-inside:avoid}
.card,.status,pre{background:none}
a{color:inherit;text-decoration:none}
}
`

/** Filters, search, and map clicks that filter the inventory; plain DOM, no data from the page is evaluated. */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var rank = { low: 0, medium: 1, high: 2 };
  var items = Array.prototype.slice.call(document.querySelectorAll('tbody.item'));
  var texts = items.map(function (item) {
    var head = item.querySelector('.item-head');
    return {
      head: head ? head.textContent.toLowerCase() : '',
      rows: Array.prototype.slice.call(item.querySelectorAll('tr.ev')).map(function (row) {
        return { row: row, text: row.textContent.toLowerCase() };
      })
    };
  });
  var shown = document.getElementById('shown');
  function apply() {
    var kinds = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name=kind]'), function (box) {
      kinds[box.value] = box.checked;
    });
    var min = rank[form.elements.confidence.value] || 0;
    var part = form.elements.part.value;
    var q = form.elements.q.value.trim().toLowerCase();
    var count = 0;
    items.forEach(function (item, i) {
      var t = texts[i];
      var headHit = q === '' || t.head.indexOf(q) >= 0;
      var any = false;
      t.rows.forEach(function (r) {
        var ok = kinds[item.getAttribute('data-kind')] === true &&
          (rank[r.row.getAttribute('data-confidence')] || 0) >= min &&
          (part === '' || r.row.getAttribute('data-part') === part) &&
          (headHit || r.text.indexOf(q) >= 0);
        r.row.hidden = !ok;
        if (ok) any = true;
      });
      item.hidden = !any;
      if (any) count++;
    });
    shown.textContent = count + ' of ' + items.length + ' items';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  Array.prototype.forEach.call(document.querySelectorAll('svg.datamap .map-node'), function (node) {
    node.addEventListener('click', function () {
      var key = node.getAttribute('data-key') || '';
      if (node.getAttribute('data-group') === 'part') {
        form.elements.part.value = key;
        form.elements.q.value = '';
      } else if (!node.classList.contains('more')) {
        form.elements.part.value = '';
        form.elements.q.value = key;
      }
      apply();
      document.getElementById('inventory').scrollIntoView();
    });
  });
  apply();
})();
`
