"""Every write to targets, submissions and figures. State changes are logged with who, when and why."""

from __future__ import annotations

import copy
import datetime
import functools
import logging
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from campaigns.models import ReportingPeriod, Role, Unit, User
from campaigns.scope import scope_for
from campaigns.services import four_eyes_check
from emulation.lib.db import CompiledRead, prepared_statements
from emulation.lib.errors import DomainError, StaleEditError, claim_version
from emulation.lib.vn import NumberError, format_number, parse_number
from indicators import plausibility
from indicators.models import (
    Entry,
    Indicator,
    Submission,
    SubmissionEvent,
    SubmissionReminder,
    SubmissionStatus,
    Target,
    Value,
)
from indicators.selectors import figures_of, previous_figures

HUNDRED = Decimal(100)
logger = logging.getLogger(__name__)


def targets_for(*, period: ReportingPeriod, unit: Unit, targets: list[Target] | None = None) -> list[Target]:
    """The campaign's targets that apply to this unit in this period's year; a year's own target wins over
    the campaign-wide one for the same indicator."""
    if targets is None:
        targets = list(period.campaign.targets.select_related("indicator", "indicator__sector"))
    chosen: dict[int, Target] = {}
    for target in targets:
        if target.year not in (None, period.year) or not target.applies_to_unit(unit):
            continue
        current = chosen.get(target.indicator_id)
        if current is None or (current.year is None and target.year is not None):
            chosen[target.indicator_id] = target
    return sorted(chosen.values(), key=lambda t: (t.order, t.indicator.order, t.pk))


@transaction.atomic
def submission_open(*, period: ReportingPeriod, unit: Unit, user: User) -> Submission:
    """The unit's submission for the period, created with one empty figure per applicable target."""
    submission, created = Submission.objects.get_or_create(period=period, unit=unit)
    existing = set(submission.values.values_list("target_id", flat=True))
    missing = [t for t in targets_for(period=period, unit=unit) if t.pk not in existing]
    if missing and submission.is_editable:
        Value.objects.bulk_create([Value(submission=submission, target=t) for t in missing])
    return submission


def parse_figure(raw: Any, *, label: str, indicator: Indicator, part: bool = False) -> Decimal | None:
    """A typed figure through the one Vietnamese parser (emulation.lib.vn), refused with the indicator's name.

    part: a rate's numerator or denominator, which counts things (a "%" there is refused with the reason).
    """
    if part:
        percent, why = False, "tử số và mẫu số là số lượng, tỷ lệ được tính tự động"
    else:
        unit = indicator.unit_label.strip() or "số lượng"
        percent, why = indicator.is_percent, f"chỉ tiêu này tính bằng {unit}, không phải tỷ lệ phần trăm"
    try:
        return parse_number(raw, decimals=indicator.entry_decimals, percent=percent, percent_refused=why)
    except NumberError as exc:
        raise DomainError(f"{label}: {exc.message}") from None


DONE_WORDS = {"1", "true", "on", "có", "co", "x", "đã hoàn thành", "hoàn thành", "rồi"}
NOT_DONE_WORDS = {"0", "false", "off", "không", "khong", "chưa", "chua", "chưa hoàn thành"}


