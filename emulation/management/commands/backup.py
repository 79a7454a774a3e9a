"""Back up the database and the media files into a folder, with a manifest to check a restore against."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from emulation.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và tệp media vào một thư mục mới (hoặc rỗng), kèm manifest.json: số dòng của "
        "mọi bảng, migration đã áp dụng, sha256 và kích thước của từng tệp. PostgreSQL: pg_dump -Fc (mật khẩu "
        "truyền qua biến môi trường PGPASSWORD); SQLite: sqlite3 online backup API. Tệp media chỉ được chép khi "
        "lưu trên hệ thống tệp (MEDIA_ROOT); với S3, bản sao của tệp là versioning/replication của bucket. "
        "Khôi phục bằng: python manage.py restore DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Thư mục ghi bản sao lưu (chưa có, hoặc rỗng)")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, out: str, database: str, **options):
        try:
            manifest = backup_create(out=Path(out), alias=database, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(f"Lỗi cơ sở dữ liệu (kiểm tra DATABASE_URL): {exc}") from None
        media = manifest["media"]
        files = f"{len(media['files'])} tệp media" if media["included"] else "không gồm tệp media (kho S3)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {out}: {len(manifest['tables'])} bảng, "
                f"{sum(manifest['tables'].values())} dòng, {files}."
            )
        )
