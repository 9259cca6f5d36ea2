"""Builds the messy import files in this folder (run it to regenerate them).

Every name is generated; none is a real person. Each file imitates what a real source
produces: a spreadsheet saved as CSV on Windows, a Spanish-language form tool, a school
information system's Excel export with a title row and serial-number dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def utf8_bom_crlf() -> None:
    """English headers, UTF-8 with BOM, CRLF, quoted commas and a newline in a cell."""
    lines = [
        "Student ID,Last Name,First Name,Preferred Name,DOB,Grade,School,Instrument,"
        "Parent/Guardian Name,Parent Phone,Parent Email,Emergency Contact,Emergency Phone,"
        "Allergies,Photo Release,Walks Home,Favourite Colour",
        '900101,"Okafor, Jr.",Chidi,,2014-03-05,3rd,"Lincoln Elementary, Annex",violin,'
        'Ada Okafor,(323) 555-0101,ada@example.org,Ben Okafor,323.555.0102,"peanuts, tree nuts",Yes,No,blue',
        "900102,Nguyen,Linh,Lin,03/15/2013,4,Lincoln Elementary,cello,Mai Nguyen,323-555-0103,,"
        'Tuan Nguyen,323-555-0104,"","Y","x",green',
        "900103,Álvarez,José,Pepe,7/4/2012,5,Lincoln Elementary,bass,María Álvarez,+1 323 555 0105,,,,"
        '"bee stings:\nEpiPen in backpack",no,yes,red',
        "900104,Smith,Ava,,2015-09-30,K,Lincoln Elementary,,Jo Smith,3235550106,,,,,1,0,",
        "900105,Bad,Date,,2015-02-30,2,Lincoln Elementary,,Pat Bad,3235550107,,,,,,,",
    ]
    (HERE / "utf8_bom_crlf.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def cp1252_spanish() -> None:
    """Spanish headers from a form tool, Windows-1252, ';' separators, day-first dates."""
    lines = [
        "Número de estudiante;Apellido(s);Nombre;Fecha de Nacimiento;Grado;Escuela;Instrumento;"
        "Nombre del padre/tutor;Teléfono del padre o tutor;Parentesco;Contacto de emergencia;"
        "Teléfono de emergencia;Alergias;Permiso de fotos;Idioma del hogar",
        "800201;Muñoz;Sofía;23/04/2014;3º;Escuela Primaria Ávila;violín;Inés Muñoz;(213) 555-0201;madre;"
        "Ramón Muñoz;(213) 555-0202;ninguna;sí;español",
        "800202;Peña;Martín;05/11/2013;4º;Escuela Primaria Ávila;trompeta;Begoña Peña;213 555 0203;madre;"
        ";;;no;español",
        "800203;Ibáñez;Lucía;12 de marzo de 2012;5;Escuela Primaria Ávila;flauta;Raúl Ibáñez;2135550204;padre;"
        ";;;Sí;español",
        "800204;;Sin Apellido;01/01/2014;3;Escuela Primaria Ávila;;Tutor X;2135550205;;;;;;",
    ]
    (HERE / "cp1252_spanish.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def sis_export_xlsx() -> None:
    """A school information system export: a title row, Excel dates, serial numbers typed
    as numbers, extra and missing columns, a blank row, a bad grade."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Roster"
    sheet.append(["Spring 2026 roster — Harmony Hub export"])
    sheet.append([])
    sheet.append(
        ["Student Name", "Birthdate", "Grade Level", "LAUSD ID", "Home Language", "Guardian",
         "Guardian Phone", "Counselor", "Medical"]
    )  # fmt: skip
    sheet.append(
        [
            "Kim, Daniel",
            dt.datetime(2013, 6, 1),
            4,
            700301,
            "Korean",
            "Soo Kim",
            "2135550301",
            "Ms. A",
            "",
        ]
    )
    sheet.append(
        [
            "Reyes, Camila",
            41883,
            "03",
            700302,
            "Spanish",
            "Ana Reyes",
            "2135550302",
            "Ms. A",
            "asthma (inhaler)",
        ]
    )  # 2014-09-01
    sheet.append([])
    sheet.append(["Brown, Eli", "2012-12-12", "Grade 6", 700303, "English", "", "", "Mr. B", ""])
    sheet.append(
        ["Lee, Ha", "40179", "14", 700304, "English", "Jin Lee", "2135550304", "Mr. B", ""]
    )  # grade 14
    sheet.append(
        ["Garcia, Mia", dt.date(2016, 1, 20), "K", 700305, "Spanish", "Rosa Garcia", "555", "", ""]
    )  # bad phone
    book.save(HERE / "sis_export.xlsx")


def utf16_tabs() -> None:
    """Excel's "Unicode text": UTF-16 with BOM, tab separated."""
    lines = [
        "First Name\tLast Name\tDate of Birth\tGrade\tGuardian 1 name\tGuardian 1 phone",
        "Zoë\tBrontë\t2014-02-02\t3\tAnne Brontë\t(323) 555-0401",
        "Ñandú\tO'Neil\t2013-03-03\t4\tKate O'Neil\t(323) 555-0402",
    ]
    (HERE / "utf16_tabs.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))


def google_forms() -> None:
    """A Google Forms export: questions as headers, a timestamp, an email column."""
    lines = [
        "Timestamp,Email Address,Student's full name,Date of birth,Grade (2025-26),"
        "Instrument you want to play,Can your child walk home alone?,Parent/Guardian name,"
        "Parent's cell phone,How did you hear about us?",
        "2025/08/14 9:12:01 PM PDT,mara.quint@example.org,Tomas Quint,2016-04-02,3rd,Violin,"
        "No,Mara Quint,(323) 555-0501,A flyer",
        '2025/08/15 7:40:55 AM PDT,ole.varga@example.org,"Varga, Ilse",2014-11-20,5th,Cello,'
        "Yes,Ole Varga,323-555-0502,",
    ]
    (HERE / "google_forms.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def spanish_email() -> None:
    """A Spanish sign-up sheet whose guardian email column is "Correo electrónico"."""
    lines = [
        "Nombre,Apellido,Fecha de nacimiento,Nombre del padre o tutor,Teléfono,"
        "Correo electrónico,Ensambles",
        "Iker,Zubiri,2015-05-05,Amaia Zubiri,(213) 555-0601,amaia.z@example.org,Coro",
        "Nerea,Olano,2014-06-06,Josu Olano,(213) 555-0602,josu.o@example.org,Coro",
    ]
    (HERE / "spanish_email.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def semicolon_title_cp1252() -> None:
    """Excel on a Spanish Windows: Windows-1252, ';' separators, a title line first."""
    lines = [
        "Inscripciones otoño 2025, Parque Hollenbeck",
        "Apellido(s);Nombre;Fecha de nacimiento;Grado;Instrumento",
        "Ibarra Peña;Begoña;14/03/2015;3º;violín",
        "Núñez;Ángel;02/09/2013;5º;trompeta",
    ]
    (HERE / "semicolon_title_cp1252.csv").write_bytes(
        ("\r\n".join(lines) + "\r\n").encode("cp1252")
    )


if __name__ == "__main__":
    utf8_bom_crlf()
    cp1252_spanish()
    sis_export_xlsx()
    utf16_tabs()
    google_forms()
    spanish_email()
    semicolon_title_cp1252()
