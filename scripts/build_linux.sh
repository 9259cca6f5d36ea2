#!/usr/bin/env bash
# Build the Linux release: the PyInstaller one-folder app, its self-test, then a tarball
# with the app, the .desktop file, the icons and a per-user install script.
#
#   scripts/build_linux.sh            -> dist/harmony-desktop-<version>-linux-<arch>.tar.gz
#
# Uses the project's virtual environment (./dev makes it) unless PYTHON is set. Prints
# the build time and the sizes of the folder and the tarball.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
version="$("$python" -c 'import harmony_desktop; print(harmony_desktop.__version__)')"
name="harmony-desktop-$version-linux-$(uname -m)"
dist="$root/dist"

started=$(date +%s)
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$root/build/pyinstaller" build.spec
built=$(date +%s)

echo "self-test of the frozen app:"
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$dist/harmony-desktop/harmony-desktop" --self-test

stage="$dist/$name"
rm -rf "$stage"
mkdir -p "$stage/icons"
cp -a "$dist/harmony-desktop" "$stage/app"
cp resources/icons/harmony-desktop-*.png "$stage/icons/"
install -m 644 installer/linux/org.harmonydesktop.HarmonyDesktop.desktop "$stage/"
install -m 755 installer/linux/install.sh "$stage/"
cat >"$stage/README.txt" <<EOF
Harmony Desktop $version for Linux ($(uname -m))

  ./install.sh              install for this user (menu entry, icon, harmony-desktop command)
  ./install.sh --uninstall  remove it again (your data stays)
  app/harmony-desktop       or run it from here without installing

Needs a desktop with X11 or XWayland and the usual system libraries (glib, fontconfig,
freetype, dbus, libX11/libxcb; libcups2 to print to a printer).
EOF
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
rm -rf "$stage"

folder_bytes=$(du -s --apparent-size -B1 "$dist/harmony-desktop" | cut -f1)
echo "build time:  $((built - started)) s"
echo "app folder:  $((folder_bytes / 1000000)) MB ($((folder_bytes / 1048576)) MiB)"
echo "tarball:     $dist/$name.tar.gz, $(($(stat -c %s "$dist/$name.tar.gz") / 1000000)) MB"
