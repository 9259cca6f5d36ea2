"""People's names as the programme writes them (docs/DOMAIN.md, "Students and names").

Names are stored exactly as typed. This module only decides how a stored name is shown;
every screen, printout, export and message builds a student's name here.
"""

from __future__ import annotations


def display_name(first: str, last: str, preferred: str = "", *, last_first: bool = False) -> str:
    """A student's name as people read it: the preferred name if there is one, else the
    legal first name, then the last name ("Lupe Hernández").

    ``last_first`` gives the form rosters are read and filed in ("Hernández, Lupe").
    Pass no ``preferred`` for the legal name. Empty parts are left out.
    """
    given = (preferred or first).strip()
    family = last.strip()
    if last_first:
        return ", ".join(part for part in (family, given) if part)
    return " ".join(part for part in (given, family) if part)
