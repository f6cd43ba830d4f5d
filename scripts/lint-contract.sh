#!/usr/bin/env bash
# Lints the OpenAPI contract with Redocly's recommended rules and Spectral (spectral:oas plus the
# OWASP API security ruleset); any error fails. The tools and their rule sets are in api-lint/.
set -euo pipefail
cd "$(dirname "$0")/../api-lint"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent lint
