"""Asks for a notebook's passphrase (or its recovery code); the main window does the unlocking."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from fieldwork.ui.screens.start_screen import plain_label, title_label


def secret_field(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhSensitiveData
    )
    return edit


class UnlockDialog(QDialog):
    """Stays open until the main window accepts it; `show_error` lets the user try again."""

    unlock_requested = Signal(str, str)  # (passphrase or "", recovery code or "")

    def __init__(
        self, notebook_label: str, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock notebook")  # neutral: no authority in a window title
        self.setAccessibleName("Unlock notebook")
        self.setMinimumWidth(480)

        heading = title_label("Unlock notebook", 1.4)
        self.notebook_label = plain_label(notebook_label, muted=True)
        self.notebook_label.setAccessibleName("Notebook")
        self.reason = plain_label(reason)
        self.reason.setAccessibleName("Why the passphrase is needed")
        self.reason.setVisible(bool(reason))

        self.passphrase = secret_field("Passphrase")
        self.passphrase_label = QLabel("&Passphrase:")
        self.passphrase_label.setBuddy(self.passphrase)
        self.recovery = secret_field("Recovery code")
        self.recovery.setPlaceholderText("26 letters and digits, in groups of four")
        self.recovery_label = QLabel("Recovery &code:")
        self.recovery_label.setBuddy(self.recovery)
        self.use_recovery = QCheckBox("&Use recovery code instead")
        self.use_recovery.setAccessibleName("Use recovery code instead")
        self.use_recovery.toggled.connect(self._mode_changed)

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(self.passphrase_label, self.passphrase)
        self.form.addRow(self.recovery_label, self.recovery)
        self.form.addRow("", self.use_recovery)
        self.form.setRowVisible(self.recovery, False)

        self.error = plain_label()
        self.error.setAccessibleName("Unlock problem")
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: key derivation gives no progress
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName("Unlocking")
        self.busy_space = QWidget()  # keeps the dialog from jumping when the bar appears
        self.busy_space.setFixedHeight(6)
        self.busy.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = self.buttons.addButton(
            "Unlock", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setAccessibleName("Unlock")
        self.buttons.accepted.connect(self._request)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.notebook_label)
        layout.addWidget(self.reason)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.busy_space)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.unlock_button.setDefault(True)  # only once inside the dialog, or Qt ignores it
        self.passphrase.setFocus()

    # --- for the main window --------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Say why it did not open; keep the dialog open and ready for another try."""
        self.show_busy(False)
        self.error.setText(f"⚠  {message}")
        self.error.setAccessibleDescription(message)
        self.error.show()
        field = self._active_field()
        field.setFocus()
        field.selectAll()

    def show_busy(self, busy: bool) -> None:
        """Disable input while the key is derived (about half a second)."""
        for widget in (self.passphrase, self.recovery, self.use_recovery, self.unlock_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_space.setVisible(not busy)
        if busy:
            self.error.hide()

    def using_recovery_code(self) -> bool:
        return self.use_recovery.isChecked()

    # --- behaviour ------------------------------------------------------------------
    def _active_field(self) -> QLineEdit:
        return self.recovery if self.using_recovery_code() else self.passphrase

    def _mode_changed(self, recovery: bool) -> None:
        self.form.setRowVisible(self.passphrase, not recovery)
        self.form.setRowVisible(self.recovery, recovery)
        (self.passphrase if recovery else self.recovery).clear()
        self.error.hide()
        self._active_field().setFocus()

    def _request(self) -> None:
        field = self._active_field()
        secret = field.text()
        if not secret:
            what = "recovery code" if self.using_recovery_code() else "passphrase"
            self.show_error(f"Enter the notebook's {what}.")
            return
        # Read once, then clear (SECURITY.md §5); the main window keeps no copy either.
        field.clear()
        self.show_busy(True)
        if self.using_recovery_code():
            self.unlock_requested.emit("", secret)
        else:
            self.unlock_requested.emit(secret, "")
