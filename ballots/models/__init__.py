"""Models of the ballots app, one module per concern."""

from .campaign import Campaign
from .mailings import OpeningMail
from .profile_requests import ProfileUpdateRequest
from .results import ListResult, ScrutinResult
from .scrutins import Candidate, CandidateList, RollEntry, Scrutin
from .voting import (
    Ballot,
    ElectionKey,
    KeyShareFingerprint,
    Participation,
    Seal,
    TurnoutScrutin,
    VotingExtension,
)

__all__ = ["Campaign", "Candidate", "CandidateList", "OpeningMail", "RollEntry", "Scrutin"]
__all__ += ["ProfileUpdateRequest"]
__all__ += [
    "Ballot",
    "ElectionKey",
    "KeyShareFingerprint",
    "ListResult",
    "Participation",
    "ScrutinResult",
    "Seal",
    "TurnoutScrutin",
    "VotingExtension",
]
