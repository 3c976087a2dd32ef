#!/usr/bin/env bash
# Installs the OS packages the app needs when they are missing: Graphviz (diagrams) and Redis (Celery broker);
# with --test also Chromium (end-to-end tests). As root it installs them with apt-get; otherwise it prints the
# exact command to run and fails.
set -euo pipefail

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [[ "${1:-}" == "--test" ]]; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium fonts-dejavu-core)
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 20 or newer with npm is required to build the frontend (https://nodejs.org/ or your OS packages)." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
  echo "Node.js $(node --version) is too old; the frontend build needs Node.js 20 or newer." >&2
  exit 1
fi

if (( ${#need[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing OS packages: ${need[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing OS packages: ${need[*]} (no apt-get here; install them with your package manager)" >&2
  exit 1
fi
echo "Installing OS packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
