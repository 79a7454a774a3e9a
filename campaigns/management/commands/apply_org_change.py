"""`python manage.py apply_org_change FILE [--dry-run] [--user USERNAME]` — apply a list of organisation changes
(CSV or .xlsx, format in docs/orgchart.md) all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import User
from campaigns.orgchart_file import OrgFileError, apply_plan, read_plan


class Command(BaseCommand):
    help = (
        "Áp dụng danh sách thay đổi tổ chức (đổi tên, sáp nhập, chia tách, chuyển, giải thể) từ tệp CSV/Excel: "
        "tất cả hoặc không; --dry-run chỉ in những gì sẽ thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .csv (UTF-8) hoặc .xlsx, mỗi dòng một cặp đơn vị cũ → đơn vị kế thừa")
        parser.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ thay đổi, không lưu")
        parser.add_argument("--user", default="", help="tên đăng nhập của người áp dụng (ghi vào nhật ký)")

    def handle(self, *args, file: str, dry_run: bool, user: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có người dùng “{user}”.")
        try:
            plan = read_plan(path.read_bytes(), path.name)
            outcome = apply_plan(plan, user=actor, dry_run=dry_run, source=path.name)
        except OrgFileError as exc:
            raise CommandError("Tệp không được áp dụng, không có gì thay đổi:\n" + "\n".join(exc.errors)) from None
        for line in outcome.lines:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Chạy thử: {outcome.changes} thay đổi hợp lệ; chưa lưu gì vào cơ sở dữ liệu.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã áp dụng {outcome.changes} thay đổi tổ chức."))
