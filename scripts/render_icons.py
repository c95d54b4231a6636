"""Render the application icon from its SVG sources into the PNG, ICO and ICNS files the app ships.

    .venv/bin/python scripts/render_icons.py

Reads resources/icons/fieldwork.svg (and fieldwork-16.svg, drawn on the 16 px grid for the
smallest size) and writes resources/icons/png/fieldwork-N.png for each size, fieldwork.png
(256 px, for the Linux menu), fieldwork.ico (Windows) and fieldwork.icns (macOS). Qt draws the
SVG; Pillow (installed with ReportLab) packs the ICO and ICNS. Run it after changing an SVG and
commit the outputs: the window loads the PNGs, so a bundle needs no SVG image plugin.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the ICO format stops at 256


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size as PNG bytes, antialiased, on a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg.name} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one before drawing text or SVG
    out = ICONS / "png"
    out.mkdir(exist_ok=True)
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        source = ICONS / ("fieldwork-16.svg" if size == 16 else "fieldwork.svg")
        pngs[size] = render(source, size)
        (out / f"fieldwork-{size}.png").write_bytes(pngs[size])
    (ICONS / "fieldwork.png").write_bytes(pngs[256])
    images = {size: Image.open(io.BytesIO(pngs[size])).convert("RGBA") for size in SIZES}
    largest = images[256]
    largest.save(
        ICONS / "fieldwork.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    # ICNS holds up to 1024 px (512 at double density): drawn, not scaled up.
    retina = Image.open(io.BytesIO(render(ICONS / "fieldwork.svg", 1024))).convert("RGBA")
    retina.save(
        ICONS / "fieldwork.icns",
        format="ICNS",
        append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)],
    )
    print(f"wrote {len(SIZES)} PNGs, fieldwork.png, fieldwork.ico and fieldwork.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
