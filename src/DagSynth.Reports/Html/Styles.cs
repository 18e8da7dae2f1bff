namespace DagSynth.Reports.Html;

/// <summary>The report's style sheet, inline in the page (no fonts, images or scripts are fetched).</summary>
internal static class Styles
{
    public const string Css = """
:root { --ink: #1a1a1a; --muted: #595959; --line: #d6d6d6; --soft: #f5f5f2; --accent: #0072b2; --flag: #c2410c; --flag-bg: #fff1e6; --ok: #166534; --ok-bg: #eaf6ee; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif; }
a { color: var(--accent); }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.page-header { padding: 28px 40px 18px; border-bottom: 1px solid var(--line); background: var(--soft); }
.page-header .eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.page-header h1 { margin: 2px 0 6px; font-size: 30px; line-height: 1.2; }
.page-header .lede { margin: 0 0 10px; max-width: 75ch; color: #333; }
.page-header .meta { margin: 0; font-size: 13px; color: var(--muted); }
nav.toc { padding: 10px 40px; border-bottom: 1px solid var(--line); font-size: 14px; }
nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
main { max-width: 1240px; margin: 0 auto; padding: 8px 40px 48px; }
section { margin-top: 34px; }
h2 { font-size: 22px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 0; }
p { margin: 0 0 10px; max-width: 85ch; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin-bottom: 14px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.tile .value { display: block; font-size: 26px; font-weight: bold; line-height: 1.2; font-variant-numeric: tabular-nums; }
.tile .what { font-size: 13px; color: var(--muted); }
.tile.flagged { border-color: var(--flag); background: var(--flag-bg); }
.tile.flagged .value { color: var(--flag); }
.tile.ok { border-color: #9ccfad; background: var(--ok-bg); }
.tile.ok .value { color: var(--ok); }
.flag-list { margin: 6px 0 0; padding-left: 20px; font-size: 14px; }
.figure-dag { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; }
.figure-dag svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; align-items: start; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px 10px; break-inside: avoid; page-break-inside: avoid; }
.card.flagged { border-color: var(--flag); box-shadow: inset 4px 0 0 var(--flag); }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 10px; margin-bottom: 4px; }
.card-head .type { font-size: 13px; color: var(--muted); }
.card .about { font-size: 13px; color: #333; margin: 0 0 6px; }
figure { margin: 4px 0 8px; }
figure svg.chart { display: block; max-width: 100%; height: auto; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; line-height: 19px; white-space: nowrap; border: 1px solid transparent; }
.badge.exact { background: #e1eff9; color: #0b4f7c; border-color: #b9d7ee; }
.badge.simulated { background: #f0f0f0; color: #444; border-color: #d6d6d6; }
.badge.flag { background: var(--flag); color: #fff; }
.badge.ok { background: var(--ok-bg); color: var(--ok); border-color: #9ccfad; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-size: 13px; color: var(--muted); padding: 0 0 4px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e6e6e6; text-align: right; vertical-align: top; white-space: nowrap; }
td.text, th.text { white-space: normal; }
thead th { font-weight: 600; border-bottom: 1px solid #9a9a9a; background: #fafafa; white-space: normal; }
tbody th { font-weight: 600; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
tr.flagged td, tr.flagged th { background: var(--flag-bg); }
td.flag { color: var(--flag); font-weight: bold; }
.wide { overflow-x: auto; }
.note { font-size: 13px; color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; font-size: 14px; margin: 0; }
dl.manifest dt { color: var(--muted); }
dl.manifest dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.92em; }
footer { margin-top: 40px; padding: 14px 40px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media (max-width: 700px) { .page-header, nav.toc, main, footer { padding-left: 16px; padding-right: 16px; } .cards { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10.5pt; }
  .page-header { background: none; padding: 0 0 8px; }
  nav.toc { display: none; }
  main, footer { padding: 0; max-width: none; }
  section { break-before: auto; }
  h2 { break-after: avoid; }
  .cards { grid-template-columns: 1fr 1fr; gap: 10px; }
  .card, figure, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .figure-dag { overflow: visible; }
  @page { margin: 14mm; }
}
""";
}
