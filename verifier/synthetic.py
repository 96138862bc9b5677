"""Synthetic elections built with the pure functions: for tests, benchmarks and demos."""

from verifier import group as G
from verifier.codes import new_voting_code
from verifier.credentials import credential_list_hash, derive_credential
from verifier.manifest import Manifest


def single_key_manifest(*, slots=("Vote blanc", "FSU", "UNSA", "SNALC"), credentials=(), x=None):
    """A manifest with one trustee holding x (n = k = 1); returns (manifest, x)."""
    x = x or G.random_scalar()
    y = G.base_mul(x).hex()
    manifest = Manifest(
        campaign="elections2026",
        scrutin="CAPA-CERT",
        title="CAPA des certifiés",
        slots=tuple(slots),
        seats=3,
        public_key=y,
        n=1,
        k=1,
        verification_keys=(y,),
        commitments=((y,),),
        credentials_hash=credential_list_hash(credentials),
        booth={},
    )
    return manifest, x


def elector(manifest):
    """A fresh voting code and its credential for the manifest's scrutin."""
    code = new_voting_code()
    secret, public = derive_credential(
        code=code, campaign=manifest.campaign, scrutin=manifest.scrutin
    )
    return code, secret, public.hex()
