#!/usr/bin/env bash
# Build, sign, notarise and staple Fieldwork.app and its disk image, on a Mac.
#
#   installer/macos/build-dmg.sh            build dist/Fieldwork.app and an unsigned dmg (for testing)
#   FIELDWORK_CODESIGN_IDENTITY="Developer ID Application: NAME (TEAMID)" \
#   FIELDWORK_NOTARY_PROFILE=fieldwork-notary installer/macos/build-dmg.sh
#                                           the same, signed, notarised and stapled (for release)
#
# Needs: Xcode command line tools (codesign, xcrun notarytool, stapler, hdiutil), Python 3.11+ with
# `pip install -e .[bundle]`. The notary profile is stored once in the login keychain with:
#   xcrun notarytool store-credentials fieldwork-notary --apple-id ID --team-id TEAMID --password APP-SPECIFIC-PASSWORD
# Why staple both the app and the dmg: inspectors are often offline, and Gatekeeper can only
# check an unstapled app by asking Apple over the network.
set -euo pipefail
cd "$(dirname "$0")/../.."
IDENTITY="${FIELDWORK_CODESIGN_IDENTITY:-}"
PROFILE="${FIELDWORK_NOTARY_PROFILE:-}"
PY="${PYTHON:-.venv/bin/python}"
VERSION="$("$PY" -c 'import fieldwork; print(fieldwork.__version__)')"
APP="dist/Fieldwork.app"
DMG="dist/fieldwork-$VERSION-macos-$(uname -m).dmg"
ENTITLEMENTS="installer/macos/entitlements.plist"

echo "== 1. Build the app bundle (PyInstaller signs every binary inside when an identity is set)"
export FIELDWORK_CODESIGN_IDENTITY="$IDENTITY"
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/fieldwork.spec

echo "== 2. Check it runs: the self-test inside the bundle"
"$APP/Contents/MacOS/Fieldwork" --self-test

if [ -n "$IDENTITY" ]; then
  echo "== 3. Sign the app as a whole: hardened runtime, secure timestamp, entitlements"
  codesign --force --options runtime --timestamp --entitlements "$ENTITLEMENTS" \
    --sign "$IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"

  if [ -n "$PROFILE" ]; then
    echo "== 4. Notarise the app, then staple its ticket to it"
    ditto -c -k --keepParent "$APP" "dist/Fieldwork-notarise.zip"
    xcrun notarytool submit "dist/Fieldwork-notarise.zip" --keychain-profile "$PROFILE" --wait
    rm -f "dist/Fieldwork-notarise.zip"
    xcrun stapler staple "$APP"
  fi
fi

echo "== 5. Make the disk image: the app and a link to Applications, to drag it onto"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Fieldwork $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "$IDENTITY" ]; then
  echo "== 6. Sign the disk image"
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
  if [ -n "$PROFILE" ]; then
    echo "== 7. Notarise the disk image, staple it, and ask Gatekeeper"
    xcrun notarytool submit "$DMG" --keychain-profile "$PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
    spctl --assess --type execute --verbose=2 "$APP"
  fi
else
  echo "Not signed (no FIELDWORK_CODESIGN_IDENTITY): Gatekeeper will refuse it on other Macs." >&2
fi
echo "$DMG: $(du -h "$DMG" | cut -f1)"