def task_state(raw: Any) -> Decimal | None:
    """A task's three states: 1 done, 0 not done, None not reported (blank) — from the form's choice or a cell."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Decimal(1) if raw else Decimal(0)
    text = str(raw).strip().lower()
    if not text:
        return None
    if text in DONE_WORDS:
        return Decimal(1)
    if text in NOT_DONE_WORDS:
        return Decimal(0)
    raise DomainError(f"“{raw}” không rõ: ghi “Có” (đã hoàn thành), “Không” (chưa hoàn thành) hoặc để trống.")


def clean_figure(target: Target, data: dict[str, Any]) -> dict[str, Any]:
    """Normalise one figure as typed (in the form or in Excel); raises DomainError naming the indicator."""
    indicator = target.indicator
    name = indicator.name
    # NUL cannot be stored by PostgreSQL; raw POST and Excel text bypass the form validators that refuse it.
    fields: dict[str, Any] = {"note": (data.get("note") or "").replace("\x00", "").strip()}
    if indicator.entry == Entry.RATE:
        numerator = parse_figure(
            data.get("numerator"),
            label=f"{name} – {indicator.numerator_label or 'tử số'}",
            indicator=indicator,
            part=True,
        )
        denominator = parse_figure(
            data.get("denominator"),
            label=f"{name} – {indicator.denominator_label or 'mẫu số'}",
            indicator=indicator,
            part=True,
        )
        if (numerator is None) != (denominator is None):
            raise DomainError(f"{name}: cần nhập cả tử số và mẫu số.")
        if numerator is not None:
            if numerator < 0 or denominator < 0:
                raise DomainError(f"{name}: số liệu không được âm.")
            if denominator == 0:
                raise DomainError(f"{name}: mẫu số phải lớn hơn 0.")
            if numerator > denominator:
                raise DomainError(
                    f"{name}: tử số ({format_number(numerator)}) lớn hơn mẫu số ({format_number(denominator)})."
                )
        fields.update(
            numerator=numerator,
            denominator=denominator,
            value=(numerator / denominator * HUNDRED).quantize(Decimal("0.0001")) if numerator is not None else None,
        )
    elif indicator.entry == Entry.TASK:
        done_value = task_state(data.get("done"))
        done_on = data.get("done_on") or None
        if isinstance(done_on, str):
            try:
                done_on = datetime.datetime.strptime(done_on.strip(), "%d/%m/%Y").date()
            except ValueError:
                try:
                    done_on = datetime.date.fromisoformat(done_on.strip())
                except ValueError:
                    raise DomainError(
                        f"{name}: ngày hoàn thành “{data.get('done_on')}” không đúng dạng dd/mm/yyyy."
                    ) from None
        fields.update(value=done_value, done_on=done_on if done_value else None)
    else:
        value = parse_figure(data.get("value"), label=name, indicator=indicator)
        if value is not None and value < 0:
            raise DomainError(f"{name}: số liệu không được âm.")
        if value is not None and indicator.entry == Entry.RANK and value != value.to_integral_value():
            raise DomainError(f"{name}: thứ hạng phải là số nguyên.")
        fields["value"] = value
    return fields


def _claim(submission: Submission, version: int) -> None:
    """Refuse a save from an older page: of two tabs that opened the same version, only the first saves."""
    claim_version(
        submission,
        version,
        StaleEditError(
            "Báo cáo này đã được lưu ở nơi khác (tab hoặc người khác) sau khi bạn mở trang. Dữ liệu bạn vừa nhập "
            "chưa được lưu; hãy tải lại trang để xem bản mới nhất rồi nhập lại."
        ),
    )


def _require_unit_role(submission: Submission, user: User, roles: tuple[str, ...], message: str) -> None:
    if not scope_for(user).holds(submission.unit, *roles):
        raise DomainError(message)


def _write_figures(values: list[Value], columns: list[str], *, user: User) -> None:
    """Write the changed figures and their history rows (who, when, old → new), as `Value.save()` did one by one,
    in two statements whatever the number of figures: one prepared UPDATE run for every figure (executemany), one
    INSERT of the history. Django's `bulk_update` would build a CASE per column and figure, which cost more
    Python time than the sixteen statements it replaced; the save is the request a deadline is made of."""
    connection = connections[router.db_for_write(Value)]
    fields = [Value._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(Value._meta.db_table), quote(Value._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608 - names from the model, values bound
    rows = [[f.get_db_prep_save(getattr(v, f.attname), connection) for f in fields] + [v.pk] for v in values]
    # Prepared (emulation.lib.db): the values are sent as parameters, not written into the SQL row by row.
    with prepared_statements(connection.alias), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    _write_history(values, user=user, connection=connection)


def _write_history(values: list[Value], *, user: User, connection) -> None:
    """The history rows of changed figures, as simple-history's `bulk_history_create(update=True)` writes them (a
    "~" row: who, when, every tracked field), in one prepared INSERT run for every figure: its `bulk_create` built a
    model instance and compiled an INSERT per save, an eighth of the save's time. A history model with a column
    this does not know (a newer simple-history) is written by simple-history itself."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    own = {
        "history_date": timezone.now(),
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": "",
        "history_type": "~",
    }
    written = _history_insert(connection.alias)
    if written is None:
        Value.history.bulk_history_create(values, update=True, default_user=user)
        return
    sql, fields = written
    rows = [
        [
            field.get_db_prep_save(
                own[field.attname] if field.attname in own else getattr(v, field.attname), connection
            )
            for field in fields
        ]
        for v in values
    ]
    with prepared_statements(connection.alias), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@functools.cache
