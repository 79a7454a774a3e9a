"""`python manage.py disable_inactive_accounts` — the beat task, for a machine that runs cron instead of beat."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaigns.services import accounts_disable_inactive, accounts_warn_inactive


class Command(BaseCommand):
    help = (
        "Khóa các tài khoản không đăng nhập quá ACCOUNT_INACTIVE_DAYS ngày (0 = tắt) và gửi thư báo trước "
        "ACCOUNT_INACTIVE_WARN_DAYS ngày cho các tài khoản sắp bị khóa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="số ngày (mặc định: ACCOUNT_INACTIVE_DAYS trong cấu hình)"
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không khóa và không gửi thư")

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        days = settings.ACCOUNT_INACTIVE_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days phải ≥ 0.")
        if days == 0:
            self.stdout.write("Đã tắt (ACCOUNT_INACTIVE_DAYS=0): không khóa tài khoản nào.")
            return
        exempt = list(settings.ACCOUNT_INACTIVE_EXEMPT)
        usernames = accounts_disable_inactive(days=days, exempt=exempt, dry_run=dry_run)
        verb = "Sẽ khóa" if dry_run else "Đã khóa"
        self.stdout.write(f"{verb} {len(usernames)} tài khoản không đăng nhập {days} ngày.")
        for username in usernames:
            self.stdout.write(f"  {username}")
        warn_days = settings.ACCOUNT_INACTIVE_WARN_DAYS
        warned = accounts_warn_inactive(days=days, warn_days=warn_days, exempt=exempt, dry_run=dry_run)
        verb = "Sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(f"{verb} thư báo sắp khóa (trước {warn_days} ngày) cho {len(warned)} tài khoản.")
        for username in warned:
            self.stdout.write(f"  {username}")
