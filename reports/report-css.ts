/**
 * The report's one inline style sheet: the page must be self-contained (no external resource),
 * readable on screen and on paper (the CDU receives it printed), and meet WCAG AA contrast.
 * Colours only reinforce what text already says.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: #0b3d6b; color: #fff; }
.skip-link:focus { left: 1rem; z-index: 10; }
header.page, main, footer.page { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { border-bottom: 3px solid #0b3d6b; padding-top: 1.5rem; padding-bottom: 1rem; }
h1 { font-size: 1.75rem; margin: 0 0 .5rem; color: #0b3d6b; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; color: #0b3d6b; border-bottom: 1px solid #c5d3e0; padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; color: #1a1a1a; }
a { color: #0b4f8a; }
a:focus, [tabindex]:focus { outline: 3px solid #c25e00; outline-offset: 2px; }
.meta { color: #3d3d3d; margin: .25rem 0; }
dl.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; }
dl.counts div { border: 1px solid #c5d3e0; border-radius: 4px; padding: .5rem .75rem; }
dl.counts dt { font-size: .85rem; color: #3d3d3d; }
dl.counts dd { margin: 0; font-size: 1.35rem; font-weight: 600; }
.table-wrap { overflow-x: auto; margin: .75rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border: 1px solid #c5d3e0; padding: .35rem .5rem; vertical-align: top; }
thead th { background: #eef3f8; text-align: left; }
tbody th { text-align: left; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.masked { font-style: italic; color: #3d3d3d; }
.bar { display: inline-block; vertical-align: middle; }
.tag { display: inline-block; font-size: .75rem; border: 1px solid #0b3d6b; border-radius: 3px; padding: 0 .3rem; margin-left: .4rem; color: #0b3d6b; }
.note { background: #f6f8fa; border-left: 4px solid #0b3d6b; padding: .5rem .9rem; margin: .75rem 0; }
.relational { border: 2px solid #0b3d6b; border-radius: 6px; padding: .25rem 1rem 1rem; margin: 1rem 0; }
figure.quote { margin: 1rem 0; }
blockquote { margin: 0; padding: .5rem 1rem; border-left: 4px solid #6b7b8c; background: #f6f8fa; }
blockquote p { margin: 0; }
figcaption { font-size: .85rem; color: #3d3d3d; margin-top: .25rem; }
small { font-size: .8em; color: #3d3d3d; font-weight: normal; }
ul.inline { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; padding-left: 1.2rem; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .85rem; }
.reading { font-weight: normal; font-size: .85em; color: #3d3d3d; }
.figures { color: #3d3d3d; font-size: .9em; white-space: nowrap; }
ul.points { list-style: none; margin: 0; padding: 0; columns: 2 18rem; column-gap: 1.5rem; }
ul.points li { margin: 0 0 .3rem; break-inside: avoid; }
.point { display: inline-block; min-width: 1.45rem; height: 1.45rem; line-height: 1.45rem; border-radius: 50%;
  background: #5a6f85; color: #fff; font-weight: 700; font-size: .75rem; text-align: center; }
.point.relational-point { background: #0b3d6b; }
tr.quadrant-axes_prioritaires th { background: #fbe9dc; }
tr.quadrant-signaux_faibles th { background: #fdf5ee; }
tr.quadrant-points_forts th { background: #e8f1f8; }
tr.quadrant-bonnes_pratiques th { background: #f3f7fa; }
td.trend { min-width: 11rem; }
table.overview tbody th { min-width: 14rem; }
table.crosstab { width: auto; }
table.crosstab th.rot { vertical-align: bottom; padding: .4rem .2rem; }
table.crosstab th.rot span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; }
table.crosstab td.num { min-width: 2.3rem; }
td.trend-hausse, td.trend-baisse { font-weight: 600; }
table.plan { font-size: .85rem; table-layout: fixed; }
table.plan td { overflow-wrap: break-word; }
table.plan ul { margin: .25rem 0 0; padding-left: 1.1rem; }
table.plan .plan-quotes { font-style: italic; color: #3d3d3d; }
table.plan .fill { color: #6b4a00; font-style: italic; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
footer.page { border-top: 1px solid #c5d3e0; margin-top: 3rem; padding-top: .75rem; padding-bottom: 2rem; color: #3d3d3d; font-size: .85rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { font-size: 10pt; }
  .skip-link, nav.toc { display: none; }
  header.page, main, footer.page { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure.quote, figure.chart, .theme-quotes h3 { break-inside: avoid; }
  .new-page { break-before: page; }
  h2 { margin-top: 0; }
  table.plan { font-size: 7.5pt; }
  table.crosstab { font-size: 7pt; }
  table.crosstab td.num { min-width: 0; padding: .2rem .25rem; }
  figure.chart svg { max-height: 150mm; width: auto; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
