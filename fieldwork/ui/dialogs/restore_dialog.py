"""Restore from a backup: the list of backups, and the offer shown when a notebook is damaged.

Backups are listed newest first with when, why and which passphrase opens them (their own key
file's: the passphrase of that day). A restore always goes into a new folder beside the
notebook, and a damaged notebook is never changed; only a missing or damaged key file is
replaced in place, the damaged one kept beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.backups import BackupEntry, local_time
from fieldwork.domain.errors import KeyFileDamaged, KeyFileMissing, NotebookDamaged
from fieldwork.ui.error_display import message_for, show_error
from fieldwork.ui.screens.start_screen import plain_label
from fieldwork.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldwork.domain.backups import RestoreResult

OpenFolder = Callable[[Path], None]


def offers_restore(error: BaseException) -> bool:
    return isinstance(error, NotebookDamaged | KeyFileMissing | KeyFileDamaged)


def _key_only(error: BaseException) -> bool:
    return isinstance(error, KeyFileMissing | KeyFileDamaged)


def _describe(entry: BackupEntry) -> str:
    return (
        f"{local_time(entry.made_at)} ({entry.reason_text.lower()}, "
        f"{entry.history_seq} history {'entry' if entry.history_seq == 1 else 'entries'})"
    )


class RestoreDialog(QDialog):
    """Choose a backup; the new folder defaults to one beside the notebook."""

    restore_requested = Signal(object, object)  # BackupEntry, target folder (Path)

    def __init__(self, notebook: Path, entries: list[BackupEntry], parent: QWidget | None) -> None:
        super().__init__(parent)
        from fieldwork.services.backups import restored_folder_beside

        self.setWindowTitle("Restore from backup")
        self.setMinimumWidth(640)
        self.entries = entries
        self.target = restored_folder_beside(notebook)
        layout = QVBoxLayout(self)
        intro = plain_label(
            "Each backup is a verified, encrypted copy with the key file of its day, so it "
            "opens with the passphrase that was current when it was made. The restored copy "
            "goes into a new folder; nothing is replaced or deleted."
        )
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Made", "Why", "Entries", "Passphrase", "State"])
        self.table.setMinimumHeight(180)
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Backups, newest first")
        for entry in entries:
            usable = entry.intact is not False and bool(entry.notebook_id)
            passphrase = (
                "same as now"
                if entry.same_passphrase_as_now
                else "an earlier one"
                if entry.same_passphrase_as_now is False
                else "of that day"
            )
            item = QTreeWidgetItem(
                [
                    local_time(entry.made_at),
                    entry.reason_text if usable else "",
                    str(entry.history_seq) if usable else "",
                    passphrase if usable else "",
                    "verified" if usable else "not usable",
                ]
            )
            if not usable:
                item.setDisabled(True)
                item.setToolTip(4, entry.problem or "")
            self.table.addTopLevelItem(item)
        for column, width in enumerate((150, 130, 70, 120)):
            self.table.setColumnWidth(column, width)
        self.detail = plain_label()
        self.detail.setAccessibleName("About the selected backup")
        target_row = QHBoxLayout()
        self.target_label = plain_label(wrap=True)
        change = QPushButton("Change folder…")
        change.clicked.connect(self._choose_parent)
        target_row.addWidget(self.target_label, 1)
        target_row.addWidget(change)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            "Restore into a new folder", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(target_row)
        layout.addWidget(buttons)
        self.table.currentItemChanged.connect(lambda *_: self._show_selected())
        first_usable = next(
            (i for i, e in enumerate(entries) if e.intact is not False and e.notebook_id), None
        )
        chosen = self.table.topLevelItem(first_usable) if first_usable is not None else None
        if chosen is not None:
            self.table.setCurrentItem(chosen)
        self._show_selected()

    def selected(self) -> BackupEntry | None:
        current = self.table.currentItem()
        row = self.table.indexOfTopLevelItem(current) if current is not None else -1
        if row < 0:
            return None
        entry = self.entries[row]
        return entry if entry.intact is not False and entry.notebook_id else None

    def _show_selected(self) -> None:
        entry = self.selected()
        self.restore_button.setEnabled(entry is not None)
        if entry is None:
            self.detail.setText("No usable backup is selected.")
        else:
            self.detail.setText(f"{entry.passphrase_note}\nKept in {entry.folder.parent}")
        self.target_label.setText(f"New folder: {self.target}")

    def _choose_parent(self) -> None:
        options = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly
        chosen = QFileDialog.getExistingDirectory(
            self, "Restore into a folder inside…", str(self.target.parent), options
        )
        if chosen:
            self.target = Path(chosen) / self.target.name
            self._show_selected()

    def _accept(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.restore_requested.emit(entry, self.target)
            self.accept()


class DamagedNotebookDialog(QDialog):
    """Names what is wrong and offers the latest good backup (or its key file)."""

    def __init__(
        self,
        folder: Path,
        error: BaseException,
        latest: BackupEntry | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        from fieldwork.services.backups import restored_folder_beside

        key_only = _key_only(error)
        self.setWindowTitle("This notebook cannot be opened")
        self.setMinimumWidth(560)
        self.choice = ""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        heading = plain_label(f"{folder.name} cannot be opened")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        text.addWidget(heading)
        self.message = plain_label(message_for(error))
        self.message.setAccessibleName("What is wrong")
        text.addWidget(self.message)
        if latest is None:
            offer = (
                "No usable backup of this notebook was found (is the backup drive plugged "
                "in?). The notebook's files are left exactly as they are."
            )
        elif key_only:
            kept = (
                "" if isinstance(error, KeyFileMissing) else "; the damaged one is kept beside it"
            )
            offer = (
                f"The notes themselves are not affected. Fieldwork can put back the key file "
                f"from the backup of {_describe(latest)}{kept}."
            )
        else:
            offer = (
                f"The latest good backup is from {_describe(latest)}. Fieldwork can copy it "
                f"into a new folder, {restored_folder_beside(folder).name}, and open that. "
                "The damaged notebook is kept exactly as it is."
            )
        self.offer = plain_label(offer)
        self.offer.setAccessibleName("What Fieldwork can do")
        text.addWidget(self.offer)
        if latest is not None:
            self.passphrase = plain_label(latest.passphrase_note, muted=True)
            self.passphrase.setAccessibleName("Which passphrase opens it")
            text.addWidget(self.passphrase)
        top.addLayout(text, 1)
        layout.addLayout(top)
        buttons = QDialogButtonBox()
        if latest is not None:
            label = "Use the backup's key file" if key_only else "Restore from the latest backup"
            self.restore_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(lambda: self._choose("latest"))
            others = buttons.addButton("Choose a backup…", QDialogButtonBox.ButtonRole.ActionRole)
            others.clicked.connect(lambda: self._choose("choose"))
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def offer_restore(
    window: QWidget, tasks: TaskRunner, folder: Path, error: BaseException, open_folder: OpenFolder
) -> None:
    """Find the latest good backup in the background, then show the offer."""
    from fieldwork.domain.errors import NoGoodBackup
    from fieldwork.services.backups import latest_good_backup

    def found(latest: BackupEntry | None) -> None:
        dialog = DamagedNotebookDialog(folder, error, latest, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted or latest is None:
                return
            if dialog.choice == "choose":
                show_restore_dialog(window, tasks, folder, open_folder)
            elif _key_only(error):
                _put_back_key(window, tasks, folder, latest, open_folder)
            else:
                _restore(window, tasks, latest, _beside(folder), open_folder, ask=False)

        dialog.finished.connect(finished)
        dialog.open()  # not exec(): the window (and the task runner's results) keep running

    def nothing(problem: BaseException) -> None:
        if isinstance(problem, NoGoodBackup):
            found(None)
        else:
            show_error(window, problem, "No backup could be read")

    tasks.job(lambda _token: latest_good_backup(folder), found, nothing)


def tell(
    window: QWidget,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A plain-text message that does not block the window."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, buttons, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _beside(folder: Path) -> Path:
    from fieldwork.services.backups import restored_folder_beside

    return restored_folder_beside(folder)


def show_restore_dialog(
    window: QWidget, tasks: TaskRunner, folder: Path, open_folder: OpenFolder
) -> None:
    """File ▸ Restore from backup…: list this notebook's backups (no passphrase needed)."""
    from fieldwork.services.backups import list_backups

    def listed(entries: list[BackupEntry]) -> None:
        if not entries:
            tell(
                window,
                "Restore from backup",
                "No backups of this notebook were found (is the backup drive plugged in?).",
            )
            return
        dialog = RestoreDialog(folder, entries, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(
            lambda entry, target: _restore(window, tasks, entry, target, open_folder, ask=True)
        )
        dialog.open()

    tasks.read(
        lambda: list_backups(folder),
        listed,
        lambda e: show_error(window, e, "Backups"),
        key="backups",
    )


def _restore(
    window: QWidget,
    tasks: TaskRunner,
    entry: BackupEntry,
    target: Path,
    open_folder: OpenFolder,
    *,
    ask: bool,
) -> None:
    from fieldwork.services.backups import restore_backup

    def done(result: RestoreResult) -> None:
        if not ask:
            open_folder(result.folder)
            return
        box = tell(
            window,
            "Backup restored",
            f"The backup of {_describe(entry)} is now in {result.folder}.\n\n"
            f"{entry.passphrase_note}\n\nOpen it now?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        )

        def clicked(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Open:
                open_folder(result.folder)

        box.buttonClicked.connect(clicked)

    tasks.job(
        lambda _token: restore_backup(entry, target),
        done,
        lambda e: show_error(window, e, "The backup was not restored"),
    )


def _put_back_key(
    window: QWidget, tasks: TaskRunner, folder: Path, entry: BackupEntry, open_folder: OpenFolder
) -> None:
    from fieldwork.services.backups import restore_key_file

    tasks.job(
        lambda _token: restore_key_file(folder, entry),
        lambda _result: open_folder(folder),
        lambda e: show_error(window, e, "The key file was not restored"),
    )


def restore_from_menu(
    window: QWidget, tasks: TaskRunner, session: object, leave: Callable[[], None]
) -> None:
    """File ▸ Restore from backup…: the open notebook's backups, or a chosen notebook's."""
    from fieldwork.ui.screens.start_screen import choose_notebook_folder

    current = getattr(session, "path", None)
    folder = Path(current) if current is not None else None
    if folder is None:
        chosen = choose_notebook_folder(window)
        if not chosen:
            return
        folder = Path(chosen)

    def open_restored(path: Path) -> None:
        leave()
        session.open_folder(path)  # type: ignore[attr-defined]

    show_restore_dialog(window, tasks, folder, open_restored)
