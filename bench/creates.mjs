// Concurrent creates benchmark (issue 12's target: 50 creates ≤ 1.1× 50 parallel `docker run`):
// 50 workspaces created at once through the REST API (Minimal template), timed until every one is
// RUNNING (its app answered and its route is registered); against 50 parallel `docker run` (the
// CLI, the peer) of containers with the same options (bench/lib/docker.mjs), and the same
// straight through the Engine API (the floor: home volume, create, start, no CLI process), timed
// until every app answers on its port. Rounds rotate which side goes first; each side's workspaces
// and containers are removed before the next.
import { api, firstAdmin, runningWorkspace, template } from './lib/devsanctum.mjs';
import { cli, containerOf, createTwin, engine, removeTwins, start, twinNetwork, twinOf, twinRunArgs } from './lib/docker.mjs';
import { fmt, load, median, table, untilAnswers } from './lib/measure.mjs';
import { freePort } from './lib/nginx.mjs';

const COUNT = Number(process.env.COUNT ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TARGET = 1.1;
const REMOVE_TIMEOUT_MS = 180_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

console.log(`creates benchmark: ${COUNT} at once, ${ROUNDS} rounds; ${load()}`);
const { token } = await firstAdmin();
const minimal = await template(token, 'minimal');
// one workspace whose container the twins copy; it stays for the whole run
const model = await containerOf((await runningWorkspace(token, minimal.id, 'model')).id);
const network = await twinNetwork(`bench-creates-${process.pid}`);

async function devsanctum(round) {
  const began = performance.now();
  const created = await Promise.all(Array.from({ length: COUNT }, (_, i) =>
    api('POST', '/api/v1/workspaces', token, { templateId: minimal.id, name: `c${round}-${i}` })));
  const ids = new Set(created.map((w) => w.id));
  for (;;) {
    const listed = (await api('GET', '/api/v1/workspaces?limit=500', token)).workspaces.filter((w) => ids.has(w.id));
    const failed = listed.find((w) => w.state === 'FAILED');
    if (failed) throw new Error(`workspace ${failed.name} failed: ${failed.failureReason}`);
    if (listed.every((w) => w.state === 'RUNNING')) break;
    await sleep(20);
  }
  const took = performance.now() - began;
  await removeWorkspaces(ids);
  return took;
}

/**
 * Deletes the round's workspaces before the next round (not timed). A delete that failed (a Docker
 * host too busy to answer in time) is asked again, as a user would; one still there after
 * REMOVE_TIMEOUT_MS fails the benchmark rather than wait for ever.
 */
async function removeWorkspaces(ids) {
  const deadline = performance.now() + REMOVE_TIMEOUT_MS;
  await Promise.all([...ids].map((id) => api('DELETE', `/api/v1/workspaces/${id}`, token)));
  for (;;) {
    const left = (await api('GET', '/api/v1/workspaces?limit=500', token)).workspaces.filter((w) => ids.has(w.id));
    if (left.length === 0) return;
    if (performance.now() > deadline) throw new Error(`${left.length} workspaces not deleted: ${left.map((w) => w.state)}`);
    const failed = left.filter((w) => w.state === 'FAILED');
    // a 409 means a delete is under way already
    await Promise.all(failed.map((w) => api('DELETE', `/api/v1/workspaces/${w.id}`, token).catch(() => {})));
    await sleep(200);
  }
}

/** 50 twins at once, with the CLI or the Engine API; until each answers on its port. */
async function docker(round, useCli) {
  const tag = `${process.pid}-${round}-${useCli ? 'cli' : 'api'}`;
  const ports = await Promise.all(Array.from({ length: COUNT }, () => freePort()));
  const volumes = ports.map((_, i) => `bench-creates-home-${tag}-${i}`);
  const ids = [];
  const began = performance.now();
  await Promise.all(ports.map(async (hostPort, i) => {
    const name = `bench-creates-${tag}-${i}`;
    if (useCli) {
      ids.push(await cli(twinRunArgs(model, { name, volume: volumes[i], network, hostPort })));
    } else {
      const id = await createTwin(name, twinOf(model, { volume: volumes[i], network, hostPort }));
      ids.push(id);
      await start(id);
    }
    await untilAnswers(hostPort, { path: '/healthz', everyMs: 20 });
  }));
  const took = performance.now() - began;
  await removeTwins(ids, volumes, []);
  return took;
}

const sides = {
  DevSanctum: (round) => devsanctum(round),
  'docker run': (round) => docker(round, true),
  'Engine API': (round) => docker(round, false),
};
const times = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(sides);
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      times[name].push(await sides[name](round));
      console.log(`round ${round + 1}: ${name} ${fmt.ms(times[name].at(-1))}; ${load()}`);
    }
  }
} finally {
  await engine('DELETE', `/networks/${network}`).catch(() => {});
}
const ds = median(times.DevSanctum);
const peer = median(times['docker run']);
const floor = median(times['Engine API']);
console.log(`\n${COUNT} concurrent creates, until all answer (median of ${ROUNDS} rounds, the sides' order rotating); `
  + `${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['side', 'time', 'per workspace', 'vs `docker run`', `target: ≤ ${TARGET}× \`docker run\``], [
  ['parallel `docker run`, same options', fmt.ms(peer), fmt.ms(peer / COUNT), '1.00×', ''],
  ['parallel Engine API volume + create + start', fmt.ms(floor), fmt.ms(floor / COUNT), fmt.ratio(floor / peer), ''],
  ['DevSanctum: REST API create → RUNNING', fmt.ms(ds), fmt.ms(ds / COUNT), fmt.ratio(ds / peer),
    (ds / peer <= TARGET ? 'met' : 'missed') + ` (${fmt.ratio(ds / floor)} the Engine API)`],
]));
if (ds / peer > TARGET) process.exitCode = 1;
