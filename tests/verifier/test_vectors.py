"""The test vectors printed in docs/protocol.md are the code's."""

import re
from pathlib import Path

from verifier.vectors import vectors

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def test_documented_vectors_match_the_code():
    block = re.search(r"<!-- vectors -->\n```\n(.*?)```\n<!-- /vectors -->", DOC.read_text(), re.S)
    assert block, "the vectors block is missing from docs/protocol.md"
    documented = dict(line.split(": ", 1) for line in block.group(1).strip().splitlines())
    computed = {key: str(value) for key, value in vectors().items()}
    assert documented == computed
