#!/usr/bin/env bash
# Refresh the translation catalogues from the source.
#
#   Qt (UI and printing, tr()):   resources/translations/harmony_desktop_<lang>.ts  -> .qm
#   gettext (services, CLI, _()):  resources/translations/harmony_desktop.pot
#                                  resources/translations/<lang>/LC_MESSAGES/harmony_desktop.po -> .mo
#   Babel (the sync server's console): sync/harmony_sync/server/admin/locale/console.pot
#                                  .../admin/locale/<lang>/LC_MESSAGES/console.po -> .mo
#
# Translators edit the .ts files with Qt Linguist (pyside6-linguist) and the .po files
# with any PO editor, then run this script again to compile them. Needs the venv
# (./dev shell) and, for the gettext half, Debian's gettext package.
set -euo pipefail
cd "$(dirname "$0")/.."
# TRANSLATIONS_OUT: write elsewhere (the completeness test extracts into a temporary copy).
out=${TRANSLATIONS_OUT:-resources/translations}
languages=(es)
mkdir -p "$out"

# A fresh extraction stamps the template with today's date even when no message changed;
# put back the committed file then, so a run with nothing new leaves the tree clean (and
# the catalogues merged from it keep their dates too).
keep_if_only_dated() {
  local file=$1
  [ -z "${TRANSLATIONS_OUT:-}" ] || return 0
  git cat-file -e "HEAD:$file" 2>/dev/null || return 0
  if diff -q <(git show "HEAD:$file" | grep -v '^"POT-Creation-Date:') \
    <(grep -v '^"POT-Creation-Date:' "$file") >/dev/null; then
    git show "HEAD:$file" >"$file"
  fi
}

qt_sources=$(git ls-files 'src/harmony_desktop/ui/*.py' 'src/harmony_desktop/printing/*.py')
for lang in "${languages[@]}"; do
  # shellcheck disable=SC2086
  pyside6-lupdate $qt_sources -ts "$out/harmony_desktop_$lang.ts" -no-obsolete -locations none
  pyside6-lrelease "$out/harmony_desktop_$lang.ts" -qm "$out/harmony_desktop_$lang.qm"
done
# English needs a catalogue only for its plural forms ("%n row(s)" -> "1 row", "2 rows").
# shellcheck disable=SC2086
pyside6-lupdate $qt_sources -ts "$out/harmony_desktop_en.ts" -pluralonly -no-obsolete -locations none
pyside6-lrelease "$out/harmony_desktop_en.ts" -qm "$out/harmony_desktop_en.qm"

if command -v xgettext >/dev/null; then
  # shellcheck disable=SC2046
  xgettext -L Python --keyword=_ --keyword=N_ --keyword=pgettext:1c,2 --from-code=UTF-8 --add-comments \
    --add-location=file --sort-by-file \
    --package-name=harmony-desktop -o "$out/harmony_desktop.pot" \
    $(git ls-files 'src/harmony_desktop/*.py' | grep -v -e '/ui/' -e '/printing/')
  keep_if_only_dated "$out/harmony_desktop.pot"
  for lang in "${languages[@]}"; do
    po="$out/$lang/LC_MESSAGES/harmony_desktop.po"
    mkdir -p "$(dirname "$po")"
    if [ -f "$po" ]; then
      msgmerge -q --update --backup=none --no-fuzzy-matching "$po" "$out/harmony_desktop.pot"
    else
      msginit -i "$out/harmony_desktop.pot" -o "$po" -l "$lang" --no-translator
    fi
    msgfmt --check-format -o "${po%.po}.mo" "$po"
  done
else
  echo "xgettext not found: sudo apt-get install gettext (for the services' catalogue)" >&2
fi

# The sync server's web console (/admin): Babel extracts the Python and Jinja2 templates'
# strings into sync/harmony_sync/server/admin/locale/console.pot; the .po of each language
# is merged and compiled to the .mo the server loads (no gettext tools needed). With
# TRANSLATIONS_OUT only the template is extracted there (console/console.pot).
console=sync/harmony_sync/server/admin
console_out=${TRANSLATIONS_OUT:+$out/console}
console_out=${console_out:-$console/locale}
mkdir -p "$console_out"
pybabel -q extract -F "$console/locale/babel.cfg" -c TRANSLATORS: --add-location=file \
  --sort-by-file --project=harmony-sync-console -o "$console_out/console.pot" "$console"
keep_if_only_dated "$console_out/console.pot"
if [ -z "${TRANSLATIONS_OUT:-}" ]; then
  for lang in "${languages[@]}"; do
    if [ -f "$console_out/$lang/LC_MESSAGES/console.po" ]; then
      pybabel -q update -D console -i "$console_out/console.pot" -d "$console_out" -l "$lang" \
        --no-fuzzy-matching --ignore-obsolete
    else
      pybabel -q init -D console -i "$console_out/console.pot" -d "$console_out" -l "$lang"
    fi
    pybabel -q compile -D console -d "$console_out" -l "$lang"
  done
fi
