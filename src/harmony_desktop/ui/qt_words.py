"""The words of Qt's own dialogs that Qt's Spanish catalogue lacks.

Qt draws the file dialogs (where no desktop portal draws them) and the print and page
set-up dialogs itself, in the words of its own catalogue (``qtbase_es.qm``, loaded by
``app.install_translator`` beside the app's). That catalogue is older than the Qt the
app runs on: Qt gave some labels an Alt key since ("&Look in:", "Files of &type:"), and
the Spanish entries, made for the old words ("Look in:"), no longer match, so those
labels came out in English in a Spanish window.

They are marked here under Qt's own contexts, so lupdate puts them in the app's
catalogue, where they are translated like every other string; the app's translator is
installed after Qt's and so is asked first. Nothing imports this module at run time.
``tests/ui/test_translations.py`` checks that Qt's catalogue still lacks each one (a
newer Qt that brings them makes its line here unnecessary) and that the app's has it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

#: as lupdate finds them (``QT_TRANSLATE_NOOP`` gives back its text)
_MARKED = (
    # the file dialog (Export…, Import…, Restore from a backup ▸ Other file…)
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    # (its Type column)
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown")),
    # the print dialog (Print… from a print preview)
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Pages")),
    (
        "QPrintSettingsOutput",
        QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Double Sided Printing"),
    ),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Off")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side binding")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side binding")),
    (
        "QPrintSettingsOutput",
        QT_TRANSLATE_NOOP(
            "QPrintSettingsOutput",
            "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
            "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.",
        ),
    ),
    ("QPrintDialog", QT_TRANSLATE_NOOP("QPrintDialog", "Invalid Pages Definition")),
    (
        "QPrintDialog",
        QT_TRANSLATE_NOOP(
            "QPrintDialog",
            "%1 does not follow the correct syntax. Please use ',' to separate ranges and "
            "pages, '-' to define ranges and make sure ranges do not intersect with each "
            "other.",
        ),
    ),
    ("QPrintDialog", QT_TRANSLATE_NOOP("QPrintDialog", "Duplex Settings Conflicts")),
    (
        "QPrintDialog",
        QT_TRANSLATE_NOOP(
            "QPrintDialog", "There are conflicts in duplex settings. Do you want to fix them?"
        ),
    ),
    ("QPrintPropertiesWidget", QT_TRANSLATE_NOOP("QPrintPropertiesWidget", "Advanced")),
    (
        "QPrintPropertiesWidget",
        QT_TRANSLATE_NOOP(
            "QPrintPropertiesWidget", "There are conflicts in some options. Please fix them."
        ),
    ),
    (
        "QPrintPropertiesDialog",
        QT_TRANSLATE_NOOP("QPrintPropertiesDialog", "Page Setup Conflicts"),
    ),
    (
        "QPrintPropertiesDialog",
        QT_TRANSLATE_NOOP(
            "QPrintPropertiesDialog",
            "There are conflicts in page setup options. Do you want to fix them?",
        ),
    ),
    (
        "QPrintPropertiesDialog",
        QT_TRANSLATE_NOOP("QPrintPropertiesDialog", "Advanced Option Conflicts"),
    ),
    (
        "QPrintPropertiesDialog",
        QT_TRANSLATE_NOOP(
            "QPrintPropertiesDialog",
            "There are conflicts in some advanced options. Do you want to fix them?",
        ),
    ),
    ("QCupsPrinterSupport", QT_TRANSLATE_NOOP("QCupsPrinterSupport", "Authentication Needed")),
    (
        "QCupsPrinterSupport",
        QT_TRANSLATE_NOOP("QCupsPrinterSupport", "Authentication needed to use %1."),
    ),
    (
        "QCupsPrinterSupport",
        QT_TRANSLATE_NOOP("QCupsPrinterSupport", "Authentication needed to use %1 on %2."),
    ),
    ("QCupsPrinterSupport", QT_TRANSLATE_NOOP("QCupsPrinterSupport", "Username:")),
    ("QCupsPrinterSupport", QT_TRANSLATE_NOOP("QCupsPrinterSupport", "Password:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "Job &priority:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "Scheduled &printing:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&Billing information:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&Start:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&End:")),
    # the page set-up dialog
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:")),
)

#: (Qt's context, the source text Qt uses), each missing from qtbase_es.qm
WORDS: tuple[tuple[str, str], ...] = tuple((context, str(text)) for context, text in _MARKED)
