"""Rows of the project itself, not of any domain app."""

from __future__ import annotations

from django.db import models


class Backup(models.Model):
    """One run of `manage.py backup` (emulation/backup.py): written when it starts, completed when it succeeds.

    The row is written before the dump, so the backup holds it (as "started") and the row counts of the manifest
    stay those of the database; only `finished_at` and the sizes change afterwards. The newest `finished_at` is
    the metric `emulation_backup_last_success_timestamp_seconds` (emulation/metrics.py): an alert when backups
    stop. A row without `finished_at` is a backup that failed or is still running.
    """

    started_at = models.DateTimeField("Bắt đầu", auto_now_add=True)
    finished_at = models.DateTimeField("Xong lúc", null=True, blank=True)
    location = models.CharField("Thư mục", max_length=1024)
    database_bytes = models.BigIntegerField("Dung lượng cơ sở dữ liệu (byte)", null=True, blank=True)
    media_files = models.PositiveIntegerField("Số tệp media", null=True, blank=True)

    class Meta:
        verbose_name = "bản sao lưu"
        verbose_name_plural = "bản sao lưu"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.location} ({self.started_at:%d/%m/%Y %H:%M})"
