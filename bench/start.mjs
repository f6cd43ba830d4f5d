// Start → URL benchmark (issue 12's targets: ≤ 1.15× `docker start` for Minimal, ≤ 1.2× for
// Developer): a stopped DevSanctum workspace is started through the REST API and its URL polled
// through the built-in proxy until its app answers; in the same rounds, a twin container with the
// workspace container's exact options (bench/lib/docker.mjs) is started with `docker start` (the
// CLI, the peer) and straight through the Engine API (the floor: no CLI process), its
// published port polled the same way (every 5 ms). Interleaved, ROUNDS per image.
import { api, awaitState, firstAdmin, hostOf, PORT, runningWorkspace, template } from './lib/devsanctum.mjs';
import { cli, containerOf, createTwin, removeTwins, start, stop, twinNetwork, twinOf } from './lib/docker.mjs';
import { fmt, load, median, percentile, table, untilAnswers } from './lib/measure.mjs';
import { freePort } from './lib/nginx.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 8);
const IMAGES = (process.env.IMAGES ?? 'minimal:1.15,developer:1.2').split(',').map((entry) => {
  const [name, target] = entry.split(':');
  return { name, target: Number(target) };
});

console.log(`start benchmark: ${ROUNDS} rounds per image; ${load()}`);
const { token } = await firstAdmin();
const network = await twinNetwork(`bench-twins-${process.pid}`);
const twins = [];
const volumes = [];
const rows = [];
let missed = false;
try {
  for (const image of IMAGES) {
    const workspace = await runningWorkspace(token, (await template(token, image.name)).id, `start-${image.name}`, 'public');
    const host = hostOf((await api('GET', `/api/v1/workspaces/${workspace.id}`, token)).url);
    await api('POST', `/api/v1/workspaces/${workspace.id}/stop`, token);
    await awaitState(token, workspace.id, 'STOPPED');
    const hostPort = await freePort();
    const volume = `bench-twin-home-${image.name}-${process.pid}`;
    const twin = await createTwin(`bench-twin-${image.name}-${process.pid}`,
      twinOf(await containerOf(workspace.id), { volume, network, hostPort }));
    twins.push(twin);
    volumes.push(volume);

    const sides = {
      DevSanctum: async () => {
        const began = performance.now();
        await api('POST', `/api/v1/workspaces/${workspace.id}/start`, token);
        await untilAnswers(PORT, { host, path: '/healthz' });
        const took = performance.now() - began;
        await awaitState(token, workspace.id, 'RUNNING'); // the route is the last step: it serves a moment before
        await api('POST', `/api/v1/workspaces/${workspace.id}/stop`, token);
        await awaitState(token, workspace.id, 'STOPPED');
        return took;
      },
      'docker start': async () => {
        const began = performance.now();
        await cli(['start', twin]);
        await untilAnswers(hostPort, { path: '/healthz' });
        const took = performance.now() - began;
        await stop(twin);
        return took;
      },
      'Engine API start': async () => {
        const began = performance.now();
        await start(twin);
        await untilAnswers(hostPort, { path: '/healthz' });
        const took = performance.now() - began;
        await stop(twin);
        return took;
      },
    };
    const times = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
    await sides.DevSanctum(); // first starts copy the image's home into the volume, warm caches
    await sides['Engine API start']();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, side] of round % 2 ? Object.entries(sides).reverse() : Object.entries(sides)) {
        times[name].push(await side());
      }
    }
    const ds = median(times.DevSanctum);
    const peer = median(times['docker start']);
    const floor = median(times['Engine API start']);
    const met = ds / peer <= image.target;
    missed ||= !met;
    const cells = (name) => `${fmt.ms(median(times[name]))} (p90 ${fmt.ms(percentile(times[name], 90))})`;
    rows.push([image.name, cells('docker start'), cells('Engine API start'), cells('DevSanctum'),
      fmt.ratio(ds / peer), fmt.ratio(ds / floor), `≤ ${image.target}× ${met ? 'met' : 'missed'}`]);
    console.log(`${image.name}: DevSanctum ${fmt.ms(ds)}, docker start ${fmt.ms(peer)}, Engine API ${fmt.ms(floor)}; ${load()}`);
  }
} finally {
  await removeTwins(twins, volumes, [network]);
}
console.log(`\nstart → app answering (median and p90 of ${ROUNDS} interleaved rounds, polled every 5 ms); `
  + `${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['image', '`docker start`', 'Engine API start', 'DevSanctum start → URL', 'vs `docker start`',
  'vs Engine API', 'target (vs `docker start`)'], rows));
if (missed) process.exitCode = 1;
