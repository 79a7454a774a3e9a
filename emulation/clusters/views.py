"""Pages of a cluster's year. Every cluster comes through `clusters_visible_to` (not visible → 404); a member's
internal record (scores, evidence) through `Seat.reads_member` (not theirs → 404); an action the person may not
take on what they can see → 403. A refused action re-renders or redirects with the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaigns.models import Cluster
from emulation.clusters import documents, forms, selectors, services
from emulation.clusters.models import (
    ROUND_ORDER,
    PledgeSignature,
    RoundStatus,
    Score,
    ScoreEvidence,
    ScoringKind,
)
from emulation.clusters.ranking import RULE, tie_notes
from emulation.lib.access import require
from emulation.lib.downloads import content_disposition, file_response
from emulation.lib.errors import DomainError, StaleEditError
from emulation.lib.paper import DocumentIncomplete, file_stem
from emulation.lib.uploads import CONTENT_TYPES


def _cluster(request: HttpRequest, pk: int) -> tuple[Cluster, selectors.Seat]:
    cluster = get_object_or_404(selectors.clusters_visible_to(user=request.user), pk=pk)
    return cluster, selectors.seat_for(user=request.user, cluster=cluster)


def _steps(scoring) -> list[dict]:
    current = ROUND_ORDER.index(scoring.status) if scoring else -1
    return [
        {"label": status.label, "done": i < current, "current": i == current} for i, status in enumerate(ROUND_ORDER)
    ]


# --- The year: members, heads, decision, history ------------------------------------------------------------------


@login_required
def year(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    history = list(selectors.same_cluster_over_years(cluster=cluster))
    visible = set(
        selectors.clusters_visible_to(user=request.user)
        .filter(pk__in=[c.pk for c in history])
        .values_list("pk", flat=True)
    )
    next_year = next((c for c in history if c.year == cluster.year + 1), None)
    return render(
        request,
        "clusters/year.html",
        {
            "cluster": cluster,
            "seat": seat,
            "members": selectors.members_of(cluster=cluster),
            "assignment": selectors.assignment_of(cluster=cluster),
            "history": [c for c in history if c.pk in visible],
            "next_year": next_year if next_year and next_year.pk in visible else None,
            "pledge": selectors.pledge_of(cluster=cluster),
            "scoring": selectors.round_of(cluster=cluster),
        },
    )


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.manages, services.ORGANISER_ONLY)
    memberships = selectors.members_of(cluster=cluster)
    candidates = selectors.member_candidates(cluster=cluster)
    assignment = selectors.assignment_of(cluster=cluster)
    initial = (
        {"number": assignment.number, "issued_on": assignment.issued_on, "issuer": assignment.issuer}
        if assignment
        else {"issuer": cluster.organiser.name}
    )
    form = forms.MembersForm(
        request.POST or None,
        initial=initial,
        memberships=memberships,
        candidates=candidates,
        role_labels=selectors.ROLE_LABELS.get(cluster.kind),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_save(
                cluster=cluster,
                user=request.user,
                roles=data["roles"],
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                add=list(data["add"]),
                remove=data["remove"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã lưu thành viên, cụm trưởng, cụm phó và quyết định phân công.")
            return redirect("clusters:year", pk=cluster.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "clusters/members.html", {"cluster": cluster, "form": form}, status=status)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.manages, services.ORGANISER_ONLY)
    try:
        new = services.cluster_copy_to_next_year(cluster=cluster, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("clusters:year", pk=cluster.pk)
    messages.success(
        request, f"Đã tạo {new.name} năm {new.year} với thành viên năm {cluster.year}: sửa cụm trưởng, cụm phó."
    )
    return redirect("clusters:members", pk=new.pk)


# --- Giao ước -----------------------------------------------------------------------------------------------------


@login_required
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    current = selectors.pledge_of(cluster=cluster)
    form = None
    if seat.is_leader and (current is None or not current.is_launched):
        initial = (
            {
                "title": current.title,
                "contents": current.contents,
                "targets": "\n".join(t.text for t in current.targets.all()),
            }
            if current
            else {"title": f"Giao ước thi đua {cluster.name} năm {cluster.year}"}
        )
        form = forms.PledgeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(seat.is_leader, services.LEADER_ONLY)
        if form is None:
            messages.error(request, "Giao ước đã phát động ký kết nên không sửa được nội dung.")
            return redirect("clusters:pledge", pk=cluster.pk)
        if form.is_valid():
            try:
                services.pledge_save(cluster=cluster, user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Đã lưu dự thảo giao ước.")
                return redirect("clusters:pledge", pk=cluster.pk)
    signatures = {s.unit_id: s for s in current.signatures.all()} if current else {}
    rows = [{"membership": m, "signature": signatures.get(m.unit_id)} for m in selectors.members_of(cluster=cluster)]
    unsigned_own = [m for m in seat.own if m.unit_id not in signatures]
    return render(
        request,
        "clusters/pledge.html",
        {
            "cluster": cluster,
            "seat": seat,
            "pledge": current,
            "form": form,
            "rows": rows,
            "signed_count": len(signatures),
            "sign_form": forms.SignForm() if current and current.is_launched and unsigned_own else None,
            "unsigned_own": unsigned_own,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def pledge_launch(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_leader, services.LEADER_ONLY)
    current = selectors.pledge_of(cluster=cluster)
    if current is None:
        messages.error(request, "Chưa có dự thảo giao ước.")
        return redirect("clusters:pledge", pk=cluster.pk)
    try:
        services.pledge_launch(pledge=current, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã phát động ký kết giao ước: các thành viên ký và tải bản đã ký lên.")
    return redirect("clusters:pledge", pk=cluster.pk)


@login_required
@require_POST
def pledge_sign(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_member, "Chỉ Văn phòng, lãnh đạo của đơn vị thành viên được ký giao ước cho đơn vị.")
    current = selectors.pledge_of(cluster=cluster)
    form = forms.SignForm(request.POST, request.FILES)
    unit_id = request.POST.get("don_vi")
    unit = next((u for u in seat.own_units if str(u.pk) == unit_id), seat.own_units[0])
    if current is None or not form.is_valid():
        messages.error(request, "Chọn tệp PDF bản giao ước đã ký.")
        return redirect("clusters:pledge", pk=cluster.pk)
    try:
        services.pledge_sign(pledge=current, unit=unit, user=request.user, upload=form.cleaned_data["file"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{unit.name} đã ký giao ước.")
    return redirect("clusters:pledge", pk=cluster.pk)


@login_required
def signature_file(request: HttpRequest, pk: int) -> HttpResponse:
    signature = get_object_or_404(PledgeSignature.objects.select_related("pledge__cluster", "unit"), pk=pk)
    _cluster(request, signature.pledge.cluster_id)  # the giao ước is visible to every member
    return file_response(signature.file, signature.file_name)


# --- Scoring ------------------------------------------------------------------------------------------------------


@login_required
def scoring(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    current = selectors.round_of(cluster=cluster)
    table = current.table if current else selectors.table_for(cluster=cluster)
    if request.method == "POST":
        require(seat.is_leader, services.LEADER_ONLY)
        if table is None:
            messages.error(request, "Cơ quan tổ chức chưa ban hành bảng chấm điểm cho năm này.")
        else:
            from campaigns.models import Campaign

            campaign = Campaign.objects.filter(issuer_cluster=cluster).order_by("-issued_on").first()
            try:
                services.round_open(cluster=cluster, user=request.user, table=table, campaign=campaign)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Đã mở chấm điểm: các thành viên tự chấm và nộp minh chứng.")
        return redirect("clusters:scoring", pk=cluster.pk)
    progress = []
    if current:
        counts = {}
        for unit_id, kind, self_points in Score.objects.filter(round=current).values_list(
            "unit_id", "kind", "self_points"
        ):
            done, total = counts.get(unit_id, (0, 0))
            counts[unit_id] = (done + (self_points is not None or kind == ScoringKind.AUTO), total + 1)
        for m in selectors.members_of(cluster=cluster):
            done, total = counts.get(m.unit_id, (0, 0))
            progress.append({"membership": m, "done": done, "total": total, "readable": seat.reads_member(m.unit_id)})
    return render(
        request,
        "clusters/scoring.html",
        {
            "cluster": cluster,
            "seat": seat,
            "scoring": current,
            "table": table,
            "groups": selectors.table_groups(table=table) if table else [],
            "progress": progress,
            "steps": _steps(current),
            "quotas": services.quotas_for(scoring=current) if current else [],
        },
    )


def _member(request: HttpRequest, pk: int, unit_pk: int):
    cluster, seat = _cluster(request, pk)
    current = selectors.round_of(cluster=cluster)
    membership = next((m for m in selectors.members_of(cluster=cluster) if m.unit_id == unit_pk), None)
    if current is None or membership is None or not seat.reads_member(unit_pk):
        raise Http404("Không có bảng điểm này trong phạm vi của bạn.")
    return cluster, seat, current, membership


@login_required
def member_scores(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    cluster, seat, current, membership = _member(request, pk, unit_pk)
    own = unit_pk in seat.own_unit_ids
    if current.status in (RoundStatus.TU_CHAM, RoundStatus.CHAM_CHEO):
        services.refresh_automatic(scoring=current, unit_ids=[unit_pk])
    scores = list(selectors.scores_of(scoring=current, unit_ids=[unit_pk]))
    editable = own and current.status == RoundStatus.TU_CHAM
    form = forms.SelfScoreForm(request.POST or None, scores=scores) if editable else None
    if request.method == "POST":
        require(editable, "Đơn vị chỉ tự chấm điểm của chính mình, trong bước tự chấm.")
        if form.is_valid():
            try:
                services.self_score_save(
                    scoring=current, unit=membership.unit, user=request.user, entries=form.entries()
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Đã lưu điểm tự chấm.")
                return redirect("clusters:member_scores", pk=cluster.pk, unit_pk=unit_pk)
    may_adjust = seat.is_head and not own and current.status == RoundStatus.CHAM_CHEO
    groups: list[dict] = []
    for score in scores:
        group = score.criterion.group
        if not groups or groups[-1]["group"].pk != group.pk:
            groups.append({"group": group, "rows": [], "total": 0})
        groups[-1]["rows"].append(
            {
                "score": score,
                "points": form[f"p_{score.pk}"] if form is not None and f"p_{score.pk}" in form.fields else None,
                "explanation": form[f"e_{score.pk}"] if form is not None else None,
                "adjust": forms.AdjustForm(
                    initial={"points": score.points, "version": score.version}, prefix=f"s{score.pk}"
                )
                if may_adjust
                else None,
            }
        )
        groups[-1]["total"] += score.points or 0
    return render(
        request,
        "clusters/member_scores.html",
        {
            "cluster": cluster,
            "seat": seat,
            "scoring": current,
            "membership": membership,
            "groups": groups,
            "total": sum((s.points or 0) for s in scores),
            "self_total": sum((s.self_points or 0) for s in scores),
            "form": form,
            "own": own,
            "may_adjust": may_adjust,
            "evidence_form": forms.EvidenceForm() if editable else None,
            "steps": _steps(current),
        },
        status=400 if request.method == "POST" else 200,
    )


def _score(request: HttpRequest, pk: int) -> tuple[Score, selectors.Seat]:
    score = get_object_or_404(Score.objects.select_related("round__cluster", "criterion", "unit"), pk=pk)
    cluster, seat = _cluster(request, score.round.cluster_id)
    if not seat.reads_member(score.unit_id):
        raise Http404("Không có điểm này trong phạm vi của bạn.")
    return score, seat


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    score, seat = _score(request, pk)
    require(seat.is_head, services.HEADS_ONLY)
    form = forms.AdjustForm(request.POST, prefix=f"s{score.pk}")
    back = reverse("clusters:member_scores", kwargs={"pk": score.round.cluster_id, "unit_pk": score.unit_id})
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Tiêu chí {score.criterion.code}: {errors}")
        return redirect(f"{back}#diem-{score.pk}")
    try:
        services.score_adjust(
            score=score,
            user=request.user,
            version=form.cleaned_data["version"],
            points=form.cleaned_data["points"],
            comment=form.cleaned_data["comment"],
        )
    except StaleEditError as exc:
        messages.warning(request, f"Tiêu chí {score.criterion.code}: {exc.message}")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã điều chỉnh điểm tiêu chí {score.criterion.code}.")
    return redirect(f"{back}#diem-{score.pk}")


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    score, seat = _score(request, pk)
    require(score.unit_id in seat.own_unit_ids, "Chỉ đơn vị được chấm mới nộp minh chứng của mình.")
    form = forms.EvidenceForm(request.POST, request.FILES)
    back = reverse("clusters:member_scores", kwargs={"pk": score.round.cluster_id, "unit_pk": score.unit_id})
    if not form.is_valid():
        messages.error(request, "Chọn tệp minh chứng.")
        return redirect(back)
    try:
        services.evidence_add(score=score, user=request.user, upload=form.cleaned_data["file"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã nộp minh chứng cho tiêu chí {score.criterion.code}.")
    return redirect(f"{back}#diem-{score.pk}")


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(ScoreEvidence.objects.select_related("score"), pk=pk)
    _score(request, evidence.score_id)
    return file_response(evidence.file, evidence.name)


@login_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_leader, services.LEADER_ONLY)
    current = selectors.round_of(cluster=cluster)
    if current is None:
        raise Http404("Cụm chưa mở chấm điểm.")
    step = request.POST.get("buoc")
    try:
        if step == RoundStatus.CHAM_CHEO:
            services.round_start_cross_check(scoring=current, user=request.user)
            messages.success(request, "Đã khóa tự chấm: Cụm trưởng, Cụm phó chấm chéo.")
        elif step == RoundStatus.CONG_BO:
            services.round_publish(scoring=current, user=request.user)
            messages.success(request, "Đã công bố kết quả tới các thành viên.")
        else:
            messages.error(request, "Bước không hợp lệ.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("clusters:ranking" if step == RoundStatus.CONG_BO else "clusters:scoring", pk=cluster.pk)


# --- Ranking, meeting, proposal, Biên bản ---------------------------------------------------------------------------


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    current = selectors.round_of(cluster=cluster)
    live = standings = None
    tie_form = meeting_form = None
    if current is not None:
        if current.status in (RoundStatus.THONG_NHAT, RoundStatus.CONG_BO) and (
            current.is_published or seat.reads_all_scores
        ):
            standings = list(selectors.standings_of(scoring=current))
        elif seat.reads_all_scores:
            live = services.ranking_of(scoring=current)
            if seat.is_leader and current.status == RoundStatus.CHAM_CHEO:
                tied = [r for r in live if r.tied or r.decided_by_meeting]
                tie_form = (
                    forms.TieForm(tied=tied, initial={f"u_{r.total.unit_id}": r.total.position for r in tied})
                    if tied
                    else None
                )
                meeting_form = forms.MeetingForm(
                    initial={
                        "meeting_date": current.meeting_date,
                        "meeting_place": current.meeting_place,
                        "meeting_present": current.meeting_present
                        or "\n".join(m.unit.name for m in selectors.members_of(cluster=cluster)),
                        "meeting_secretary": current.meeting_secretary,
                        "meeting_number": current.meeting_number,
                    }
                )
    own_totals = []
    if current is not None and not standings and not live:
        for total in services.totals_of(scoring=current):
            if total.unit_id in seat.own_unit_ids:
                own_totals.append(total)
    notes = {}
    if standings:
        notes = tie_notes((s.unit_id, s.unit.display_name, s.total, s.first_group, s.penalty) for s in standings)
    elif live:
        notes = tie_notes(
            (r.total.unit_id, r.total.name, r.total.total, r.total.first_group, r.total.penalty) for r in live
        )
    standing_rows = [(s, notes.get(s.unit_id, "")) for s in standings or []]
    live_rows = [(r, notes.get(r.total.unit_id, "")) for r in live or []]
    proposals = (
        list(current.proposals.select_related("award_form", "unit", "dossier").order_by("rank")) if current else []
    )
    return render(
        request,
        "clusters/ranking.html",
        {
            "cluster": cluster,
            "seat": seat,
            "scoring": current,
            "standings": standing_rows,
            "live": live_rows,
            "own_totals": own_totals,
            "rule": RULE,
            "tie_form": tie_form,
            "meeting_form": meeting_form,
            "proposals": proposals,
            "quotas": services.quotas_for(scoring=current) if current else [],
            "steps": _steps(current),
        },
    )


@login_required
@require_POST
def ties(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_leader, services.LEADER_ONLY)
    current = selectors.round_of(cluster=cluster)
    if current is None:
        raise Http404("Cụm chưa mở chấm điểm.")
    live = services.ranking_of(scoring=current)
    form = forms.TieForm(request.POST, tied=[r for r in live if r.tied or r.decided_by_meeting])
    if form.is_valid():
        try:
            services.tie_decide(scoring=current, user=request.user, positions=form.cleaned_data["positions"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã ghi thứ tự do Hội nghị Cụm quyết định.")
    else:
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("clusters:ranking", pk=cluster.pk)


@login_required
@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_leader, services.LEADER_ONLY)
    current = selectors.round_of(cluster=cluster)
    if current is None:
        raise Http404("Cụm chưa mở chấm điểm.")
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Biên bản hội nghị: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("clusters:ranking", pk=cluster.pk)
    try:
        services.round_agree(scoring=current, user=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi kết quả Hội nghị Cụm thống nhất. Công bố để các thành viên xem.")
    return redirect("clusters:ranking", pk=cluster.pk)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    require(seat.is_leader, services.LEADER_ONLY)
    current = selectors.round_of(cluster=cluster)
    if current is None:
        raise Http404("Cụm chưa mở chấm điểm.")
    try:
        dossier = services.proposal_create(scoring=current, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("clusters:ranking", pk=cluster.pk)
    messages.success(
        request,
        f"Đã lập hồ sơ đề nghị khen thưởng của cụm ({dossier.nominees.count()} đơn vị), trong hồ sơ của "
        f"{dossier.unit.name}.",
    )
    return redirect("clusters:ranking", pk=cluster.pk)


@login_required
def minutes(request: HttpRequest, pk: int, kind: str = "pdf") -> HttpResponse:
    cluster, seat = _cluster(request, pk)
    current = selectors.round_of(cluster=cluster)
    agreed = current is not None and current.status in (RoundStatus.THONG_NHAT, RoundStatus.CONG_BO)
    if not agreed or not (current.is_published or seat.reads_all_scores):
        raise Http404("Biên bản chưa có: Hội nghị Cụm chưa thống nhất kết quả.")
    try:
        body = documents.render_minutes_docx(current) if kind == "docx" else documents.render_minutes_pdf(current)
    except DocumentIncomplete as exc:
        messages.error(request, str(exc))
        return redirect("clusters:ranking", pk=cluster.pk)
    content_type = CONTENT_TYPES["docx"] if kind == "docx" else CONTENT_TYPES["pdf"]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"{file_stem('BB', cluster.name, cluster.year)}.{kind}")
    return response


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return minutes(request, pk, kind="docx")


@login_required
def table(request: HttpRequest, pk: int) -> HttpResponse:
    from emulation.clusters.models import ScoringTable

    current = get_object_or_404(ScoringTable.objects.select_related("organiser"), pk=pk)
    # The Bộ's table is public to everyone who belongs to one of its clusters, or runs the organiser.
    visible = selectors.clusters_visible_to(user=request.user).filter(organiser=current.organiser)
    if not visible.exists():
        raise Http404("Không có bảng điểm này trong phạm vi của bạn.")
    return render(
        request,
        "clusters/table.html",
        {
            "table": current,
            "groups": selectors.table_groups(table=current),
            "quotas": current.quotas.select_related("award_form"),
        },
    )
