# Shared by the benchmark scripts (sourced): what every benchmark needs on a fresh Debian machine.
# Debian packages are installed without starting their services (nginx would otherwise listen on
# port 80 of every address): policy-rc.d refuses service starts while apt runs.

bench_install() { # package... : installs those whose command is missing
  local missing=()
  for pkg in "$@"; do
    case "$pkg" in
      wrk) command -v wrk >/dev/null || missing+=(wrk) ;;
      nginx-light) command -v nginx >/dev/null || missing+=(nginx-light) ;;
      postgresql-contrib) command -v pgbench >/dev/null || missing+=(postgresql-contrib) ;;
      *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "bench: installing ${missing[*]}" >&2
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -n "$created" ] && rm -f "$policy"
  return 0
}

bench_images() { # image... (minimal, developer, bench-app)
  for image in "$@"; do
    case "$image" in
      bench-app)
        # FROM the developer image's debootstrapped base (built with it)
        docker image inspect devsanctum/debian-bookworm:latest >/dev/null 2>&1 || workspace-images/build.sh developer
        docker build -q -t devsanctum/bench-app:latest bench/app >/dev/null ;;
      *) workspace-images/build.sh "$image" ;;
    esac
  done
}

bench_prepare() { # everything a benchmark against the built jar needs
  scripts/ensure-docker.sh
  [ -f standalone/target/devsanctum.jar ] || scripts/build.sh
}
