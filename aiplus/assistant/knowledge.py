"""Curating an assistant's knowledge: FAQ pairs typed in or imported from a spreadsheet
(question and answer columns in English and Chinese), and documents whose text is read with the
resource library's checks. Saved items enter search through its signals."""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aiplus.assistant.models import Assistant, KnowledgeItem
from aiplus.assistant.services import AssistantError, save_item
from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.reader import read_spreadsheet
from aiplus.core.bounded import LimitExceeded, run_bounded
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type
from aiplus.resources.extraction.text import extract_text
from aiplus.search.tokens import is_chinese

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_FAQ_ROWS = 2000

# Accepted column names (compared in lower case), for each field of a FAQ pair.
COLUMNS = {
    "title": ("question", "question (english)", "question_en", "english question", "q"),
    "body": ("answer", "answer (english)", "answer_en", "english answer", "a"),
    "title_zh_hant": (
        "問題",
        "问题",
        "question (chinese)",
        "question_zh",
        "question_zh_hant",
        "中文問題",
    ),
    "body_zh_hant": (
        "答案",
        "回答",
        "答覆",
        "answer (chinese)",
        "answer_zh",
        "answer_zh_hant",
        "中文答案",
    ),
    "link": ("link", "url", "連結", "链接", "網址"),
}


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


def _column_for(header: set[str]) -> dict[str, str]:
    lowered = {name.strip().lower(): name for name in header}
    found = {}
    for field_name, names in COLUMNS.items():
        for name in names:
            if name in lowered:
                found[field_name] = lowered[name]
                break
    return found


@transaction.atomic
def import_faqs(*, assistant: Assistant, upload: UploadedFile) -> ImportReport:
    """Add the FAQ pairs of a CSV or XLSX file; a question already there gets the new answer.
    Rows without a question and an answer in one language are reported, not saved."""
    try:
        upload.seek(0)
        table = read_spreadsheet(upload)
    except ImportFileError as error:
        raise AssistantError(str(error)) from error
    columns = _column_for(set(table.columns))
    has_english = {"title", "body"} <= columns.keys()
    has_chinese = {"title_zh_hant", "body_zh_hant"} <= columns.keys()
    if not (has_english or has_chinese):
        raise AssistantError(
            _("The file needs a “question” and an “answer” column (or “問題” and “答案”).")
        )
    if len(table.records) > MAX_FAQ_ROWS:
        raise AssistantError(
            _("The file has %(count)d rows; import at most %(limit)d at a time.")
            % {"count": len(table.records), "limit": MAX_FAQ_ROWS}
        )
    report = ImportReport()
    existing = {item.title.strip().lower(): item for item in assistant.knowledge.filter(kind="faq")}
    for record in table.records:
        values = {
            name: str(record.values.get(column) or "").strip() for name, column in columns.items()
        }
        english = values.get("title") and values.get("body")
        chinese = values.get("title_zh_hant") and values.get("body_zh_hant")
        if not (english or chinese):
            report.problems.append(
                _("Row %(row)d has no question with its answer; it was skipped.")
                % {"row": record.number}
            )
            continue
        key = (values.get("title") or values.get("title_zh_hant") or "").lower()
        item = existing.get(key) or KnowledgeItem(assistant=assistant, kind=KnowledgeItem.Kind.FAQ)
        created = item.pk is None
        item.title = values.get("title", "")[:500]
        item.body = values.get("body", "")
        item.title_zh_hant = values.get("title_zh_hant", "")[:500]
        item.body_zh_hant = values.get("body_zh_hant", "")
        link = values.get("link", "")
        item.link = link if link.startswith(("https://", "http://")) else ""
        save_item(item)
        existing[key] = item
        if created:
            report.added += 1
        else:
            report.updated += 1
    return report


def add_document(*, assistant: Assistant, upload: UploadedFile, title: str = "") -> KnowledgeItem:
    """A document's text as knowledge (PDF, Word, PowerPoint, Excel, text), read in a child
    process under the resource library's ceilings."""
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise AssistantError(_("The file is larger than 20 MB."))
    if (upload.name or "").lower().endswith((".txt", ".md")):
        return _save_document(assistant, _plain_text(upload), title or upload.name or "")
    try:
        file_type = detect_type(upload, filename=upload.name or "")
        upload.seek(0)
        data = upload.read()
        extracted = run_bounded(extract_text, data, file_type, passes=(UnsafeFileError,))
    except (UnsafeFileError, LimitExceeded) as error:
        raise AssistantError(str(error)) from error
    return _save_document(assistant, extracted.text, title or upload.name or "")


def _plain_text(upload: UploadedFile) -> str:
    data = upload.read()
    for encoding in ("utf-8-sig", "utf-16", "big5hkscs", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise AssistantError(_("The text file is not in a known encoding; save it as UTF-8."))


def _save_document(assistant: Assistant, text: str, title: str) -> KnowledgeItem:
    text = text.strip()
    if not text:
        raise AssistantError(_("No text could be read from this file."))
    name = (title or _("Document")).strip()[:500]
    chinese = is_chinese(text[:2000])
    item = KnowledgeItem(
        assistant=assistant,
        kind=KnowledgeItem.Kind.DOCUMENT,
        title=name,
        body="" if chinese else text,
        title_zh_hant=name if chinese else "",
        body_zh_hant=text if chinese else "",
    )
    return save_item(item)


def remove(*, item: KnowledgeItem) -> None:
    item.delete()
