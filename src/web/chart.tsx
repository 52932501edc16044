import { type Lang, t } from '../i18n.ts';

/** A chart as the page sends it: labels and series of numbers (aggregates only, never the register's rows). */
export interface ChartSpec {
  type: 'bar' | 'line';
  stacked?: boolean;
  labels: string[];
  datasets: Array<{ label: string; data: number[] }>;
}

/**
 * A chart drawn in the browser by Chart.js (served from the console's own origin, as the CSP wants), with the
 * same numbers in a table beside it: readable without the script, by a screen reader, and by the tests.
 */
export function Chart({ id, spec, lang }: { id: string; spec: ChartSpec; lang: Lang }) {
  return (
    <figure class="chart">
      <div class="chart-box">
        <canvas id={`chart-${id}`} data-chart={JSON.stringify(spec)} role="img" />
      </div>
      <details>
        <summary>{t(lang, 'web_chart_numbers')}</summary>
        <table class="chart-data">
          <thead>
            <tr>
              <th />
              {spec.datasets.map((set) => (
                <th>{set.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.labels.map((label, i) => (
              <tr>
                <th>{label}</th>
                {spec.datasets.map((set) => (
                  <td>{String(set.data[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
