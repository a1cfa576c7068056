"""The Digital Assistant: assistants (each with a name, greeting, scope and allowed origins),
the knowledge editors curate for them (FAQ pairs and documents), conversations and their
exchanges (a question, the answer shown, its status and timings), feedback, and enquiries handed
over to a person."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.core.translated import TranslatedField


class Assistant(models.Model):
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = TranslatedField(models.CharField, verbose_name=_("name"), max_length=120)
    greeting = TranslatedField(models.TextField, verbose_name=_("greeting"), blank=True)
    scope = TranslatedField(
        models.TextField,
        verbose_name=_("what it answers"),
        blank=True,
        help_text=_(
            "One or two sentences shown to users and used to recognise questions outside its scope."
        ),
    )
    uses_hub_content = models.BooleanField(
        _("also answers from the hub's published content"),
        default=False,
        help_text=_("Otherwise it answers only from its own FAQ and documents."),
    )
    is_public = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_("Public assistants need no sign-in and can be embedded on department pages."),
    )
    allowed_origins = models.TextField(
        _("sites that may embed it"),
        blank=True,
        help_text=_("One origin per line, such as https://www.example.gov.hk"),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("questions per minute from one visitor"), default=6
    )
    requests_per_minute_total = models.PositiveIntegerField(
        _("questions per minute in all"), default=120
    )
    minutes_saved_per_enquiry = models.DecimalField(
        _("staff minutes saved by an enquiry answered without a person"),
        max_digits=6,
        decimal_places=1,
        default=6,
        help_text=_(
            "An assumption for estimates: the time an officer would spend answering "
            "the enquiry by phone or e-mail."
        ),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The bureau or department whose assistant it is: visitors' questions count "
            "under it in the manpower figures."
        ),
    )
    live = models.BooleanField(_("live"), default=True)

    class Meta:
        verbose_name = _("assistant")
        verbose_name_plural = _("assistants")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assistant:chat", args=[self.slug])

    @property
    def origins(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()
        ]

    @property
    def knowledge_token(self) -> str:
        """The search grant that opens this assistant's own knowledge, and nothing else."""
        return f"knowledge:{self.pk}"


class KnowledgeItem(models.Model):
    """One FAQ pair (question and answer) or one document, in English and Chinese."""

    class Kind(models.TextChoices):
        FAQ = "faq", _("FAQ")
        DOCUMENT = "document", _("Document")

    assistant = models.ForeignKey(
        Assistant, on_delete=models.CASCADE, related_name="knowledge", verbose_name=_("assistant")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.FAQ)
    title = TranslatedField(models.CharField, verbose_name=_("question or title"), max_length=500)
    body = TranslatedField(models.TextField, verbose_name=_("answer or text"))
    link = models.URLField(_("more information at"), blank=True)
    # Made by TranslatedField, declared for the type checker.
    title_zh_hant: str
    title_zh_hans: str
    body_zh_hant: str
    body_zh_hans: str
    # Normalised float32 embeddings of the question in each language written (FAQ matching).
    vectors = models.BinaryField(null=True, editable=False)
    vector_model = models.CharField(max_length=100, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["assistant", "kind", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistant:sources", args=[self.assistant.slug]) + "#" + self.anchor

    @property
    def anchor(self) -> str:
        return f"item-{self.pk}"


class Conversation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assistant = models.ForeignKey(Assistant, on_delete=models.CASCADE, related_name="conversations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, default="hub")  # hub, widget, api
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return str(self.uid)


class Status(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    PARTLY = "partly", _("Partly answered")
    UNANSWERABLE = "unanswerable", _("Not in the sources")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    BLOCKED = "blocked", _("Blocked")
    ERROR = "error", _("Error")


class Exchange(models.Model):
    """One question and the answer shown for it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        ANSWERING = "answering", _("Answering")
        DONE = "done", _("Done")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="exchanges"
    )
    assistant = models.ForeignKey(Assistant, on_delete=models.CASCADE, related_name="exchanges")
    question = models.TextField()
    language = models.CharField(max_length=10)  # of the answer: en, zh-hant, zh-hans
    state = models.CharField(max_length=10, choices=State.choices, default=State.DONE)
    status = models.CharField(max_length=14, choices=Status.choices, blank=True, db_index=True)
    reason = models.CharField(max_length=40, blank=True)  # why blocked or refused, for editors
    tier = models.CharField(max_length=10, blank=True)  # faq or model
    answer = models.TextField(blank=True)  # the sentences shown, with [n] markers
    # The sources retrieved, shown at once: [{"n", "title", "url", "text", "language"}].
    sources = models.JSONField(default=list)
    cited = models.JSONField(default=list)  # the source numbers the answer cites
    dropped_sentences = models.PositiveSmallIntegerField(default=0)
    # A salted hash of the visitor's address, for rate limits (never the address itself).
    client = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    seen_at = models.DateTimeField(default=timezone.now)  # last sign of life while waiting
    retrieval_ms = models.PositiveIntegerField(null=True)
    first_sentence_ms = models.PositiveIntegerField(null=True)
    total_ms = models.PositiveIntegerField(null=True)
    handed_over = models.BooleanField(default=False)
    # What the assistant offers to do for a signed-in officer, as chosen in the model's turn
    # (`choosing`): {"kind", "event", "title", "by"}; empty when nothing is offered. It is only
    # an offer: the page shows it as a button, checked against the reader's rights (`actions`).
    action = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="assistant_exchange_queue")]

    def __str__(self) -> str:
        return self.question[:60]


class Feedback(models.Model):
    class Reason(models.TextChoices):
        WRONG = "wrong", _("It is wrong")
        UNCLEAR = "unclear", _("It is unclear")
        INCOMPLETE = "incomplete", _("Something is missing")
        NOT_RELEVANT = "not_relevant", _("It does not answer my question")
        OTHER = "other", _("Other")

    exchange = models.OneToOneField(Exchange, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{'+' if self.helpful else '-'} {self.reason}"


class Enquiry(models.Model):
    """A conversation handed over to a person from the public widget (signed-in officers get
    an advice request instead)."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        REPLIED = "replied", _("Replied")
        CLOSED = "closed", _("Closed")

    assistant = models.ForeignKey(Assistant, on_delete=models.CASCADE, related_name="enquiries")
    conversation = models.ForeignKey(
        Conversation, null=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    question = models.TextField(_("question"))
    contact = models.EmailField(_("e-mail for the reply"), blank=True)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    faq = models.ForeignKey(
        KnowledgeItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.question[:60]
