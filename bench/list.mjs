// List and get benchmark (issue 12's targets: a page of 200 workspaces p99 < 20 ms at c16, and
// ≥ 0.5× the throughput of the same SQL in pgbench): GET /api/v1/workspaces?limit=200 and
// GET /api/v1/workspaces/{id} under wrk (c16, gzip accepted as browsers do, an access token)
// against pgbench running the very statements the repository runs, on the same embedded
// PostgreSQL, interleaved. At 10 and 200 running workspaces (real containers, so each has its
// links), then at 1,000 (800 more as stopped rows written straight into the database: a container
// each would measure Docker, not the list).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, BASE, firstAdmin, runningWorkspace, template } from './lib/devsanctum.mjs';
import { fmt, load, median, postgresPort, table, wrk } from './lib/measure.mjs';

const SECONDS = Number(process.env.SECONDS_PER_RUN ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const CONNECTIONS = 16;
// as PgWorkspaceRepository reads a workspace: with its template's schedule, which its deadlines depend on
const SELECT = 'SELECT w.id, w.owner_id, w.owner_name, w.name, w.template_id, w.template_version_id,'
  + ' w.parameters::text AS parameters, w.state, w.failure_reason, w.docker_host_id, w.sharing, w.created_at,'
  + ' w.updated_at, w.last_used_at, w.schedule::text AS schedule, w.next_autostart_at, w.dormant_at,'
  + ' t.schedule::text AS template_schedule'
  + ' FROM workspace.workspaces w JOIN workspace.templates t ON t.id = w.template_id';
const dataDir = process.env.DEVSANCTUM_DATA_DIR;
const pgPort = postgresPort(dataDir);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-list-'));

function psql(sql) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres',
    '-d', 'postgres', '-c', sql], { env: { ...process.env, PGPASSWORD: 'postgres' } }).toString().trim();
}

function pgbench(name, sql) {
  const file = path.join(scratch, `${name}.sql`);
  writeFileSync(file, sql + '\n');
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS),
    '-f', file, '-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'postgres'],
  { env: { ...process.env, PGPASSWORD: 'postgres' } }).toString();
  return { rps: Number(out.match(/tps = ([\d.]+)/)[1]), latency: Number(out.match(/latency average = ([\d.]+) ms/)[1]) };
}

console.log(`list benchmark: ${SECONDS} s runs, ${ROUNDS} rounds, c${CONNECTIONS}; ${load()}`);
const { token } = await firstAdmin();
const minimal = await template(token, 'minimal');
const headers = { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' };
const rows = [];
const missed = [];
let running = 0;
try {
  for (const count of [10, 200, 1000]) {
    if (count <= 200) {
      const creating = [];
      for (let i = running; i < count; i++) {
        creating.push(runningWorkspace(token, minimal.id, `list-${i}`));
        if (creating.length >= 25) await Promise.all(creating.splice(0));
      }
      await Promise.all(creating);
      running = count;
    } else {
      const model = JSON.parse(psql(`SELECT row_to_json(w) FROM workspace.workspaces w LIMIT 1`));
      psql(`INSERT INTO workspace.workspaces (id, owner_id, owner_name, name, template_id, template_version_id, state,
              docker_host_id, created_at)
            SELECT gen_random_uuid(), '${model.owner_id}', '${model.owner_name}', 'stopped-' || n, '${model.template_id}',
                   '${model.template_version_id}', 'STOPPED', '${model.docker_host_id}', now() - n * interval '1 second'
              FROM generate_series(1, ${count - running}) AS n`);
    }
    const page = await api('GET', '/api/v1/workspaces?limit=200', token);
    const id = page.workspaces[Math.floor(page.workspaces.length / 2)].id;
    const listSql = `${SELECT} WHERE w.deleted_at IS NULL ORDER BY w.created_at DESC, w.id DESC LIMIT 201;`;
    const getSql = `${SELECT} WHERE w.id = '${id}' AND w.deleted_at IS NULL;`;
    const results = { listApi: [], listSql: [], getApi: [], getSql: [] };
    await wrk(`${BASE}/api/v1/workspaces?limit=200`, { connections: CONNECTIONS, seconds: 3, headers }); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      results.listSql.push(pgbench('list', listSql));
      results.listApi.push(await wrk(`${BASE}/api/v1/workspaces?limit=200`, { connections: CONNECTIONS, seconds: SECONDS, headers }));
      results.getSql.push(pgbench('get', getSql));
      results.getApi.push(await wrk(`${BASE}/api/v1/workspaces/${id}`, { connections: CONNECTIONS, seconds: SECONDS, headers }));
    }
    const listRps = median(results.listApi.map((r) => r.rps));
    const listP99 = median(results.listApi.map((r) => r.p99));
    const sqlRps = median(results.listSql.map((r) => r.rps));
    const getRps = median(results.getApi.map((r) => r.rps));
    const getSqlRps = median(results.getSql.map((r) => r.rps));
    const onPage = page.workspaces.length;
    if (count === 200) {
      if (listP99 >= 20) missed.push(`list of 200: p99 ${fmt.ms(listP99)}`);
      if (listRps / sqlRps < 0.5) missed.push(`list of 200: ${fmt.ratio(listRps / sqlRps)} of pgbench`);
    }
    rows.push([String(count), `list, page of ${onPage}`, fmt.rps(listRps), fmt.ms(median(results.listApi.map((r) => r.p50))),
      fmt.ms(listP99), fmt.rps(sqlRps), fmt.ratio(listRps / sqlRps)]);
    rows.push([String(count), 'get one', fmt.rps(getRps), fmt.ms(median(results.getApi.map((r) => r.p50))),
      fmt.ms(median(results.getApi.map((r) => r.p99))), fmt.rps(getSqlRps), fmt.ratio(getRps / getSqlRps)]);
    console.log(`${count} workspaces: list ${fmt.rps(listRps)} rps (p99 ${fmt.ms(listP99)}) vs SQL ${fmt.rps(sqlRps)} tps; `
      + `get ${fmt.rps(getRps)} vs ${fmt.rps(getSqlRps)}; ${load()}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\nworkspace list and get, REST API (wrk c${CONNECTIONS}, gzip) vs the same SQL in pgbench (c${CONNECTIONS}, `
  + `prepared), ${SECONDS} s runs, median of ${ROUNDS} interleaved rounds; ${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['workspaces', 'request', 'API rps', 'p50', 'p99', 'SQL tps', 'API / SQL'], rows));
console.log('\ntargets (page of 200): p99 < 20 ms, ≥ 0.5× pgbench' + (missed.length ? `; missed: ${missed.join('; ')}` : ': met'));
if (missed.length) process.exitCode = 1;
