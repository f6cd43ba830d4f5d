#!/usr/bin/env bash
# Validates the production deployment without starting it (CI runs this from .ci/run):
#   1. docker-compose.yml is valid with compose/.env.example (docker-compose config -q);
#   2. every required variable is really required: without an env file, config must fail;
#   3. the Traefik templates render with entrypoint.sh (the code the container runs) and the
#      results are YAML with the settings DevSanctum depends on.
# Installs Debian's docker-compose (scripts/ensure-docker-compose.sh) and python3-yaml when missing.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
compose_file=compose/docker-compose.yml
env_example=compose/.env.example

fail() { echo "validate.sh: FAILED: $*" >&2; exit 1; }

scripts/ensure-docker-compose.sh

# 1. the compose file with the example environment
docker-compose -f "$compose_file" --env-file "$env_example" config -q \
  || fail "docker-compose config rejected $compose_file with $env_example"
echo "validate.sh: ok: docker-compose config -q ($(docker-compose version --short))"

# 2. required variables: with an empty environment the file must be refused, naming a variable
empty_env="$(mktemp)"; work="$(mktemp -d)"
trap 'rm -rf "$empty_env" "$work"' EXIT
if out="$(env -i PATH="$PATH" docker-compose -f "$compose_file" --env-file "$empty_env" config -q 2>&1)"; then
  fail "docker-compose config accepted an empty environment: a required variable lost its \${VAR:?}"
fi
grep -q 'set .* in compose/.env' <<<"$out" || fail "unexpected error without an env file: $out"
echo "validate.sh: ok: an empty environment is refused ($(grep -o 'set [A-Z_]* in compose/.env' <<<"$out" | head -1))"

# 3. Traefik: render the templates exactly as the container does, then parse and check them
(
  set -a
  # shellcheck disable=SC1090
  . "$env_example"
  set +a
  TEMPLATES=compose/traefik OUT="$work" sh compose/traefik/entrypoint.sh --render-only
) || fail "compose/traefik/entrypoint.sh could not render the templates with $env_example"

python=python3
if ! "$python" -c 'import yaml' 2>/dev/null; then
  if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    echo "validate.sh: installing python3-yaml" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null
  fi
  python=/usr/bin/python3
fi

"$python" - "$work" "$env_example" <<'PY' || fail "Traefik configuration check (see above)"
import sys, yaml, pathlib

work, env_file = pathlib.Path(sys.argv[1]), sys.argv[2]
env = {}
for line in open(env_file):
    line = line.strip()
    if line and not line.startswith("#") and "=" in line:
        key, value = line.split("=", 1)
        env[key] = value

problems = []
def check(condition, what):
    if not condition:
        problems.append(what)

def load(path):
    try:
        with open(path) as f:
            document = yaml.safe_load(f)
    except yaml.YAMLError as e:
        print(f"validate.sh: {path} is not valid YAML: {e}", file=sys.stderr)
        sys.exit(1)
    if not isinstance(document, dict):
        print(f"validate.sh: {path} is not a YAML mapping", file=sys.stderr)
        sys.exit(1)
    return document

static = load(work / "traefik.yml")
entry = static.get("entryPoints", {})
check(entry.get("web", {}).get("address") == ":80", "entryPoints.web.address is :80")
check(entry.get("websecure", {}).get("address") == ":443", "entryPoints.websecure.address is :443")
redirect = entry.get("web", {}).get("http", {}).get("redirections", {}).get("entryPoint", {})
check(redirect.get("to") == "websecure" and redirect.get("scheme") == "https", "web redirects to websecure (https)")
http = static.get("providers", {}).get("http", {})
check(http.get("endpoint") == "http://gateway:8080/internal/traefik/config", "providers.http.endpoint is the gateway's document")
check(http.get("pollInterval") == "2s", "providers.http.pollInterval is \"2s\"")
check(http.get("headers", {}).get("X-DevSanctum-Provider-Secret") == env["DEVSANCTUM_TRAEFIK_PROVIDER_SECRET"],
      "providers.http.headers carries the provider secret from the environment")
acme = static.get("certificatesResolvers", {}).get("letsencrypt", {}).get("acme", {})
check(acme.get("email") == env["ACME_EMAIL"], "letsencrypt acme.email comes from ACME_EMAIL")
check(acme.get("storage", "").startswith("/letsencrypt/"), "acme.storage is on the /letsencrypt volume")
check(any(k in acme for k in ("tlsChallenge", "httpChallenge", "dnsChallenge")), "letsencrypt has a challenge")
api = static.get("api")
check(api is None or (not api.get("insecure") and not api.get("dashboard")), "the API/dashboard is off (or not insecure)")

dashboard = load(work / "dynamic" / "dashboard.yml")
routers = dashboard.get("http", {}).get("routers", {})
router = routers.get("devsanctum-dashboard", {})
check(f"Host(`{env['DEVSANCTUM_BASE_DOMAIN']}`)" in router.get("rule", ""), "dashboard router matches Host(<base-domain>)")
check("!PathPrefix(`/internal/`)" in router.get("rule", ""), "dashboard router keeps /internal/ off the internet")
check(router.get("tls", {}).get("certResolver") == "letsencrypt", "dashboard router uses the letsencrypt resolver")
services = dashboard.get("http", {}).get("services", {})
servers = services.get(router.get("service"), {}).get("loadBalancer", {}).get("servers", [])
check(servers == [{"url": "http://gateway:8080"}], "dashboard service is http://gateway:8080")

check(entry.get("ssh", {}).get("address") == ":2222", "entryPoints.ssh.address is :2222")
ssh = load(work / "dynamic" / "ssh.yml").get("tcp", {})
ssh_router = ssh.get("routers", {}).get("devsanctum-ssh", {})
check(ssh_router.get("rule") == "HostSNI(`*`)" and ssh_router.get("entryPoints") == ["ssh"],
      "the SSH router takes every TCP connection of the ssh entry point")
ssh_servers = ssh.get("services", {}).get(ssh_router.get("service"), {}).get("loadBalancer", {}).get("servers", [])
check(ssh_servers == [{"address": "gateway:2222"}], "the SSH service is gateway:2222")

for what in problems:
    print(f"validate.sh: Traefik configuration: expected: {what}", file=sys.stderr)
if problems:
    sys.exit(1)
print("validate.sh: ok: traefik.yml, dynamic/dashboard.yml and dynamic/ssh.yml render and parse; provider, entry points, ACME, SSH checked")
PY

# the scripts the containers run must at least parse
sh -n compose/docker-entrypoint.sh && sh -n compose/traefik/entrypoint.sh || fail "entrypoint syntax"
echo "validate.sh: all checks passed"
