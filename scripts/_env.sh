# Shared by scripts/run and scripts/test: make .venv and install Fieldwork into it when needed.
# Re-installs only when pyproject.toml changed since the last install (a stamp records its hash).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Fieldwork needs Python 3.11 or newer; install it (e.g. apt-get install python3) and try again." >&2
  return 1
}

ensure_venv() {  # $1: extras to install, e.g. "test" or ""
  local extras="${1:-}" target="$ROOT" stamp hash
  [ -n "$extras" ] && target="$ROOT[$extras]"
  if [ ! -x "$VENV/bin/python" ]; then
    local py; py="$(find_python)"
    if ! "$py" -m venv "$VENV" 2>/dev/null; then
      echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2
      return 1
    fi
  fi
  stamp="$VENV/.fieldwork-installed-$extras"
  hash="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    echo "Installing Fieldwork and its dependencies into .venv (first run only)..." >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$target"
    echo "$hash" > "$stamp"
  fi
}
