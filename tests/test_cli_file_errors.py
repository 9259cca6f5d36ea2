"""Every command that writes or reads a file the user names says, on one line and with
exit 2, what is wrong and what to do: a folder, a file where its folder should be, a
read-only folder, a file open in another program, a full disk; a file to import that is
missing, a folder, empty, binary or not the workbook its name says. No traceback, no
errno, and nothing left behind (no ``.partial``, no half file, no data folder made)."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

import pytest

from harmony_desktop.cli import main
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.files import check_source, saving

ENSEMBLE = "Beginning Strings"
PDF = ("--pdf", "OUT")

#: Each command that writes a file, with the suffix it is asked to write; OUT is the file.
WRITERS = {
    "export attendance": (["export", "attendance", "--out", "OUT"], ".xlsx"),
    "export roster": (["export", "roster", "--out", "OUT"], ".csv"),
    "print roster": (["print", "roster", "--ensemble", ENSEMBLE, "--pdf", "OUT"], ".pdf"),
    "print signin": (
        ["print", "signin", "--ensemble", ENSEMBLE, "--date", "2026-11-18", "--any-day", *PDF],
        ".pdf",
    ),
    "print blank-roll": (["print", "blank-roll", "--ensemble", ENSEMBLE, "--pdf", "OUT"], ".pdf"),
    "print emergency": (["print", "emergency", "--ensemble", ENSEMBLE, "--pdf", "OUT"], ".pdf"),
    "print no-photo": (["print", "no-photo", "--pdf", "OUT"], ".pdf"),
    "volunteers expiring": (["volunteers", "expiring", "--out", "OUT"], ".csv"),
    "volunteers export": (["volunteers", "export", "hours", "--out", "OUT"], ".xlsx"),
    "events export": (["events", "export", "families", "--out", "OUT"], ".csv"),
    "setup export": (["setup", "export", "OUT"], ".xlsx"),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a small demo hub (Hollenbeck Park, three ensembles)."""
    folder = tmp_path_factory.mktemp("cli-files") / "data"
    demo = ["demo", "--hubs", "1", "--students", "10", "--years", "1", "--today", "2026-11-20"]
    assert main(["--data-dir", str(folder), *demo]) == 0
    return folder


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """An empty folder to write in (the test's own folder holds its logs)."""
    folder = tmp_path / "here"
    folder.mkdir()
    return folder


def run(data: Path, command: str, out: Path) -> int:
    args, _suffix = WRITERS[command]
    return main(["--data-dir", str(data), *[str(out) if a == "OUT" else a for a in args]])


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The one line on stderr, without the program's name."""
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Errno" not in err, err
    assert err.count("\n") == 1, err
    assert err.startswith("harmony-desktop: "), err
    return err.removeprefix("harmony-desktop: ").rstrip("\n")


