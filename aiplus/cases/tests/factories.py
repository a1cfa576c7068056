import factory

from aiplus.cases.models import Case, Collection


class StoryFactory(factory.django.DjangoModelFactory):
    """A published Hong Kong success story."""

    class Meta:
        model = Case

    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    collection = Collection.STORY
    summary = "Drafts checked, not written."
    live = True


class UseCaseFactory(StoryFactory):
    """A published use case imported from a public inventory."""

    title = factory.Sequence(lambda n: f"Use case {n}")
    slug = factory.Sequence(lambda n: f"use-case-{n}")
    collection = Collection.INVENTORY
    source = "us-federal-2024"
    source_key = factory.Sequence(lambda n: f"key-{n}")
    source_organisation = "Department of Examples"
