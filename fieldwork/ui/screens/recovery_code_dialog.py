"""Shows a new recovery code once and asks for its last full group back before going on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fieldwork.ui.screens.start_screen import plain_label, title_label

GROUP_SIZE = 4
# Crockford base32 reading rules (as the store reads a typed code): I and L are one, O is zero.
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def normalise_group(typed: str) -> str:
    return "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)


def confirm_skip(parent: QWidget) -> bool:
    """Ask before going on without a written-down code (SECURITY.md §3: skip needs confirmation)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Skip the recovery code?")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("Go on without writing the recovery code down?")
    box.setInformativeText(
        "If you then forget the passphrase, nobody can open this notebook and its evidence is "
        "lost. You can make a new recovery code later while the notebook is open."
    )
    skip = box.addButton("Skip the code", QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is skip


class RecoveryCodeDialog(QDialog):
    """Done is enabled once the last four-character group is typed back; Skip asks first.

    Accepted: the user typed the group back. Rejected: they chose to skip, and confirmed it.
    There is deliberately no copy, print or save (SECURITY.md §3).
    """

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recovery code")
        self.setAccessibleName("Recovery code")
        self.setMinimumWidth(560)
        groups = [group for group in code.replace(" ", "-").split("-") if group]
        full = [index for index, group in enumerate(groups) if len(group) == GROUP_SIZE]
        self._check_index = full[-1] if full else len(groups) - 1
        self._expected = normalise_group(groups[self._check_index]) if groups else ""
        self._written_down = False

        heading = title_label("Write down your recovery code", 1.4)
        explanation = plain_label(
            "This code opens the notebook if you ever forget its passphrase. Write it on paper "
            "now and keep it somewhere safe, away from the laptop and its bag: Fieldwork will "
            "not show it again."
        )
        explanation.setAccessibleName("What the recovery code is for")

        half = (len(groups) + 1) // 2  # two short lines read back more easily than one long
        self.code_label = QLabel("   ".join(groups[:half]) + "\n" + "   ".join(groups[half:]))
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        # Not selectable: no copying the code to a clipboard that other programs can read.
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.code_label.setFont(font)
        self.code_label.setMinimumWidth(self.code_label.sizeHint().width())
        self.code_label.setAccessibleName("Recovery code")
        # Screen readers spell it group by group.
        self.code_label.setAccessibleDescription(", ".join(" ".join(group) for group in groups))
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setBackgroundRole(QPalette.ColorRole.Base)
        frame.setAutoFillBackground(True)
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(16, 18, 16, 18)
        frame_layout.addWidget(self.code_label)

        self.check = QLineEdit()
        self.check.setMaxLength(8)
        self.check.setMaximumWidth(140)
        self.check.setAccessibleName(f"Group {self._check_index + 1} of the recovery code")
        self.check.textChanged.connect(self._checked)
        check_label = QLabel(f"&Group {self._check_index + 1}:")
        check_label.setBuddy(self.check)
        instruction = plain_label(
            f"To show you have it, type group {self._check_index + 1} of {len(groups)} — the "
            "last group of four characters — from what you wrote."
        )
        self.feedback = plain_label(muted=True)
        self.feedback.setAccessibleName("Check result")
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.addRow(check_label, self.check)
        form.addRow("", self.feedback)

        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton("Done", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setAccessibleName("Done")
        self.done_button.setEnabled(False)
        self.skip_button = self.buttons.addButton("S&kip…", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName("Skip the recovery code")
        self.skip_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addSpacing(4)
        layout.addWidget(frame)
        layout.addSpacing(4)
        layout.addWidget(instruction)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.done_button.setDefault(True)  # only once inside the dialog, or Qt ignores it
        self.check.setFocus()

    @property
    def written_down(self) -> bool:
        """True once accepted: the user typed the check group back."""
        return self._written_down

    def matches(self) -> bool:
        return bool(self._expected) and normalise_group(self.check.text()) == self._expected

    def _checked(self) -> None:
        ok = self.matches()
        self.done_button.setEnabled(ok)
        typed = normalise_group(self.check.text())
        if ok:
            self.feedback.setText("That matches. Keep the paper safe.")
        elif len(typed) >= GROUP_SIZE:
            self.feedback.setText(
                f"That is not group {self._check_index + 1}. Check what you wrote against the "
                "code above."
            )
        else:
            self.feedback.setText("")

    def accept(self) -> None:
        if self.matches():
            self._written_down = True
            self._forget()
            super().accept()

    def reject(self) -> None:
        # Escape, the close button and Skip all land here: none may skip without asking.
        if confirm_skip(self):
            self._forget()
            super().reject()

    def _forget(self) -> None:
        self.code_label.clear()
        self.code_label.setAccessibleDescription("")
        self.check.clear()
