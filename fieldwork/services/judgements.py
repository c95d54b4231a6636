"""Provisional judgements and key lines of enquiry, with the framework's consistency warnings."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import ENQUIRY_STATUSES, Enquiry, ProvisionalJudgement
from fieldwork.domain.framework import RuleWarning
from fieldwork.frameworks.rules import evaluate_rules
from fieldwork.services.coverage import evidence_by_judgement
from fieldwork.services.notebook import Notebook


@dataclass(frozen=True, slots=True)
class JudgementsView:
    judgements: tuple[ProvisionalJudgement, ...]  # one per judgement of the framework, table order
    warnings: tuple[RuleWarning, ...]


def set_judgement(notebook: Notebook, judgement: ProvisionalJudgement) -> JudgementsView:
    framework = notebook.framework
    if not framework.has(judgement.judgement_id):
        raise InputRejected(f"'{judgement.judgement_id}' is not a judgement of {framework.title}.")
    if judgement.grade is not None and judgement.grade not in framework.grades.ids:
        raise InputRejected(f"'{judgement.grade}' is not a grade of {framework.title}.")
    with notebook.unit_of_work() as uow:
        op, state = uow.judging.save_judgement(judgement)
        uow.record("judgement", judgement.judgement_id, op, state)
        uow.commit()
    return judgements_view(notebook)


def judgements_view(notebook: Notebook) -> JudgementsView:
    framework = notebook.framework
    with notebook.unit_of_work(read_only=True) as uow:
        stored = {j.judgement_id: j for j in uow.judging.judgements()}
    judgements = tuple(stored.get(j.id, ProvisionalJudgement(j.id)) for j in framework.judgements)
    grades = {j.judgement_id: j.grade for j in judgements}
    warnings = evaluate_rules(framework, grades, evidence_by_judgement(notebook))
    return JudgementsView(judgements, warnings)


def save_enquiry(notebook: Notebook, enquiry: Enquiry) -> None:
    if not enquiry.question.strip():
        raise InputRejected("A line of enquiry needs a question.")
    if enquiry.status not in ENQUIRY_STATUSES:
        raise InputRejected(f"'{enquiry.status}' is not a status of a line of enquiry.")
    with notebook.unit_of_work() as uow:
        op, state = uow.judging.save_enquiry(enquiry)
        uow.record("enquiry", enquiry.id, op, state)
        uow.commit()


def list_enquiries(notebook: Notebook) -> list[Enquiry]:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.judging.enquiries()
