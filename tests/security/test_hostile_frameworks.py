"""Hostile framework files: truncated, random bytes, huge, deeply nested, wrong version.

Each is tried three ways, as a user would meet it: loaded directly, checked with
`fieldwork framework check FILE`, and dropped into the user frameworks folder. Each time: a clear
message naming the file, no traceback, the shipped frameworks still load, and nothing else on
disk changes (the file itself included).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldwork.domain.errors import FrameworkFileError
from fieldwork.frameworks.library import default_library
from fieldwork.frameworks.loader import load_framework_file
from fieldwork.runtime.paths import folders
from tests.support.cli import run_cli
from tests.support.framework_files import MINIMAL

HALF = len(MINIMAL) // 2


def _random_bytes() -> bytes:
    return random.Random(6).randbytes(4096)


# name -> (content, words the message must contain: any of them)
HOSTILE: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "truncated mid-line": (
        lambda: MINIMAL[: MINIMAL.index('heading = "First criterion"') + 12].encode(),
        ("not valid TOML",),
    ),
    "truncated between tables": (
        lambda: MINIMAL[: MINIMAL.index("[[themes]]")].encode(),
        ("at least one", "missing", "no themes", "No themes", "theme"),
    ),
    "truncated to the first line": (lambda: MINIMAL[:20].encode(), ("not valid TOML",)),
    "random bytes": (_random_bytes, ("binary data", "not UTF-8", "not valid TOML")),
    "huge (6 MB)": (
        lambda: (MINIMAL + "# " + "x" * (6 * 1024 * 1024) + "\n").encode(),
        ("at most 5 MB",),
    ),
    "nested 40 deep": (
        lambda: (MINIMAL + "deep = " + "[" * 40 + "]" * 40 + "\n").encode(),
        ("nested too deeply",),
    ),
    "nested 200,000 deep": (
        lambda: ("x = " + "[" * 200_000 + "]" * 200_000).encode(),
        ("nested too deeply", "not valid TOML"),
    ),
    "newer format version": (
        lambda: MINIMAL.replace("format_version = 1", "format_version = 7").encode(),
        ("newer Fieldwork",),
    ),
    "format version 0": (
        lambda: MINIMAL.replace("format_version = 1", "format_version = 0").encode(),
        ("Unknown format version 0",),
    ),
    "format version as text": (
        lambda: MINIMAL.replace("format_version = 1", 'format_version = "1"').encode(),
        ("should be a whole number",),
    ),
    "no format version": (
        lambda: MINIMAL.replace("format_version = 1\n", "").encode(),
        ("should be a whole number",),
    ),
}


def _snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under `root` with its size, modification time and first bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            with path.open("rb") as handle:
                found[str(path.relative_to(root))] = (
                    stat.st_size,
                    stat.st_mtime_ns,
                    handle.read(64),
                )
    return found


@pytest.mark.parametrize("case", list(HOSTILE))
def test_loaded_directly_gives_a_clear_message(case: str, tmp_path: Path) -> None:
    content, expected = HOSTILE[case]
    path = tmp_path / "hostile.toml"
    path.write_bytes(content())
    before = _snapshot(tmp_path)
    with pytest.raises(FrameworkFileError) as caught:
        load_framework_file(path)
    problems = caught.value.problems
    assert problems and all(p.file == "hostile.toml" for p in problems)
    messages = " | ".join(p.message for p in problems)
    assert any(word in messages for word in expected), messages
    assert "Traceback" not in str(caught.value) and "hostile.toml" in str(caught.value)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "case",
    [
        "truncated mid-line",
        "random bytes",
        "huge (6 MB)",
        "nested 200,000 deep",
        "newer format version",
    ],
)
def test_framework_check_on_the_command_line(case: str, tmp_path: Path) -> None:
    content, expected = HOSTILE[case]
    path = tmp_path / "hostile.toml"
    path.write_bytes(content())
    before = _snapshot(tmp_path)
    result = run_cli("framework", "check", str(path))
    assert result.code == 1, result.err
    assert result.out.startswith("hostile.toml: ") and "problem" in result.out.splitlines()[0]
    assert any(word in result.out for word in expected), result.out
    assert "Traceback" not in result.out + result.err
    after = _snapshot(tmp_path)
    logs = [name for name in after if "/log/" in name]  # the command's own (empty) log file
    assert all(after[name][0] == 0 for name in logs)
    assert {k: v for k, v in after.items() if k not in logs} == before


def test_in_the_user_folder_they_are_listed_and_the_rest_still_loads() -> None:
    folder = folders().user_frameworks
    folder.mkdir(parents=True)
    for number, (content, _) in enumerate(HOSTILE.values()):
        (folder / f"hostile-{number:02}.toml").write_bytes(content())
    home = folder.parents[1]
    before = _snapshot(home)
    default_library.cache_clear()
    library = default_library()
    assert {"ilacs-2018", "ilacs-2023", "ilacs-2026"} <= set(library.ids)
    named = {p.file for p in library.problems}
    assert named == {f"hostile-{n:02}.toml" for n in range(len(HOSTILE))}
    assert all(p.message and "Traceback" not in p.message for p in library.problems)
    assert _snapshot(home) == before  # nothing written, moved or "repaired"
