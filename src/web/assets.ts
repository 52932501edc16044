import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The console's one style sheet, served from /assets/console.css (the CSP allows no inline style). */
export const CONSOLE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d1c1d; background: #f8f8f8; }
body { margin: 0; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; background: #3f0e40; color: #fff; }
header a { color: #fff; }
header nav { display: flex; gap: 1rem; }
header button { color: #3f0e40; }
header .me { margin-left: auto; }
main { padding: 1rem 1.5rem; max-width: 72rem; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.verdict-allow { color: #007a5a; font-weight: 600; }
.verdict-block { color: #e01e5a; font-weight: 600; }
.verdict-review { color: #b7791f; font-weight: 600; }
.notice { padding: .6rem 1rem; background: #e8f5fa; border-left: 4px solid #1264a3; }
.problem { padding: .6rem 1rem; background: #fdecef; border-left: 4px solid #e01e5a; }
form.inline { display: inline; }
label { display: block; margin: .4rem 0 .2rem; }
input[type=search], input[type=text], select { padding: .35rem; min-width: 20rem; }
button { padding: .35rem .8rem; cursor: pointer; }
button.danger { background: #e01e5a; color: #fff; border: 0; border-radius: 3px; }
a.button { display: inline-block; padding: .5rem 1rem; background: #4a154b; color: #fff; border-radius: 4px; text-decoration: none; }
figure.chart { margin: .5rem 0 1.5rem; background: #fff; padding: .6rem; }
.chart-box { position: relative; height: 18rem; }
table.chart-data { width: auto; }
.number { text-align: right; }
.status { font-size: 1.1rem; font-weight: 600; }
.counts { font-weight: 600; }
nav.pages { display: flex; gap: 1rem; align-items: center; }
.recheck { padding: .6rem 1rem; background: #fff; border: 1px solid #ddd; }
ul.dropped li { margin: .2rem 0; }
.recheck-form, .download-form { margin: .8rem 0 1.5rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: end; }
form.filters input, form.filters select { min-width: 12rem; }
.chain-broken { font-weight: 600; }
tr.outcome-refused td { color: #e01e5a; }
table.audit td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
nav.pages { display: flex; gap: 1rem; margin-bottom: 1rem; }
pre.diff { white-space: pre-wrap; background: #fff; padding: .6rem 1rem; border: 1px solid #ddd; }
ul.issues { font-family: ui-monospace, monospace; }
form.edit fieldset { background: #fff; border: 1px solid #ddd; margin: 0 0 1rem; }
input[type=date] { padding: .35rem; }
.field.invalid input, .field.invalid select { border: 2px solid #e01e5a; }
.field .problem { display: block; margin: .3rem 0; padding: .3rem .6rem; }
`;

/**
 * Draws every `canvas[data-chart]` with Chart.js: the numbers come from the page (a data attribute, since the
 * CSP runs no inline script), the colours from here.
 */
export const CHARTS_JS = `
const COLOURS = ['#1264a3', '#2eb67d', '#ecb22e', '#e01e5a', '#36c5f0', '#4a154b'];
for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart);
  const datasets = spec.datasets.map((set, i) => ({
    ...set,
    backgroundColor: COLOURS[i % COLOURS.length],
    borderColor: COLOURS[i % COLOURS.length],
  }));
  const axis = { stacked: Boolean(spec.stacked) };
  new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: axis, y: { ...axis, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}
`;

/** Chart.js's browser build, read once from its npm package (no CDN: the console works offline and under CSP). */
let chartJs: string | undefined;
export function chartLibrary(): string {
  chartJs ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartJs;
}
