#!/usr/bin/env sh
# Install Harmony Desktop from this unpacked tarball, for the current user (no root).
#
#   ./install.sh              install or upgrade into ~/.local (menu entry, icon, command)
#   ./install.sh --uninstall  remove the program; the register data stays
#   ./install.sh --uninstall --purge   also delete the data (~/.local/share/HarmonyDesktop)
#
# PREFIX=/opt/harmony-desktop BIN_DIR=/usr/local/bin DATA_HOME=/usr/local/share sudo -E
# ./install.sh installs for every user of the machine instead.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
data_home="${DATA_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}}"
prefix="${PREFIX:-$HOME/.local/opt/harmony-desktop}"
bin_dir="${BIN_DIR:-$HOME/.local/bin}"
apps_dir="$data_home/applications"
icons_dir="$data_home/icons/hicolor"
# The file name is the app id Qt gives the window (ui.app: setDesktopFileName), so the
# desktop shell matches the running window to its menu entry and icon.
desktop_file=org.harmonydesktop.HarmonyDesktop.desktop
user_data="${XDG_DATA_HOME:-$HOME/.local/share}/HarmonyDesktop"

refresh_menus() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps_dir" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons_dir" || true
}

uninstall() {
  rm -rf "$prefix"
  rm -f "$bin_dir/harmony-desktop" "$apps_dir/$desktop_file"
  find "$icons_dir" -name 'harmony-desktop.png' -path '*/apps/*' -delete 2>/dev/null || true
  refresh_menus
  if [ "${1:-}" = "--purge" ]; then
    rm -rf "$user_data" "${XDG_STATE_HOME:-$HOME/.local/state}/HarmonyDesktop"
    echo "Harmony Desktop and its data were removed."
  elif [ -d "$user_data" ]; then
    echo "Harmony Desktop was removed. Your data is still in $user_data"
  else
    echo "Harmony Desktop was removed."
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall "${2:-}"
  exit 0
fi

# Replace the program folder whole, so nothing of an older version lingers.
mkdir -p "$(dirname "$prefix")" "$bin_dir" "$apps_dir"
rm -rf "$prefix.new"
cp -a "$here/app" "$prefix.new"
rm -rf "$prefix"
mv "$prefix.new" "$prefix"
ln -sf "$prefix/harmony-desktop" "$bin_dir/harmony-desktop"

for png in "$here"/icons/harmony-desktop-*.png; do
  size="$(basename "$png" .png | sed 's/harmony-desktop-//')"
  [ "$size" -le 512 ] || continue
  mkdir -p "$icons_dir/${size}x${size}/apps"
  cp "$png" "$icons_dir/${size}x${size}/apps/harmony-desktop.png"
done
# The menu entry runs the installed program by its full path (~/.local/bin is not on
# every desktop session's PATH).
sed -e "s|^Exec=.*|Exec=$prefix/harmony-desktop|" -e "s|^TryExec=.*|TryExec=$prefix/harmony-desktop|" \
  "$here/$desktop_file" >"$apps_dir/$desktop_file"
chmod 644 "$apps_dir/$desktop_file"
refresh_menus

if "$prefix/harmony-desktop" --self-test >/dev/null 2>&1; then
  echo "Harmony Desktop is installed: open it from the applications menu, or run harmony-desktop."
else
  echo "Harmony Desktop is installed, but its self-test failed. Run: $prefix/harmony-desktop --self-test" >&2
  exit 1
fi
