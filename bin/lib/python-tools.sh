# Sourced by bin/test, bin/replay, bin/load, bin/benchmark and bin/ses-feedback, from the project folder: the pinned
# Python tools of requirements-dev.txt (moto, cfn-lint, the SAM translator); a Python that refuses packages outside a
# virtual environment (Debian's, say) gets one, .venv.
install_python_tools() {
  pip_install() { python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements-dev.txt; }
  if ! pip_install 2>/dev/null; then
    python3 -m venv .venv
    . .venv/bin/activate
    pip_install
  fi
}

has_moto() { python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("moto") is None)' 2>/dev/null; }

# The virtual environment an earlier install made (in the folder given, else this one), when Python's own lacks moto.
use_python_tools() {
  local venv="${1:-.}/.venv"
  if [ -f "$venv/bin/activate" ] && ! has_moto; then
    . "$venv/bin/activate"
  fi
}

# moto, for what runs on its DynamoDB (the local store, the load run, the wire benchmark): installed when missing.
ensure_moto() {
  use_python_tools
  has_moto || install_python_tools
}
