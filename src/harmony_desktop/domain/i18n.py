"""Translation of user-visible strings outside Qt (services, command line).

The UI uses Qt's own ``tr()``; code below the UI marks strings with ``_()`` from here,
backed by stdlib gettext catalogues in ``resources/translations/<lang>/LC_MESSAGES``.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_DOMAIN = "harmony_desktop"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def install(localedir: Path, languages: list[str] | None = None) -> None:
    """Load the catalogue for ``languages`` (default: from the environment)."""
    global _translation
    _translation = gettext.translation(
        _DOMAIN, localedir=str(localedir), languages=languages, fallback=True
    )


def _(message: str) -> str:
    """Return ``message`` translated into the user's language."""
    return _translation.gettext(message)
