"""Errors whose message is a sentence the user can act on; `detail` may name a file or place."""

from __future__ import annotations


class FieldworkError(Exception):
    """An expected failure with a message for the user (never note text)."""

    default_message = "Fieldwork could not complete that."

    def __init__(self, message: str | None = None, *, detail: str | None = None) -> None:
        super().__init__(message or self.default_message)
        self.detail = detail


class NotebookError(FieldworkError):
    """A notebook could not be opened, read or written."""

    default_message = "The notebook could not be opened."


class NotebookMissing(NotebookError):
    default_message = "Notebook file not found. Check the folder, or open it from its new place."


class NotANotebook(NotebookError):
    default_message = "This is not a Fieldwork notebook."


class NotebookDamaged(NotebookError):
    default_message = "The notebook is damaged. Restore it from the latest good backup."


class NotebookIncomplete(NotebookDamaged):
    default_message = "The notebook file is incomplete. Restore it from the latest good backup."


class NotebookPagesDamaged(NotebookDamaged):
    default_message = (
        "Part of the notebook file is damaged. Restore it from the latest good backup."
    )


class NotebookHeaderDamaged(NotebookDamaged):
    default_message = (
        "The start of the notebook file is damaged. Restore it from the latest backup."
    )


class RecentChangesDamaged(NotebookDamaged):
    default_message = "The notebook's recent-changes file (notebook.db-wal) is damaged."


class KeyFileMismatch(NotebookDamaged):
    default_message = "The key file does not belong to this notebook file."


class BackupError(NotebookError):
    """A backup could not be made, read or restored; the notebook itself is unchanged."""

    default_message = "The backup could not be made. The notebook is unchanged."


class BackupFolderUnavailable(BackupError):
    default_message = (
        "The backup folder is not available (is the drive plugged in?). Nothing was lost; "
        "Fieldwork will try again."
    )


class BackupDamaged(BackupError):
    default_message = "This backup is damaged and cannot be used. Try an older one."


class NoGoodBackup(BackupError):
    default_message = "No usable backup of this notebook was found."


class NotebookTooNew(NotebookError):
    default_message = "This notebook was made by a newer Fieldwork. Update Fieldwork to open it."


class NotebookInUse(NotebookError):
    default_message = "This notebook is open in another Fieldwork window or command."


class NotebookLocked(NotebookError):
    default_message = "The notebook is locked. Unlock it to continue."


class WrongPassphrase(NotebookError):
    default_message = "That passphrase does not open this notebook. Check Caps Lock and try again."


class KeyFileMissing(NotebookError):
    default_message = "The notebook's key file is missing. A backup's key file can replace it."


class KeyFileDamaged(NotebookError):
    default_message = "The notebook's key file is damaged."


class KeyringError(FieldworkError):
    default_message = "The key remembered on this computer could not be used."


class FrameworkFileError(FieldworkError):
    """A framework file has one or more problems; `problems` lists every one."""

    default_message = "The framework file has problems."

    def __init__(
        self,
        message: str | None = None,
        *,
        detail: str | None = None,
        problems: tuple[object, ...] = (),
    ) -> None:
        super().__init__(message, detail=detail)
        self.problems = problems


class UnknownFramework(FieldworkError):
    default_message = "No framework with that id is installed."


class StorageFull(FieldworkError):
    default_message = "The disk is full, so the last change was not saved. Free some space."


class InputRejected(FieldworkError):
    default_message = "That input cannot be used."


class ExportError(FieldworkError):
    default_message = "The evidence pack could not be written."


class Cancelled(FieldworkError):
    default_message = "Cancelled."
