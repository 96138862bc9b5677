"""Models of the ballots app, one module per concern."""

from .board import (
    BallotAlpha,
    Board,
    BoardEvent,
    ElectionKey,
    EncryptedTotal,
    PublicCredential,
    Trustee,
)
from .campaign import Campaign
from .incidents import Incident
from .mailings import OpeningMail
from .notices import NoticeReplacement
from .profile_requests import ProfileUpdateRequest
from .results import ListResult, ScrutinResult
from .scrutins import Candidate, CandidateList, RollEntry, Scrutin
from .voting import CodeAttempts, Participation, Seal, TurnoutScrutin, VotingExtension

__all__ = ["Campaign", "Candidate", "CandidateList", "OpeningMail", "RollEntry", "Scrutin"]
__all__ += ["Incident", "NoticeReplacement", "ProfileUpdateRequest"]
__all__ += [
    "BallotAlpha",
    "Board",
    "BoardEvent",
    "CodeAttempts",
    "ElectionKey",
    "EncryptedTotal",
    "ListResult",
    "Participation",
    "PublicCredential",
    "ScrutinResult",
    "Seal",
    "Trustee",
    "TurnoutScrutin",
    "VotingExtension",
]
