/**
 * Benchmark results: the machine they were measured on, a console table, and the JSON files
 * (`latest.json` plus one per run) holding `{ machine, startedAt, scenarios }`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Scenario {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  baselineName?: string;
  /** value / baseline (or however the scenario defines it), null without a baseline. */
  ratio: number | null;
  /** Human-readable goal, e.g. "ratio ≥ 0.5". */
  target: string;
  pass: boolean | null;
  detail?: Record<string, unknown>;
}

export interface Results {
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    database: string;
    load?: number[];
  };
  startedAt: string;
  scenarios: Scenario[];
}

export function machineFacts(database: string): Results['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    database,
    load: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** 3 significant digits below 100, whole numbers above. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) || Math.abs(x) >= 100) return Math.round(x).toString();
  return Number(x.toPrecision(3)).toString();
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const COLUMNS = [
  { title: 'scenario', max: 38, right: false },
  { title: 'value', max: 18, right: true },
  { title: 'baseline', max: 24, right: true },
  { title: 'ratio', max: 6, right: true },
  { title: 'target', max: 18, right: false },
  { title: 'result', max: 6, right: false },
] as const;

export function printTable(results: Results): void {
  const rows = results.scenarios.map((s) => [
    s.name,
    `${formatNumber(s.value)} ${s.unit}`,
    s.baseline === null ? '—' : `${formatNumber(s.baseline)}${s.baselineName ? ` (${s.baselineName})` : ''}`,
    s.ratio === null ? '—' : s.ratio.toFixed(2),
    s.target,
    s.pass === null ? '—' : s.pass ? 'PASS' : 'MISS',
  ]);
  const widths = COLUMNS.map((c, i) =>
    Math.min(c.max, Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        const text = fit(cell, w);
        return COLUMNS[i]?.right ? text.padStart(w) : text.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const m = results.machine;
  const out = [
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}, ${m.platform}, ${m.database}` +
      (m.load ? `, load ${m.load.join(' ')}` : ''),
    `started ${results.startedAt}`,
    '',
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  console.log(out.join('\n'));
}

/** The key order of the committed file: the required keys first, extras after. */
function orderedScenario(s: Scenario): Record<string, unknown> {
  const { name, value, unit, baseline, ratio, target, pass, ...extra } = s;
  return { name, value, unit, baseline, ratio, target, pass, ...extra };
}

/** Writes `<dir>/latest.json` and `<dir>/<startedAt>.json` (':' and '.' made '-'); returns the first. */
export function writeResults(results: Results, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(
    { machine: results.machine, startedAt: results.startedAt, scenarios: results.scenarios.map(orderedScenario) },
    null,
    2,
  )}\n`;
  const safe = results.startedAt.replace(/[:.]/g, '-').replace(/[^\w-]/g, '_');
  const latest = path.join(dir, 'latest.json');
  writeFileSync(path.join(dir, `${safe}.json`), json);
  writeFileSync(latest, json);
  return latest;
}