@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_of_that_name(
    data: Path, here: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = here / f"out{WRITERS[command][1]}"
    out.mkdir()
    capsys.readouterr()
    assert run(data, command, out) == 2
    assert one_line(capsys) == f"{out} is a folder: choose a file name."
    assert sorted(p.name for p in here.iterdir()) == [out.name]
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_file_where_the_folder_should_be(
    data: Path, here: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "reports").write_text("not a folder")
    out = here / "reports" / f"out{WRITERS[command][1]}"
    capsys.readouterr()
    assert run(data, command, out) == 2
    assert one_line(capsys) == (
        f"Could not save {out}: a file stands where its folder should be. Choose another folder."
    )
    assert sorted(p.name for p in here.iterdir()) == ["reports"]
    assert (here / "reports").read_text() == "not a folder"


#: ... and the reports, in each of their kinds of file.
REPORTS = {
    f"report {suffix}": (["report", "attendance", "--out", "OUT"], suffix)
    for suffix in (".xlsx", ".csv", ".pdf")
}


@pytest.mark.parametrize("command", [*WRITERS, *REPORTS])
def test_a_folder_that_does_not_exist_is_never_made(
    data: Path,
    here: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A typing mistake in the folder ("Documnets/") made that folder, and every folder
    above it, and wrote the file there, where nobody would look for it."""
    args, suffix = {**WRITERS, **REPORTS}[command]
    out = here / "Documnets" / "term 1" / f"out{suffix}"
    capsys.readouterr()
    assert main(["--data-dir", str(data), *[str(out) if a == "OUT" else a for a in args]]) == 2
    assert one_line(capsys) == (
        f"Could not save {out}: the folder {here / 'Documnets' / 'term 1'} does not exist. "
        "Create it first, or choose another folder."
    )
    assert list(here.iterdir()) == []
    # a relative path is said with the folder it was looked for in
    monkeypatch.chdir(here)
    relative = Path("reprots") / f"out{suffix}"
    assert main(["--data-dir", str(data), *[str(relative) if a == "OUT" else a for a in args]]) == 2
    assert one_line(capsys) == (
        f"Could not save {relative}: the folder {here / 'reprots'} does not exist. Create it "
        "first, or choose another folder."
    )
    assert list(here.iterdir()) == []


def test_a_folder_that_does_not_exist_in_spanish(tmp_path: Path) -> None:
    out = tmp_path / "informes" / "asistencia.xlsx"
    with i18n.using("es"), pytest.raises(ValidationError) as raised, saving(out):
        pass
    assert str(raised.value) == (
        f"No se pudo guardar {out}: la carpeta {tmp_path / 'informes'} no existe. Créela "
        "primero, o elija otra carpeta."
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_read_only_folder(
    data: Path,
    here: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only folder refuses the new file (simulated: root ignores chmod)."""
    out = here / f"out{WRITERS[command][1]}"
    real_touch = Path.touch

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.parent == here:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_touch(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "touch", refuse)
    capsys.readouterr()
    assert run(data, command, out) == 2
    assert one_line(capsys) == (
        f"Could not save {out}: this folder does not let you save files, or the file is "
        "open in another program (close it there and try again)."
    )
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_file_open_in_another_program(
    data: Path,
    here: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows refuses to replace a file Excel or a PDF reader has open."""
    out = here / f"out{WRITERS[command][1]}"
    out.write_text("the old one, open elsewhere")

    def refuse(self: Path, target: object) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "replace", refuse)
    capsys.readouterr()
    assert run(data, command, out) == 2
    assert one_line(capsys) == (
        f"Could not save {out}: this folder does not let you save files, or the file is "
        "open in another program (close it there and try again)."
    )
    assert out.read_text() == "the old one, open elsewhere"
    assert sorted(p.name for p in here.iterdir()) == [out.name]


@pytest.mark.parametrize("command", WRITERS)
def test_a_full_disk(
    data: Path,
    here: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = here / f"out{WRITERS[command][1]}"

    def full(self: Path, target: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    capsys.readouterr()
    assert run(data, command, out) == 2
    assert one_line(capsys) == f"Could not save {out}: the disk is full."
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_good_path_still_writes_a_private_file(
    data: Path, here: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = here / "new folder" / f"out{WRITERS[command][1]}"
    out.parent.mkdir()  # a folder is never made (test_a_folder_that_does_not_exist_…)
    assert run(data, command, out) == 0
    assert capsys.readouterr().err == ""
    assert out.stat().st_size > 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


# -- files to import ------------------------------------------------------------------------

IMPORTS = {
    "import": ["import"],
    "volunteers import": ["volunteers", "import"],
    "setup import": ["setup", "import"],
}

#: A picture's first bytes.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

#: What a Word document's and a workbook's ``[Content_Types].xml`` declare.
DOCX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
XLSX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def bad_source(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A bad file to import, and what the command line must say about it."""
    if kind == "missing":
        path = tmp_path / "students.csv"
        return path, f"There is no file {path}."
    if kind == "folder":
        path = tmp_path / "students.csv"
        path.mkdir()
        return path, f"{path} is a folder: choose a file."
    if kind == "empty":
        path = tmp_path / "students.csv"
        path.write_bytes(b"")
        return path, f"{path} is empty: choose the file that holds the rows to import."
    if kind == "binary":
        path = tmp_path / "photo.csv"
        path.write_bytes(PNG * 40)
        return path, (
            f"{path} is not a CSV text file (it may be a picture or a program). Save your "
            'spreadsheet as "CSV UTF-8" or as .xlsx and try again.'
        )
    if kind == "workbook named csv":
        path = tmp_path / "students.csv"
        path.write_bytes(b"PK\x03\x04" + b"\x14\x00" * 200)
        return path, (
            f'{path} is a workbook, not a CSV text file: save it as .xlsx (or as "CSV UTF-8") '
            "and try again."
        )
    path = tmp_path / "students.xlsx"
    if kind == "document named xlsx":  # a Word document is a zip too
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", DOCX_TYPES)
            archive.writestr("word/document.xml", "<w:document/>")
    elif kind == "damaged workbook":  # says it is a workbook, but its parts are missing
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", XLSX_TYPES)
            archive.writestr("xl/workbook.xml", "<workbook")
    else:
        assert kind == "not a workbook"
        path.write_text("Last name,First name\nDoe,Jane\n")
    return path, (
        f"{path} is not an Excel workbook, though its name ends in .xlsx. Open it in your "
        'spreadsheet, save it as .xlsx or as "CSV UTF-8", and try again.'
    )


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "folder",
        "empty",
        "binary",
        "workbook named csv",
        "not a workbook",
        "document named xlsx",
    ],
)
@pytest.mark.parametrize("command", IMPORTS)
def test_a_bad_file_to_import(
    tmp_path: Path, command: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()  # a new, empty data folder: nothing is written to it
    path, message = bad_source(tmp_path, kind)
    for dry_run in ([], ["--dry-run"]):
        assert main(["--data-dir", str(data), *IMPORTS[command], str(path), *dry_run]) == 2
        assert one_line(capsys) == message
        assert capsys.readouterr().out == ""
    assert not any(data.iterdir())


def a_workbook(path: Path) -> bytes:
    """A good set-up workbook's bytes (a Hubs sheet of one hub, generated)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hubs"
    sheet.append(["Name", "Address", "Partner kind"])
    for number in range(40):
        sheet.append([f"Test Hub {number}", f"{number} Example Way", "park"])
    book.save(path)
    return path.read_bytes()


def damaged_workbook(tmp_path: Path, damage: str) -> Path:
    """A workbook damaged as files are: parts missing, one sheet cut short inside an
    archive that is whole, or the file itself cut short (a copy or a download stopped)."""
    path = tmp_path / "programme.xlsx"
    if damage == "parts missing":
        return bad_source(tmp_path, "damaged workbook")[0]
    whole = a_workbook(tmp_path / "whole.xlsx")
    if damage == "file cut short":
        path.write_bytes(whole[: len(whole) // 2])
        return path
    assert damage == "sheet cut short"
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                part = part[: len(part) // 2]
            out.writestr(item, part)
    return path


def untouched(data: Path, existed: bool) -> None:
    """The data folder is as it was: absent, or there and empty."""
    if existed:
        assert sorted(p.name for p in data.iterdir()) == []
    else:
        assert not data.exists()


@pytest.fixture
def fresh_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> tuple[Path, bool]:
    """A fresh data folder named by the environment, absent or made empty; logs would go
    inside it, so a log written there is caught too."""
    data = tmp_path / "fresh data"
    existed = request.param == "empty"
    if existed:
        data.mkdir()
    monkeypatch.setenv("HARMONY_DATA_DIR", str(data))
    monkeypatch.delenv("HARMONY_LOG_DIR")
    return data, existed


@pytest.mark.parametrize("fresh_data", ["absent", "empty"], indirect=True)
@pytest.mark.parametrize("damage", ["parts missing", "sheet cut short", "file cut short"])
@pytest.mark.parametrize("command", IMPORTS)
def test_a_damaged_workbook_to_import(
    tmp_path: Path,
    command: str,
    damage: str,
    fresh_data: tuple[Path, bool],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A damaged workbook is refused with the same sentence as any file that is no
    workbook (not openpyxl's words for programmers, never a traceback), and before the
    data folder is opened: nothing is made, on a dry run or a real one."""
    data, existed = fresh_data
    path = damaged_workbook(tmp_path, damage)
    message = (
        f"{path} is not an Excel workbook, though its name ends in .xlsx. Open it in your "
        'spreadsheet, save it as .xlsx or as "CSV UTF-8", and try again.'
    )
    for dry_run in (["--dry-run"], []):
        assert main([*IMPORTS[command], str(path), *dry_run]) == 2
        assert one_line(capsys) == message
        assert capsys.readouterr().out == ""
        untouched(data, existed)


@pytest.mark.parametrize("fresh_data", ["absent", "empty"], indirect=True)
@pytest.mark.parametrize("name", ["notes.txt", "students.csv"])
def test_a_file_with_no_set_up_in_it_leaves_nothing_behind(
    tmp_path: Path, name: str, fresh_data: tuple[Path, bool], capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file, or the students' file given to ``setup import`` by mistake: no sheet
    of it is a set-up sheet, which is said before the data folder is opened."""
    data, existed = fresh_data
    path = tmp_path / name
    path.write_text("Last name,First name,Grade\nDoe,Jane,3\n")
    for dry_run in (["--dry-run"], []):
        assert main(["setup", "import", str(path), *dry_run]) == 2
        assert one_line(capsys) == (
            "No set-up sheet found. Name the sheets (or CSV files) Hubs, Staff, Ensembles, "
            "Calendar and Terms (or Sedes, Personal, Conjuntos, Calendario, Periodos)."
        )
        assert capsys.readouterr().out == ""
        untouched(data, existed)


def test_a_good_workbook_still_makes_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check above looks at what it should: the same workbook whole is imported."""
    data = tmp_path / "fresh data"
    monkeypatch.setenv("HARMONY_DATA_DIR", str(data))
    a_workbook(tmp_path / "programme.xlsx")
    assert main(["setup", "import", str(tmp_path / "programme.xlsx")]) == 0
    assert "Hubs: 40 created, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert (data / "harmony.sqlite3").is_file()


def a_workbook_with_rejected_lines(path: Path, *, all_rejected: bool) -> Path:
    """A readable set-up workbook whose Hubs lines are all, or some, rejected."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hubs"
    sheet.append(["Name", "Address", "Partner kind"])
    sheet.append(["Test Hub One", "1 Example Way", "spaceship"])
    sheet.append(["Test Hub Two", "2 Example Way", "park" if not all_rejected else "moon"])
    book.save(path)
    return path


@pytest.mark.parametrize("fresh_data", ["absent", "empty"], indirect=True)
@pytest.mark.parametrize("all_rejected", [True, False], ids=["all rejected", "one rejected"])
def test_rejected_lines_leave_a_fresh_data_folder_as_it_was(
    tmp_path: Path,
    all_rejected: bool,
    fresh_data: tuple[Path, bool],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A workbook that reads well but has rejected lines: the dry run (made on a
    temporary database, the folder having none yet) says which lines and why, exit 1,
    and no database is made, on a dry run or a real one (one was, empty of hubs)."""
    data, existed = fresh_data
    path = a_workbook_with_rejected_lines(tmp_path / "programme.xlsx", all_rejected=all_rejected)
    why = "The partner is a park, a school, a community centre or other."
    rejected = [f"  Hubs, row 2: {why}"] + ([f"  Hubs, row 3: {why}"] if all_rejected else [])
    for dry_run in (["--dry-run"], []):
        assert main(["setup", "import", str(path), *dry_run]) == 1
        captured = capsys.readouterr()
        lines = captured.out.splitlines()
        assert lines[lines.index("Dry run:") :] == [
            "Dry run:",
            f"  Hubs: {0 if all_rejected else 1} to create, 0 to update, 0 unchanged.",
            "  2 rows rejected: nothing is imported until they are fixed."
            if all_rejected
            else "  1 row rejected: nothing is imported until it is fixed.",
            *rejected,
        ]
        assert captured.err == (
            ""
            if dry_run
            else f"Nothing was imported: {len(rejected)} row{'s were' if all_rejected else ' was'}"
            " rejected.\nFix the rows listed above in programme.xlsx, then run the same command"
            " again.\n"
        )
        untouched(data, existed)
    # Fixed, the same workbook is imported into the same folder, which gets its database.
    a_workbook(path)
    assert main(["setup", "import", str(path)]) == 0
    assert "Hubs: 40 created, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert (data / "harmony.sqlite3").is_file()


def test_the_readers_first_bytes_are_enough(tmp_path: Path) -> None:
    """A UTF-16 CSV (with its byte-order mark) is text, though half its bytes are zero."""
    path = tmp_path / "students.csv"
    path.write_text("Last name,First name\r\nDoe,Jane\r\n", encoding="utf-16")
    check_source(path)


def test_in_spanish(tmp_path: Path) -> None:
    folder = tmp_path / "alumnos.csv"
    folder.mkdir()
    with i18n.using("es"), pytest.raises(ValidationError) as raised:
        check_source(folder)
    assert str(raised.value) == f"{folder} es una carpeta: elija un archivo."
    with i18n.using("es"), pytest.raises(ValidationError) as raised, saving(folder):
        pass
    assert str(raised.value) == f"{folder} es una carpeta: elija un nombre de archivo."


# -- sync on the command line -----------------------------------------------------------------


def test_sync_not_enrolled_names_the_command(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(data), "sync"]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.split(" ", 1)[1] == (
        "sync FAILED [not_enrolled] (0 changes waiting): This laptop is not enrolled with a "
        "sync server yet. Enroll it once with: harmony-desktop enroll --server URL --code "
        "CODE (the address and the one-time code come from your administrator). Everything "
        "keeps working offline meanwhile.\n"
    )


@pytest.mark.parametrize("command", [["backup"], ["export", "roster", "--out", "x.csv"]])
def test_a_data_folder_that_is_a_file(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Any file error no check foresaw is still one line, exit 2, never a traceback."""
    data = tmp_path / "data"
    data.write_text("not a folder")
    assert main(["--data-dir", str(data), *command]) == 2
    assert one_line(capsys) == (
        f"Could not save {data}: a file stands where its folder should be. Choose another folder."
    )
    assert data.read_text() == "not a folder"
