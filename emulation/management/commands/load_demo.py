import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone

from awards import demo as awards_demo
from awards.catalogue import load_standards, load_vote_rules
from campaigns import demo as campaigns_demo
from campaigns import demo_campaigns, demo_orgchart, demo_people
from campaigns.catalogue import load_catalogue
from campaigns.models import Role, RoleAssignment
from emulation.clusters import demo as clusters_demo
from indicators import demo as indicators_demo
from indicators.catalogue import load_indicators


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, cụm khối, tài khoản demo). Chạy lại nhiều lần không tạo bản ghi trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Cho phép nạp khi DEBUG tắt (không dùng cho hệ thống thật)."
        )

    @staticmethod
    def _load():
        if demo_orgchart.applied():
            # The 2025 mergers moved the demo's campaigns and roles to the successors, while the loaders below key
            # on the 2023 owners: once the mergers are in, everything they load is there already.
            return campaigns_demo.DEMO_LOGINS, demo_orgchart.seed_campaigns()
        logins = campaigns_demo.load()
        load_catalogue()
        campaigns = demo_campaigns.load()
        load_indicators()
        indicators_demo.load()
        load_vote_rules()
        load_standards()
        awards_demo.load()
        demo_people.load()
        clusters_demo.load()
        # Last: the 2025 mergers act on everything above (campaigns open on the date pass to the successors).
        demo_orgchart.load()
        return logins, campaigns

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Dữ liệu mẫu có mật khẩu công khai: chỉ nạp khi DEBUG bật, hoặc dùng --force.")
        # The demo's story happened in 2022–2023: its notifications are kept (the bells show them) but not e-mailed,
        # and the in-process jobs' trace lines (a hundred) are not logged, so the logins are not buried.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                logins, campaigns = self._load()
        finally:
            trace.setLevel(level)
        # One line per login (a person listed by two demos is shown once), in columns as wide as the longest.
        logins = list(
            {
                login.username: login
                for login in [
                    *logins,
                    *indicators_demo.DEMO_LOGINS,
                    *awards_demo.DEMO_LOGINS,
                    *clusters_demo.DEMO_LOGINS,
                ]
            }.values()
        )
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({len(campaigns)} phong trào từ văn bản gốc)."))
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {campaigns_demo.DEMO_PASSWORD}):")
        name_width = max(len(login.username) for login in logins)
        person_width = max(len(login.full_name) for login in logins)
        # The roles held today, not those the demo granted in 2023: the 2025 mergers moved them to the successors.
        held: dict[str, list[str]] = {}
        for assignment in (
            RoleAssignment.objects.valid_on(timezone.localdate())
            .filter(user__username__in=[login.username for login in logins])
            .select_related("user", "unit")
            .order_by("user__username", "role", "unit__code")
        ):
            held.setdefault(assignment.user.username, []).append(
                f"{Role(assignment.role).label} – {assignment.unit.code}"
            )
        for login in logins:
            roles = ", ".join(held.get(login.username, [])) or ", ".join(
                f"{Role(role).label} – {code}" for role, code in login.grants
            )
            self.stdout.write(f"  {login.username:<{name_width}} {login.full_name:<{person_width}} {roles}")
