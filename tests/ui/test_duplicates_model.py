"""The sync review's list of likely duplicate students: its counts read as words, in
the singular and the plural, in English and Spanish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from harmony_desktop.services.duplicates import DuplicatePair
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.sync.review import DuplicatesModel


def _model() -> DuplicatesModel:
    model = DuplicatesModel()
    model.set_pairs(
        [
            DuplicatePair(
                keep_id="a", drop_id="b", hub_id=None, name="Generated Name",
                date_of_birth=dt.date(2015, 4, 1), shared_phone="",
                keep_counts=(1, 2), drop_counts=(0, 1),
            )
        ]
    )  # fmt: skip
    return model


def _counts_text(model: DuplicatesModel) -> str:
    return str(model.data(model.index(0, 3, QModelIndex()), Qt.ItemDataRole.DisplayRole))


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, QLocale("en_US"))
    yield


def test_counts_are_words_with_their_plurals(english: None, qtmodeltester: ModelTester) -> None:
    model = _model()
    qtmodeltester.check(model)
    assert _counts_text(model) == (
        "kept record: 1 enrollment, 2 marks · other record: 0 enrollments, 1 mark"
    )


def test_counts_in_spanish(qapp: QApplication) -> None:
    assert install_translator(qapp, QLocale("es_MX"))
    try:
        assert _counts_text(_model()) == (
            "registro conservado: 1 inscripción, 2 marcas · otro registro: 0 inscripciones, 1 marca"
        )
    finally:
        install_translator(qapp, QLocale("en_US"))
