from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from awards import demo as awards_demo
from awards.catalogue import load_standards, load_vote_rules
from campaigns import demo as campaigns_demo
from campaigns import demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.models import Role
from indicators import demo as indicators_demo
from indicators.catalogue import load_indicators


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, cụm khối, tài khoản demo). Chạy lại nhiều lần không tạo bản ghi trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Cho phép nạp khi DEBUG tắt (không dùng cho hệ thống thật)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Dữ liệu mẫu có mật khẩu công khai: chỉ nạp khi DEBUG bật, hoặc dùng --force.")
        logins = campaigns_demo.load()
        load_catalogue()
        campaigns = demo_campaigns.load()
        load_indicators()
        indicators_demo.load()
        load_vote_rules()
        load_standards()
        awards_demo.load()
        logins = [*logins, *indicators_demo.DEMO_LOGINS, *awards_demo.DEMO_LOGINS]
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({len(campaigns)} phong trào từ văn bản gốc)."))
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {campaigns_demo.DEMO_PASSWORD}):")
        for login in logins:
            roles = ", ".join(f"{Role(role).label} – {code}" for role, code in login.grants)
            self.stdout.write(f"  {login.username:<14} {login.full_name:<22} {roles}")