def _history_insert(alias: str) -> tuple[str, list] | None:
    """The INSERT of a figure's history row and its fields, or None if the history model has a column that
    `_write_history` does not fill."""
    model = Value.history.model
    tracked = {field.attname for field in model.tracked_fields}
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    if any(f.attname not in tracked and f.attname not in _HISTORY_OWN for f in fields):
        return None
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", fields  # noqa: S608


_HISTORY_OWN = ("history_date", "history_user_id", "history_change_reason", "history_type")

# The figures a save checks, with their targets: compiled once in each process (emulation.lib.db.CompiledRead).
_figures_of = CompiledRead(Value, figures_of)


@transaction.atomic
def submission_save(
    *, submission: Submission, user: User, version: int, figures: dict[int, dict[str, Any]], note: str | None = None
) -> Submission:
    """Save figures (keyed by Value id) all or nothing. Only the unit's staff and head, only while editable."""
    _require_unit_role(
        submission, user, (Role.CAN_BO, Role.LANH_DAO), "Chỉ cán bộ, lãnh đạo của đơn vị được nhập số liệu."
    )
    if not submission.is_editable:
        raise DomainError("Báo cáo đã gửi hoặc đã duyệt nên không sửa được.")
    values = {v.pk: v for v in _figures_of.objects((), pk=submission.pk)}
    unknown = set(figures) - set(values)
    if unknown:
        raise DomainError("Có số liệu không thuộc báo cáo này.")
    errors, cleaned = [], {}
    for value_id, data in figures.items():
        try:
            cleaned[value_id] = clean_figure(values[value_id].target, data)
        except DomainError as exc:
            errors.append(exc.message)
    if errors:
        raise DomainError("\n".join(errors))
    _claim(submission, version)
    changed, columns = [], set()
    for value_id, fields in cleaned.items():
        value = values[value_id]
        if all(getattr(value, k) == v for k, v in fields.items()):
            continue
        for k, v in fields.items():
            setattr(value, k, v)
        changed.append(value)
        columns.update(fields)
    if changed:
        _write_figures(changed, sorted(columns), user=user)
    if note is not None:
        note = note.replace("\x00", "")
    saved = copy.copy(submission)  # the caller's copy stays as it was, should its transaction be rolled back
    if note is not None and note != submission.note:
        Submission.objects.filter(pk=submission.pk).update(note=note)
        saved.note = note
    # As the database now has it: the row is ours (claimed) until the transaction ends, so no read is needed.
    saved.version = version + 1
    return saved


def _transition(submission: Submission, user: User, to_status: str, reason: str = "", **fields: Any) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != submission.status:
        raise StaleEditError("Trạng thái báo cáo vừa được người khác thay đổi. Vui lòng tải lại trang.")
    from_status = locked.status
    locked.status = to_status
    locked.version += 1
    for k, v in fields.items():
        setattr(locked, k, v)
    locked._history_user = user
    locked._change_reason = reason
    locked.save()
    SubmissionEvent.objects.create(
        submission=locked, user=user, from_status=from_status, to_status=to_status, reason=reason
    )
    return locked


