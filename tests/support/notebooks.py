"""Real encrypted notebooks for tests, with cheap Argon2 parameters recorded in the key file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fieldwork.domain.inspection import Inspection
from fieldwork.services.opening import CreatedNotebook, KdfChoice, create_notebook

TEST_PASSPHRASE = "correct horse battery staple"
CHEAP_KDF = KdfChoice(time_cost=1, memory_kib=8192, parallelism=1)


def inspection(
    framework_id: str = "ilacs-2023", authority: str = "Westmere Borough Council (fictional)"
) -> Inspection:
    return Inspection(
        authority=authority,
        inspection_type="standard",
        start_date=date(2025, 5, 12),
        end_date=date(2025, 5, 23),
        framework_id=framework_id,
        inspector="Team inspector 2",
        lead_inspector="Lead inspector",
    )


def new_notebook(
    folder: Path,
    *,
    framework_id: str = "ilacs-2023",
    authority: str = "Westmere Borough Council (fictional)",
    passphrase: str = TEST_PASSPHRASE,
    recovery_code: bool = True,
) -> CreatedNotebook:
    return create_notebook(
        folder / "test.fieldwork",
        inspection(framework_id, authority),
        passphrase,
        recovery_code=recovery_code,
        kdf=CHEAP_KDF,
    )
