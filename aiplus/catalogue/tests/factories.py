import factory

from aiplus.accounts.models import Organisation
from aiplus.accounts.tests.factories import OrganisationFactory
from aiplus.catalogue.models import Capability, Solution, Task


class VendorFactory(OrganisationFactory):
    code = factory.Sequence(lambda n: f"VENDOR{n}")
    kind = Organisation.Kind.COMPANY
    name = factory.Sequence(lambda n: f"Vendor {n} Ltd")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    name = factory.Sequence(lambda n: f"Goal {n}")
    slug = factory.Sequence(lambda n: f"goal-{n}")


class TaskFactory(GoalFactory):
    name = factory.Sequence(lambda n: f"Task {n}")
    slug = factory.Sequence(lambda n: f"task-{n}")
    parent = factory.SubFactory(GoalFactory)


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capability

    name = factory.Sequence(lambda n: f"Capability {n}")
    slug = factory.Sequence(lambda n: f"capability-{n}")


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Solution {n}")
    slug = factory.Sequence(lambda n: f"solution-{n}")
    vendor = factory.SubFactory(VendorFactory)
    summary = "Does useful things."
    live = True

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tasks.set(extracted)
            self.save()

    @factory.post_generation
    def capabilities(self, create, extracted, **kwargs):
        if create and extracted:
            self.capabilities.set(extracted)
            self.save()

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations_using.set(extracted)
            self.save()
