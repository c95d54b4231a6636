"""The only way the window runs a use case: three background lanes whose results return on the GUI thread."""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from fieldwork.domain.errors import Cancelled, FieldworkError, NotebookLocked
from fieldwork.domain.progress import CancelToken

log = logging.getLogger("fieldwork.ui.tasks")

# A lane running Python keeps the interpreter lock until another thread has waited a whole switch
# interval (5 ms by default) for it, and the GUI thread needs the lock for every call Qt makes
# into Python (a model's data(), a delegate's paint, a slot): a repaint that calls into Python a
# few dozen times while a lane builds rows waited that long each time. One millisecond keeps
# the GUI thread's wait short at the cost of a few more thread switches on the lanes.
SWITCH_INTERVAL_S = 0.001
JOB_NICENESS = 10  # the job lane's place behind the GUI thread and the other lanes (Linux)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Task:
    """Everything about one request, owned by the GUI thread (see `TaskRunner`)."""

    work: Callable[[], Any]
    done: Done | None
    failed: Failed | None
    lane: str
    key: str | None
    generation: int
    drop_stale: bool


class _Bridge(QObject):
    """Carries (task id, succeeded, value) from lane threads to the GUI thread."""

    deliver = Signal(int, bool, object)


class _Lane:
    """One worker thread, so each lane keeps its own database connection."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pool = ThreadPoolExecutor(
            max_workers=1,
            thread_name_prefix=f"fieldwork-{name}",
            initializer=_yield_processor if name == "job" else None,
        )
        self.pending: dict[str, int] = {}  # coalesce key -> newest task id not yet started
        self.generation: dict[str, int] = {}  # key -> generation of the newest request
        self.urgent = 0  # queued tasks, not yet started, that background work gives way to
        self.last_urgent = 0.0  # when the newest of them was asked for (monotonic seconds)


class TaskRunner:
    """`write` (changes, in order, coalesced), `read` (latest wins per key), `job` (cancellable).

    Callbacks and work stay referenced by the GUI thread until the result is delivered, and a lane
    drops its own reference before it reports: so the last reference to anything a callback
    holds (often a widget) always goes on the GUI thread. Qt objects destroyed on a worker
    thread crash the process.
    """

    def __init__(self, error_handler: Failed | None = None) -> None:
        self._bridge = _Bridge()
        self._bridge.deliver.connect(self._delivered)
        self._lanes = {name: _Lane(name) for name in ("write", "read", "job")}
        self._tasks: dict[int, _Task] = {}  # GUI thread only
        self._queued_work: dict[int, Callable[[], Any]] = {}  # handed to lanes under the lock
        self._at_close: set[int] = set()  # read and job work that runs even when quitting
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.error_handler = error_handler
        self.job_token: CancelToken | None = None  # the newest job's
        self._job_tokens: dict[int, CancelToken] = {}  # every job not yet reported (GUI thread)
        self._closed = False
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))

    # --- the three lanes -------------------------------------------------------------
    def write(
        self,
        work: Callable[[], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        *,
        coalesce: str | None = None,
    ) -> None:
        """Run a change; a queued change with the same `coalesce` key is replaced by this one."""
        self._submit("write", work, done, failed, key=coalesce, drop_stale=False)

    def read(
        self,
        work: Callable[[], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        *,
        key: str = "",
        at_close: bool = False,
        background: bool = False,
    ) -> None:
        """Run a query; a newer query with the same key replaces it, and a stale result is dropped.

        `at_close` work (closing this lane's connection) still runs when the window quits.
        `background` work (learning, warming) waits while any other read is queued, so a
        search typed meanwhile never queues behind it; long work should check `waiting`.
        """
        self._submit(
            "read",
            work,
            done,
            failed,
            key=key or None,
            drop_stale=bool(key),
            at_close=at_close,
            background=background,
        )

    def waiting(self, lane_name: str, recent_s: float = 0.0) -> bool:
        """Whether work other than background work is queued on a lane, or was asked for in the
        last `recent_s` seconds (a search typed key by key): safe from any thread. Background
        work running there should stop at its next convenient point."""
        lane = self._lanes[lane_name]
        return lane.urgent > 0 or time.monotonic() - lane.last_urgent < recent_s

    def job(
        self,
        work: Callable[[CancelToken], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        *,
        at_close: bool = False,
    ) -> CancelToken:
        """Run a long job (export, backup, verify) with a cancel token; `at_close` as for reads."""
        token = CancelToken()
        self.job_token = token
        task_id = self._submit(
            "job", lambda: work(token), done, failed, key=None, drop_stale=False, at_close=at_close
        )
        if task_id is not None:
            self._job_tokens[task_id] = token
        return token

    def _submit(
        self,
        lane_name: str,
        work: Callable[[], Any],
        done: Done | None,
        failed: Failed | None,
        *,
        key: str | None,
        drop_stale: bool,
        at_close: bool = False,
        background: bool = False,
    ) -> int | None:
        if self._closed:
            return None
        lane = self._lanes[lane_name]
        task_id = next(self._ids)
        with self._lock:
            generation = lane.generation.get(key or "", 0) + 1
            replaced: int | None = None
            if key is not None:
                lane.generation[key] = generation
                replaced = lane.pending.get(key)
                lane.pending[key] = task_id
            self._queued_work[task_id] = work
            if at_close:
                self._at_close.add(task_id)
            if replaced is not None:
                self._queued_work.pop(replaced, None)
        self._tasks[task_id] = _Task(work, done, failed, lane_name, key, generation, drop_stale)
        if replaced is not None:
            self._tasks.pop(replaced, None)  # never started: the lane will run this one instead
            return task_id
        if not background:
            with self._lock:
                lane.urgent += 1
                lane.last_urgent = time.monotonic()
        lane.pool.submit(self._run, lane, key, task_id, background)
        return task_id

    def _run(self, lane: _Lane, key: str | None, task_id: int, background: bool = False) -> None:
        """On the lane thread: take the newest work for this slot, run it, report by id.

        Background work finding other work queued goes to the back of the queue instead.
        """
        with self._lock:
            if background and lane.urgent > 0 and not self._closed:
                try:
                    lane.pool.submit(self._run, lane, key, task_id, background)
                    return
                except RuntimeError:  # the lane is shutting down: run it now, as it was
                    pass
            if not background:
                lane.urgent -= 1
            if key is not None:
                task_id = lane.pending.pop(key, task_id)
            work = self._queued_work.pop(task_id, None)
            self._at_close.discard(task_id)
        if work is None:
            return
        try:
            value, ok = work(), True
        except BaseException as error:  # delivered to the GUI thread, never lost
            value, ok = error, False
        del work  # before reporting, so the GUI thread holds the last reference
        self._bridge.deliver.emit(task_id, ok, value)

    def _delivered(self, task_id: int, ok: bool, value: Any) -> None:
        self._job_tokens.pop(task_id, None)
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if (
            task.drop_stale
            and task.key is not None
            and self._lanes[task.lane].generation.get(task.key) != task.generation
        ):
            return  # a newer request with the same key is on its way
        if ok:
            if task.done is not None and _alive(task.done):
                task.done(value)
            return
        if isinstance(value, Cancelled):
            return
        if task.failed is not None:
            if _alive(task.failed):
                task.failed(value)
        elif isinstance(value, NotebookLocked):
            # Work queued before a lock that reached the store after it: the lock screen already
            # hides everything, and the work runs again after unlocking.
            log.info("background task found the notebook locked")
        elif self.error_handler is not None:
            self.error_handler(value)
        elif not isinstance(value, FieldworkError):
            log.error("background task failed: %s", type(value).__name__)

    # --- housekeeping ----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run_on_every_lane(self, work: Callable[[], Any]) -> None:
        """Run `work` on each lane's thread and wait (e.g. to close each lane's connection)."""
        for lane in self._lanes.values():
            lane.pool.submit(work).result()

    def shutdown(self) -> None:
        """Finish every queued change, then stop; queued reads and jobs are dropped.

        The write lane runs all it holds, in order: a save still running when the window quits
        is followed by the editor's last save and the session's close with its final backup,
        and dropping those would lose typing and the backup. Reads and jobs are dropped except
        `at_close` work (each lane closing its own connection); a running job is cancelled.
        """
        self._closed = True
        for token in self._job_tokens.values():  # the running job, not only the newest
            token.cancel()
        with self._lock:
            for task_id in list(self._queued_work):
                task = self._tasks.get(task_id)
                lane_name = task.lane if task is not None else ""
                if lane_name != "write" and task_id not in self._at_close:
                    del self._queued_work[task_id]  # its lane finds nothing to run
        for lane in self._lanes.values():
            lane.pool.shutdown(wait=True)
        self._tasks.clear()
        self._job_tokens.clear()


def _yield_processor() -> None:
    """Run the calling thread below normal priority, where the system allows one per thread.

    A job (a backup's copy and check of every page, an export) can keep a core busy for seconds;
    on a two-core laptop the GUI thread and the lanes that answer typing must come first.
    """
    try:
        if sys.platform.startswith("linux"):  # a niceness per thread; elsewhere the id is no pid
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), JOB_NICENESS)
        elif sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # below normal
    except OSError:
        log.warning("job lane: could not lower its priority")


def _alive(callback: Callable[..., Any]) -> bool:
    """False for a method of a Qt object already destroyed (e.g. a panel after locking)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def weak_callback(method: Callable[..., None], *first: Any) -> Callable[..., None]:
    """A callback holding its object weakly, with leading arguments: a result arriving after the
    panel has gone is dropped, and the lane never holds the panel."""
    ref = weakref.WeakMethod(method)

    def call(*rest: Any) -> None:
        bound = ref()
        if bound is not None and shiboken6.isValid(bound.__self__):  # type: ignore[attr-defined]
            bound(*first, *rest)

    return call
