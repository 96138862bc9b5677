"""The captcha's non-visual alternatives: a spoken code in French (clips joined in Python,
no program on the server), and the phone always."""

import io
import re
import wave

import pytest
from captcha.models import CaptchaStore

from accounts.captcha_audio import ALPHABET, CLIPS, challenge, spoken_code

pytestmark = pytest.mark.django_db

AUDIO = re.compile(r'href="(/electeur/code-securite/[0-9a-f]+/audio/)"')


def frames(audio: bytes) -> int:
    with wave.open(io.BytesIO(audio)) as heard:
        assert (heard.getnchannels(), heard.getsampwidth()) == (1, 2)
        return heard.getnframes()


def test_the_sign_up_page_always_offers_the_code_to_hear_and_the_phone(client):
    page = client.get("/electeur/creer-compte/").content.decode()

    url = AUDIO.search(page).group(1)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert "no-store" in response["Cache-Control"]
    code = CaptchaStore.objects.get(hashkey=url.split("/")[-3]).challenge
    assert response.content == spoken_code(code)
    assert frames(response.content) > 0
    assert "Appelez le guichet unique au 0810 76 76 76" in page


def test_the_audio_is_a_valid_wav_that_grows_with_the_code():
    short, longer = spoken_code("ACF"), spoken_code("ACFHJ")

    assert frames(longer) > frames(short) > 0
    # Each letter is heard twice: two more letters add two clips and two pauses, twice.
    assert frames(spoken_code("AAAAA")) - frames(spoken_code("AAA")) == (
        2 * (frames(spoken_code("AAAA")) - frames(spoken_code("AAA")))
    )


def test_every_letter_the_captcha_draws_has_its_clip_and_the_clips_stay_small(settings):
    for _ in range(50):
        shown, answer = challenge()
        assert len(shown) == settings.CAPTCHA_LENGTH and answer == shown.lower()
        assert set(shown) <= set(ALPHABET)
    assert {path.stem for path in CLIPS.glob("*.wav")} >= set(ALPHABET)
    assert sum(path.stat().st_size for path in CLIPS.glob("*.wav")) < 300_000
    # No look-alikes, on screen or spelled aloud in French.
    for pair in ("BD", "DP", "PT", "MN", "GJ", "IL", "OQ", "UV"):
        assert not set(pair) <= set(ALPHABET), pair


def test_an_unknown_or_expired_code_has_no_audio(client):
    assert client.get("/electeur/code-securite/0123abcd/audio/").status_code == 404
    key = CaptchaStore.generate_key()
    CaptchaStore.objects.filter(hashkey=key).update(expiration="2000-01-01T00:00:00Z")
    assert client.get(f"/electeur/code-securite/{key}/audio/").status_code == 404
