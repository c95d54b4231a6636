"""Suggestions in a real encrypted notebook: learned from its tags, kept up to date, never written out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.suggestions import SuggestionLearning
from fieldwork.services import notes
from fieldwork.services.frameworks import framework_by_id
from fieldwork.services.notebook import Notebook
from fieldwork.services.suggestions import (
    prepare_suggestions,
    suggest_for_text,
    suggest_lines,
    suggest_tags,
)
from tests.support.notebooks import new_notebook
from tests.support.residue import find_markers
from tests.support.tagged_notes import BACKGROUND

TARGET = "cic.permanence.planning"
# A word of this inspector's own, unknown to the framework: only her tags can give it meaning.
LOCAL = "Kestrelpanel"


def tag(notebook: Notebook, text: str, *criteria: str, note_id: str | None = None) -> str:
    note_id = note_id or new_id()
    draft = NoteDraft(NoteId(note_id), text, tags=tuple(Tag(c, "strength") for c in criteria))
    notes.save_note(notebook, draft)
    return note_id


def background(notebook: Notebook) -> None:
    """Other tagged notes, as any notebook has, so that one word's tags stand out."""
    for text, criterion_id in BACKGROUND:
        tag(notebook, text, criterion_id)


def rank_of(notebook: Notebook, text: str, criterion_id: str) -> int:
    found = suggest_tags(notebook, text, top=100)
    return [c.criterion_id for c in found.criteria].index(criterion_id)


def test_suggestions_adapt_to_tags_saved_by_any_route_and_follow_edits(tmp_path: Path) -> None:
    probe = f"{LOCAL} for C-901 agreed the dates."
    with new_notebook(tmp_path).notebook as notebook:
        assert prepare_suggestions(notebook) == SuggestionLearning(0, 0)
        cold = rank_of(notebook, probe, TARGET)
        background(notebook)
        ids = [
            tag(notebook, f"{LOCAL} for C-31{n}: dates agreed and tracked.", TARGET)
            for n in range(3)
        ]
        warm = suggest_tags(notebook, probe, top=3)
        adoption_when_warm = rank_of(notebook, probe, "cic.permanence.adoption")
        assert warm.criteria[0].criterion_id == TARGET
        assert rank_of(notebook, probe, TARGET) < cold
        assert warm.learned_from == 9
        assert any(LOCAL in why for why in warm.criteria[0].why)  # as written, capital kept

        # The inspector re-tags two of those notes elsewhere and deletes the third: it unlearns.
        for note_id in ids[:2]:
            tag(notebook, f"{LOCAL} for C-310.", "cic.permanence.adoption", note_id=note_id)
        notes.delete_note(notebook, ids[2])
        moved = suggest_tags(notebook, probe, top=3)
        assert moved.learned_from == 8
        assert rank_of(notebook, probe, "cic.permanence.adoption") < adoption_when_warm
        assert moved.criteria[0].criterion_id != TARGET

        # Criteria the note already has are never suggested again.
        excluded = suggest_tags(notebook, probe, exclude={"cic.permanence.adoption"})
        assert "cic.permanence.adoption" not in {c.criterion_id for c in excluded.criteria}


def test_a_reopened_notebook_learns_again_from_its_own_tags(tmp_path: Path) -> None:
    from fieldwork.services.opening import open_notebook
    from tests.support.notebooks import TEST_PASSPHRASE

    created = new_notebook(tmp_path)
    folder = created.notebook.folder
    with created.notebook as notebook:
        background(notebook)
        for n in range(3):
            tag(notebook, f"{LOCAL} for C-31{n}: dates agreed.", TARGET)
        assert prepare_suggestions(notebook) == SuggestionLearning(9, 0)
    with open_notebook(folder, passphrase=TEST_PASSPHRASE, use_keyring=False) as notebook:
        found = suggest_tags(notebook, f"{LOCAL} agreed for C-902.", top=1)
        assert found.learned_from == 9
        assert found.criteria[0].criterion_id == TARGET


def test_a_big_notebook_is_learned_a_batch_at_a_time_newest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fieldwork.services.suggestions.LEARN_BATCH", 4)
    monkeypatch.setattr("fieldwork.services.suggestions.LEARN_AT_MOST", 8)
    with new_notebook(tmp_path).notebook as notebook:
        background(notebook)  # six notes, the oldest
        ids = [tag(notebook, f"{LOCAL} for C-31{n}: dates agreed.", TARGET) for n in range(4)]
        assert prepare_suggestions(notebook) == SuggestionLearning(4, 4)  # the newest four
        notes.delete_note(notebook, ids[0])  # learned already: forgotten
        tag(notebook, "Core group met on time.", "hp.protection.conferences-plans")  # new
        # The next call applies both changes (3 + 1), then learns the rest of the backlog: four
        # background notes; the two oldest lie beyond the newest eight and are not learned.
        assert prepare_suggestions(notebook) == SuggestionLearning(8, 0)
        assert suggest_tags(notebook, f"{LOCAL} again.").learned_from == 8


def test_learning_stops_early_when_asked_to_give_way_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fieldwork.services.suggestions.YIELD_EVERY", 2)
    with new_notebook(tmp_path).notebook as notebook:
        background(notebook)  # six tagged notes
        asked: list[int] = []

        def give_way() -> bool:  # asked before the batch, then after each pair: a search
            asked.append(1)  # arrives while the first pair is being learned
            return len(asked) == 2

        assert prepare_suggestions(notebook, give_way=give_way) == SuggestionLearning(2, 4)
        assert prepare_suggestions(notebook, give_way=lambda: True) == SuggestionLearning(2, 4)
        assert prepare_suggestions(notebook, give_way=lambda: False) == SuggestionLearning(6, 0)


def test_what_is_learned_is_never_written_outside_the_encrypted_notebook(tmp_path: Path) -> None:
    home = Path(os.environ["FIELDWORK_HOME"])
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
        background(notebook)
        for n in range(3):
            tag(notebook, f"{LOCAL} for C-31{n}: dates agreed.", TARGET)
        suggest_tags(notebook, f"{LOCAL} met again.")
    hits = find_markers([LOCAL, "kestrelpanel"], [home, tmp_path, Path(os.environ["TMPDIR"])])
    # The notebook's own files are encrypted: the word must not show there either.
    assert hits == [], hits
    assert folder.exists()


def test_without_a_notebook_the_framework_and_area_model_still_suggest() -> None:
    framework = framework_by_id("ilacs-2023")
    found = suggest_for_text(
        framework, "Strategy discussion held the same day with police and the school."
    )
    assert found.criteria[0].criterion_id == "hp.protection.strategy-enquiries"
    assert found.learned_from == 0
    assert suggest_for_text(framework, "too short").criteria == ()
    lines = suggest_lines(framework, ["PA keeps in touch", ""], top=2)
    assert len(lines) == 2 and all(len(areas) == 4 and len(c) == 2 for areas, c in lines)
