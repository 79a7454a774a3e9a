"""Backup and restore: `manage.py backup` then `manage.py restore` into a fresh, empty database reproduces every
table's rows and every media file; a non-empty database and a tampered backup are refused.

The PostgreSQL tests need the real server (pg_dump is another process, and the restore runs in a subprocess
against a database created for the test): CI runs them, never skips them. The SQLite round trip runs everywhere.
The comparisons are made here, independently of the command's own check against its manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from awards.tests.factories import make_dossier
from conftest import IN_CI
from emulation.reports.models import Report
from indicators.tests.factories import make_setup

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def _need_postgresql() -> None:
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must run the backup tests on PostgreSQL")
        pytest.skip("pg_dump/pg_restore need PostgreSQL (CI runs this)")


def _pg_params(dbname: str) -> dict[str, str]:
    db = connection.settings_dict
    params = {"dbname": dbname, "user": db["USER"], "password": db["PASSWORD"], "host": db["HOST"] or "127.0.0.1"}
    params["port"] = str(db["PORT"] or 5432)
    return {k: v for k, v in params.items() if v}


def _pg_url(dbname: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"


@contextlib.contextmanager
def _fresh_database():
    """A new, empty PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_pg_params("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(**_pg_params("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_counts(dbname: str) -> dict[str, int]:
    """Rows of every table in the public schema, read straight from PostgreSQL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(**_pg_params(dbname), autocommit=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {
            t: conn.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
            for t in sorted(tables)
        }


def _sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'")
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}


def _checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _manage(*args: str, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    """A management command in a separate process, as an operator would run it."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "SECRET_KEY": "backup-test-secret-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def source_data(world, settings, tmp_path, client):
    """Users, units, a campaign with targets, a dossier with its signed files (history rows too), a report with
    its files, a session: the media files land in a MEDIA_ROOT of this test."""
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path / "media"
    setup = make_setup(world)
    make_dossier(world)
    make_dossier(world, nominees=1, unit=world.phong_a2)
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
    report.pdf_file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 bao cao"), save=False)
    report.xlsx_file.save("bao-cao.xlsx", ContentFile(b"PK bao cao \xe1\xba\xa1"), save=True)
    client.force_login(world.staff)  # a django_session row
    media = Path(settings.MEDIA_ROOT)
    assert len(_checksums(media)) >= 8
    return media


def test_backup_then_restore_into_a_fresh_database_reproduces_every_table_and_file(source_data, tmp_path):
    _need_postgresql()
    out = tmp_path / "backup"
    call_command("backup", out=str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    source_counts = _pg_counts(connection.settings_dict["NAME"])
    source_files = _checksums(source_data)
    assert manifest["tables"] == source_counts
    assert manifest["database"]["vendor"] == "postgresql" and manifest["media"]["included"] is True
    assert {rel: e["sha256"] for rel, e in manifest["media"]["files"].items()} == source_files
    assert manifest["migrations"]["reports"] and manifest["versions"]["django"]
    assert source_counts["awards_historicaldossier"] and source_counts["django_session"]

    with _fresh_database() as name:
        restored_media = tmp_path / "restored-media"
        done = _manage("restore", str(out), database_url=_pg_url(name), media_root=restored_media)
        assert done.returncode == 0, done.stdout + done.stderr
        assert _pg_counts(name) == source_counts
        assert _checksums(restored_media) == source_files


def test_restore_refuses_a_non_empty_database_and_force_replaces_it(source_data, tmp_path):
    _need_postgresql()
    import psycopg

    out = tmp_path / "backup"
    call_command("backup", out=str(out))
    with _fresh_database() as name:
        media = tmp_path / "restored-media"
        first = _manage("restore", str(out), database_url=_pg_url(name), media_root=media)
        assert first.returncode == 0, first.stdout + first.stderr
        with psycopg.connect(**_pg_params(name), autocommit=True) as conn:
            conn.execute("DELETE FROM django_session")
            conn.execute("INSERT INTO auth_group (name) VALUES ('thêm sau khôi phục')")
        (media / "extra.txt").write_text("không thuộc bản sao lưu")
        before_counts, before_files = _pg_counts(name), _checksums(media)

        again = _manage("restore", str(out), database_url=_pg_url(name), media_root=media)
        assert again.returncode != 0
        assert "không rỗng" in again.stderr and "--force" in again.stderr
        assert _pg_counts(name) == before_counts and _checksums(media) == before_files

        forced = _manage("restore", "--force", str(out), database_url=_pg_url(name), media_root=media)
        assert forced.returncode == 0, forced.stdout + forced.stderr
        assert _pg_counts(name) == _pg_counts(connection.settings_dict["NAME"])
        # media outside the backup is left alone; the backup's files are back
        assert _checksums(media) == {**_checksums(source_data), "extra.txt": before_files["extra.txt"]}


def test_a_tampered_backup_is_detected(source_data, tmp_path):
    _need_postgresql()
    out = tmp_path / "backup"
    call_command("backup", out=str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))

    dump = tmp_path / "dump-altered"
    shutil.copytree(out, dump)
    data = bytearray((dump / "database.dump").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (dump / "database.dump").write_bytes(bytes(data))

    counts = tmp_path / "manifest-altered"
    shutil.copytree(out, counts)
    altered = json.loads(json.dumps(manifest))
    altered["tables"]["campaigns_unit"] += 1
    (counts / "manifest.json").write_text(json.dumps(altered), encoding="utf-8")

    media = tmp_path / "media-altered"
    shutil.copytree(out, media)
    victim = next(iter(manifest["media"]["files"]))
    (media / "media" / victim).write_bytes(b"%PDF-1.4 tep khac")

    with _fresh_database() as name:
        refused = _manage("restore", str(dump), database_url=_pg_url(name), media_root=tmp_path / "m1")
        assert refused.returncode != 0 and "database.dump" in refused.stderr
        assert _pg_counts(name) == {}, "a dump that does not match its manifest must not be loaded"

        refused = _manage("restore", str(media), database_url=_pg_url(name), media_root=tmp_path / "m2")
        assert refused.returncode != 0 and victim in refused.stderr
        assert _pg_counts(name) == {}

        mismatch = _manage("restore", str(counts), database_url=_pg_url(name), media_root=tmp_path / "m3")
        assert mismatch.returncode != 0
        assert "campaigns_unit" in mismatch.stderr and "không khớp" in mismatch.stderr


def _make_sqlite_source(path: Path) -> None:
    """A small SQLite database with tables named like ours (running every migration on SQLite takes ~25 s)."""
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")
        conn.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2025-01-01')",
            [("campaigns", "0001_initial"), ("reports", "0001_reports"), ("reports", "0002_report_worker")],
        )
        conn.execute("CREATE TABLE campaigns_unit (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        conn.executemany("INSERT INTO campaigns_unit (name) VALUES (?)", [("Sở TT&TT tỉnh A",), ("Phòng CNTT",)])
        conn.execute("CREATE TABLE django_session (session_key TEXT PRIMARY KEY, session_data TEXT)")


def test_sqlite_backup_and_restore_round_trip(tmp_path):
    source_db, target_db = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    _make_sqlite_source(source_db)
    media = tmp_path / "media"
    (media / "dossiers" / "1").mkdir(parents=True)
    (media / "dossiers" / "1" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 to trinh")
    (media / "bao-cao ý kiến.xlsx").write_bytes(b"PK \x00\x01")
    out = tmp_path / "backup"

    made = _manage("backup", "--out", str(out), database_url=f"sqlite:///{source_db}", media_root=media)
    assert made.returncode == 0, made.stdout + made.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["vendor"] == "sqlite" and (out / "database.sqlite3").is_file()
    assert manifest["tables"] == _sqlite_counts(source_db)
    assert manifest["migrations"] == {"campaigns": "0001_initial", "reports": "0002_report_worker"}

    restored_media = tmp_path / "restored-media"
    done = _manage("restore", str(out), database_url=f"sqlite:///{target_db}", media_root=restored_media)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _sqlite_counts(target_db) == _sqlite_counts(source_db)
    assert _checksums(restored_media) == _checksums(media)

    again = _manage("restore", str(out), database_url=f"sqlite:///{target_db}", media_root=restored_media)
    assert again.returncode != 0 and "không rỗng" in again.stderr


def test_media_on_object_storage_is_left_to_the_bucket_and_said_so(world, settings, tmp_path):
    _need_postgresql()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    out = tmp_path / "backup"
    call_command("backup", out=str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["media"]["included"] is False and manifest["media"]["files"] == {}
    assert manifest["media"]["storage"] == "django.core.files.storage.memory.InMemoryStorage"
    assert "bucket" in manifest["media"]["note"] and not (out / "media").exists()


def _modes(root: Path) -> dict[str, int]:
    """Permission bits of `root` and of every folder and file under it, by relative path."""
    return {
        (path.relative_to(root).as_posix() or "."): path.stat().st_mode & 0o777
        for path in [root, *sorted(root.rglob("*"))]
    }


def test_every_folder_of_a_backup_is_0700_and_every_file_0600_media_included(tmp_path):
    source_db = tmp_path / "source.sqlite3"
    _make_sqlite_source(source_db)
    media = tmp_path / "media"
    (media / "dossiers" / "1" / "phu-luc").mkdir(parents=True)
    (media / "dossiers" / "1" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 to trinh")
    (media / "dossiers" / "1" / "phu-luc" / "danh-sach.xlsx").write_bytes(b"PK danh sach")
    (media / "reports").mkdir()
    (media / "reports" / "bao-cao.pdf").write_bytes(b"%PDF-1.7 bao cao")
    for path in media.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # as the portal writes them (umask 022)
    out = tmp_path / "backup"

    made = _manage("backup", "--out", str(out), database_url=f"sqlite:///{source_db}", media_root=media)
    assert made.returncode == 0, made.stdout + made.stderr
    modes = _modes(out)
    assert "media/dossiers/1/phu-luc/danh-sach.xlsx" in modes and "database.sqlite3" in modes
    assert {path: mode for path, mode in modes.items() if (out / path).is_dir() and mode != 0o700} == {}
    assert {path: mode for path, mode in modes.items() if (out / path).is_file() and mode != 0o600} == {}


def test_a_successful_backup_is_recorded_for_the_metrics_and_the_manifest_still_matches(world, tmp_path, settings):
    _need_postgresql()
    from emulation.models import Backup

    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "backup"
    call_command("backup", out=str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (run,) = Backup.objects.all()
    assert run.finished_at is not None and run.location == str(out.resolve())
    assert run.database_bytes == manifest["database"]["size"] and run.media_files == 0
    # Written before the dump: the backup holds the row, and the manifest's counts are the database's.
    assert manifest["tables"]["emulation_backup"] == 1
    assert manifest["tables"] == _pg_counts(connection.settings_dict["NAME"])
