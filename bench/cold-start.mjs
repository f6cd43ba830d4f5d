// Cold start benchmark (issue 12's target: < 2 s to ready): the built jar started as
// scripts/run-standalone.sh starts it (scripts/standalone-java.sh: standalone/jvm.options and the
// class-data archive scripts/build.sh made for the jar), with a fresh data directory
// (first start: the embedded PostgreSQL's initdb included) and then again on that directory (an
// ordinary start), ROUNDS times each. "Ready" is GET /health/ready answering 200, polled every
// 10 ms from the moment the process is launched: every poll must be answered (a request that hangs
// at start, as the metrics race made one do, counts as a failure after 10 s). Compared with PostgreSQL's own start in
// the same run, as the jar logs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fmt, load, median, table } from './lib/measure.mjs';
import { freePort } from './lib/nginx.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TARGET_MS = 2000;
const jar = 'standalone/target/devsanctum.jar';
const archive = 'standalone/target/devsanctum.jsa';
// scripts/standalone-java.sh uses the archive only when it was made after the jar
const archiveUsed = existsSync(archive) && statSync(archive).mtimeMs > statSync(jar).mtimeMs;

function probe(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health/ready', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    req.on('error', () => resolve('refused'));
    // readiness waits up to 2 s for a busy service by design; a request that hangs never answers
    req.setTimeout(10_000, () => {
      req.destroy();
      resolve('hung');
    });
    req.end();
  });
}

async function startOnce(dataDir) {
  const port = await freePort();
  const log = path.join(dataDir, `run-${port}.log`);
  const began = performance.now();
  const child = spawn('sh', ['-c', `exec scripts/standalone-java.sh >${log} 2>&1`], {
    env: { ...process.env, DEVSANCTUM_DATA_DIR: dataDir, DEVSANCTUM_HTTP_PORT: String(port),
      DEVSANCTUM_HTTP_HOST: '127.0.0.1', DEVSANCTUM_MANAGEMENT_PORT: '0', DEVSANCTUM_SSH_PORT: '0',
      DEVSANCTUM_DOCKER_HOSTS: `bench-cold-${port}=unix:///var/run/docker.sock` },
  });
  let hung = 0;
  let ready = null;
  while (performance.now() - began < 60_000) {
    const status = await probe(port);
    if (status === 'hung') hung++;
    if (status === 200) {
      ready = performance.now() - began;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  const text = readFileSync(log, 'utf8');
  const postgres = Number((text.match(/embedded PostgreSQL started .*\((\d+) ms\)/) ?? [])[1]);
  if (ready === null) throw new Error(`not ready within 60 s:\n${text.slice(-3000)}`);
  return { ready, postgres, hung };
}

console.log(`cold start benchmark: ${ROUNDS} first starts and ${ROUNDS} starts on existing data; class-data archive `
  + `${archiveUsed ? 'used' : 'none (scripts/build.sh makes it)'}; ${load()}`);
const runs = { first: [], again: [] };
for (let round = 0; round < ROUNDS; round++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
  try {
    runs.first.push(await startOnce(dataDir));
    runs.again.push(await startOnce(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`round ${round + 1}: first ${fmt.ms(runs.first.at(-1).ready)}, again ${fmt.ms(runs.again.at(-1).ready)}; ${load()}`);
}
const rows = Object.entries({ 'first start (fresh data directory, initdb)': runs.first, 'start on existing data': runs.again })
  .map(([name, results]) => {
    const ready = median(results.map((r) => r.ready));
    const postgres = median(results.map((r) => r.postgres));
    const hung = results.reduce((sum, r) => sum + r.hung, 0);
    return [name, fmt.ms(ready), fmt.ms(postgres), fmt.ratio(ready / postgres), String(hung),
      ready < TARGET_MS && hung === 0 ? 'met' : 'missed'];
  });
console.log(`\nprocess launch → /health/ready 200 (median of ${ROUNDS}); ${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['start', 'to ready', 'embedded PostgreSQL start', 'ratio', 'requests that hung', `target: < ${TARGET_MS} ms, none hung`], rows));
if (rows.some((row) => row.at(-1) === 'missed')) process.exitCode = 1;
