"""Child process for the window kill test: the real window, unlocked and typed into until killed.

Run with `--zygote`, it imports the window's modules once and then, for each line
"<folder> <round>" on stdin, forks a child that starts the window afresh (its own QApplication,
window, unlock and workspace) and types; when that child dies, the zygote reports it. Forking
saves each round the imports (about three seconds on a busy two-core machine), nothing else.

Each child reports on stdout, one JSON object a line: its pid,
what the window said on opening (the recovery message), the note it reopened (id, length and a
hash of its text, never the text), the id of the new note typed into, and after each burst of
keystrokes how many characters had been typed and when (time.monotonic, shared by processes).
The typed text is synthetic (`typed_text`), so the parent knows every character from the count.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

BURST = 3  # characters per burst
BURST_MS = 40  # about 75 characters a second: a fast typist, so each save has more to carry


def typed_text(round_number: int) -> str:
    """What round `round_number` types: numbered marker words, no personal data."""
    return " ".join(f"r{round_number:02d}w{n:04d}" for n in range(1, 2000))


def report(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def zygote() -> None:
    """Import once; fork a fresh window per round; say when each has died (killed, normally)."""
    _import_the_window()
    for line in sys.stdin:
        folder, round_number = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                run_window(Path(folder), int(round_number))
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        report(ended=pid, signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None)


def _import_the_window() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # What the window imports on starting and on opening a notebook.
    import fieldwork.services.opening
    import fieldwork.ui.main_window
    import fieldwork.ui.workspace  # noqa: F401


def run_window(folder: Path, round_number: int) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from fieldwork.ui.main_window import MainWindow

    report(pid=os.getpid())
    passphrase = os.environ["FIELDWORK_TEST_PASSPHRASE"]
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    text = typed_text(round_number)
    typed = 0

    def when(ready: Callable[[], bool], then: Callable[[], None], limit_s: float = 60.0) -> None:
        """Poll on the event loop (nothing here may block it) until `ready`, then go on."""
        deadline = time.monotonic() + limit_s

        def poll() -> None:
            if ready():
                then()
            elif time.monotonic() > deadline:
                report(error="timed out waiting for the window")
                app.exit(3)
            else:
                QTimer.singleShot(20, poll)

        poll()

    def unlock() -> None:
        # No keyring in the child, so the window asks for the passphrase as it would a user.
        dialog = window.session._dialog
        QTest.keyClicks(dialog.passphrase, passphrase)
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        when(lambda: window.workspace is not None, opened)

    def opened() -> None:
        # The recovery answer comes from the write lane: wait for its message (after a crash),
        # or for the lanes to go quiet (after a clean close there is nothing to say).
        editor = window.workspace.editor
        when(
            lambda: bool(editor.notice.text) or (round_number == 1 and not window.tasks.busy), told
        )

    def told() -> None:
        editor = window.workspace.editor
        shown = editor.text.toPlainText()
        report(
            notice=editor.notice.text,
            reopened=editor.draft.id if shown else None,
            length=len(shown),
            digest=hashlib.sha256(shown.encode()).hexdigest(),
        )
        window.commands.new_note.trigger()
        editor.text.setFocus()
        report(note=editor.draft.id)
        QTimer.singleShot(0, burst)

    def burst() -> None:
        nonlocal typed
        editor = window.workspace.editor
        QTest.keyClicks(editor.text, text[typed : typed + BURST])
        typed += BURST
        report(typed=typed, at=time.monotonic())
        if typed < len(text):
            QTimer.singleShot(BURST_MS, burst)

    window.session.open_folder(folder)
    when(lambda: window.session._dialog is not None and window.session._dialog.isVisible(), unlock)
    sys.exit(app.exec())


if __name__ == "__main__":
    zygote()
