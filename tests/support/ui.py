"""A real notebook, task runner and workspace context for widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.tasks import TaskRunner
from tests.support.notebooks import new_notebook


@contextmanager
def workspace_context(folder: Path, framework_id: str = "ilacs-2023") -> Iterator[WorkspaceContext]:
    created = new_notebook(folder, framework_id=framework_id)
    tasks = TaskRunner()
    ctx = WorkspaceContext(tasks, created.notebook)
    try:
        yield ctx
    finally:
        tasks.run_on_every_lane(created.notebook.release_thread)
        tasks.shutdown()
        created.notebook.close()
