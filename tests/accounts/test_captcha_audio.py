"""The captcha's non-visual alternatives: a spoken code (espeak-ng), the phone always."""

import re
import shutil

import pytest
from captcha.models import CaptchaStore

pytestmark = pytest.mark.django_db

AUDIO = re.compile(r'href="(/electeur/code-securite/[0-9a-f]+/audio/)"')


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_code_can_be_heard_in_french(client):
    page = client.get("/electeur/creer-compte/").content.decode()
    url = AUDIO.search(page).group(1)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF"


def test_without_the_speech_program_no_audio_link_is_offered_but_the_phone_is(client, settings):
    settings.CAPTCHA_SPEECH_BINARY = "no-such-speech-program"

    page = client.get("/electeur/creer-compte/").content.decode()

    assert AUDIO.search(page) is None
    assert "Appelez le guichet unique au 0810 76 76 76" in page
    key = CaptchaStore.generate_key()
    assert client.get(f"/electeur/code-securite/{key}/audio/").status_code == 404


def test_an_unknown_code_has_no_audio(client):
    assert client.get("/electeur/code-securite/0123abcd/audio/").status_code == 404
