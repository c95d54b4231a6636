"""Budgets of the evidence pack export (medians on the 2-core reference machine).

The 600-note demo pack: <= 3 s (snapshot, layout, write).
A 5,000-note pack: <= 20 s, and <= 500 MB peak resident memory (measured in a child process).
And no more than 2x the time ReportLab alone takes to lay out the same paragraphs (every
evidence entry's details line and note text, same fonts and styles) in a plain SimpleDocTemplate,
measured in the same run.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import measure, report

from fieldwork.domain.pack import EvidencePack, PackRequest
from fieldwork.services.demo_notebook import create_demo_notebook
from fieldwork.services.opening import KdfChoice, open_notebook
from fieldwork.services.pack import build_pack, export_pack

OUT = Path(__file__).resolve().parent / "out"
PASSPHRASE = "benchmark passphrase, not secret"
CHEAP = KdfChoice(1, 8192, 1)  # building and opening fixtures only; the export is what is timed
BUDGET_S = {600: 3.0, 5000: 20.0}
RSS_BUDGET_MB = 500


def notebook_folder(notes: int) -> Path:
    folder = OUT / f"pack-{notes}.fieldwork"
    if not folder.exists():
        OUT.mkdir(exist_ok=True)
        started = time.perf_counter()
        create_demo_notebook(folder, PASSPHRASE, notes=notes, kdf=CHEAP).notebook.close()
        print(f"(built a {notes:,}-note demo notebook in {time.perf_counter() - started:.1f} s)")
    return folder


def baseline_paragraphs(pack: EvidencePack) -> list[tuple[str, Any]]:
    """The markup and style of every evidence paragraph the pack lays out (details and text)."""
    from reportlab.platypus import Paragraph

    from fieldwork.export.builder import Builder
    from fieldwork.export.sections.evidence import entry
    from fieldwork.export.styles import make_styles

    builder = Builder(make_styles())
    found: list[tuple[str, Any]] = []
    for section in pack.judgements:
        for theme in section.themes:
            for criterion in theme.criteria:
                for item in criterion.entries:
                    for flowable in entry(item, builder, inspector=pack.cover.inspector):
                        for part in (
                            getattr(flowable, "details", None),
                            getattr(flowable, "text", None),
                            flowable,
                        ):
                            if isinstance(part, Paragraph):
                                found.append((part.text, part.style))
    return found


def reportlab_alone(paragraphs: list[tuple[str, Any]]) -> float:
    """ReportLab's own work on the same paragraphs: parse them, lay them out, write the PDF."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rl_config.useA85 = 0  # as the exporter sets it
    started = time.perf_counter()
    story = [Paragraph(text, style) for text, style in paragraphs]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)  # type: ignore[arg-type]
    return time.perf_counter() - started


def child(notes: int) -> None:
    """One export in a fresh process; prints seconds and peak resident memory as JSON."""
    folder = notebook_folder(notes)
    with open_notebook(folder, passphrase=PASSPHRASE, use_keyring=False) as notebook:
        started = time.perf_counter()
        result = export_pack(notebook, PackRequest(OUT / f"pack-{notes}.pdf"))
        seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kib / 1024, "pages": result.pages}))


def bench(notes: int, repeats: int) -> None:
    folder = notebook_folder(notes)
    with open_notebook(folder, passphrase=PASSPHRASE, use_keyring=False) as notebook:
        target = OUT / f"pack-{notes}.pdf"
        paragraphs = baseline_paragraphs(build_pack(notebook, PackRequest(target)))
        export_pack(notebook, PackRequest(target))  # warm: fonts registered, modules imported
        baseline_runs, export_runs = [], []
        for _ in range(repeats):  # alternated, so both see the same load on a shared machine
            baseline_runs.append(reportlab_alone(paragraphs))
            export_runs += measure(lambda: export_pack(notebook, PackRequest(target)), 1)
        baseline = report(
            f"{notes:,} notes, baseline: ReportLab alone parses and lays out the same "
            f"{len(paragraphs):,} evidence paragraphs in a plain SimpleDocTemplate",
            baseline_runs,
            unit="s",
        )
        full = report(
            f"{notes:,} notes: export the pack (snapshot, every section, layout, write)",
            export_runs,
            budget=BUDGET_S[notes],
            unit="s",
        )
    verdict = "within" if full <= 2 * baseline else "OVER"
    print(
        f"{notes:,} notes: ratio to ReportLab alone {full / baseline:.2f}x; budget 2x ({verdict})"
    )


def memory(notes: int) -> None:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(notes)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    verdict = "within" if figures["peak_mb"] <= RSS_BUDGET_MB else "OVER"
    print(
        f"{notes:,} notes in a fresh process: {figures['seconds']:.1f} s, {figures['pages']} pages, "
        f"peak resident {figures['peak_mb']:.0f} MB; budget {RSS_BUDGET_MB} MB ({verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    bench(600, 3 if args.quick else 7)
    bench(5000, 1 if args.quick else 3)
    memory(5000)


if __name__ == "__main__":
    main()
