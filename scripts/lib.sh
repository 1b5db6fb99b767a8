# Shared by scripts/run-example and scripts/run-tests: install what they need, idempotently.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

apt_install() {
  [ $# -gt 0 ] || return 0
  echo "Installing Debian packages: $*"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

# Install the Debian packages of the commands that are missing: need_commands cmd:package ...
need_commands() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  apt_install "${missing[@]}"
}

# Install the Debian packages that are not installed yet: need_packages package ...
need_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  apt_install "${missing[@]}"
}

# Create the virtualenv ($VENV, or the folder given second) if needed and install the package
# with the given extras into it: ensure_venv extras [folder]
ensure_venv() {
  local extras="$1" venv="${2:-$VENV}"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "wagtail-ikut needs Python 3.11 or newer; set PYTHON to one." >&2
    exit 1
  fi
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet --editable "$ROOT[$extras]"
}
