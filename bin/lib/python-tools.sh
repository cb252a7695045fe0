# Sourced by bin/test and bin/benchmark, from the project folder: the pinned Python tools of requirements-dev.txt
# (moto, cfn-lint, the SAM translator); a Python that refuses packages outside a virtual environment (Debian's, say)
# gets one, .venv.
install_python_tools() {
  pip_install() { python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements-dev.txt; }
  if ! pip_install 2>/dev/null; then
    python3 -m venv .venv
    . .venv/bin/activate
    pip_install
  fi
}
