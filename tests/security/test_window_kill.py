"""kill -9 the real window while it is typed into: on restart, everything typed more than about a
second before the kill is in the notebook, and the window says which note it recovered."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from fieldwork.services import notes, opening, verification
from tests.security.window_kill_child import typed_text
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

ROUNDS = int(os.environ.get("FIELDWORK_WINDOW_KILL_ROUNDS", "40"))
SAFE_AFTER_S = 1.0  # what the issue promises: typing older than about a second survives
CHILD = Path(__file__).with_name("window_kill_child.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Round:
    number: int
    opened: dict[str, Any] = field(default_factory=dict)  # what the window said on opening
    note_id: str = ""
    typed: list[tuple[int, float]] = field(default_factory=list)  # (characters, monotonic)
    killed_at: float = 0.0

    @property
    def safe(self) -> int:
        """Characters typed more than SAFE_AFTER_S before the kill: these must have survived."""
        return max((n for n, at in self.typed if at <= self.killed_at - SAFE_AFTER_S), default=0)

    @property
    def most(self) -> int:
        return max((n for n, _ in self.typed), default=0)


def _run_round(zygote: subprocess.Popen[str], number: int, folder: Path, delay: float) -> Round:
    """One fresh window: opened, typed into, killed at `delay` seconds into the typing."""
    assert zygote.stdin is not None and zygote.stdout is not None
    zygote.stdin.write(f"{folder} {number}\n")
    zygote.stdin.flush()
    done = Round(number)
    pid = 0
    try:
        while True:  # until the first burst is typed: startup is not what is being tested
            line = zygote.stdout.readline()
            assert line, f"round {number}: the window stopped before typing"
            fields = json.loads(line)
            assert "error" not in fields and "ended" not in fields, fields
            pid = fields.get("pid", pid)
            if "notice" in fields:
                done.opened = fields
            elif "note" in fields:
                done.note_id = fields["note"]
            elif "typed" in fields:
                done.typed.append((fields["typed"], fields["at"]))
                break
        time.sleep(delay)  # the kill lands at a random moment of typing
        done.killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
    except BaseException:
        if pid:
            os.kill(pid, signal.SIGKILL)
        raise
    while True:  # what it reported before it died, up to the zygote's word that it has
        line = zygote.stdout.readline()
        assert line, "the zygote stopped"
        try:
            fields = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by the kill
        if "typed" in fields:
            done.typed.append((fields["typed"], fields["at"]))
        elif fields.get("ended") == pid:
            assert fields["signal"] == signal.SIGKILL
            return done


def _check_reopening(previous: Round, now: Round) -> None:
    """What the window said and showed on the restart after `previous` was killed."""
    message = now.opened["notice"]
    assert message.startswith("Fieldwork was not closed properly last time."), message
    if previous.safe == 0 and now.opened["reopened"] is None:
        assert "No note was changed" in message
        return
    assert "Recovered the note you were typing" in message, message
    assert now.opened["reopened"] == previous.note_id
    shown = now.opened["length"]
    assert previous.safe <= shown <= previous.most
    expected = typed_text(previous.number)[:shown]
    assert now.opened["digest"] == hashlib.sha256(expected.encode()).hexdigest()


@pytest.mark.crash
@pytest.mark.slow
def test_typing_survives_kill_9_of_the_window(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    folder = created.notebook.folder
    created.notebook.close()
    env = {
        **os.environ,
        "FIELDWORK_TEST_PASSPHRASE": TEST_PASSPHRASE,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    rng = random.Random(6)
    rounds: list[Round] = []
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), "--zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        for number in range(1, ROUNDS + 1):
            done = _run_round(zygote, number, folder, rng.uniform(0.2, 2.6))
            if rounds:
                _check_reopening(rounds[-1], done)
            else:
                assert done.opened["notice"] == ""  # a clean close before: nothing to recover
            rounds.append(done)
    finally:
        zygote.kill()
        zygote.communicate()
    assert sum(1 for r in rounds if r.safe > 0) >= ROUNDS // 2  # most kills had words at stake

    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert notebook.recovered_after_crash
        for done in rounds:
            note = notes.get_note(notebook, done.note_id)
            stored = "" if note is None else note.text
            assert done.safe <= len(stored) <= done.most, (done.number, done.safe, len(stored))
            assert stored == typed_text(done.number)[: len(stored)]
        report = verification.verify_notebook(notebook)
        assert report.ok, (report.chain_problem, report.mismatches, report.integrity_problems)
