"""A report's file name as a data manager files it: kind, scope and period.

"attendance-echo-park-lake-2025-26", "asistencia-todas-las-sedes-2025-09-01-al-2025-12-19":
six reports for three hubs no longer differ only by the day they were exported. Every
part is safe in a file name on Windows, macOS and Linux: accents dropped ("Peñasco" →
"penasco"), anything but letters and digits one hyphen, all lowercase.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: A place's words kept in a name (a hub or ensemble name of a whole sentence is cut).
PLACE_CHARACTERS = 48


def slug(text: str, limit: int = 0) -> str:
    """``text`` as a file name's word: ASCII letters and digits in lowercase, every
    other run of characters one hyphen, no hyphen at either end; cut at a hyphen
    within ``limit`` characters when ``limit`` is given."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    word = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    if limit and len(word) > limit:
        cut = word[: limit + 1]
        word = cut[: cut.rfind("-")] if "-" in cut else word[:limit]
    return word.strip("-")


def period_words(
    first: dt.date, last: dt.date, year: str, year_first: dt.date, year_last: dt.date,
    between: str = "{first}-to-{last}",
) -> str:  # fmt: skip
    """The period: the year's label when it is the whole programme year ("2025-26"),
    else both days in ``between``, the language's words ("{first}-al-{last}")."""
    if (first, last) == (year_first, year_last) and slug(year):
        return slug(year)
    days = {"first": first.isoformat(), "last": last.isoformat()}
    words = slug(between.format(**days))
    if days["first"] not in words or days["last"] not in words:
        words = "{first}-to-{last}".format(**days)  # a translation that lost a day
    return words


def file_stem(word: str, places: list[str], period: str) -> str:
    """The report's word, then its places (an ensemble, its hub; or "all hubs"), then
    its period, each a slug; a place whose words an earlier one already holds is left
    out ("Echo Park Lake Youth Choir" at Echo Park Lake is not "…-echo-park-lake")."""
    parts = [slug(word) or "report"]
    written = ""
    for place in places:
        part = slug(place, PLACE_CHARACTERS)
        if part and f"-{part}-" not in f"-{written}-":
            parts.append(part)
            written = f"{written}-{part}"
    parts.append(period)
    return "-".join(p for p in parts if p)
