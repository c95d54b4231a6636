"""The only way the window runs a use case: three background lanes whose results return on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldwork.domain.errors import Cancelled, FieldworkError
from fieldwork.domain.progress import CancelToken

log = logging.getLogger("fieldwork.ui.tasks")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Bridge(QObject):
    """Carries closures from lane threads to the GUI thread (queued connection)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @staticmethod
    def _run(closure: Callable[[], None]) -> None:
        closure()


class _Lane:
    """One worker thread, so each lane keeps its own database connection."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"fieldwork-{name}")
        self.lock = threading.Lock()
        # coalesce key -> the newest (work, done, failed) not yet started
        self.pending: dict[str, tuple[Callable[[], Any], Done | None, Failed | None]] = {}
        self.generation: dict[str, int] = {}  # key -> number of the newest request

    def thread_id(self) -> int:
        return int(self.pool.submit(threading.get_ident).result())


class TaskRunner:
    """`write` (changes, in order, coalesced), `read` (latest wins per key), `job` (one at a time, cancellable)."""

    def __init__(self, error_handler: Failed | None = None) -> None:
        self._bridge = _Bridge()
        self._lanes = {name: _Lane(name) for name in ("write", "read", "job")}
        self.error_handler = error_handler
        self.job_token: CancelToken | None = None
        self._busy = 0
        self._busy_lock = threading.Lock()

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
        self._submit("write", work, done, failed, coalesce=coalesce, drop_stale=False)

    def read(
        self,
        work: Callable[[], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        *,
        key: str = "",
    ) -> None:
        """Run a query; if a newer query with the same key arrives, the older result is dropped."""
        self._submit("read", work, done, failed, coalesce=key or None, drop_stale=bool(key))

    def job(
        self,
        work: Callable[[CancelToken], Any],
        done: Done | None = None,
        failed: Failed | None = None,
    ) -> CancelToken:
        """Run a long job (export, backup, verify) with a cancel token."""
        token = CancelToken()
        self.job_token = token
        self._submit("job", lambda: work(token), done, failed, coalesce=None, drop_stale=False)
        return token

    def _submit(
        self,
        lane_name: str,
        work: Callable[[], Any],
        done: Done | None,
        failed: Failed | None,
        *,
        coalesce: str | None,
        drop_stale: bool,
    ) -> None:
        lane = self._lanes[lane_name]
        with lane.lock:
            generation = lane.generation.get(coalesce or "", 0) + 1
            if coalesce:
                lane.generation[coalesce] = generation
                already_queued = coalesce in lane.pending
                lane.pending[coalesce] = (work, done, failed)
                if already_queued:
                    return  # the queued task will pick up this newer work
        with self._busy_lock:
            self._busy += 1

        def run() -> None:
            job, on_done, on_failed = work, done, failed
            generation_now = generation
            if coalesce:
                with lane.lock:
                    job, on_done, on_failed = lane.pending.pop(coalesce, (work, done, failed))
                    generation_now = lane.generation.get(coalesce, generation)
            try:
                result = job()
            except BaseException as error:  # delivered to the GUI thread, never lost
                caught = error  # `error` is unbound once the except block ends
                self._deliver(lambda: self._fail(caught, on_failed))
            else:

                def finish() -> None:
                    if (
                        drop_stale
                        and coalesce
                        and self._lanes[lane_name].generation.get(coalesce) != generation_now
                    ):
                        return  # a newer request is on its way; this result is stale
                    if on_done is not None:
                        on_done(result)

                self._deliver(finish)
            finally:
                with self._busy_lock:
                    self._busy -= 1

        future: Future[None] = lane.pool.submit(run)
        del future

    def _deliver(self, closure: Callable[[], None]) -> None:
        self._bridge.deliver.emit(closure)

    def _fail(self, error: BaseException, failed: Failed | None) -> None:
        if isinstance(error, Cancelled):
            return
        if failed is not None:
            failed(error)
        elif self.error_handler is not None:
            self.error_handler(error)
        elif not isinstance(error, FieldworkError):
            log.error("background task failed: %s", type(error).__name__)

    # --- housekeeping ----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        with self._busy_lock:
            return self._busy > 0

    def run_on_every_lane(self, work: Callable[[], Any]) -> None:
        """Run `work` on each lane's thread and wait (e.g. to close each lane's connection)."""
        for lane in self._lanes.values():
            lane.pool.submit(work).result()

    def lane_thread_ids(self) -> dict[str, int]:
        return {name: lane.thread_id() for name, lane in self._lanes.items()}

    def shutdown(self) -> None:
        if self.job_token is not None:
            self.job_token.cancel()
        for lane in self._lanes.values():
            lane.pool.shutdown(wait=True, cancel_futures=True)
