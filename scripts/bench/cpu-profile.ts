/**
 * Reads V8 CPU profiles (`node --cpu-prof`) and says where the time went: self time by component
 * (each npm package, Node's own modules, huijia's bundle, the garbage collector) and the busiest
 * functions. Several profiles (one per cluster worker) are summed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  /** Of the busy time (idle left out). */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  components: Share[];
  functions: Share[];
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);

/** What a frame belongs to: a package, Node itself, huijia's bundle, or V8's own work. */
export function componentOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collector';
    if (functionName === '(program)') return 'V8: native (program)';
    if (functionName === '(idle)') return '(idle)';
    // Node's native writes to a socket: one system call per flush, here the price of a round trip.
    if (SOCKET_WRITES.has(functionName)) return 'native: socket writes (system calls)';
    return 'V8: builtins and other native code';
  }
  if (url.startsWith('node:')) {
    return /^node:(_http|http|net|stream|internal\/(streams|http|net|stream_base))/.test(url) ? 'node: http, net, streams' : 'node: other core';
  }
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const rest = url.slice(inModules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes('/server/dist/')) return 'huijia (server + shared)';
  return path.basename(url);
}

function summarise(profiles: CpuProfile[]): ProfileSummary {
  const byComponent = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (const profile of profiles) {
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      const component = componentOf(frame);
      if (component === '(idle)') {
        idle += us;
        return;
      }
      busy += us;
      byComponent.set(component, (byComponent.get(component) ?? 0) + us);
      const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const shares = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((us / Math.max(1, busy)) * 1000) / 10 }));
  return { busyMs: Math.round(busy / 1000), idleMs: Math.round(idle / 1000), components: shares(byComponent), functions: shares(byFunction).slice(0, 15) };
}

/** Every `.cpuprofile` in `dir`, summed. */
export function summariseProfiles(dir: string): ProfileSummary {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return summarise(files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CpuProfile));
}

/** The summary as text: components, then functions, each with ms per request. */
export function formatSummary(title: string, s: ProfileSummary, requests: number): string {
  const perRequest = (ms: number) => (requests > 0 ? (ms / requests).toFixed(3) : '—');
  const rows = (shares: Share[], width: number) =>
    shares.map((c) => `  ${c.name.slice(0, width).padEnd(width)} ${String(c.percent.toFixed(1)).padStart(5)} %  ${perRequest(c.ms).padStart(7)} ms/request`);
  const components = s.components.filter((c) => c.percent >= 0.5);
  const rest = s.components.slice(components.length).reduce((t, c) => t + c.ms, 0);
  return [
    `${title}: ${s.busyMs} ms busy, ${s.idleMs} ms idle, ${requests} requests → ${perRequest(s.busyMs)} ms of API CPU per request`,
    ' by component (self time):',
    ...rows(components, 34),
    ...(rest > 0 ? [`  ${'(the rest)'.padEnd(34)} ${((rest / Math.max(1, s.busyMs)) * 100).toFixed(1).padStart(5)} %`] : []),
    ' busiest functions (self time):',
    ...rows(s.functions, 60),
  ].join('\n');
}
