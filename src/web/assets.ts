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
form.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: end; }
form.filters input, form.filters select { min-width: 12rem; }
.chain-broken { font-weight: 600; }
tr.outcome-refused td { color: #e01e5a; }
table.audit td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
nav.pages { display: flex; gap: 1rem; margin-bottom: 1rem; }
pre.diff { white-space: pre-wrap; background: #fff; padding: .6rem 1rem; border: 1px solid #ddd; }
ul.issues { font-family: ui-monospace, monospace; }
`;
