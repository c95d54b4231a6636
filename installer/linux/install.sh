#!/bin/sh
# Install (or upgrade) Fieldwork from this unpacked tarball.
#   ./install.sh            for this user: ~/.local/opt/Fieldwork, ~/.local/bin/fieldwork, menu entry
#   sudo ./install.sh --system   for everyone: /opt/Fieldwork, /usr/local/bin/fieldwork, menu entry
# Notebooks, settings and remembered keys are never inside the program folder, so an upgrade or
# an uninstall leaves them alone.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID="org.fieldwork.Fieldwork"

case "${1:-}" in
  "") PROGRAMS="$HOME/.local/opt"; BIN="$HOME/.local/bin"; SHARE="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
  --system) PROGRAMS="/opt"; BIN="/usr/local/bin"; SHARE="/usr/local/share" ;;
  *) echo "usage: ./install.sh [--system]" >&2; exit 2 ;;
esac
TARGET="$PROGRAMS/Fieldwork"

if ! "$HERE/Fieldwork/fieldwork" --version >/dev/null 2>&1; then
  echo "The Fieldwork program in this folder does not run here; nothing was installed." >&2
  exit 1
fi

# Copy beside the old version, then swap, so an interrupted upgrade leaves a working program.
mkdir -p "$PROGRAMS" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
rm -rf "$TARGET.new" "$TARGET.old"
cp -a "$HERE/Fieldwork" "$TARGET.new"
[ -d "$TARGET" ] && mv "$TARGET" "$TARGET.old"
mv "$TARGET.new" "$TARGET"
rm -rf "$TARGET.old"
ln -sf "$TARGET/fieldwork" "$BIN/fieldwork"

# The menu entry runs the program by its full path: ~/.local/bin is not on every desktop's PATH.
sed "s|^Exec=fieldwork|Exec=$TARGET/fieldwork|" "$HERE/share/applications/$APP_ID.desktop" \
  > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
if [ -d "$HERE/share/icons" ]; then
  cp -R "$HERE/share/icons" "$SHARE/"
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
fi
command -v update-desktop-database >/dev/null 2>&1 &&
  update-desktop-database -q "$SHARE/applications" 2>/dev/null || true

echo "Installed $("$TARGET/fieldwork" --version) in $TARGET"
echo "Start it from the applications menu, or run: $BIN/fieldwork"
echo "To check this installation: $BIN/fieldwork --self-test"
