"""A rule whose percentage is out of range is refused with its message, in the admin and the rules pages alike —
not a 500 from Django formatting a bare "%" in the constraint's message."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards.models import VoteRule
from campaigns.models import AwardForm, AwardFormKind, AwardTarget


@pytest.mark.django_db
def test_vote_rule_over_100_percent_is_refused_with_its_message():
    form = AwardForm.objects.create(
        code="ctd-thu", name="Cờ thi đua thử", kind=AwardFormKind.DANH_HIEU, target=AwardTarget.TAP_THE, authority="x"
    )
    rule = VoteRule(award_form=form, threshold_percent=Decimal("150"))
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "Tỷ lệ phải từ 0 đến 100 %." in str(refused.value)