@transaction.atomic
def submission_submit(*, submission: Submission, user: User) -> Submission:
    """The unit head sends the figures ("signs" them). Late sends are accepted and marked quá hạn."""
    _require_unit_role(submission, user, (Role.LANH_DAO,), "Chỉ lãnh đạo đơn vị được gửi báo cáo.")
    if not submission.is_editable:
        raise DomainError("Báo cáo đã được gửi.")
    # The figures as the form reads them (one read serves both checks), and last period's.
    values = _figures_of.objects((), pk=submission.pk)
    missing = [v.target.indicator.name for v in values if v.value is None]
    if missing:
        raise DomainError("Chưa nhập số liệu cho: " + "; ".join(missing) + ".")
    # A figure far off last period's is most often a separator slip (480 for 480.000): it is not refused, but it
    # is sent only with a word of explanation the reviewer can read. The rule and the previous figures are the
    # form's own (plausibility.value_flags, selectors.previous_figures): what the form flags is what is checked.
    previous = previous_figures(submission=submission)
    campaign = submission.period.campaign
    unexplained = []
    for value in values:
        flags = plausibility.value_flags(value, previous.get(value.target.indicator_id), campaign=campaign)
        if flags and not value.note.strip():
            unexplained.append(f"{value.target.indicator.name} ({'; '.join(flags)})")
    if unexplained:
        raise DomainError(
            "Chưa gửi được: số liệu sau khác thường so với kỳ trước — "
            + " · ".join(unexplained)
            + ". Nếu số liệu đúng, hãy ghi giải thích ngắn vào ô “Ghi chú” của chỉ tiêu đó rồi gửi lại; nếu nhập "
            "nhầm, hãy sửa lại số liệu. Số liệu đã nhập vẫn được lưu nháp."
        )
    now = timezone.now()
    # Timeliness is the first sending's: a unit that sent on time and was asked to correct (trả lại) or reopened
    # by Văn phòng Sở stays on time when it sends again; each sending is in the log (SubmissionEvent).
    first = submission.first_submitted_at or now
    late = timezone.localdate(first) > submission.period.due_date
    if any(v.returned for v in values):
        submission.values.update(returned=False)
    return _transition(
        submission,
        user,
        SubmissionStatus.DA_GUI,
        submitted_at=now,
        submitted_by=user,
        first_submitted_at=first,
        is_late=late,
    )


def _require_manager(submission: Submission, user: User) -> None:
    scope = scope_for(user)
    if not (scope.can_manage(submission.unit) or scope.can_manage(submission.period.campaign.owner)):
        raise DomainError("Chỉ Văn phòng Sở được duyệt hoặc trả lại báo cáo.")


@transaction.atomic
def submission_return(
    *, submission: Submission, user: User, reason: str, value_comments: dict[int, str] | None = None
) -> Submission:
    _require_manager(submission, user)
    if submission.status != SubmissionStatus.DA_GUI:
        raise DomainError("Chỉ trả lại được báo cáo đã gửi.")
    if not reason.strip():
        raise DomainError("Vui lòng ghi lý do trả lại.")
    for value in submission.values.filter(pk__in=list(value_comments or {})):
        value.returned = True
        value.return_comment = value_comments[value.pk]
        value._history_user = user
        value.save(update_fields=["returned", "return_comment"])
    return _transition(
        submission,
        user,
        SubmissionStatus.TRA_LAI,
        reason,
        reviewed_at=timezone.now(),
        reviewed_by=user,
        return_reason=reason,
    )


@transaction.atomic
def submission_approve(*, submission: Submission, user: User) -> Submission:
    """Văn phòng Sở approves sent figures — someone other than who sent them, unless the Sở lifted that rule."""
    _require_manager(submission, user)
    if submission.status != SubmissionStatus.DA_GUI:
        raise DomainError("Chỉ duyệt được báo cáo đã gửi.")
    exemption = four_eyes_check(
        unit=submission.unit,
        sender_id=submission.submitted_by_id,
        approver=user,
        refusal="Bạn là người đã gửi báo cáo này nên không thể tự duyệt: theo nguyên tắc người duyệt khác người gửi, "
        "một cán bộ khác của Văn phòng Sở cần duyệt báo cáo.",
    )
    reason = f"Duyệt. {exemption}" if exemption else "Duyệt"
    return _transition(
        submission, user, SubmissionStatus.DA_DUYET, reason, reviewed_at=timezone.now(), reviewed_by=user
    )


