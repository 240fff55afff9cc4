"""The output contract (``docs/OUTPUT.md``, schema_version "1") as Pydantic models.

These classes *are* the contract: field names and meanings follow OUTPUT.md to
the letter; fields beyond it (``rule``, ``value_normalized``, ``amounts`` …) are
additions the contract allows. Working objects of the pipeline live elsewhere as
small dataclasses; only ``assemble`` turns them into these models.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

Number = Union[int, float]

Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
SectionKind = Literal[
    "part", "chapter", "section", "article", "item1", "item2", "item3", "item4",
    "paragraph", "table", "box", "attachment", "list_item", "body",
]
DeadlineType = Literal["absolute", "relative", "recurring", "effective", "validity", "period"]
Bound = Literal["before", "by", "on", "after", "from", "within"]
TimeUnit = Literal["hour", "day", "workday", "week", "month", "year"]
Freq = Literal["daily", "weekly", "monthly", "quarterly", "halfyearly", "yearly"]
RatioForm = Literal["percent", "permille", "ratio", "multiplier", "percentage_point"]
ResponsibilityForm = Literal["annotation", "prose", "table"]
Binding = Literal["约束性", "预期性"]


def _empty_list() -> list:
    """The default of a list field. (Not ``list`` itself: pydantic reads a factory's signature,
    and reading a builtin's means tokenizing its text signature; the tokenizer's first use
    costs about 8 ms of every start.)"""
    return []


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Character offsets into the decoded source text (end exclusive)."""

    start: int = Field(ge=0, description="offset of the first character in the decoded source")
    end: int = Field(ge=0, description="offset after the last character (exclusive)")
    line: int = Field(ge=1, description="1-based source line of `start`")


class Source(_Model):
    path: str = Field(description="the input path as given (or '-' for stdin)")
    sha256: str = Field(description="SHA-256 of the file bytes, hex")
    encoding: str = Field(description="encoding detected from the bytes, e.g. utf-8, utf-8-sig, gb18030, utf-16")
    n_chars: int = Field(ge=0, description="length of the decoded source text")


class TocEntry(_Model):
    title: str = Field(description="entry title as printed in 目录, line breaks removed")
    page: Optional[int] = Field(default=None, description="page number printed after the entry")


class Bulletin(_Model):
    title: Optional[str] = Field(default=None, description="masthead, e.g. 荆州市人民政府公报")
    issue: Optional[str] = Field(default=None, description="issue as printed, e.g. 2022年第8-9期")
    toc: list[TocEntry] = Field(default_factory=_empty_list, description="entries read from 目录")


class DocNumber(_Model):
    text: str = Field(description="发文字号 with brackets normalised to 〔〕, e.g. 荆政办发〔2022〕16号")
    prefix: str = Field(description="机关代字, e.g. 荆政办发")
    year: Optional[int] = Field(default=None, description="year in 〔〕, null for orders (…令第N号)")
    serial: int = Field(description="序号")


class Section(_Model):
    id: str = Field(description="path id, e.g. d1/ch2/art12")
    kind: SectionKind = Field(description="structural kind of the node")
    label: Optional[str] = Field(default=None, description="marker as written, e.g. 第十二条, （三）")
    ordinal: Optional[int] = Field(default=None, description="integer value of the marker (十二 → 12)")
    heading: Optional[str] = Field(default=None, description="title text of a heading-like node")
    text: str = Field(description="the node's own cleaned text, without its children")
    span: Span
    children: list["Section"] = Field(default_factory=_empty_list)
    rows: Optional[list[list[str]]] = Field(default=None, description="cells of a table node")


class Baseline(_Model):
    year: Optional[int] = Field(default=None, description="baseline year, e.g. 2020")
    value: Optional[Number] = Field(default=None, description="baseline value")


class Recurrence(_Model):
    freq: Freq
    day: Optional[int] = Field(default=None, description="day of the period (每月10日前 → 10)")


