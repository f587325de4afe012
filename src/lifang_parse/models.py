"""Pydantic models of the output contract (docs/CONTRACT.md).

Field names are the contract's and must not change without bumping
``SCHEMA_VERSION``. Models are frozen: a parsed newsletter is a value.
"""

from __future__ import annotations

import json
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError

SCHEMA_VERSION = "1.1"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Bilingual(_Frozen):
    zh: str | None = None
    en: str | None = None


class Source(_Frozen):
    path: str | None = None
    format: Literal["text", "pdf"]
    sha256: str
    pages: int | None = None
    parser_version: str
    encoding: str | None = Field(default=None, description="How the text was decoded (text input only).")
    furniture_removed: int = Field(default=0, description="Running headers, footers and page numbers removed.")


class Fragment(_Frozen):
    text: str
    line_start: int
    line_end: int
    page: int | None = None


class Location(_Frozen):
    page_start: int | None = None
    page_end: int | None = None
    line_start: int
    line_end: int


WarningCode = str  # open set; see KNOWN_WARNING_CODES


KNOWN_WARNING_CODES = (
    "missing_translation",
    "translation_mismatch",
    "contents_mismatch",
    "unplaced_text",
    "unknown_agency",
    "missing_masthead",
    "missing_footer",
    "unrecoverable_structure",
    "structure_doubt",
    "invalid_date",
    "invalid_text",
)


class Warning(_Frozen):  # noqa: A001 - the contract's name
    code: WarningCode
    message: str
    item_id: str | None = None


class Link(_Frozen):
    lang: Literal["zh", "en"]
    text: str
    href: str


DatePrecision = Literal["day", "month", "year"]
DateRole = Literal["event", "deadline", "as_of", "range_start", "range_end", "mentioned"]


class DateFact(_Frozen):
    date: str
    precision: DatePrecision
    role: DateRole
    zh: str | None = None
    en: str | None = None
    year_inferred: bool = False


class AgencyFact(_Frozen):
    id: str
    name: Bilingual
    abbr: str | None = None
    country: str | None = None
    mentions: list[str] = Field(default_factory=list)


CountUnit = Literal["app", "company", "standard", "document", "type", "case", "person", "item"]


class CountFact(_Frozen):
    value: int
    unit: CountUnit
    zh: str | None = None
    en: str | None = None
    approximate: bool = Field(default=False, description="The source gives a round lower bound: 十余家, 近百款, more than 10 (value 10, 100, 10).")


class AmountFact(_Frozen):
    value: int | float
    currency: str
    zh: str | None = None
    en: str | None = None


class LawFact(_Frozen):
    title: Bilingual


class Named(_Frozen):
    name: Bilingual
    mentions: list[str] = Field(default_factory=list, description="Other forms the story names it by (a short form of a legal name, a defined short name).")


ActionType = Literal[
    "fine", "notice", "removal", "rectification", "investigation", "interview",
    "consultation", "issuance", "settlement", "judgment", "meeting",
]


class ActionFact(_Frozen):
    """What an authority did in the story (schema 1.1): one per distinct (type, agency)."""

    type: ActionType
    agency: str | None = Field(default=None, description="The acting body's gazetteer id; null when the actor is no known government body.")
    targets: list[Named] = Field(default_factory=list, description="Companies acted against.")
    count: CountFact | None = Field(default=None, description="The counted targets (26款APP).")
    amount: AmountFact | None = Field(default=None, description="The fine or settlement sum.")
    laws: list[Bilingual] = Field(default_factory=list, description="The laws the action rests on; for an issuance or consultation, the instrument.")
    date: str | None = Field(default=None, description="When the action was taken (ISO, by precision).")
    zh: str | None = None
    en: str | None = None


class Emphasis(_Frozen):
    """Words the source set in italics or bold: ``title``/``body`` of ``lang``, ``[start, end)``."""

    lang: Literal["zh", "en"]
    field: Literal["title", "body"]
    start: int
    end: int
    style: Literal["italic", "bold", "bold_italic"]


class Item(_Frozen):
    id: str
    title: Bilingual
    body: Bilingual
    emphasis: list[Emphasis] = Field(default_factory=list, description="Italic and bold spans of the plain title and body (schema 1.1).")
    links: list[Link] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    agencies: list[AgencyFact] = Field(default_factory=list)
    counts: list[CountFact] = Field(default_factory=list)
    amounts: list[AmountFact] = Field(default_factory=list)
    laws: list[LawFact] = Field(default_factory=list)
    companies: list[Named] = Field(default_factory=list)
    people: list[Named] = Field(default_factory=list)
    actions: list[ActionFact] = Field(default_factory=list, description="What authorities did in the story (schema 1.1).")
    products: list[Named] = Field(default_factory=list, description="Products, services, platforms and app stores named like companies but not companies.")
    location: Location
    warnings: list[Warning] = Field(default_factory=list)


class Section(_Frozen):
    heading: Bilingual
    items: list[Item] = Field(default_factory=list)


class ContentsSection(_Frozen):
    heading: Bilingual
    titles: list[Bilingual] = Field(default_factory=list)


class Footer(_Frozen):
    disclaimer: Bilingual
    offices: list[Bilingual] = Field(default_factory=list)
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    fax: str | None = None


class Newsletter(_Frozen):
    schema_version: str = SCHEMA_VERSION
    source: Source
    publisher: Bilingual
    publication: Bilingual
    publication_number: int | None = None
    period: str | None = None
    title: Bilingual
    issue_number: int | None = None
    contents: list[ContentsSection] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    footer: Footer | None = None
    boilerplate: list[Fragment] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    unplaced: list[Fragment] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = None) -> str:
        """The contract's JSON; ``indent`` for humans, none for pipelines.

        A source file name that is not UTF-8 (its bytes carried as lone
        surrogates, as ``os.fsdecode`` gives them) is written with JSON
        escapes (``"b\\udcff.txt"``): ``json.loads`` then ``os.fsencode``
        give back the exact bytes.
        """
        try:
            return self.model_dump_json(indent=indent)
        except PydanticSerializationError:
            path = self.source.path
            if path is None or path.isascii() or not _has_lone_surrogate(path):
                raise
            marker = f"lifang-parse-path-{uuid.uuid4().hex}"
            stand_in = self.model_copy(update={"source": self.source.model_copy(update={"path": marker})})
            return stand_in.model_dump_json(indent=indent).replace(json.dumps(marker), json.dumps(path), 1)

    def all_items(self) -> list[Item]:
        """Every item of every section, in document order."""
        return [item for section in self.sections for item in section.items]


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


__all__ = [
    "SCHEMA_VERSION",
    "ActionFact",
    "ActionType",
    "AgencyFact",
    "AmountFact",
    "Bilingual",
    "ContentsSection",
    "CountFact",
    "DateFact",
    "Emphasis",
    "Footer",
    "Fragment",
    "Item",
    "LawFact",
    "Link",
    "Location",
    "Named",
    "Newsletter",
    "Section",
    "Source",
    "Warning",
]
