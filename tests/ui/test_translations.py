"""Every user-visible string can be translated: the catalogues exist and load."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from harmony_desktop.paths import resource
from harmony_desktop.ui.app import install_translator

ROOT = Path(__file__).resolve().parents[2]


def test_the_spanish_ui_catalogue_covers_the_register_and_roster() -> None:
    tree = ET.parse(resource("translations", "harmony_desktop_es.ts"))
    sources = {m.findtext("source") for m in tree.iter("message")}
    assert len(sources) > 200
    assert "Mark all remaining present" in sources
    assert any(s and "Search by name" in s for s in sources)


def test_the_catalogue_is_found_for_a_spanish_locale(qapp: QApplication) -> None:
    assert install_translator(qapp, QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools not installed")
def test_service_messages_are_extracted_for_gettext(tmp_path: Path) -> None:
    pot = tmp_path / "services.pot"
    sources = sorted(str(p) for p in (ROOT / "src/harmony_desktop/services").glob("*.py"))
    subprocess.run(
        ["xgettext", "-L", "Python", "--keyword=_", "-o", str(pot), *sources], check=True
    )
    text = pot.read_text()
    assert 'msgid "Choose why the student left early."' in text
    committed = resource("translations", "harmony_desktop.pot").read_text()
    assert 'msgid "Choose why the student left early."' in committed