@transaction.atomic
def submission_reopen(*, submission: Submission, user: User, reason: str) -> Submission:
    _require_manager(submission, user)
    if submission.status != SubmissionStatus.DA_DUYET:
        raise DomainError("Chỉ mở lại được báo cáo đã duyệt.")
    if not reason.strip():
        raise DomainError("Vui lòng ghi lý do mở lại.")
    return _transition(submission, user, SubmissionStatus.TRA_LAI, reason, return_reason=reason)


# --- "Nhắc đơn vị" --------------------------------------------------------------------------------------------


def _reminded_message(reminder: SubmissionReminder) -> str:
    when = timezone.localtime(reminder.sent_at)
    return (
        f"{reminder.unit.display_name} đã được nhắc gửi {str(reminder.period).lower()} hôm nay lúc {when:%H:%M} "
        f"({reminder.sent_by.display_name}). Mỗi đơn vị chỉ được nhắc một lần mỗi ngày; có thể nhắc lại từ ngày mai."
    )


def submission_remind(*, period: ReportingPeriod, unit: Unit, user: User) -> SubmissionReminder:
    """Văn phòng Sở reminds a unit that has not sent a period's figures: logged (who, when, unit, period), at most
    once a day per unit and period, the e-mail to the unit's cán bộ and lãnh đạo sent by Celery after the commit."""
    scope = scope_for(user)
    if not (scope.can_manage(unit) or scope.can_manage(period.campaign.owner)):
        raise DomainError("Chỉ Văn phòng Sở được nhắc đơn vị gửi báo cáo.")
    if period.campaign.is_draft:
        raise DomainError("Phong trào chưa phát động: chưa nhắc đơn vị gửi báo cáo.")
    sent = Submission.objects.filter(
        period=period, unit=unit, status__in=(SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET)
    )
    if sent.exists():
        raise DomainError(f"{unit.display_name} đã gửi {str(period).lower()}: không cần nhắc.")
    today = timezone.localdate()
    earlier = SubmissionReminder.objects.filter(period=period, unit=unit, day=today).select_related(
        "unit", "period", "sent_by"
    )
    if (last := earlier.first()) is not None:
        raise DomainError(_reminded_message(last))
    try:
        with transaction.atomic():
            reminder = SubmissionReminder.objects.create(period=period, unit=unit, sent_by=user, day=today)
    except IntegrityError:
        # Two clicks at the same moment: the database let one through (reminder_once_a_day).
        raise DomainError(_reminded_message(earlier.get())) from None
    transaction.on_commit(lambda: _enqueue_reminder_mail(reminder.pk))
    return reminder


def _enqueue_reminder_mail(reminder_id: int) -> None:
    """The reminder is logged whatever happens to its e-mail: a broker or mail server that is down is written to
    the log (and the task retries the mail), never shown to the office as a failed click."""
    from indicators.tasks import send_submission_reminder

    try:
        send_submission_reminder.delay(reminder_id)
    except Exception:  # noqa: BLE001 - the reminder row stands; mailed_at stays empty, which the log explains
        logger.exception("could not send the e-mail of submission reminder %s", reminder_id)


def submission_reminder_mail(*, reminder_id: int) -> int:
    """E-mail one "Nhắc đơn vị" to the unit's active cán bộ and lãnh đạo; returns how many it reached. Idempotent:
    a reminder already mailed (a redelivered job) sends nothing again."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from campaigns.models import RoleAssignment

    with transaction.atomic():
        reminder = (
            SubmissionReminder.objects.select_for_update()
            .select_related("period", "period__campaign", "unit", "sent_by")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.mailed_at is not None:
            return 0
        grants = (
            RoleAssignment.objects.valid_on(timezone.localdate())
            .filter(unit=reminder.unit, role__in=[Role.CAN_BO, Role.LANH_DAO], user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        recipients = sorted(set(grants))
        if recipients:
            context = {"reminder": reminder, "period": reminder.period, "unit": reminder.unit}
            send_mail(
                subject=render_to_string("emails/submission_reminder_subject.txt", context).strip(),
                message=render_to_string("emails/submission_reminder.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
        reminder.recipients = len(recipients)
        reminder.mailed_at = timezone.now()
        reminder.save(update_fields=["recipients", "mailed_at"])
    return len(recipients)
