"""The parts of the elector pages that are the same for every elector of a scrutin.

Once a campaign is sealed, its scrutins, lists and candidates cannot change (see
`ensure_campaign_editable` and the read-only admin), so what they render depends only on
the scrutin, the seal, the close date (the one change allowed after sealing, an
extension), the phase of the calendar (what is published, whether the vote is open) and
the language. Those parts are rendered once per process and kept in the "fragments"
cache; everything that is the elector's own (whether and when they voted, the results
sheet) is rendered at each request around them. Before sealing nothing is cached.

Nothing here is personal: a fragment is shared by all electors of a scrutin, and its key
holds no elector.
"""

from collections.abc import Callable

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .selectors import ScrutinCard, load_lists


def _phase(card: ScrutinCard) -> str:
    flags = (
        card.rolls_available,
        card.candidacies_available,
        card.voting_not_yet_open,
        card.voting_open,
        card.voting_closed,
        card.results_available,
    )
    return "".join("1" if flag else "0" for flag in flags)


def fragment_key(kind: str, card: ScrutinCard) -> str | None:
    """The cache key of `kind` for this card, or None while its campaign is not sealed."""
    campaign = card.campaign
    if not campaign.is_sealed:
        return None
    seal = campaign.seal
    # The fingerprint, not only the seal's id: a database rebuilt under a running server
    # (the demo) may reuse ids, never a fingerprint for a different configuration.
    closes = int(campaign.voting_closes.timestamp())
    return f"{kind}:{card.scrutin.pk}:{seal.fingerprint}:{closes}:{_phase(card)}:{get_language()}"


def shared_fragments(
    kind: str,
    cards: list[ScrutinCard],
    template: str,
    *,
    load: Callable[[list[ScrutinCard]], None],
) -> list[SafeString]:
    """`template` rendered for each card, from the cache when it can be.

    `load(cards)` reads what the template needs (the lists) for the cards not found in the
    cache, all at once, before they are rendered.
    """
    cache = caches["fragments"]
    keys = [fragment_key(kind, card) for card in cards]
    found = cache.get_many([key for key in keys if key is not None])
    missing = [card for card, key in zip(cards, keys, strict=True) if key not in found]
    if missing:
        load(missing)
    rendered = []
    for card, key in zip(cards, keys, strict=True):
        html = found.get(key) if key is not None else None
        if html is None:
            html = render_to_string(template, {"card": card})
            if key is not None:
                cache.set(key, html)
        rendered.append(mark_safe(html))  # noqa: S308 (rendered by our own template)
    return rendered


def my_scrutin_cards(cards: list[ScrutinCard]) -> list[tuple[ScrutinCard, SafeString]]:
    """The cards of "mes scrutins", each with its shared part (title, badges, calendar, lists)."""
    template = "ballots/includes/my_scrutin_card.html"
    parts = shared_fragments("my-card", cards, template, load=load_lists)
    return list(zip(cards, parts, strict=True))


def scrutin_page_body(card: ScrutinCard) -> SafeString:
    """One scrutin's page below the vote: calendar, roll link, lists and candidates."""
    (body,) = shared_fragments(
        "scrutin-page",
        [card],
        "ballots/includes/scrutin_body.html",
        load=lambda cards: load_lists(cards, candidates=True),
    )
    return body
