"""What the GUI thread and the lanes were running when the event loop stalled (typing_lag --stalls).

A watchdog thread samples every thread's Python stack while the heartbeat is late by more than
20 ms; collections and result deliveries are timed. A stack ending in the event loop means Qt's
own code (painting, layout) or a wait for the interpreter lock held by a lane.
"""

from __future__ import annotations

import faulthandler
import gc
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

LATE_S = 0.020
LONG_S = 0.1  # a stall this long gets every thread's stack written out, lock or no lock


class StallWatch:
    def __init__(self) -> None:
        from fieldwork.ui import tasks

        self.last = time.perf_counter()
        self.samples: list[tuple[float, str]] = []
        self.events: list[tuple[float, float, str]] = []  # (start, ms, what)
        self.collections: dict[str, tuple[int, float, float]] = {}  # count, total ms, longest
        self._stop = threading.Event()
        self._main = threading.main_thread().ident
        self._gc_start = 0.0
        self._watching = False
        # Written by faulthandler's own thread, which needs no interpreter lock: a stall in
        # which a thread holds the lock in C code leaves the sampling thread no chance.
        self.dumps = open(Path(__file__).resolve().parent / "out" / "stall-stacks.txt", "w+")  # noqa: SIM115
        gc.callbacks.append(self._gc)
        original = tasks.TaskRunner._delivered
        events = self.events

        def delivered(runner: Any, task_id: int, ok: bool, value: Any) -> None:
            task = runner._tasks.get(task_id)
            name = getattr(getattr(task, "done", None), "__qualname__", "?") if task else "-"
            started = time.perf_counter()
            original(runner, task_id, ok, value)
            events.append((started, (time.perf_counter() - started) * 1000, f"deliver {name}"))

        tasks.TaskRunner._delivered = delivered  # type: ignore[method-assign]

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
            return
        if not self._watching:
            return
        took = (time.perf_counter() - self._gc_start) * 1000
        ident = threading.get_ident()
        where = "gui" if ident == self._main else threading.current_thread().name
        key = f"generation {info['generation']} on {where}"
        count, total, worst = self.collections.get(key, (0, 0.0, 0.0))
        self.collections[key] = (count + 1, total + took, max(worst, took))
        if took > 2:
            self.events.append((self._gc_start, took, f"collection {key}"))

    def beat(self, now: float) -> None:
        self.last = now
        faulthandler.dump_traceback_later(LONG_S, file=self.dumps)

    def start(self) -> None:
        self._watching = True
        threading.Thread(target=self._run, daemon=True).start()

    def stop(self) -> None:
        self._watching = False
        self._stop.set()
        faulthandler.cancel_dump_traceback_later()

    def _run(self) -> None:
        while not self._stop.wait(0.003):
            if time.perf_counter() - self.last > LATE_S:
                self.samples.append((time.perf_counter(), self._stacks()))

    def _stacks(self) -> str:
        names = {t.ident: t.name for t in threading.enumerate()}
        parts = []
        for ident, frame in sys._current_frames().items():
            name = "gui" if ident == self._main else names.get(ident, "")
            if name != "gui" and not name.startswith("fieldwork-"):
                continue
            stack = traceback.extract_stack(frame)[-(6 if name == "gui" else 3) :]
            text = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in stack[::-1])
            parts.append(f"[{name.removeprefix('fieldwork-')}] {text}")
        return "\n        ".join(sorted(parts))

    def print_stalls(self, lags: list[tuple[float, float, str]], count: int = 6) -> None:
        self.dumps.seek(0)
        long_stalls = self.dumps.read().split("Timeout (")
        for dump in long_stalls[1:]:
            print(f"a stall past {LONG_S * 1000:.0f} ms, every thread (most recent call first):")
            print("    " + dump.strip().replace("\n", "\n    "))
        for key, (number, total, worst) in sorted(self.collections.items()):
            print(f"collections, {key}: {number}, {total:.0f} ms in all, longest {worst:.1f} ms")
        for when, lag, phase in sorted(lags, key=lambda item: -item[1])[:count]:
            if lag < 25:
                break
            began = when - lag / 1000 - 0.005
            print(f"stall of {lag:.0f} ms while typing in the {phase}:")
            for at, took, what in self.events:
                if began - 0.01 <= at <= when:
                    print(f"    {what}: at +{(at - began) * 1000:.0f} ms, took {took:.0f} ms")
            seen: dict[str, int] = {}
            for at, text in self.samples:
                if began <= at <= when:
                    seen[text] = seen.get(text, 0) + 1
            for text, times in sorted(seen.items(), key=lambda item: -item[1]):
                print(f"    {times}x {text}")
