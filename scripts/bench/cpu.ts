/**
 * Where the time of a load goes: CPU seconds of the API's processes and of PostgreSQL's, read from
 * /proc before and after, so a scenario can say how many milliseconds of each one request cost.
 * PostgreSQL's figure is every `postgres` process on this machine (the backends serving the API,
 * plus its background workers), so it is measured only when the database runs here.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux in use). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of one process, or null when it is gone (or this is not Linux). */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count the fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The process and every descendant (cluster workers), depth first. */
function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

function postgresPids(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => commandOf(pid) === 'postgres');
}

const sum = (pids: number[]) => pids.reduce((total, pid) => total + (cpuSecondsOf(pid) ?? 0), 0);

export interface CpuReading {
  api: number;
  postgres: number | null;
  /** Every process of the machine (the load generator's share is what API and PostgreSQL leave). */
  machine: number;
}

/** Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq). */
function machineSeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return ((fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0) + (fields[5] ?? 0) + (fields[6] ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds so far of the API (the process tree under `apiPid`) and of PostgreSQL on this machine. */
export function readCpu(apiPid: number, measurePostgres: boolean): CpuReading {
  const pg = measurePostgres ? postgresPids() : [];
  return { api: sum(treeOf(apiPid)), postgres: pg.length > 0 ? sum(pg) : null, machine: machineSeconds() };
}

export interface CpuPerRequest {
  /** Milliseconds of CPU per answered request. */
  apiMs: number;
  postgresMs: number | null;
  machineMs: number;
}

/** Milliseconds of CPU per request between two readings. Backends that ended in between are lost,
 *  so the PostgreSQL figure is a floor (the API's pool keeps its connections open under load). */
export function perRequest(before: CpuReading, after: CpuReading, requests: number): CpuPerRequest {
  const per = (a: number, b: number) => Math.round(((b - a) * 1000 * 1000) / Math.max(1, requests)) / 1000;
  return {
    apiMs: per(before.api, after.api),
    postgresMs: before.postgres === null || after.postgres === null ? null : per(before.postgres, after.postgres),
    machineMs: per(before.machine, after.machine),
  };
}
