"""Hostile passphrases, end to end: empty (refused), 1 character (warned), 1,024 characters,
quotes, NUL, broken Unicode, and composed or decomposed accents giving the same key.

Each is used as a user would: advice while typing, creating a notebook, opening it again, and a
near miss that must not open it (a NUL must not cut the passphrase short, as a C string would).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from fieldwork.domain.errors import InputRejected, WrongPassphrase
from fieldwork.domain.passphrase import BROKEN_PASSPHRASE, EMPTY_PASSPHRASE, SHORT_WARNING
from fieldwork.services.opening import change_passphrase, create_notebook, open_notebook
from fieldwork.services.passphrases import passphrase_advice
from tests.support.cli import run_cli
from tests.support.notebooks import CHEAP_KDF, inspection
from tests.support.residue import find_markers

LONG = "".join(chr(ord("a") + (i * 7) % 26) for i in range(1020)) + " end"  # 1,024 characters
ACCENTS = "Café crème brûlée à Noël, Zoë"
# name -> (passphrase, a near miss that must not open the notebook)
WORKS = {
    "1 character": ("a", "b"),
    "1,024 characters": (LONG, LONG[:-1]),
    "quotes": ("it's \"quoted\" '; -- and `ticks`", "its quoted -- and ticks"),
    "NUL inside": ("before\x00after the nul", "before"),
    "decomposed accents": (unicodedata.normalize("NFD", ACCENTS), "Cafe creme brulee a Noel, Zoe"),
}


def _create(folder: Path, passphrase: str) -> Path:
    created = create_notebook(
        folder / "hostile.fieldwork", inspection(), passphrase, recovery_code=False, kdf=CHEAP_KDF
    )
    created.notebook.close()
    return created.notebook.folder


def test_empty_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    assert passphrase_advice("") == (EMPTY_PASSPHRASE, [])
    with pytest.raises(InputRejected, match="empty one would not protect"):
        _create(tmp_path, "")
    assert not (tmp_path / "hostile.fieldwork").exists()


def test_empty_on_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "cli.fieldwork"
    result = run_cli(
        "new", str(target), "--authority", "Westmere (fictional)", "--start", "2025-05-12",
        "--end", "2025-05-23", env={"FIELDWORK_PASSPHRASE": ""},
    )  # fmt: skip
    assert result.code == 1 and EMPTY_PASSPHRASE in result.err
    assert "Traceback" not in result.err and not target.exists()


def test_one_character_is_warned_not_refused() -> None:
    refusal, warnings = passphrase_advice("a")
    assert refusal is None and SHORT_WARNING in warnings


def test_the_new_inspection_form_refuses_empty_and_warns_short(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from fieldwork.ui.screens.new_inspection_dialog import NewInspectionDialog

    dialog = NewInspectionDialog([("ilacs-2026", "ILACS 2026")], "ilacs-2026", "Me", (True, ""))
    qtbot.addWidget(dialog)
    dialog.authority.setText("Westmere Borough Council (fictional)")
    dialog.first_day.setDate(QDate(2025, 5, 12))
    dialog.last_day.setDate(QDate(2025, 5, 23))
    dialog.folder.setText(str(tmp_path / "form.fieldwork"))
    assert dialog.problem.text() == EMPTY_PASSPHRASE and not dialog.ok_button.isEnabled()
    dialog.passphrase.setText("a")
    dialog.confirmation.setText("a")
    assert dialog.ok_button.isEnabled() and SHORT_WARNING in dialog.advice.text()


@pytest.mark.parametrize("case", list(WORKS))
def test_it_creates_opens_and_refuses_a_near_miss(case: str, tmp_path: Path) -> None:
    passphrase, near_miss = WORKS[case]
    refusal, _ = passphrase_advice(passphrase)
    assert refusal is None
    folder = _create(tmp_path, passphrase)
    with open_notebook(folder, passphrase=passphrase, use_keyring=False) as notebook:
        assert notebook.is_open
    with pytest.raises(WrongPassphrase):
        open_notebook(folder, passphrase=near_miss, use_keyring=False)
    # The passphrase is never written anywhere in clear (long enough pieces to be telling).
    pieces = [piece for piece in passphrase.split("\x00") if len(piece) >= 12]
    assert find_markers(pieces, [tmp_path]) == []


def test_composed_and_decomposed_accents_give_the_same_key(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", ACCENTS)
    decomposed = unicodedata.normalize("NFD", ACCENTS)
    assert composed != decomposed and len(decomposed) > len(composed)
    folder = _create(tmp_path, decomposed)  # typed with combining accents ...
    with open_notebook(folder, passphrase=composed, use_keyring=False):
        pass  # ... opens with precomposed ones, and the other way round after a change
    change_passphrase(folder, composed, unicodedata.normalize("NFD", "Ærøskøbing señor"))
    with open_notebook(folder, passphrase="Ærøskøbing señor", use_keyring=False):
        pass
    with pytest.raises(WrongPassphrase):
        open_notebook(folder, passphrase=composed, use_keyring=False)


def test_broken_unicode_is_refused_with_a_sentence(tmp_path: Path) -> None:
    broken = "abc\udcffdef"  # what undecodable bytes in the environment become
    assert passphrase_advice(broken)[0] == BROKEN_PASSPHRASE
    with pytest.raises(InputRejected, match="broken characters"):
        _create(tmp_path, broken)
    assert not (tmp_path / "hostile.fieldwork").exists()
    folder = _create(tmp_path, "a good passphrase for this")
    with pytest.raises(InputRejected, match="broken characters"):
        open_notebook(folder, passphrase=broken, use_keyring=False)
