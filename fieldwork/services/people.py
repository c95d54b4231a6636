"""Cases and practitioners: add or change one, list them."""

from __future__ import annotations

import re

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.people import Case, Practitioner
from fieldwork.services.notebook import Notebook

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,31}$")


def save_case(notebook: Notebook, case: Case) -> None:
    if not _REFERENCE.match(case.reference):
        raise InputRejected(
            "A case reference is a short code such as C-014 (letters, digits and - _ / .), never a name."
        )
    with notebook.unit_of_work() as uow:
        op, state = uow.people.save_case(case)
        uow.record("case", case.id, op, state)
        uow.commit()


def save_practitioner(notebook: Notebook, person: Practitioner) -> None:
    if not _REFERENCE.match(person.pseudonym):
        raise InputRejected("A practitioner is recorded by a pseudonym such as P07, never a name.")
    with notebook.unit_of_work() as uow:
        op, state = uow.people.save_practitioner(person)
        uow.record("practitioner", person.id, op, state)
        uow.commit()


def list_cases(notebook: Notebook) -> list[Case]:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.people.cases()


def list_practitioners(notebook: Notebook) -> list[Practitioner]:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.people.practitioners()
