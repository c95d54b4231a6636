"""A small valid framework file as text, for tests that break it in one place at a time."""

from __future__ import annotations

from pathlib import Path

MINIMAL = """\
format = "fieldwork-framework"
format_version = 1

[framework]
id = "test-fw"
family = "test"
title = "A test framework"
version = "1"
in_force_from = 2024-01-01
source_note = "Written for tests."
paraphrase = true

[grades]
benchmark = "good"

[[grades.scale]]
id = "good"
label = "Good"
order = 1
meaning = "Works well."

[[grades.scale]]
id = "poor"
label = "Poor"
order = 2
meaning = "Does not work."

[groups]
practice = ["alpha"]

[[judgements]]
id = "alpha"
title = "Alpha judgement"
short_title = "Alpha"
table_order = 1
body_order = 1
kind = "graded"

[[judgements]]
id = "beta"
title = "Beta judgement"
short_title = "Beta"
table_order = 2
body_order = 2
kind = "headline"

[[themes]]
id = "alpha.one"
judgement = "alpha"
title = "Theme one"
good = "Good looks like this."

[[themes]]
id = "beta.one"
judgement = "beta"
title = "Theme two"
good = "Good looks like that."

[[criteria]]
id = "alpha.one.first"
theme = "alpha.one"
heading = "First criterion"
good = "The first thing is done well."
keywords = ["first", "primary"]
features.poor = "The first thing is not done."

[[criteria]]
id = "beta.one.second"
theme = "beta.one"
heading = "Second criterion"
good = "The second thing is done well."
keywords = ["second"]
features.poor = "The second thing is not done."

[[rules]]
id = "beta-better-than-alpha"
severity = "warning"
message = "Beta is better than alpha."
when = { grade = "beta", better_than = "alpha" }
"""


def write(folder: Path, text: str, name: str = "test-fw.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
