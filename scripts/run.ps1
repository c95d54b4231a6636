# Start Fieldwork on Windows: creates .venv and installs on first use, then opens the window.
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
$venv = Join-Path $root ".venv"
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) {
    py -3 -m venv $venv
    & (Join-Path $venv "Scripts\python.exe") -m pip install --quiet --upgrade pip
    & (Join-Path $venv "Scripts\python.exe") -m pip install --quiet -e $root
}
& (Join-Path $venv "Scripts\python.exe") -m fieldwork @args
exit $LASTEXITCODE
