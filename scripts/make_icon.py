"""Draw the Harmony Desktop app icon with QPainter and write it for every platform.

    .venv/bin/python scripts/make_icon.py [OUT_DIR]     # default: resources/icons

Writes ``harmony-desktop-<N>.png`` for N in 16…1024 (Linux hicolor theme, the window
icon), ``harmony-desktop.ico`` (Windows: 16…256, PNG-compressed entries) and
``harmony-desktop.icns`` (macOS: 16…1024, PNG entries), and ``app.png`` (256 px), the
window icon the app sets at start-up. The icon is a rounded square
with a beamed pair of notes and, from 48 px up, a check mark: music and the register.
Small sizes are drawn on their own (thicker strokes, no check) rather than scaled down,
so the 16 px taskbar icon stays legible. Generated files are committed; run this again
only when the drawing changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types holding PNG data, and their pixel size.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
NAME = "harmony-desktop"

TEAL_DARK = QColor("#124e66")
TEAL_LIGHT = QColor("#1f8a8a")
NOTE = QColor("#ffffff")
BADGE = QColor("#f4b942")
BADGE_MARK = QColor("#124e66")


def draw_icon(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, drawn for that size."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    small = size <= 32

    # Background: a rounded square with a gentle vertical gradient (a 16 px icon keeps
    # a 1 px margin so it does not touch its neighbours in a taskbar).
    margin = 0.0 if small else s * 0.06
    box = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    radius = box.width() * (0.18 if small else 0.22)
    gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
    gradient.setColorAt(0.0, TEAL_LIGHT)
    gradient.setColorAt(1.0, TEAL_DARK)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(box, radius, radius)

    # Two beamed eighth notes.
    u = box.width() / 100.0  # drawing unit: 1 % of the box
    ox, oy = box.left(), box.top()

    def pt(x: float, y: float) -> QPointF:
        return QPointF(ox + x * u, oy + y * u)

    stem = (7.5 if small else 5.5) * u
    head_rx, head_ry = (13.0 if small else 11.0) * u, (10.0 if small else 8.0) * u
    left_x, right_x = (27.0, 69.0) if small else (22.0, 56.0)
    head_y_left, head_y_right = (76.0, 68.0) if small else (68.0, 60.0)
    top_left, top_right = (26.0, 18.0) if small else (20.0, 12.0)
    p.setBrush(NOTE)
    for cx, cy in ((left_x, head_y_left), (right_x, head_y_right)):
        p.save()
        p.translate(pt(cx, cy))
        p.rotate(-20)
        p.drawEllipse(QPointF(0, 0), head_rx, head_ry)
        p.restore()
    # Stems rise from the right side of each head.
    for cx, cy, top in ((left_x, head_y_left, top_left), (right_x, head_y_right, top_right)):
        x = ox + cx * u + head_rx * 0.82 - stem
        p.drawRect(QRectF(x, oy + top * u, stem, (cy - top) * u))
    # The beam joins the stem tops.
    beam = (13.0 if small else 11.0) * u
    x1 = ox + left_x * u + head_rx * 0.82 - stem
    x2 = ox + right_x * u + head_rx * 0.82
    path = QPainterPath()
    path.moveTo(x1, oy + top_left * u)
    path.lineTo(x2, oy + top_right * u)
    path.lineTo(x2, oy + top_right * u + beam)
    path.lineTo(x1, oy + top_left * u + beam)
    path.closeSubpath()
    p.drawPath(path)

    if not small:
        # The register: a check mark on a warm badge, bottom right.
        c = pt(81.0, 81.0)
        r = 16.0 * u
        p.setBrush(BADGE)
        p.setPen(QPen(TEAL_DARK, max(1.0, 2.5 * u)))
        p.drawEllipse(c, r, r)
        pen = QPen(BADGE_MARK, max(1.5, 5.0 * u))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        check = QPainterPath()
        check.moveTo(c + QPointF(-8.5 * u, 0.5 * u))
        check.lineTo(c + QPointF(-2.5 * u, 6.5 * u))
        check.lineTo(c + QPointF(9.0 * u, -6.5 * u))
        p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the given PNG images (sizes ≤ 256)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for n in sizes:
        blob = pngs[n]
        dim = 0 if n >= 256 else n  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images for every type in :data:`ICNS_TYPES`."""
    body = b""
    for kind, n in ICNS_TYPES:
        blob = pngs[n]
        body += kind + struct.pack(">I", 8 + len(blob)) + blob
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(out_dir: Path) -> list[Path]:
    """Write every size and format into ``out_dir``; return the files written."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {n: png_bytes(draw_icon(n)) for n in PNG_SIZES}
    written = []
    for n, blob in pngs.items():
        path = out_dir / f"{NAME}-{n}.png"
        path.write_bytes(blob)
        written.append(path)
    ico = out_dir / f"{NAME}.ico"
    ico.write_bytes(ico_bytes({n: pngs[n] for n in ICO_SIZES}))
    icns = out_dir / f"{NAME}.icns"
    icns.write_bytes(icns_bytes(pngs))
    # The window icon the app sets (harmony_desktop.ui.app loads icons/app.png).
    window_icon = out_dir / "app.png"
    window_icon.write_bytes(pngs[256])
    return [*written, ico, icns, window_icon]


def main(argv: list[str]) -> int:
    """Command line: write the icons into ``argv[0]`` (default resources/icons)."""
    root = Path(__file__).resolve().parents[1]
    out_dir = Path(argv[0]) if argv else root / "resources" / "icons"
    for path in write_icons(out_dir):
        print(f"{path.relative_to(out_dir.parent) if out_dir.parent in path.parents else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
