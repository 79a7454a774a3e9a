"""Restore a backup made by `manage.py backup` into an empty database, and check the result."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from emulation.backup import BackupError, restore_run


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu (thư mục do lệnh backup tạo) vào cơ sở dữ liệu của DATABASE_URL và vào MEDIA_ROOT, "
        "rồi đối chiếu với manifest.json (số dòng từng bảng, migration, sha256 từng tệp); lệch thì thoát với mã "
        "khác 0 và liệt kê chỗ lệch. Cơ sở dữ liệu đích phải rỗng: không có bảng nào của cổng (kể cả bảng không có "
        "dòng nào). --force: xoá và tạo lại các bảng của bản sao lưu (pg_restore --clean --if-exists; SQLite: thay "
        "cả tệp) và ghi đè tệp media khác nội dung. Hỗ trợ PostgreSQL (pg_restore) và SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Thư mục bản sao lưu (có manifest.json)")
        parser.add_argument(
            "--force",
            "--allow-non-empty",
            dest="force",
            action="store_true",
            help="Cho phép khôi phục vào cơ sở dữ liệu đã có bảng: dữ liệu hiện có của các bảng đó sẽ mất",
        )
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, source: str, force: bool, database: str, **options):
        try:
            result = restore_run(source=Path(source), alias=database, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(f"Lỗi cơ sở dữ liệu (kiểm tra DATABASE_URL): {exc}") from None
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        if result.mismatches:
            raise CommandError(
                f"Đã khôi phục nhưng {len(result.mismatches)} chỗ không khớp manifest:\n  - "
                + "\n  - ".join(result.mismatches)
            )
        self.stdout.write(self.style.SUCCESS("Đã khôi phục và đối chiếu: mọi bảng và mọi tệp khớp manifest."))
