/** The inline stylesheet of report.html and study-report.html (no external files). */
export const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;padding:16px;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.2rem;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:1rem;margin:0 0 6px}
.muted{color:#666}.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}.kv dt{font-weight:600}.kv dd{margin:0}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:8px 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f5f5f7}td:first-child,th:first-child{text-align:left}
figure.chart{margin:16px 0;padding:8px;border:1px solid #eee;border-radius:6px}figure.chart svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#444;margin:4px 0}pre{background:#f5f5f7;padding:8px;overflow-x:auto;font-size:.8rem}
details summary{cursor:pointer;font-weight:600;margin:6px 0}
@media print{details{display:block}details>summary{display:none}figure.chart{break-inside:avoid}}
`;
