# Run the test suite on Windows: lint, format, types, import contracts and pytest.
# (The real Secret Service keyring tests are Linux-only and are skipped here.)
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
$venv = Join-Path $root ".venv"
$python = Join-Path $venv "Scripts\python.exe"
if (-not (Test-Path $python)) { py -3 -m venv $venv }
& $python -m pip install --quiet -e "$root[test]"
Set-Location $root
& $python -m ruff check .;            if ($LASTEXITCODE) { exit $LASTEXITCODE }
& $python -m ruff format --check .;   if ($LASTEXITCODE) { exit $LASTEXITCODE }
& $python -m mypy;                    if ($LASTEXITCODE) { exit $LASTEXITCODE }
& (Join-Path $venv "Scripts\lint-imports.exe") --no-cache; if ($LASTEXITCODE) { exit $LASTEXITCODE }
& $python -m pytest -m "not secret_service" @args
exit $LASTEXITCODE
