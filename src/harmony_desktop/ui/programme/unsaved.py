"""Typed changes are never dropped without a word: before a Programme window page's form
is given another record (another row, New, another tab, another hub or year) or the
window closes, a form that differs from what is stored asks "Save the changes to …?"
with Save (the default), Discard and Cancel. The question is modal to the window only
and is not waited for (``QMessageBox.open``): what asked carries on from the answer, so a
form left typed in by a test, or a window closed at teardown, waits for nobody.

Save stores the form and goes on only once it is stored (a refused save stays, with
its message); Discard shows what is stored again and goes on; Cancel stays where the
user was, the typed text intact. A form typed back to what is stored asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.ui.programme.models import IdRole


def tr(text: str) -> str:
    """Translate (context ``Programme``, as the window's pages)."""
    return QCoreApplication.translate("Programme", text)


class Answer(Enum):
    """What the user chose."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def save_question(name: str) -> str:
    """ "Save the changes to “name”?" (a form for a new record may have no name yet)."""
    if name:
        return tr("Save the changes to “{name}”?").format(name=name)
    return tr("Save the new entry you typed?")


def ask_to_save(parent: QWidget, question: str, answered: Callable[[Answer], None]) -> QMessageBox:
    """Ask ``question`` (whether to save the typed changes): Save (the default, Enter),
    Discard, or Cancel (Escape). The box is modal to its window only and does not wait:
    ``answered`` runs with the answer once one is given (never if the box goes unanswered,
    e.g. its window is destroyed), so nothing blocks while nobody answers."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=parent)
    box.setInformativeText(tr("What you typed is not saved yet."))
    save = box.addButton(tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is save:
            answered(Answer.SAVE)
        elif clicked is discard:
            answered(Answer.DISCARD)
        else:
            answered(Answer.CANCEL)

    box.finished.connect(finished)
    box.open()  # window-modal; carries on in ``finished``
    return box


class UnsavedForm:
    """What a page with a form gives (``has_changes``, ``changes_name``, ``save_changes``,
    ``discard_changes``) and the one way it asks before the form is left."""

    _putting_back = False
    _question: QMessageBox | None = None

    def has_changes(self) -> bool:
        """Whether the form differs from what is stored."""
        raise NotImplementedError

    def changes_name(self) -> str:
        """The record the form holds, as the question names it ("" for a new one)."""
        raise NotImplementedError

    def question(self) -> str:
        """What the question asks ("Save the changes to “…”?")."""
        return save_question(self.changes_name())

    def save_changes(self, then: Callable[[], object]) -> None:
        """Save the form; call ``then`` once it is stored (never if refused)."""
        raise NotImplementedError

    def discard_changes(self) -> None:
        """Show what is stored again."""
        raise NotImplementedError

    def saving_then(self, then: Callable[[], object]) -> bool:
        """If a save of the form is still being stored: run ``then`` once it is stored
        (never if it is refused: the form stays, with its message) and return True.
        False when no save is under way (the default: a form that saves at once)."""
        return False

    def asking(self) -> bool:
        """Whether the question is on screen, waiting for an answer."""
        return self._question is not None

    def confirm_leave(self, then: Callable[[], object]) -> bool:
        """Whether the form may be left at once: True when nothing differs. Otherwise
        False, and the question is shown (window-modal, not waited for): Discard shows
        what is stored and runs ``then``; Save runs ``then`` once it is stored; Cancel
        runs nothing. While a question is open another is not asked: it is brought to
        the front, and the action that asked again is dropped (the user asks again)."""
        if not self.has_changes():
            return True
        assert isinstance(self, QWidget)
        if self._question is not None:
            self._question.raise_()
            self._question.activateWindow()
            return False

        def answered(answer: Answer) -> None:
            self._question = None
            if answer is Answer.DISCARD:
                self.discard_changes()
                then()
            elif answer is Answer.SAVE:
                self.save_changes(then)

        self._question = ask_to_save(self, self.question(), answered)
        return False

    def drop_question(self) -> None:
        """Close an open question unanswered (nothing it would do runs)."""
        box, self._question = self._question, None
        if box is not None:
            box.finished.disconnect()
            box.hide()
            box.deleteLater()

    def row_may_change(
        self,
        view: QAbstractItemView,
        current: QModelIndex,
        previous: QModelIndex,
        *,
        changed: Callable[[], bool] | None = None,
    ) -> bool:
        """In a list's ``currentRowChanged``: whether the form may show ``current`` now.
        If not, the list is put back on ``previous`` (the form untouched) and the row is
        chosen again once the form is saved or discarded (as the answer comes). ``changed``:
        whether the part of the page the list fills has typed changes (all of it: None)."""
        if self._putting_back:
            return False
        if not (changed or self.has_changes)():
            return True
        model = view.model()
        target = model.index(current.row(), 0) if current.isValid() else QModelIndex()
        wanted = _row_id(model, target)
        self._put_back(view, previous)

        def choose() -> None:
            row = next(
                (r for r in range(model.rowCount()) if _row_id(model, model.index(r, 0)) == wanted),
                -1,
            )
            if row >= 0:
                view.selectionModel().setCurrentIndex(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

        if self.confirm_leave(choose):
            choose()
        return False

    def _put_back(self, view: QAbstractItemView, index: QModelIndex) -> None:
        selection = view.selectionModel()
        self._putting_back = True
        try:
            if index.isValid():
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                selection.clear()
        finally:
            self._putting_back = False


def _row_id(model: QAbstractItemModel, index: QModelIndex) -> object:
    return model.data(index, IdRole) if index.isValid() else None
