import factory

from aiplus.accounts import services
from aiplus.accounts.models import Organisation, User

TEST_PASSWORD = "Correct-Horse-42!"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST{n}")
    kind = Organisation.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"Test Department {n}")
    name_zh_hant = factory.Sequence(lambda n: f"測試部門{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create and extracted:
            services.set_roles(user=self, roles=extracted)
