"""The catalogues a new installation starts from, without demo data: lĩnh vực, award forms, indicators, the
council's vote rules and the award standards. Safe to run again: what exists (and an administrator may have
edited) is left alone."""

from django.core.management.base import BaseCommand

from awards.catalogue import load_standards, load_vote_rules
from campaigns.catalogue import load_catalogue
from indicators.catalogue import load_indicators


class Command(BaseCommand):
    help = "Nạp danh mục ban đầu (lĩnh vực, hình thức khen thưởng, chỉ tiêu, quy tắc biểu quyết, tiêu chuẩn)."

    def handle(self, *args, **options):
        load_catalogue()
        load_indicators()
        load_vote_rules()
        created = load_standards()
        self.stdout.write(self.style.SUCCESS(f"Đã nạp danh mục ban đầu ({created} tiêu chuẩn khen thưởng mới)."))
