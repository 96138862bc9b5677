"""After a receipt, the way on: a "Voter" button to the next of my scrutins still open to my
vote (never the paper one), then a word that nothing is left."""

import pytest


@pytest.fixture
def voter(client, electors, sealed, clock):
    client.force_login(electors[0])  # on CTA-GRE and CAPD-38 (internet), CCP-PAP (paper)
    client.voting_code = sealed[electors[0].agent.identifier]
    return client


def cast(client, code: str, choice: str) -> str:
    url = f"/electeur/scrutins/{code}/voter/"
    data = {"choice": choice, "code": client.voting_code, "confirm": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_receipt_leads_to_the_next_scrutin_then_says_all_is_done(voter, scrutins, choice_of):
    first = cast(voter, "CTA-GRE", choice_of(scrutins["cta"], "FSU"))

    assert "Scrutin suivant" in first
    assert 'href="/electeur/scrutins/CAPD-38/voter/?campagne=electionspro2014"' in first
    assert "CCP-PAP/voter" not in first

    last = cast(voter, "CAPD-38", choice_of(scrutins["capd"], "SE"))

    assert "Scrutin suivant" not in last
    assert "Vous avez voté à tous vos scrutins par internet" in last
