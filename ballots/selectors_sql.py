"""The hot reads of the elector space and of the vote, in explicit SQL (all of it here).

Every view of the elector space and every step of a vote read the elector's scrutins
with their campaign, seal, the elector's public credential and émargement. Built through the
ORM at each request (filters, select_related, subqueries), that read cost more CPU than
PostgreSQL takes to run it (a third of the workers' Python time at the peak of a vote).
The statement below is written once, runs on SQLite and PostgreSQL, and its rows become
model instances through `Model.from_db`. Table names are written out; column lists come
from the models, so a new field is read too. Values always go as parameters. PostgreSQL
plans it once per connection (core/sql.py, `execute_planned_once`): planning the join
cost it more than running it.

`tests/ballots/voting/test_sql_reads.py` checks that it answers as the ORM would.
"""

from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

from core.sql import execute_planned_once
from webmail_auth.models import Academie

from .models import Campaign, Scrutin, Seal

# (alias in the SQL, model): each row holds these models' columns, in this order.
_JOINED = (("s", Scrutin), ("a", Academie), ("c", Campaign), ("se", Seal))


def _columns() -> str:
    return ", ".join(
        f"{alias}.{field.column}"
        for alias, model in _JOINED
        for field in model._meta.concrete_fields
    )


# Every campaign's scrutins: callers keep the current campaigns' (`Campaign.is_current`),
# so the SQL does not depend on the time. The roll entry is unique per (scrutin, agent),
# the émargement per (agent, scrutin).
MY_SCRUTINS_SQL = f"""
    SELECT {_columns()}, p.voted_at, pc.credential
    FROM ballots_scrutin s
    JOIN ballots_rollentry r ON r.scrutin_id = s.id AND r.agent_id = %s
    JOIN ballots_campaign c ON c.id = s.campaign_id
    LEFT JOIN webmail_auth_academie a ON a.id = s.academie_id
    LEFT JOIN ballots_seal se ON se.campaign_id = c.id
    LEFT JOIN ballots_participation p ON p.scrutin_id = s.id AND p.agent_id = %s
    LEFT JOIN ballots_publiccredential pc
        ON pc.scrutin_id = s.id AND pc.agent_id = %s AND NOT pc.replaced
"""  # noqa: S608 (identifiers from the models; every value is a parameter)
# Campaigns by opening then slug (unique), as `CampaignQuerySet.in_order`.
_ORDER = " ORDER BY c.voting_opens, c.slug, s.code"
ALL_OF_THEM = MY_SCRUTINS_SQL + _ORDER
ONE_OF_THEM = MY_SCRUTINS_SQL + " WHERE s.code = %s" + _ORDER


def scrutins_of_agent(*, agent_id: int, code: str | None = None) -> list[Scrutin]:
    """Every campaign's scrutins whose roll lists the agent (only `code` if given: one per
    campaign at most), by campaign (opening, slug) then code, each with its academie, its
    campaign (one instance per campaign, with its seal when it exists), `my_voted_at` (when
    the agent voted in it) and `my_credential` (the agent's public credential): one query."""
    connection = connections[DEFAULT_DB_ALIAS]
    params = [agent_id] * 3 + ([] if code is None else [code])
    with connection.cursor() as cursor:
        execute_planned_once(cursor, ALL_OF_THEM if code is None else ONE_OF_THEM, params)
        rows = cursor.fetchall()
    campaigns: dict[int, Campaign] = {}
    scrutins = []
    for row in rows:
        values = iter(row)
        scrutin, academie, campaign, seal = (_instance(model, values) for _, model in _JOINED)
        scrutin.my_voted_at = _aware(next(values))
        scrutin.my_credential = next(values)
        if campaign.pk not in campaigns:
            campaigns[campaign.pk] = _with_seal(campaign, seal=seal)
        scrutin.campaign = campaigns[campaign.pk]
        if academie is not None:
            scrutin.academie = academie
        scrutins.append(scrutin)
    return scrutins


def _with_seal(campaign: Campaign, *, seal: Seal | None):
    """The campaign with its seal read in the same row (the public reverse one-to-one
    assignment: no query later). Without it, asking for it is a query, as after
    `Campaign.objects.get()`: only before the seal, when no vote can be cast."""
    if seal is not None:
        campaign.seal = seal
    return campaign


def _instance(model: type[Model], values) -> Model | None:
    fields = model._meta.concrete_fields
    row = [_aware(next(values)) for _ in fields]
    if row[fields.index(model._meta.pk)] is None:  # a LEFT JOIN that found no row
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    for index, field in enumerate(fields):
        if hasattr(field, "from_db_value"):
            row[index] = field.from_db_value(row[index], None, connection)
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], row)


def _aware(value):
    """Datetimes as the ORM gives them: SQLite hands back the UTC instants Django stored
    (USE_TZ) as naive values, PostgreSQL aware ones."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
