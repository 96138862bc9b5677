"""The one home of the test data factories (factory_boy): the Académie, its agents and
the elector accounts. Each folder's conftest.py wraps them in fixtures of the same names
(`academie`, `make_agent`, `make_elector`) so the tests keep their signatures."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from accounts.models import User
from webmail_auth.models import Academie, Agent

PASSWORD = "Electeur2014"


class AcademieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Academie
        django_get_or_create = ("code",)

    code = "grenoble"
    name = "Grenoble"
    mail_domain = "ac-grenoble.fr"
    numen_code = "08"


class AgentFactory(factory.django.DjangoModelFactory):
    """An agent of the directory; `identifier` gives the default digest and address."""

    class Meta:
        model = Agent

    academie = factory.SubFactory(AcademieFactory)
    identifier = factory.Sequence(lambda n: f"agent{n}")
    numen_digest = factory.LazyAttribute(lambda o: f"digest-{o.identifier}")
    surname = factory.LazyAttribute(lambda o: o.identifier)
    first_name = "Agent"
    email = factory.LazyAttribute(lambda o: f"{o.identifier}@{o.academie.mail_domain}")


class ElectorFactory(factory.django.DjangoModelFactory):
    """A confirmed elector account (User) for an agent; the password is hashed as in sign-up."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    agent = factory.SubFactory(AgentFactory)
    email = factory.LazyAttribute(lambda o: o.agent.email if o.agent else "admin@example.org")
    password = PASSWORD
    confirmed_at = factory.LazyFunction(
        lambda: datetime(2014, 11, 1, tzinfo=ZoneInfo("Europe/Paris"))
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        email, password = kwargs.pop("email"), kwargs.pop("password")
        return model_class.objects.create_user(email, password, *args, **kwargs)
