"""Delete a notebook securely: what will go, an honest word on what deleting can do, typed consent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLayout, QLineEdit, QVBoxLayout, QWidget

from fieldwork.runtime.preferences import Preferences
from fieldwork.services.retention import (
    HONEST_NOTE,
    DeletionPlan,
    DeletionResult,
    delete_securely,
    plan_deletion,
)
from fieldwork.ui.dialogs.export_form import button, named
from fieldwork.ui.error_display import message_for
from fieldwork.ui.screens.start_screen import plain_label, title_label
from fieldwork.ui.tasks import TaskRunner


def describe_plan(plan: DeletionPlan) -> str:
    """The list shown before consent: every thing that will be removed, and what cannot be."""
    lines = [f"• The notebook folder {plan.folder.name}, in {plan.folder.parent}"]
    if plan.backups:
        where = ", ".join(str(folder.parent) for folder in plan.backup_folders)
        lines.append(f"• {plan.backups} backup{'s' if plan.backups != 1 else ''}, in {where}")
    elif plan.notebook_id is None:
        lines.append("• No backups can be found: the key file is unreadable")
    else:
        lines.append("• No backups were found")
    if plan.remembered_slots:
        lines.append("• The key remembered on this computer (in the system keyring)")
    for root in plan.unreachable:
        lines.append(
            f"Not reachable now: {root}. Plug that drive in first, or its backups of this "
            "notebook stay there (they still need the passphrase)."
        )
    return "\n".join(lines)


def describe_result(result: DeletionResult) -> str:
    done = f"{result.folder.name} has been deleted"
    if result.backups_removed:
        plural = "s" if result.backups_removed != 1 else ""
        done += f", with its {result.backups_removed} backup{plural}"
    lines = [done + ".", "Destroy the written recovery code too."]
    if result.keyring_problem:
        lines.append(
            f"The keyring entry could not be removed ({result.keyring_problem}); the notebook "
            "no longer exists to open with it."
        )
    for root in result.unreachable:
        lines.append(f"Backups on {root} were not reachable and remain there.")
    if result.problems:
        lines.append("Some files could not be removed: " + ", ".join(result.problems[:5]))
    return "\n\n".join(lines)


class SecureDeleteDialog(QDialog):
    """Asks for the notebook's name typed in full; deletes on the job lane; says what happened."""

    deleted = Signal(object)  # DeletionResult

    def __init__(
        self,
        folder: Path | str,
        preferences: Preferences,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.preferences, self.tasks = preferences, tasks
        self.expected = self.folder.name
        self.setWindowTitle("Delete securely")
        self.setAccessibleName("Delete a notebook securely")
        self.setMinimumWidth(560)
        self.heading = title_label("Delete this notebook and everything kept of it?", 1.3)
        self.plan = named(plain_label("Finding the notebook's backups…"), "What will be deleted")
        self.honest = named(plain_label(HONEST_NOTE, muted=True), "What deleting can and cannot do")
        self.ask = plain_label(f"To confirm, type the notebook's name: {self.expected}")
        self.typed = named(QLineEdit(), "Type the notebook's name to confirm")
        self.typed.setPlaceholderText(self.expected)
        self.typed.textChanged.connect(self._refresh)
        self.ask.setBuddy(self.typed)
        self.status = named(plain_label(), "Deletion status")
        self.delete_button = button("&Delete securely", "Delete securely", self._delete)
        self.cancel_button = button("Cancel", "Cancel", self.reject)
        self.cancel_button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        # The plan arrives later and wraps over several lines: the dialog grows to fit it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.intro = plain_label("This deletes, and cannot be undone:")
        for widget in (self.heading, self.intro, self.plan, self.honest, self.ask, self.typed):
            layout.addWidget(widget)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._planned: DeletionPlan | None = None
        self._running = False
        self._refresh()
        self.typed.setFocus()
        folder_now, prefs = self.folder, preferences
        tasks.job(lambda _token: plan_deletion(folder_now, prefs), self._show_plan, self._failed)

    def _show_plan(self, plan: DeletionPlan) -> None:
        self._planned = plan
        self.plan.setText(describe_plan(plan))
        self._refresh()
        self.adjustSize()

    def _matches(self) -> bool:
        typed = " ".join(self.typed.text().split()).casefold()
        return typed == " ".join(self.expected.split()).casefold()

    def _refresh(self) -> None:
        ready = self._planned is not None and self._matches() and not self._running
        self.delete_button.setEnabled(ready)
        self.delete_button.setDefault(ready)

    def _delete(self) -> None:
        if not self.delete_button.isEnabled():
            return
        self._running = True
        self.typed.setEnabled(False)
        self.status.setText("Deleting…")
        self._refresh()
        folder, prefs, typed, expected = (
            self.folder,
            self.preferences,
            self.typed.text(),
            self.expected,
        )
        self.tasks.job(
            lambda _token: delete_securely(folder, prefs, typed, expected), self._done, self._failed
        )

    def _done(self, result: DeletionResult) -> None:
        self._running = False
        self.heading.setText("Deleted")
        self.plan.setText(describe_result(result))
        for widget in (self.intro, self.honest, self.ask, self.typed, self.delete_button):
            widget.hide()
        self.status.setText("")
        self.cancel_button.setText("Close")
        self.cancel_button.setFocus()
        self.deleted.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.typed.setEnabled(True)
        self.status.setText(message_for(error))
        self._refresh()

    def reject(self) -> None:
        if not self._running:  # a deletion under way finishes first
            super().reject()


def offer_secure_deletion(window: Any, folder: str) -> SecureDeleteDialog:
    """Open the dialog for the main window; once deleted, the notebook leaves the recent list."""
    from fieldwork.runtime.preferences import save_preferences
    from fieldwork.services.retention import without_recent

    dialog = SecureDeleteDialog(folder, window.session.preferences, window.tasks, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def forget(_result: DeletionResult) -> None:
        preferences = without_recent(window.session.preferences, folder)
        window.preferences = window.session.preferences = preferences
        save_preferences(preferences)
        window.start_screen.set_recent(list(preferences.recent_notebooks))

    dialog.deleted.connect(forget)
    dialog.show()
    return dialog
