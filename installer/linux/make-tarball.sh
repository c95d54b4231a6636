#!/usr/bin/env bash
# Pack a built Linux bundle as fieldwork-VERSION-linux-ARCH.tar.gz with its installer script,
# menu entry, AppStream metadata and icons. An AppImage would need appimagetool and FUSE on
# the user's machine; a tarball with install.sh needs neither.
#   installer/linux/make-tarball.sh dist/Fieldwork dist
set -euo pipefail
BUNDLE="$(cd "$1" && pwd)"
OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID="org.fieldwork.Fieldwork"
VERSION="$("$BUNDLE/fieldwork" --version | awk '{print $2}')"
NAME="fieldwork-$VERSION-linux-$(uname -m)"
STAGE="$OUT/$NAME"

rm -rf "$STAGE"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo"
cp -a "$BUNDLE" "$STAGE/Fieldwork"
cp "$HERE/install.sh" "$HERE/uninstall.sh" "$STAGE/"
cp "$HERE/$APP_ID.desktop" "$STAGE/share/applications/"
cp "$HERE/$APP_ID.metainfo.xml" "$STAGE/share/metainfo/"

# Icons come with the program's resources when they exist; the menu shows a generic one otherwise.
ICONS="$BUNDLE/_internal/fieldwork/resources/icons"
if [ -f "$ICONS/fieldwork.svg" ]; then
  mkdir -p "$STAGE/share/icons/hicolor/scalable/apps"
  cp "$ICONS/fieldwork.svg" "$STAGE/share/icons/hicolor/scalable/apps/$APP_ID.svg"
fi
# One PNG per size (png/fieldwork-N.png), or else the single fieldwork.png sized from its header
# (the width is bytes 16-19, big-endian).
for png in "$ICONS"/png/fieldwork-*.png "$ICONS/fieldwork.png"; do
  [ -f "$png" ] || continue
  width=$((16#$(od -An -tx1 -j16 -N4 "$png" | tr -d ' \n')))
  folder="$STAGE/share/icons/hicolor/${width}x${width}/apps"
  [ -f "$folder/$APP_ID.png" ] && continue
  mkdir -p "$folder"
  cp "$png" "$folder/$APP_ID.png"
done

cat > "$STAGE/README.txt" <<TEXT
Fieldwork $VERSION for Linux ($(uname -m))

Install for yourself:     ./install.sh
Install for everyone:     sudo ./install.sh --system
Check the installation:   fieldwork --self-test
Remove the program:       ./uninstall.sh   (notebooks, settings and backups are kept)

Needs a desktop with X11 or Wayland; the system keyring (GNOME Keyring or KWallet's Secret
Service) lets Fieldwork remember a notebook's key on this computer.
TEXT

tar -C "$OUT" --owner=0 --group=0 --numeric-owner -czf "$OUT/$NAME.tar.gz" "$NAME"
rm -rf "$STAGE"
echo "$OUT/$NAME.tar.gz: $(du -h "$OUT/$NAME.tar.gz" | cut -f1)"
