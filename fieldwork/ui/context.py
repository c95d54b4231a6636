"""What every panel of an open notebook shares: the task runner, the notebook handle and signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldwork.domain.evidence import Note
from fieldwork.domain.framework import Framework
from fieldwork.services.notebook import Notebook
from fieldwork.ui.tasks import Done, Failed, TaskRunner


class WorkspaceContext(QObject):
    """Panels talk to services only through `read` and `write`, which run on the lanes.

    The notebook handle is passed into the service call inside the lane; a panel never calls a
    service on the GUI thread (the notebook refuses: it forbids the GUI thread).
    """

    evidence_changed = Signal()  # a note, tag, judgement or enquiry was saved: refresh counts
    people_changed = Signal()  # cases, practitioners or activities changed
    framework_filter_changed = Signal(object)  # a judgement/theme/criterion id, or None for all
    current_note_changed = Signal(object)  # the Note shown in the editor, or None
    activity_changed = Signal(object)  # the running Activity, or None
    insert_note_requested = Signal(str)  # a note id to attach (e.g. to a judgement's support)

    def __init__(self, tasks: TaskRunner, notebook: Notebook) -> None:
        super().__init__()
        self.tasks = tasks
        self.notebook = notebook
        self.current_note: Note | None = None
        self.running_activity: Any = None
        # Set when the notebook locks or closes: results still on their way are then dropped,
        # since the panels that asked for them are being destroyed.
        self.closed = False

    @property
    def framework(self) -> Framework:
        return self.notebook.framework

    def read(
        self,
        service: Callable[[Notebook], Any],
        done: Done | None = None,
        *,
        key: str = "",
        failed: Failed | None = None,
        background: bool = False,
    ) -> None:
        notebook = self.notebook
        self.tasks.read(lambda: service(notebook), done, failed, key=key, background=background)

    def write(
        self,
        service: Callable[[Notebook], Any],
        done: Done | None = None,
        *,
        coalesce: str | None = None,
        failed: Failed | None = None,
    ) -> None:
        notebook = self.notebook
        self.tasks.write(lambda: service(notebook), done, failed, coalesce=coalesce)
