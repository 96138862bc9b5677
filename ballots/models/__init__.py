"""Models of the ballots app, one module per concern."""

from .campaign import Campaign
from .scrutins import Candidate, CandidateList, RollEntry, Scrutin

__all__ = ["Campaign", "Candidate", "CandidateList", "RollEntry", "Scrutin"]
