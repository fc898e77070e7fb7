#!/usr/bin/env bash
# Set up everything `make serve` and `make test` need, idempotently:
#   1. .venv with Python >= 3.12 (the kit and pyodide-lock need it; python3 may be 3.11),
#   2. the Python packages (pip install -e '.[test]', with --browser '.[test,browser]'),
#      redone when pyproject.toml or setup.py changes,
#   3. the package data (catalogs, formats, scenarios, grammars), compiled every time: it
#      is quick, and a source checkout's `ssp-kit check` needs it,
#   4. the Pyodide runtime (npm ci), redone when package-lock.json changes,
#   5. Debian's chromium when no Chromium is present, and Debian's Noto fonts for the
#      Arabic, Japanese and Chinese pages when they are missing (only with --browser).
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

python_ok() {  # a candidate counts only if it runs and is >= 3.12 (pyenv shims fail unless selected)
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local c
  for c in "${SSP_PYTHON:-}" python3.13 python3.12 python3; do
    [[ -n "$c" ]] && command -v "$c" >/dev/null 2>&1 && python_ok "$c" && { command -v "$c"; return; }
  done
  if command -v pyenv >/dev/null 2>&1; then
    for c in "$(pyenv root)"/versions/3.13*/bin/python3 "$(pyenv root)"/versions/3.12*/bin/python3; do
      [[ -x "$c" ]] && python_ok "$c" && { echo "$c"; return; }
    done
  fi
  return 1
}

if [[ ! -x .venv/bin/python ]] || ! python_ok .venv/bin/python; then
  py=$(find_python) || {
    echo "error: ssp-kit needs Python >= 3.12 (it and pyodide-lock require it) and found none." >&2
    echo "       Install one (e.g. 'pyenv install 3.12') or set SSP_PYTHON=/path/to/python3.12." >&2
    exit 1
  }
  say "creating .venv with $py ($("$py" --version))"
  rm -rf .venv
  "$py" -m venv .venv
fi

extras=test
(( want_browser )) && extras=test,browser
stamp=.venv/.ssp-installed-${extras/,/-}
installed() {  # the packages of stamp $1 are installed, and pyproject.toml has not changed since
  [[ -f $1 && ! pyproject.toml -nt $1 && ! setup.py -nt $1 ]]
}
# `make test` sets up the browser's extras, then the plain ones: those are among them.
if ! installed "$stamp" && ! { (( ! want_browser )) && installed .venv/.ssp-installed-test-browser; }; then
  say "installing Python packages into .venv ($extras)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[$extras]"
  touch "$stamp"
fi

.venv/bin/python -m walkthrough.bundle.package_data . >/dev/null

if [[ ! -f node_modules/pyodide/pyodide.asm.wasm || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing the Pyodide runtime (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if (( want_browser )); then
  chromium=$(.venv/bin/python -m walkthrough.chromium 2>/dev/null || true)
  if [[ -z "$chromium" ]]; then
    if [[ $(id -u) == 0 ]]; then
      say "installing Debian's chromium (no Chromium found)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq chromium >/dev/null
    else
      echo "error: the end-to-end tests need Chromium and none was found. Run:" >&2
      echo "       sudo apt-get update && sudo apt-get install -y chromium" >&2
      exit 1
    fi
  fi
  # Chromium draws Arabic, Japanese and Chinese with these (else boxes, and the e2e
  # positions of an RTL page are measured on fallback glyphs).
  fonts=(fonts-noto-core fonts-noto-cjk)
  if ! dpkg-query -W -f='${Status}' "${fonts[@]}" 2>/dev/null | grep -q '^\(install ok installed\)\{2\}$'; then
    if [[ $(id -u) == 0 ]]; then
      say "installing Debian's Noto fonts (${fonts[*]})"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${fonts[@]}" >/dev/null
    else
      echo "warning: the Arabic, Japanese and Chinese pages need Debian's Noto fonts. Run:" >&2
      echo "         sudo apt-get install -y ${fonts[*]}" >&2
    fi
  fi
fi
