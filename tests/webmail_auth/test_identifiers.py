"""Identifier and professional address derivation (rules in docs/interface.md), table-driven."""

import unicodedata

import pytest

from webmail_auth.identifiers import (
    address_base,
    fold,
    identifier_base,
    numbered_address,
    numbered_identifier,
)

DOMAIN = "ac-grenoble.fr"

# first name, surname, webmail identifier, professional address
NAMES = [
    ("Vincent", "Dupont", "vdupont", "vincent.dupont@ac-grenoble.fr"),
    ("Valérie", "Dupont", "vdupont", "valerie.dupont@ac-grenoble.fr"),
    ("Jean-François", "Le Gall", "jlegall", "jean-francois.le-gall@ac-grenoble.fr"),
    ("Aïssatou", "N'Diaye", "andiaye", "aissatou.ndiaye@ac-grenoble.fr"),
    ("Aïssatou", "N’Diaye", "andiaye", "aissatou.ndiaye@ac-grenoble.fr"),  # typographic ’
    (
        "Marie Claire",
        "de La Fontaine",
        "mdelafontaine",
        "marie-claire.de-la-fontaine@ac-grenoble.fr",
    ),
    ("Cécile", "Œuvrard", "coeuvrard", "cecile.oeuvrard@ac-grenoble.fr"),
    ("Zoé", "Lætitia", "zlaetitia", "zoe.laetitia@ac-grenoble.fr"),
    ("Ömer", "Çelik", "ocelik", "omer.celik@ac-grenoble.fr"),
    ("Antoine", "Saint-Exupéry", "asaintexupery", "antoine.saint-exupery@ac-grenoble.fr"),
    ("Ève", "Müller-Lefèbvre", "emullerlefebvre", "eve.muller-lefebvre@ac-grenoble.fr"),
    ("Jean Baptiste", "D'Alembert", "jdalembert", "jean-baptiste.dalembert@ac-grenoble.fr"),
    ("Hélène", "Lefèvre", "hlefevre", "helene.lefevre@ac-grenoble.fr"),
    ("ÉLODIE", "DURAND-MARTIN", "edurandmartin", "elodie.durand-martin@ac-grenoble.fr"),
    ("  Paul ", " Martin  ", "pmartin", "paul.martin@ac-grenoble.fr"),
    ("Jean  -  Pierre", "Le   Roux", "jleroux", "jean-pierre.le-roux@ac-grenoble.fr"),
    ("Anne–Sophie", "Dupré", "adupre", "anne-sophie.dupre@ac-grenoble.fr"),  # en dash
    ("Œdipe", "Ægir", "oaegir", "oedipe.aegir@ac-grenoble.fr"),
    ("Søren", "Łukasz", "slukasz", "soren.lukasz@ac-grenoble.fr"),
    ("Thomas", "O`Neil", "toneil", "thomas.oneil@ac-grenoble.fr"),
]


@pytest.mark.parametrize(("first", "last", "identifier", "address"), NAMES)
def test_names_give_the_documented_identifier_and_address(first, last, identifier, address):
    assert identifier_base(first, last) == identifier
    assert address_base(first, last, DOMAIN) == address


@pytest.mark.parametrize(("first", "last", "identifier", "address"), NAMES)
def test_decomposed_unicode_gives_the_same_result_as_composed(first, last, identifier, address):
    first_nfd = unicodedata.normalize("NFD", first)
    last_nfd = unicodedata.normalize("NFD", last)
    assert identifier_base(first_nfd, last_nfd) == identifier
    assert address_base(first_nfd, last_nfd, DOMAIN) == address


def test_folding_drops_accents_and_expands_ligatures():
    assert fold("Æsop Œuvre Élève") == "aesop oeuvre eleve"


def test_a_name_without_latin_letters_has_no_identifier():
    assert identifier_base("Андрей", "Иванов") == ""
    assert address_base("Андрей", "Иванов", DOMAIN) == ""


def test_homonyms_get_a_number_after_the_surname_part():
    assert numbered_identifier("vdupont", 1) == "vdupont"
    assert numbered_identifier("vdupont", 2) == "vdupont2"
    assert numbered_address("vincent.dupont@ac-grenoble.fr", 1) == "vincent.dupont@ac-grenoble.fr"
    assert numbered_address("vincent.dupont@ac-grenoble.fr", 3) == "vincent.dupont3@ac-grenoble.fr"


def test_the_domain_is_lower_case():
    assert address_base("Paul", "Martin", "AC-Grenoble.FR ") == "paul.martin@ac-grenoble.fr"