class _Record(_Model):
    id: str = Field(description="record id, unique in the file, e.g. d1/t3")
    text: str = Field(description="the evidence, cleaned")
    span: Span
    section_id: Optional[str] = Field(default=None, description="id of the innermost section holding the record")
    sentence: str = Field(description="the cleaned sentence the record sits in")
    rule: str = Field(description="id of the rule or pattern that produced the record")


class Target(_Record):
    indicator: Optional[str] = Field(default=None, description="what is counted, as written")
    value: Number
    value_max: Optional[Number] = Field(default=None, description="upper end of a range")
    unit: Optional[str] = None
    value_normalized: Optional[Number] = Field(default=None, description="value × unit multiple (万人 → ×10000)")
    unit_base: Optional[str] = Field(default=None, description="base unit of value_normalized (人, 元 …)")
    comparator: Comparator = "="
    year: Optional[int] = Field(default=None, description="year the target is due")
    baseline: Optional[Baseline] = None
    cumulative: bool = False
    binding: Optional[Binding] = None
    scope: Optional[str] = Field(default=None, description="region or body the target applies to")


class Deadline(_Record):
    type: DeadlineType
    date: Optional[str] = Field(default=None, description="ISO date")
    end_date: Optional[str] = Field(default=None, description="ISO end date for periods and validity")
    bound: Optional[Bound] = None
    amount: Optional[Number] = None
    unit: Optional[TimeUnit] = None
    anchor: Optional[str] = Field(default=None, description="event a relative deadline counts from")
    recurrence: Optional[Recurrence] = None
    action: Optional[str] = Field(default=None, description="the clause that must be done")


class Responsibility(_Record):
    lead: list[str] = Field(default_factory=_empty_list)
    cooperating: list[str] = Field(default_factory=_empty_list)
    task: Optional[str] = Field(default=None, description="the task text the annotation belongs to")
    form: ResponsibilityForm = "annotation"


class Ratio(_Record):
    value: Number = Field(description="the fraction: 10% → 0.1, 1:1 → 1.0")
    form: RatioForm
    parts: Optional[list[Number]] = Field(default=None, description="[a, b] for a:b")
    comparator: Comparator = "="
    subject: Optional[str] = None
    year: Optional[int] = None


class Reference(_Model):
    title: Optional[str] = None
    doc_number: Optional[DocNumber] = None
    text: str
    span: Span


class Amount(_Model):
    id: str
    text: str
    span: Span
    value: Number
    value_max: Optional[Number] = None
    unit: str
    value_normalized: Optional[Number] = Field(default=None, description="in 元")
    comparator: Comparator = "="
    section_id: Optional[str] = None
    rule: str


class Warning(_Model):
    code: str = Field(description="catalogue code, e.g. W101")
    message: str
    span: Optional[Span] = None


class Document(_Model):
    id: str = Field(description="d1, d2, … in order")
    title: Optional[str] = None
    doc_type: Optional[str] = Field(default=None, description="公文种类 from the title's end")
    doc_number: Optional[DocNumber] = None
    issuers: list[str] = Field(default_factory=_empty_list)
    addressees: list[str] = Field(default_factory=_empty_list)
    date: Optional[str] = Field(default=None, description="成文日期, ISO")
    attachments: list[str] = Field(default_factory=_empty_list)
    span: Span
    sections: list[Section] = Field(default_factory=_empty_list)
    targets: list[Target] = Field(default_factory=_empty_list)
    deadlines: list[Deadline] = Field(default_factory=_empty_list)
    responsibilities: list[Responsibility] = Field(default_factory=_empty_list)
    ratios: list[Ratio] = Field(default_factory=_empty_list)
    references: list[Reference] = Field(default_factory=_empty_list)
    amounts: list[Amount] = Field(default_factory=_empty_list)


class Result(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    bulletin: Optional[Bulletin] = None
    documents: list[Document] = Field(default_factory=_empty_list)
    warnings: list[Warning] = Field(default_factory=_empty_list)


Section.model_rebuild()
