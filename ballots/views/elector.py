"""The elector's scrutins: /electeur/scrutins/, one scrutin, its electoral roll."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from ballots.page_fragments import my_scrutin_cards, scrutin_page_body
from ballots.selectors import ScrutinAmbiguous, by_campaign, my_scrutin, my_scrutins, roll_entries
from ballots.selectors_voting import published_result

from .access import ElectorRequiredMixin, choose_campaign

ROLL_PAGE_SIZE = 50


class MyScrutinsView(ElectorRequiredMixin, TemplateView):
    template_name = "ballots/my_scrutins.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = my_scrutins(agent=self.request.user.agent_id, at=timezone.now(), with_lists=False)
        shared = dict(
            zip((card.scrutin.pk for card in cards), my_scrutin_cards(cards), strict=True)
        )
        context["cards"] = cards
        context["groups"] = [
            (campaign, [shared[card.scrutin.pk] for card in group])
            for campaign, group in by_campaign(cards)
        ]
        return context


class MyScrutinMixin(ElectorRequiredMixin):
    """`self.card`: one of my scrutins (read after the access checks); any other code is a 404.

    `?campagne=<slug>` names the campaign; without it a code that is mine in several
    current campaigns answers the page that lets me choose."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ScrutinAmbiguous as error:
            return choose_campaign(request, error)

    @cached_property
    def card(self):
        card = my_scrutin(
            agent=self.request.user.agent_id,
            code=self.kwargs["code"],
            at=timezone.now(),
            campaign=self.request.GET.get("campagne", ""),
            with_lists=False,
        )
        if card is None:
            raise Http404("not on this roll")
        return card


class ScrutinView(MyScrutinMixin, TemplateView):
    template_name = "ballots/scrutin.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = self.card
        context["body"] = scrutin_page_body(self.card)
        context["sheet"] = published_result(self.card.scrutin, at=timezone.now())
        return context


class RollView(MyScrutinMixin, TemplateView):
    """The roll, only to the scrutin's electors and only from the roll date."""

    template_name = "ballots/roll.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if not self.card.rolls_available:
            return self.render_to_response(context, status=403)
        search = request.GET.get("q", "").strip()[:100]
        paginator = Paginator(
            roll_entries(scrutin=self.card.scrutin, search=search), ROLL_PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("page"))
        context.update(search=search, page=page, paginator=paginator)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = self.card
        return context
