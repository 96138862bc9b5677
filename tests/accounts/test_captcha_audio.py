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


@pytest.fixture
def stand_in_speech(tmp_path, settings):
    """A stand-in for espeak-ng: writes a tiny WAV file and records its arguments."""
    arguments = tmp_path / "arguments"
    program = tmp_path / "speak"
    program.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{arguments}"\n'
        'while [ $# -gt 0 ]; do [ "$1" = -w ] && out="$2"; shift; done\n'
        'printf "RIFF0000WAVEfmt " > "$out"\n'
    )
    program.chmod(0o755)
    settings.CAPTCHA_SPEECH_BINARY = str(program)
    return arguments


def test_the_audio_link_spells_the_pages_code_in_french_twice(client, stand_in_speech):
    page = client.get("/electeur/creer-compte/").content.decode()
    url = AUDIO.search(page).group(1)
    challenge = CaptchaStore.objects.get(hashkey=url.split("/")[-3]).challenge.upper()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response.content.startswith(b"RIFF")
    arguments = stand_in_speech.read_text().splitlines()
    assert arguments[:2] == ["-v", "fr"]
    spelled = ", ".join(challenge)
    assert arguments[-1] == f"{spelled}. . {spelled}."


def test_an_expired_code_has_no_audio(client, stand_in_speech):
    key = CaptchaStore.generate_key()
    CaptchaStore.objects.filter(hashkey=key).update(expiration="2000-01-01T00:00:00Z")

    assert client.get(f"/electeur/code-securite/{key}/audio/").status_code == 404
    assert not stand_in_speech.exists()
