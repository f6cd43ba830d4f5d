#!/bin/sh
# Entrypoint of the Traefik container: renders the static configuration (traefik.yml) and the
# dynamic files (dynamic/*.yml) from their templates, then runs Traefik.
#
# Why: Traefik does not expand environment variables in its static file, and a found file makes it
# ignore flags and TRAEFIK_* variables. Rendering here keeps one readable file and keeps the
# provider secret out of `ps` output (a --providers.http.headers... flag would show it).
#
#   entrypoint.sh [traefik args]      render into /etc/traefik, then exec traefik
#   entrypoint.sh --render-only       render and stop (compose/validate.sh uses this)
# TEMPLATES (default /etc/devsanctum/traefik) and OUT (default /etc/traefik) move the two places.
# Needs only a POSIX sh and awk (busybox in the Traefik image).
set -eu

TEMPLATES="${TEMPLATES:-/etc/devsanctum/traefik}"
OUT="${OUT:-/etc/traefik}"
VARS="DEVSANCTUM_TRAEFIK_PROVIDER_SECRET ACME_EMAIL DEVSANCTUM_BASE_DOMAIN"

fail() { echo "traefik-entrypoint: $*" >&2; exit 1; }

# a value goes between double quotes in YAML and between backticks in a rule: it must not be able
# to close either, so each one is held to an alphabet that cannot
check() { # name pattern what
  eval "value=\${$1:-}"
  [ -n "$value" ] || fail "$1 is not set"
  printf '%s' "$value" | grep -Eqx "$2" || fail "$1 must be $3"
}
check DEVSANCTUM_TRAEFIK_PROVIDER_SECRET '[A-Za-z0-9._~+/=-]{16,}' \
  "at least 16 characters of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 32)"
check ACME_EMAIL '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+' "an e-mail address"
check DEVSANCTUM_BASE_DOMAIN '[a-z0-9]([a-z0-9.-]*[a-z0-9])?' "a lower-case DNS name"

render() { # template output
  VARS="$VARS" awk '
    function replace(s, name, value,   out, at, placeholder) {
      placeholder = "${" name "}"
      out = ""
      while ((at = index(s, placeholder)) > 0) {
        out = out substr(s, 1, at - 1) value
        s = substr(s, at + length(placeholder))
      }
      return out s
    }
    BEGIN { n = split(ENVIRON["VARS"], names, " ") }
    { line = $0; for (i = 1; i <= n; i++) line = replace(line, names[i], ENVIRON[names[i]]); print line }
  ' "$1" > "$2.tmp"
  if grep -n '\${' "$2.tmp" >&2; then
    rm -f "$2.tmp"
    fail "$1 has a placeholder this script does not fill (lines above)"
  fi
  mv "$2.tmp" "$2"
}

[ -f "$TEMPLATES/traefik.yml" ] || fail "no template at $TEMPLATES/traefik.yml"
mkdir -p "$OUT/dynamic"
umask 077  # the static file holds the provider secret
render "$TEMPLATES/traefik.yml" "$OUT/traefik.yml"
for template in "$TEMPLATES"/dynamic/*.yml; do
  [ -e "$template" ] || continue
  render "$template" "$OUT/dynamic/$(basename "$template")"
done
echo "traefik-entrypoint: rendered $OUT/traefik.yml and $OUT/dynamic/ for ${DEVSANCTUM_BASE_DOMAIN}" >&2

if [ "${1:-}" = "--render-only" ]; then exit 0; fi
exec traefik "$@"
