"""SCORE Platform: runs an SME upgrading programme of the ILO SCORE kind end to end."""

__version__ = "0.1.0"
