"""Moving a test Cụm through its year with the services, as its people would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from emulation.clusters import services
from emulation.clusters.models import Score, ScoringRound
from emulation.clusters.tests.factories import Cum

# Hand-scored points per Sở and criterion key (the automatic criterion is computed).
POINTS = {
    "a": {"scale": 9, "yesno": 5, "bonus": 3, "penalty": 0},
    "b": {"scale": 8, "yesno": 5, "bonus": 2, "penalty": 0},
    "c": {"scale": 7, "yesno": 5, "bonus": 1, "penalty": -1},
    "d": {"scale": 6, "yesno": 0, "bonus": 0, "penalty": 0},
}


def open_round(cum: Cum) -> ScoringRound:
    return services.round_open(cluster=cum.cluster, user=cum.offices["a"], table=cum.table, campaign=cum.campaign)


def score_of(scoring: ScoringRound, cum: Cum, key: str, criterion: str) -> Score:
    return Score.objects.get(round=scoring, unit=cum.sos[key], criterion=cum.criteria[criterion])


def self_score(scoring: ScoringRound, cum: Cum, key: str, points: dict[str, int] | None = None) -> None:
    points = points if points is not None else POINTS[key]
    entries = [
        services.SelfEntry(score_of(scoring, cum, key, name).pk, Decimal(value), f"Minh chứng {name}")
        for name, value in points.items()
    ]
    services.self_score_save(scoring=scoring, unit=cum.sos[key], user=cum.offices[key], entries=entries)


def through_self_scoring(cum: Cum) -> ScoringRound:
    scoring = open_round(cum)
    for key in "abcd":
        self_score(scoring, cum, key)
    return services.round_start_cross_check(scoring=scoring, user=cum.offices["a"])


def agree(cum: Cum, scoring: ScoringRound) -> ScoringRound:
    return services.round_agree(
        scoring=scoring,
        user=cum.offices["a"],
        meeting_date=dt.date(2023, 12, 15),
        meeting_place="Sở A",
        meeting_present="Sở A\nSở B\nSở C\nSở D",
        meeting_secretary="Nguyễn Thư Ký",
        meeting_number="01",
    )
