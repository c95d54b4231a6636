#!/bin/sh
# Remove the Fieldwork program installed by install.sh (add --system if it was installed so).
# Notebooks, settings, backups and remembered keys are kept: they are not part of the program.
set -eu
APP_ID="org.fieldwork.Fieldwork"
case "${1:-}" in
  "") PROGRAMS="$HOME/.local/opt"; BIN="$HOME/.local/bin"; SHARE="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
  --system) PROGRAMS="/opt"; BIN="/usr/local/bin"; SHARE="/usr/local/share" ;;
  *) echo "usage: ./uninstall.sh [--system]" >&2; exit 2 ;;
esac
rm -rf "$PROGRAMS/Fieldwork"
[ -L "$BIN/fieldwork" ] && rm -f "$BIN/fieldwork"
rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
find "$SHARE/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
command -v update-desktop-database >/dev/null 2>&1 &&
  update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
echo "Fieldwork was removed. Your notebooks, settings and backups were kept."
