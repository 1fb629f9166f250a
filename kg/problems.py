"""One problem type for every check: the curated data's checker, SHACL, the SPARQL quality checks,
reasoning and the link review all report a :class:`Problem`.

A problem says where it is (file, line, record, field), how bad it is (an error fails the build; a
warning is printed and kept in the report, and ``kg validate --fail-on warning`` makes it fatal),
what is wrong, and what to do. It is printed for people as one line (the form the messages have
always had: ``FILE:LINE: record 'ID': what is wrong; what to do``) and as JSON for tools and
editors (``kg validate --format json``).
"""

from __future__ import annotations

import enum
from dataclasses import KW_ONLY, asdict, dataclass


class Severity(enum.Enum):
    ERROR = "error"  # fails the build
    WARNING = "warning"  # printed and kept in the report; fatal with --fail-on warning


@dataclass(frozen=True)
class Problem:
    message: str  # what is wrong
    _: KW_ONLY
    file: str | None = None  # relative to the project root
    line: int | None = None
    column: int | None = None
    record: str | None = None  # the id of the record (of a link: its entity)
    field: str | None = None  # the record's field, or the property a shape or check names
    severity: Severity = Severity.ERROR
    fix: str | None = None  # what to do about it
    check: str = "data"  # what found it: data, shacl, check:NAME, reasoning, review
    subject: str | None = None  # how the text names what it is about, when not "record 'ID'"

    @property
    def where(self) -> str | None:
        if self.file is None:
            return None
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:
        about = self.subject if self.subject is not None else (f"record {self.record!r}" if self.record else None)
        text = self.message + (f"; {self.fix}" if self.fix else "")
        return ": ".join(part for part in (self.where, about, text) if part)

    def to_json(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k != "subject"}
        out["severity"] = self.severity.value
        out["text"] = str(self)
        return out


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]
