"""The search index: documents (one per indexed item), their passages, and the keyword
postings with the term statistics BM25 needs, kept in ordinary tables so that both databases
rank with the same formula on the same numbers (docs/decisions/0011-search.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.jobs.models import Job, Step
from aiplus.core.translated import TranslatedField


class Access(models.IntegerChoices):
    """Who may find a document, from the index alone (results are re-checked live too)."""

    PUBLIC = 0, _("Everyone")
    SIGNED_IN = 1, _("Signed-in users")
    RESTRICTED = 2, _("Chosen roles and organisations")


class Document(models.Model):
    source = models.CharField(_("source"), max_length=40)
    key = models.CharField(_("key"), max_length=100)
    kind = models.CharField(_("type"), max_length=40, db_index=True)
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=500)
    url = models.CharField(_("address"), max_length=500)
    access = models.PositiveSmallIntegerField(
        _("access"), choices=Access.choices, default=Access.PUBLIC
    )
    fingerprint = models.CharField(max_length=64, blank=True)  # of what was indexed
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="unique_search_document")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"


class Grant(models.Model):
    """A token that opens a restricted document: `role:<name>`, `org:<id>` or `user:<id>`."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="grants")
    token = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["token", "document"])]

    def __str__(self) -> str:
        return self.token


class Passage(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    language = models.CharField(max_length=10)  # en, zh-hant, zh-hans
    heading = models.CharField(max_length=300, blank=True)
    # Appended to the document's URL to open this passage: "#problem", "#page=3".
    anchor = models.CharField(max_length=100, blank=True)
    text = models.TextField()
    length = models.PositiveIntegerField(default=0)  # in tokens
    access = models.PositiveSmallIntegerField(choices=Access.choices, default=Access.PUBLIC)
    # Normalised float32 sentence embedding (search.vectors); empty until embedded.
    embedding = models.BinaryField(null=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return f"{self.document}#{self.position}"


class Posting(models.Model):
    """One term of one passage. Passage length and access are copied here so that a keyword
    query reads this table alone, through one covering index."""

    term = models.CharField(max_length=64)
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, db_index=False)
    frequency = models.PositiveIntegerField()
    length = models.PositiveIntegerField()
    access = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["term", "access", "passage", "frequency", "length"],
                name="search_posting_lookup",
            ),
            models.Index(fields=["passage"], name="search_posting_passage"),
        ]

    def __str__(self) -> str:
        return self.term


class Term(models.Model):
    """How many passages hold each term (BM25's document frequency), and the vocabulary that
    typo correction and suggestions draw on."""

    term = models.CharField(max_length=64, primary_key=True)
    passages = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.term


class ReindexJob(Job):
    """Rebuilds the whole index, one source per step (a killed worker resumes at the next)."""

    sources = models.JSONField(default=list)

    def steps(self) -> list[Step]:
        from aiplus.search import indexing

        return [
            Step(name=source, run=indexing.reindex_step(source), label=source)
            for source in self.sources
        ]


class QueryLog(models.Model):
    """One search made on the search page, without who made it: what was asked, in which
    language, how many results, and the rank of the first result opened (if any). Editors see
    the queries that found nothing or were not followed: gaps to fill with content."""

    query = models.CharField(_("query"), max_length=200, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    results = models.PositiveIntegerField(_("results"))
    clicked_rank = models.PositiveIntegerField(_("rank opened"), null=True, blank=True)
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self) -> str:
        return self.query
