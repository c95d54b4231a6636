"""Budgets: process start to the window painted <= 2x a bare PySide6 window started in the same run;
opening the 600-note demo from a remembered key to its notes listed <= 1.0 s.

Each measurement is a fresh process under the offscreen platform (or the display, if one is set).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800)
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True); QTimer.singleShot(0, app.quit)
        return False
probe = Probe(); window.installEventFilter(probe); window.show(); app.exec()
"""

FIELDWORK = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from fieldwork.ui.main_window import MainWindow
window = MainWindow()
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True); QTimer.singleShot(0, app.quit)
        return False
probe = Probe(); window.installEventFilter(probe); window.show(); app.exec()
print("heavy", [m for m in ("sqlalchemy", "alembic", "reportlab") if m in sys.modules])
"""

OPEN = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from fieldwork.ui.main_window import MainWindow
from fieldwork.store.keys import keyring_adapter
from keyring.backend import KeyringBackend
class Memory(KeyringBackend):
    priority = 1
    def __init__(self): super().__init__(); self.s = {}
    def get_password(self, a, b): return self.s.get((a, b))
    def set_password(self, a, b, c): self.s[(a, b)] = c
    def delete_password(self, a, b): self.s.pop((a, b), None)
keyring_adapter.use_backend_for_tests(Memory())
from fieldwork.services import opening
folder = Path(sys.argv[1])
with opening.open_notebook(folder, passphrase="benchmark passphrase, not secret", use_keyring=False) as nb:
    assert opening.remember_on_this_computer(nb) is None
import fieldwork.services.opening, fieldwork.store.database  # imports happen before the clock starts
window = MainWindow(); window.show(); app.processEvents()
started = time.perf_counter()
def check():
    ws = window.workspace
    if ws is not None and ws.notes.model.rowCount() > 0:
        print("listed", time.perf_counter() - started, flush=True); app.quit()
    else:
        QTimer.singleShot(5, check)
from PySide6.QtCore import QTimer
window.session.open_folder(folder)
QTimer.singleShot(5, check)
app.exec()
"""


def run(code: str, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    ).stdout
    return time.perf_counter() - started, out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 9
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir = Path(__file__).resolve().parent / "out"
    os.environ["FIELDWORK_HOME"] = str(out_dir / "startup-home")
    bare, fieldwork = [], []
    heavy = ""
    for _ in range(repeats):  # interleaved, so load affects both alike
        bare.append(run(BARE)[0])
        elapsed, out = run(FIELDWORK)
        fieldwork.append(elapsed)
        heavy = next((line for line in out.splitlines() if line.startswith("heavy")), "")
    b, f = statistics.median(bare), statistics.median(fieldwork)
    print(f"bare PySide6 window painted: median {b * 1000:.0f} ms")
    print(
        f"Fieldwork window painted:    median {f * 1000:.0f} ms ({f / b:.2f}x; budget 2x: {'within' if f <= 2 * b else 'OVER'})"
    )
    print(f"modules loaded before the first paint that should not be: {heavy}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from store_ops import build

    folder = build(600)
    listed = []
    for _ in range(repeats):
        # A fresh copy each time: remembering adds a device slot to the copy's key file.
        copy = out_dir / "startup-copy.fieldwork"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
        _, out = run(OPEN, str(copy))
        listed.append(
            float(next(line for line in out.splitlines() if line.startswith("listed")).split()[1])
        )
    print(
        f"open the 600-note demo from a remembered key to its notes listed: median {statistics.median(listed) * 1000:.0f} ms (budget 1000 ms)"
    )


if __name__ == "__main__":
    main()
