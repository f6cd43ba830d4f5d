// Memory benchmark (issue 12's target: JVM + PostgreSQL under 768 MiB idle with 200 running
// workspaces): a throw-away standalone (scripts/with-server.sh, with standalone/jvm.options) runs
// 0, then 50, then 200 workspaces from the seeded Minimal template; once each count is running and
// the platform has been idle for IDLE_SECONDS, the resident memory of the JVM and of every process
// of its embedded PostgreSQL is read from /proc (RSS, and PSS, which shares PostgreSQL's shared
// memory out between its processes instead of counting it in each).
import { api, firstAdmin, runningWorkspace, template } from './lib/devsanctum.mjs';
import { fmt, load, memory, postgresProcesses, table } from './lib/measure.mjs';

const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 30);
const TARGET_MIB = 768;
const STEPS = [0, 50, 200];
const pid = process.env.DEVSANCTUM_PID;
const dataDir = process.env.DEVSANCTUM_DATA_DIR;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (v) => `${Math.round(v)} MiB`;

console.log(`memory benchmark: ${STEPS.join('/')} workspaces, ${IDLE_SECONDS} s idle before each reading; ${load()}`);
const { token } = await firstAdmin();
const minimal = await template(token, 'minimal');
const rows = [];
let running = 0;
let missed = false;
for (const count of STEPS) {
  const creating = [];
  for (let i = running; i < count; i++) {
    creating.push(runningWorkspace(token, minimal.id, `mem-${i}`));
    if (creating.length >= 25) await Promise.all(creating.splice(0)); // a batch at a time, as people would
  }
  await Promise.all(creating);
  running = count;
  await sleep(IDLE_SECONDS * 1000);
  const jvm = memory([pid]);
  const postgres = memory(postgresProcesses(dataDir));
  const total = { rss: jvm.rss + postgres.rss, pss: jvm.pss + postgres.pss };
  const met = total.pss < TARGET_MIB;
  missed ||= !met;
  rows.push([String(count), mib(jvm.rss), `${mib(postgres.rss)} (${postgres.processes} processes)`, mib(postgres.pss),
    mib(total.rss), mib(total.pss), met ? 'met' : 'missed']);
  console.log(`${count} workspaces: JVM ${mib(jvm.rss)}, PostgreSQL RSS ${mib(postgres.rss)} / PSS ${mib(postgres.pss)}; ${load()}`);
}
const listed = await api('GET', '/api/v1/workspaces?limit=500', token);
console.log(`\nmemory of the standalone (JVM with standalone/jvm.options, embedded PostgreSQL), idle ${IDLE_SECONDS} s; `
  + `${listed.workspaces.filter((w) => w.state === 'RUNNING').length} running at the end; `
  + `${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['running workspaces', 'JVM RSS', 'PostgreSQL RSS', 'PostgreSQL PSS', 'total RSS', 'total PSS',
  `target: < ${TARGET_MIB} MiB`], rows));
if (missed) process.exitCode = 1;
