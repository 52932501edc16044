/** The figures of a bench run, each with its goal (from the issues), printed as the table of bench/README.md. */
export interface Figure {
  figure: string;
  goal: string;
  measured: string;
  /** Whether the goal is met; undefined when the figure has no goal. */
  met?: boolean;
}

export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;
export const seconds = (n: number) => `${(n / 1000).toFixed(1)} s`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| figure | goal | measured | |');
  console.log('|---|---|---|---|');
  for (const f of figures) {
    const mark = f.met === undefined ? '' : f.met ? 'met' : '**not met**';
    console.log(`| ${f.figure} | ${f.goal} | ${f.measured} | ${mark} |`);
  }
}
