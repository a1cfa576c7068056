import factory
from django.core.files.base import ContentFile

from aiplus.resources import samples
from aiplus.resources.models import Resource


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published resource with a real one-page PDF, already read (extraction done)."""

    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Guide {n}")
    kind = Resource.Kind.GUIDE
    file_type = "pdf"
    visibility = Resource.Visibility.PUBLIC
    extraction_status = Resource.Extraction.DONE
    file = factory.LazyAttribute(
        lambda resource: ContentFile(samples.make_pdf([[resource.title]]), name="guide.pdf")
    )
