// The raw-Docker side of the start and create benchmarks: the Engine API over its unix socket
// (what DevSanctum's provisioner uses too, so neither side pays for a CLI process), and "twins":
// containers made with exactly the options of a DevSanctum workspace container (hardening, limits,
// user, log rotation, a home volume, a bridge network of their own), published on a fixed
// loopback port. Twins carry the throw-away platform's host id label, so scripts/with-server.sh
// removes whatever a failed run leaves, and no devsanctum.managed label, so its reconciler ignores them.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { HOST_ID } from './devsanctum.mjs';

export function engine(method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request({ socketPath: '/var/run/docker.sock', method, path: `/v1.41${path}`,
      headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {} },
    (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (response.statusCode >= 400) reject(new Error(`${method} ${path}: ${response.statusCode} ${text}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function containerOf(workspaceId) {
  const filters = encodeURIComponent(JSON.stringify({ label: [`devsanctum.workspace_id=${workspaceId}`] }));
  const [found] = await engine('GET', `/containers/json?all=1&filters=${filters}`);
  return engine('GET', `/containers/${found.Id}/json`);
}

/** A bridge network for twins, as DevSanctum makes owner networks (binding on loopback). */
export async function twinNetwork(name) {
  await engine('POST', '/networks/create', { Name: name, Driver: 'bridge', Labels: { 'devsanctum.host_id': HOST_ID },
    Options: { 'com.docker.network.bridge.host_binding_ipv4': '127.0.0.1' } });
  return name;
}

/**
 * The create request of a twin of DevSanctum's container `original` (its inspect): same image,
 * user, environment, entrypoint, command, limits, capabilities, security options and log
 * options; its own home volume and network; the app port published on 127.0.0.1:`hostPort`.
 */
export function twinOf(original, { volume, network, hostPort, appPort = 8080 }) {
  const hostConfig = original.HostConfig;
  const home = original.Mounts.find((m) => m.Type === 'volume');
  return {
    Image: original.Config.Image,
    User: original.Config.User,
    Env: original.Config.Env,
    Entrypoint: original.Config.Entrypoint,
    Cmd: original.Config.Cmd,
    WorkingDir: original.Config.WorkingDir,
    ExposedPorts: { [`${appPort}/tcp`]: {} },
    Labels: { 'devsanctum.host_id': HOST_ID },
    HostConfig: {
      NanoCpus: hostConfig.NanoCpus, Memory: hostConfig.Memory, MemorySwap: hostConfig.MemorySwap,
      PidsLimit: hostConfig.PidsLimit, CapDrop: hostConfig.CapDrop, CapAdd: hostConfig.CapAdd,
      SecurityOpt: hostConfig.SecurityOpt, Privileged: false, LogConfig: hostConfig.LogConfig,
      RestartPolicy: hostConfig.RestartPolicy, NetworkMode: network,
      Mounts: [{ Type: 'volume', Source: volume, Target: home.Destination }],
      PortBindings: { [`${appPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
    },
  };
}

export async function createTwin(name, spec) {
  await engine('POST', '/volumes/create', { Name: spec.HostConfig.Mounts[0].Source, Labels: { 'devsanctum.host_id': HOST_ID } });
  const created = await engine('POST', `/containers/create?name=${name}`, spec);
  return created.Id;
}

export const start = (id) => engine('POST', `/containers/${id}/start`);
export const stop = (id, seconds = 2) => engine('POST', `/containers/${id}/stop?t=${seconds}`).catch(() => {});

export async function removeTwins(ids, volumes, networks) {
  await Promise.all(ids.map((id) => engine('DELETE', `/containers/${id}?force=1`).catch(() => {})));
  await Promise.all(volumes.map((v) => engine('DELETE', `/volumes/${v}`).catch(() => {})));
  await Promise.all(networks.map((n) => engine('DELETE', `/networks/${n}`).catch(() => {})));
}

/** The `docker run -d` arguments that make the same container as {@link twinOf}'s request. */
export function twinRunArgs(original, { name, volume, network, hostPort, appPort = 8080 }) {
  const hostConfig = original.HostConfig;
  const home = original.Mounts.find((m) => m.Type === 'volume');
  const args = ['run', '-d', '--name', name, '--label', `devsanctum.host_id=${HOST_ID}`,
    '--network', network, '-p', `127.0.0.1:${hostPort}:${appPort}`, '-v', `${volume}:${home.Destination}`,
    '--cpus', String(hostConfig.NanoCpus / 1e9), '--memory', `${hostConfig.Memory}b`,
    '--memory-swap', `${hostConfig.MemorySwap}b`, '--pids-limit', String(hostConfig.PidsLimit),
    '--restart', 'no', '--log-driver', hostConfig.LogConfig.Type];
  for (const [key, value] of Object.entries(hostConfig.LogConfig.Config ?? {})) args.push('--log-opt', `${key}=${value}`);
  for (const cap of hostConfig.CapDrop ?? []) args.push('--cap-drop', cap);
  for (const cap of hostConfig.CapAdd ?? []) args.push('--cap-add', cap);
  for (const option of hostConfig.SecurityOpt ?? []) args.push('--security-opt', option);
  if (original.Config.User) args.push('--user', original.Config.User);
  if (original.Config.WorkingDir) args.push('--workdir', original.Config.WorkingDir);
  for (const variable of original.Config.Env ?? []) args.push('-e', variable);
  const [entrypoint, ...entrypointArgs] = original.Config.Entrypoint ?? [];
  if (entrypoint) args.push('--entrypoint', entrypoint);
  args.push(original.Config.Image, ...entrypointArgs, ...(original.Config.Cmd ?? []));
  return args;
}

/** Runs the docker CLI; resolves with its output. */
export function cli(args) {
  return new Promise((resolve, reject) => {
    execFile('docker', args, (error, stdout, stderr) => (error ? reject(new Error(`docker ${args[0]}: ${stderr}`)) : resolve(stdout.trim())));
  });
}
