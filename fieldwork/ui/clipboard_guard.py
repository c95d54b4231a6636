"""Text copied from Fieldwork: marked so clipboard managers skip it, and cleared after a while.

Installed once for the whole application, it watches the clipboard instead of every widget: when
the clipboard changes and this process owns it, the copy came from one of our text fields (the
editor, the notes list, a dialog), and it is put back with the platform's "do not keep" marks.
After the configured time, and on lock and on quit, it is cleared if it still holds what we put
there: something copied since from another application is never touched.

What each mark does, where the platform allows:
- KDE (Klipper) and other X11/Wayland managers that honour it: `x-kde-passwordManagerHint`.
- Windows: `ExcludeClipboardContentFromMonitorProcessing`, and `CanIncludeInClipboardHistory`
  and `CanUploadToCloudClipboard` set to 0 (Win+V history, cloud clipboard).
- macOS: `org.nspasteboard.ConcealedType` and `TransientType`, which need a native type name;
  Qt for Python registers one when it offers `QUtiMimeConverter`, otherwise only clearing applies.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger("fieldwork.ui.clipboard")

KDE_HINT = "x-kde-passwordManagerHint"
_WINDOWS = 'application/x-qt-windows-mime;value="{}"'
_DWORD_ZERO = b"\x00\x00\x00\x00"
_MAC_CONCEALED = "application/x-nspasteboard-concealed-type"
_MAC_TRANSIENT = "application/x-nspasteboard-transient-type"
_MAC_TYPES = {_MAC_CONCEALED: "org.nspasteboard.ConcealedType"}
_MAC_TYPES[_MAC_TRANSIENT] = "org.nspasteboard.TransientType"
# Platforms whose clipboard lives inside this process: every change is ours.
_IN_PROCESS = frozenset({"offscreen", "minimal"})


def guard_formats(platform: str = sys.platform) -> dict[str, bytes]:
    """The extra formats that ask clipboard managers and histories not to keep the text."""
    if platform == "win32":
        return {
            _WINDOWS.format("ExcludeClipboardContentFromMonitorProcessing"): _DWORD_ZERO,
            _WINDOWS.format("CanIncludeInClipboardHistory"): _DWORD_ZERO,
            _WINDOWS.format("CanUploadToCloudClipboard"): _DWORD_ZERO,
            KDE_HINT: b"secret",  # also the guard's own mark that a copy is already guarded
        }
    if platform == "darwin":
        return {_MAC_CONCEALED: b"", _MAC_TRANSIENT: b"", KDE_HINT: b"secret"}
    return {KDE_HINT: b"secret"}


class ClipboardGuard(QObject):
    """Marks and later clears what the application copies (clipboard, and X11's selection)."""

    def __init__(self, clear_after_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clipboard = QGuiApplication.clipboard()
        self._seconds = clear_after_seconds
        self._formats = guard_formats()
        self._in_process = QGuiApplication.platformName() in _IN_PROCESS
        self._modes = [QClipboard.Mode.Clipboard]
        if self.clipboard.supportsSelection():
            self._modes.append(QClipboard.Mode.Selection)  # X11's middle-click "primary"
        self._ours: dict[QClipboard.Mode, str] = {}
        self._timers: dict[QClipboard.Mode, QTimer] = {}
        for mode in self._modes:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(
                self._clear_clipboard
                if mode == QClipboard.Mode.Clipboard
                else self._clear_selection
            )
            self._timers[mode] = timer
        self._setting = False
        # Bound methods, not lambdas: Qt drops them when the guard is deleted.
        self.clipboard.dataChanged.connect(self._clipboard_changed)
        self.clipboard.selectionChanged.connect(self._selection_changed)
        self._mac_converter = _mac_converter() if sys.platform == "darwin" else None

    def set_seconds(self, seconds: float) -> None:
        """From preferences; 0 keeps copied text until lock or quit."""
        self._seconds = seconds

    # --- watching ----------------------------------------------------------------------
    def owns(self, mode: QClipboard.Mode) -> bool:
        if self._in_process:
            return True
        if mode == QClipboard.Mode.Selection:
            return self.clipboard.ownsSelection()
        return self.clipboard.ownsClipboard()

    def _clipboard_changed(self) -> None:
        self._changed(QClipboard.Mode.Clipboard)

    def _selection_changed(self) -> None:
        self._changed(QClipboard.Mode.Selection)

    def _clear_clipboard(self) -> None:
        self.clear_if_ours(QClipboard.Mode.Clipboard)

    def _clear_selection(self) -> None:
        self.clear_if_ours(QClipboard.Mode.Selection)

    def _changed(self, mode: QClipboard.Mode) -> None:
        if self._setting or mode not in self._modes:
            return
        if not self.owns(mode):
            self._forget(mode)  # another application's copy: never ours to clear
            return
        mime = self.clipboard.mimeData(mode)
        if mime is None or not mime.hasText() or mime.hasFormat(KDE_HINT):
            return
        # Not from inside the signal: the widget that copied may still be using its data.
        QTimer.singleShot(
            0,
            self,
            self._protect_clipboard
            if mode == QClipboard.Mode.Clipboard
            else self._protect_selection,
        )

    def _protect_clipboard(self) -> None:
        self._protect(QClipboard.Mode.Clipboard)

    def _protect_selection(self) -> None:
        self._protect(QClipboard.Mode.Selection)

    def _protect(self, mode: QClipboard.Mode) -> None:
        mime = self.clipboard.mimeData(mode)
        if mime is None or not mime.hasText() or mime.hasFormat(KDE_HINT) or not self.owns(mode):
            return
        guarded = QMimeData()
        for name in mime.formats():
            guarded.setData(name, mime.data(name))
        for name, value in self._formats.items():
            guarded.setData(name, value)
        text = mime.text()
        self._setting = True
        try:
            self.clipboard.setMimeData(guarded, mode)
        finally:
            self._setting = False
        self._ours[mode] = text
        timer = self._timers[mode]
        if self._seconds > 0:
            timer.start(int(self._seconds * 1000))
        else:
            timer.stop()

    # --- clearing ----------------------------------------------------------------------
    def clear_if_ours(self, mode: QClipboard.Mode | None = None) -> None:
        """Clear what we copied, if the clipboard still holds it (timer, lock, quit)."""
        for each in self._modes if mode is None else [mode]:
            ours = self._ours.get(each)
            self._forget(each)
            if ours is None or not self.owns(each):
                continue
            mime = self.clipboard.mimeData(each)
            if mime is not None and mime.hasFormat(KDE_HINT) and mime.text() == ours:
                self.clipboard.clear(each)

    def detach(self) -> None:
        """Stop watching: the window is closing, and the clipboard may outlive it."""
        for timer in self._timers.values():
            timer.stop()
        for signal, slot in (
            (self.clipboard.dataChanged, self._clipboard_changed),
            (self.clipboard.selectionChanged, self._selection_changed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                signal.disconnect(slot)

    def _forget(self, mode: QClipboard.Mode) -> None:
        self._ours.pop(mode, None)
        if mode in self._timers:
            self._timers[mode].stop()

    @property
    def holding(self) -> bool:
        """Whether some copied text is waiting to be cleared."""
        return bool(self._ours)


def _mac_converter() -> Any:
    """Map our two macOS formats to their pasteboard types, when Qt for Python allows it."""
    base = getattr(QtGui, "QUtiMimeConverter", None)
    if base is None:
        log.info("clipboard: no QUtiMimeConverter; macOS concealed type not offered")
        return None
    try:

        class _Concealed(base):  # type: ignore[misc, valid-type]
            def canConvert(self, mime: str, uti: str) -> bool:
                return _MAC_TYPES.get(mime) == uti

            def mimeForUti(self, uti: str) -> str:
                return next((m for m, u in _MAC_TYPES.items() if u == uti), "")

            def utiForMime(self, mime: str) -> str:
                return _MAC_TYPES.get(mime, "")

            def convertToMime(self, mime: str, data: Any, uti: str) -> Any:
                return data[0] if data else b""

            def convertFromMime(self, mime: str, data: Any, uti: str) -> Any:
                return [data if isinstance(data, bytes) else b""]

        return _Concealed()
    except Exception as error:  # never let a platform nicety stop the window
        log.warning("clipboard: macOS converter not registered (%s)", type(error).__name__)
        return None
