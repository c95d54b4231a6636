"""kill -9 a process that is saving notes: every note whose save returned is there afterwards."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldwork.domain.search import SearchQuery
from fieldwork.services import notes, opening, search, verification
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

ROUNDS = int(os.environ.get("FIELDWORK_KILL_ROUNDS", "40"))
CHILD = Path(__file__).with_name("kill_child_saver.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.crash
@pytest.mark.slow
def test_acknowledged_notes_survive_kill_9(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    folder = created.notebook.folder
    created.notebook.close()
    env = {**os.environ, "FIELDWORK_PASSPHRASE": TEST_PASSPHRASE, "PYTHONPATH": str(ROOT)}
    rng = random.Random(9)
    acknowledged: dict[str, str] = {}
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder)], stdout=subprocess.PIPE, env=env, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        for line in output.splitlines():
            parts = line.split()
            if len(parts) == 3:  # a line cut by the kill is not an acknowledgement
                acknowledged[parts[0]] = parts[1]
    assert len(acknowledged) > ROUNDS  # the child really was saving when killed
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        for note_id, digest in acknowledged.items():
            note = notes.get_note(notebook, note_id)
            assert note is not None, note_id
            assert hashlib.sha256(note.text.encode()).hexdigest() == digest
            assert len(note.tags) == 3
        sample = rng.sample(sorted(acknowledged), 10)
        for note_id in sample:
            note = notes.get_note(notebook, note_id)
            assert note is not None
            word = note.text.split()[3]  # the note's own UUID
            page = search.search_notes(notebook, SearchQuery(text=f'"{word}"'))
            assert [h.note_id for h in page.hits] == [note_id]
        report = verification.verify_notebook(notebook)
        assert report.ok, (report.chain_problem, report.mismatches[:3], report.integrity_problems)
        assert report.entries == notes.count_notes(notebook) + 1
