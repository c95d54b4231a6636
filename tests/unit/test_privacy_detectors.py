"""The privacy guard's detectors, kind by kind, on hostile input, and replacing what they find."""

from __future__ import annotations

import itertools
import time
import tomllib

import pytest

from fieldwork.privacy.detectors import replace_findings, scan_text
from fieldwork.privacy.findings import FINDING_KINDS, LABELS, Finding
from fieldwork.privacy.names import name_lists
from fieldwork.privacy.nhs_number import check_digit, is_nhs_number
from fieldwork.runtime import assets


def found(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each finding; the tests may look at the text, the guard never."""
    return [(f.kind, text[f.start : f.end]) for f in scan_text(text)]


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan_text(text)]


# --- NHS numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9995260182", "999 526 0182", "999-526-0182", "9990000050"])
def test_nhs_number_with_a_right_check_digit_is_accepted(number: str) -> None:
    assert is_nhs_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "9995260183",  # wrong check digit
        "9990000000",  # the first nine digits give remainder 10: never issued
        "0000000000",  # all the same: the sum passes, the number is never issued
        "4444444444",
        "9999999999",
        "9995 260 182",  # 4-3-3 is not an NHS layout
        "99952601820",  # eleven digits
        "999 526 018",
    ],
)
def test_nhs_number_without_a_valid_check_or_shape_is_refused(number: str) -> None:
    assert not is_nhs_number(number)


def test_check_digit_of_eleven_is_zero_and_ten_is_none() -> None:
    assert check_digit("999000005") == 0
    assert check_digit("999000000") is None
    assert check_digit("999526018") == 2


def test_nhs_number_found_in_text_and_checksum_failures_are_not() -> None:
    assert found("NHS number 999 526 0182 on the plan.") == [("nhs-number", "999 526 0182")]
    assert found("Invoice 929 975 2888 for the placement.") == []
    assert found("Batch 9200182634 uploaded.") == []


def test_an_nhs_number_starting_with_0_is_an_nhs_number_not_a_phone() -> None:
    assert found("NHS number 053 933 6335 on the red book.") == [("nhs-number", "053 933 6335")]
    assert found("Screening form shows 0137353790.") == [("nhs-number", "0137353790")]


# --- National Insurance numbers --------------------------------------------------------------


@pytest.mark.parametrize("number", ["JT 48 29 17 B", "PE614203A", "MT 982341 C", "hl 45 82 11 a"])
def test_ni_number_in_its_usual_layouts(number: str) -> None:
    assert found(f"NI number {number} recorded.") == [("ni-number", number)]


@pytest.mark.parametrize(
    "number",
    [
        "DA 12 34 56 A",  # D never first
        "FA123456A",
        "IA123456A",
        "QQ123456C",  # HMRC's own example uses a prefix that is never issued
        "UA123456A",
        "VA123456A",
        "AO123456A",  # O never second
        "AD123456A",
        "GB123456A",  # unused pairs
        "BG123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",
        "AB123456E",  # suffix A-D only
        "AB12345A",  # five digits
    ],
)
def test_ni_number_prefix_and_suffix_rules(number: str) -> None:
    assert "ni-number" not in kinds(f"Code {number} on the form.")


def test_ofsted_urn_is_not_an_ni_number() -> None:
    assert found("The home's URN is SC482913 and it was judged good.") == []


# --- Postcodes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode", ["M1 1AE", "B33 8TH", "W1A 0AX", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "LS98QT"]
)
def test_postcode_in_each_format(postcode: str) -> None:
    assert found(f"Placed in {postcode} last week.") == [("postcode", postcode)]


@pytest.mark.parametrize(
    "text",
    [
        "Several children live in the LS9 area.",  # outward code only
        "Vitamin B12 levels were checked.",
        "Y9 and Y10 pupils get tutoring.",
        "QA1 1AA is not a postcode.",  # Q never first
        "LS9 8CI has inward letters C and I, which are never used.",
        "ls9 8qt in lower case is left alone.",
    ],
)
def test_not_a_postcode(text: str) -> None:
    assert "postcode" not in kinds(text)


def test_a_postcode_outside_an_address_still_counts() -> None:
    assert found("The taxi firm was given OX4 1YB by mistake.") == [("postcode", "OX4 1YB")]


# --- Phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-222",
        "0113 496 0241",
        "020 7946 0123",
        "01632 960014",
        "016977 3456",
        "(0115) 496 0552",
        "+44 7700 900456",
        "+447700900999",
        "+44 (0)161 496 0743",
    ],
)
def test_phone_numbers(number: str) -> None:
    assert found(f"Call {number} before 3pm.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Rota number 0123 456 78 on the board.",  # nine digits
        "The extension list runs 0114 496 01 to 0114 496 09.",
        "Case number 011349602411234 from the old system.",  # too many digits
        "Sessions at 0930 1130 1400 and 1600.",
        "Scores 0 1 2 3 4 5 6 7 8 9 across the audit.",  # one-digit groups
        "Phone extension 4417 goes to the duty manager.",
        "Reference 4821 0093 17 was missing.",
    ],
)
def test_not_a_phone_number(text: str) -> None:
    assert "phone" not in kinds(text)


# --- Email addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["chloe.price84@example.com", "foster.carer+c014@example.org", "k.obrien@example.co.uk"],
)
def test_email_addresses(email: str) -> None:
    assert found(f"Sent to {email}.") == [("email", email)]


def test_not_an_email_address() -> None:
    assert found("Email the service manager @ the office about it.") == []


# --- Dates of birth --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB 14/03/2012, Year 8.", "14/03/2012"),
        ("D.O.B. 02.11.2016 on the referral.", "02.11.2016"),
        ("Date of birth: 3 May 2014.", "3 May 2014"),
        ("She was born on 12 June 2009.", "12 June 2009"),
        ("Born 21/07/2010, so 14 now.", "21/07/2010"),
        ("b. 14.02.2017 per the form.", "14.02.2017"),
        ("DOB: 2012-07-19 on the chronology.", "2012-07-19"),
        ("Date of birth is 1st March 2024.", "1st March 2024"),
        ("Date of birth June 4, 2010 on the passport.", "June 4, 2010"),
        ("Recorded 14/03/2012 (DOB) on the form.", "14/03/2012"),
    ],
)
def test_date_of_birth_next_to_a_birth_word(text: str, date: str) -> None:
    assert found(text) == [("date-of-birth", date)]


@pytest.mark.parametrize(
    "text",
    [
        "Visited on 12 March 2025 and again on 14/03/2025.",  # bare dates are visit dates
        "The plan was updated on 27.11.2024.",
        "The baby was born prematurely.",
        "C-026 was born in Portugal in 2010.",
        "DOB 31/13/2012 is not a date.",
        "Born on 5 June, a week early.",  # not a full date
    ],
)
def test_no_date_of_birth_without_a_birth_word_and_a_full_date(text: str) -> None:
    assert "date-of-birth" not in kinds(text)


# --- Addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Seen at 14 Larch Close with mum.", "14 Larch Close"),
        ("Moved to 118 Station Road in January.", "118 Station Road"),
        ("The house at 2a Victoria Street was damp.", "2a Victoria Street"),
        ("Placed at 3 Oak Tree Avenue.", "3 Oak Tree Avenue"),
        ("Moved to 27 St John's Road after the eviction.", "27 St John's Road"),
        ("Now at Flat 2, 9 Brunswick Terrace.", "Flat 2, 9 Brunswick Terrace"),
        ("Stays at 9 The Crescent at weekends.", "9 The Crescent"),
    ],
)
def test_addresses(text: str, address: str) -> None:
    assert found(text) == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "After 3 Family Court hearings the plan changed.",
        "In 2023 Victoria Park hosted the fun day.",
        "Assessments are due within 10 working days.",
        "P07 has 26 children on their caseload.",
        "The child lives off Victoria Road.",  # a street without a number is not an address
    ],
)
def test_not_an_address(text: str) -> None:
    assert kinds(text) == []


# --- Names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # (a) title + capitalised word(s)
        ("Spoke with Mrs Hughes about the placement.", "Mrs Hughes"),
        ("Mr A. Khan attended.", "Mr A. Khan"),
        ("Mrs O'Neill felt unsupported.", "Mrs O'Neill"),
        ("Dr Ana Lopez described the injuries.", "Dr Ana Lopez"),
        # (b) family or role word + capitalised word, either way round
        ("Mum Chloe said she was worried.", "Chloe"),
        ("Her brother Tyler is also known.", "Tyler"),
        ("Nan (Pauline) has an assessment booked.", "Pauline"),
        ("The IRO, Priya Shah, challenged drift.", "Priya Shah"),
        ("Contact with Chantelle (mum) is weekly.", "Chantelle"),
        # (c) X's mum / dad / carer ...
        ("Kayden's dad did not attend.", "Kayden"),
        ("Ruby’s foster carer asked for respite.", "Ruby"),
        ("Harvey's foster home is in the town.", "Harvey"),
        # (d) listed given name + capitalised word not on the stop-list
        ("Jayden Price was seen alone.", "Jayden Price"),
        ("Father is Paul SMITH.", "Paul SMITH"),
        ("Met with Amber Price and her mum.", "Amber Price"),  # mid-sentence: a name
        ("Callum (C-005) said his PA helps him.", "Callum"),
        # (e) a listed given name on its own, wherever it stands
        ("Noah said he feels safe with his carers.", "Noah"),
        ("The eldest, Mia, is 14.", "Mia"),
        ("Spoke to mum. Chloe was at school.", "Chloe"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert found(text) == [("name", name)]


def test_names_joined_by_and_are_both_found() -> None:
    assert found("Brothers Alfie and Reggie were separated.") == [
        ("name", "Alfie"),
        ("name", "Reggie"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "P07 has 26 children; P03 covers C-014 and C12.",
        "Mum said she had not been told about the conference.",
        "Dad attended the review. Nan has been caring for C-003.",
        "Signs of Safety mapping was evident in most assessments.",
        "The Front Door screened 1,240 contacts.",
        "The Children in Care Council met inspectors on Tuesday.",
        "The Independent Reviewing Officer service is stretched.",
        "The Virtual School head knows every child; Ofsted, Cafcass and CAMHS agree.",
        "Will the local authority meet the timescale?",
        "Amber rated cases are reviewed weekly.",
        "Grace period of 5 days applied.",
        "Summer holiday activities were offered in May and June.",
        "Dr Barnardo's original homes are in the exhibition.",
        "P10 (social worker, CWD) visited C-014.",
        "Victoria Park was used for family time.",
        "The Martin House hospice provides short breaks.",
        "Spoke to mum. Rota changes were explained.",  # the sentence ends between them
        "Tyler Street children's home closed in 2021.",  # a lone given name before a place word
        "The plan was reviewed in April and again in June.",  # names that are also months
        "St Luke was the hospital ward.",
    ],
)
def test_not_a_name(text: str) -> None:
    assert "name" not in kinds(text)


def test_everyday_given_names_do_not_count_at_the_start_of_a_sentence() -> None:
    assert kinds("Grace Hughes was the carer.") == []
    assert found("The carer was Grace Hughes.") == [("name", "Grace Hughes")]


def test_word_lists_are_read_through_the_asset_loader_once() -> None:
    lists = name_lists()
    assert lists is name_lists()
    assert {"Chloe", "Tyler", "Mohammed", "Zofia"} <= lists.given
    assert {"Will", "Grace", "Amber", "June"} <= lists.everyday_given
    assert not {"Will", "May", "June", "Grace", "Hope", "Mark", "Rose", "Dawn"} & lists.given
    assert {"monday", "march", "ofsted", "mash", "cafcass"} <= lists.stop_words
    header = assets.read_bytes("privacy", "given-names.txt").decode()[:600]
    assert "ONS baby names" in header and "OGL v3.0" in header


# --- Findings, overlaps, replacement ---------------------------------------------------------


def test_findings_carry_a_label_and_never_the_text() -> None:
    text = "Tel 07700 900123"
    (finding,) = scan_text(text)
    assert finding.label == "a phone number"
    assert "07700" not in repr(finding)
    assert set(LABELS) == set(FINDING_KINDS)
    with pytest.raises(ValueError):
        Finding("name", 5, 5)


def test_findings_are_in_order_and_never_overlap() -> None:
    text = (
        "Mum Chloe Price (DOB 03/04/1995) lives at 22 Hawthorn Road, LS9 8QT; "
        "tel 0113 496 0241, chloe@example.org, NHS 999 526 0182, NI JT 48 29 17 B."
    )
    findings = scan_text(text)
    assert [f.kind for f in findings] == [
        "name",
        "date-of-birth",
        "address",
        "postcode",
        "phone",
        "email",
        "nhs-number",
        "ni-number",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


def test_replace_findings_puts_the_case_reference_in_place() -> None:
    text = "Mum Chloe said Tyler's dad rang from 07700 900123."
    findings = scan_text(text)
    assert (
        replace_findings(text, findings, "C-014") == "Mum C-014 said C-014's dad rang from C-014."
    )
    only_phone = [f for f in findings if f.kind == "phone"]
    assert (
        replace_findings(text, only_phone, "[phone]")
        == "Mum Chloe said Tyler's dad rang from [phone]."
    )
    assert replace_findings(text, [], "C-014") == text


def test_replace_findings_merges_overlapping_spans_and_refuses_spans_outside() -> None:
    text = "abcdefghij"
    spans = [Finding("name", 1, 4), Finding("phone", 3, 6), Finding("email", 8, 10)]
    assert replace_findings(text, spans, "#") == "a#gh#"
    with pytest.raises(ValueError):
        replace_findings(text, [Finding("name", 5, 11)], "#")


# --- Hostile input and independent text ------------------------------------------------------

HOSTILE = {
    "spaces": " " * 100_000,
    "digits": "7" * 100_000,
    "zeros and spaces": "0 " * 50_000,
    "digit groups": "0113 " * 20_000,
    "capitalised words": "Abcde " * 16_000,
    "given names": "Chloe " * 16_000,
    "titles": "Mrs " * 25_000,
    "possessives": "Tyler's " * 12_500,
    "letters": "a" * 100_000,
    "at signs": "a@" * 50_000,
    "dots": "a." * 50_000,
    "hyphens": "A-" * 50_000,
    "apostrophes": "O'" * 50_000,
    "postcode-like": "AB 12 " * 16_000,
    "address-like": "14 Larch Larch Larch Larch " * 4_000,
    "birth words": "DOB born b. " * 8_000,
    "newlines": "\n" * 100_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_scanned_quickly(name: str) -> None:
    started = time.perf_counter()
    scan_text(HOSTILE[name])
    assert time.perf_counter() - started < 2.0  # generous: linear scans take tens of ms


def test_empty_text_has_no_findings() -> None:
    assert scan_text("") == ()


def test_shipped_framework_text_has_no_findings() -> None:
    """Twenty thousand words of inspection vocabulary: any finding here is a false alarm."""

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return []

    texts = [
        text
        for file in assets.listing("frameworks", suffix=".toml")
        for text in strings(tomllib.loads(file.read_text(encoding="utf-8")))
    ]
    assert sum(len(text.split()) for text in texts) > 10_000
    assert [(t, found(t)) for t in texts if scan_text(t)] == []
