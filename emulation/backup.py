"""Backing up and restoring the portal: the database with its engine's own tools, the media files, a manifest.

A backup is a folder:

    manifest.json       written last: a folder without it is an unfinished backup
    database.dump       PostgreSQL: `pg_dump -Fc` (custom format, restored with pg_restore)
    database.sqlite3    SQLite: a copy made with sqlite3's online backup API
    media/              a copy of MEDIA_ROOT (filesystem storage only)

The manifest records what a restore must reproduce — the row count of every table, the latest applied migration
of every app, the size and sha256 of the dump and of every media file — so a restore is checked against it, and
a backup altered after the fact is refused before it touches the database.

On PostgreSQL the row counts are taken in the very snapshot pg_dump dumps (`pg_export_snapshot()` +
`pg_dump --snapshot`), so a backup of a portal in use is still consistent with its own manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_DUMP = "database.sqlite3"
MEDIA = "media"
CHUNK = 1024 * 1024
# libpq connection parameters Django may carry in DATABASES[...]["OPTIONS"], with the variable each tool reads.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why, for the operator."""


@dataclass
class RestoreResult:
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _file_entry(path: Path) -> dict[str, int | str]:
    return {"sha256": _sha256(path), "size": path.stat().st_size}


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor} (chỉ PostgreSQL và SQLite).")
    return vendor


# --- PostgreSQL connection: from DATABASES, password only through the environment ----------------------------
def _pg_env(db: dict) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: the password travels as PGPASSWORD, never on the command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    for option, var in LIBPQ_OPTIONS.items():
        if db.get("OPTIONS", {}).get(option):
            env[var] = str(db["OPTIONS"][option])
    return env


def _pg_connect(db: dict):
    import psycopg

    params = {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD")}
    params |= {"host": db.get("HOST"), "port": db.get("PORT")}
    params |= {k: db.get("OPTIONS", {}).get(k) for k in LIBPQ_OPTIONS}
    try:
        return psycopg.connect(**{k: str(v) for k, v in params.items() if v})
    except psycopg.Error as exc:
        raise BackupError(f"Không kết nối được PostgreSQL (kiểm tra DATABASE_URL): {exc}") from None


def _run(args: list[str], env: dict[str, str]) -> None:
    try:
        # Fixed tool names and our own arguments; no shell.
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy lệnh {args[0]}: cài gói PostgreSQL client cùng phiên bản máy chủ.") from None
    if done.returncode != 0:
        raise BackupError(f"{args[0]} thất bại (mã {done.returncode}):\n{done.stderr.strip()}")


# --- What the manifest records about a database --------------------------------------------------------------
def _table_counts(alias: str, cursor) -> dict[str, int]:
    """Row count of every table (models, auto-created m2m, history, axes, sessions, django_migrations…)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a quoted name from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _latest_migrations(alias: str, cursor) -> dict[str, str]:
    """The latest applied migration of each app (in the order they were applied)."""
    connection = connections[alias]
    if "django_migrations" not in connection.introspection.table_names(cursor):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY applied, id")
    return dict(cursor.fetchall())


def _app_version() -> str:
    version = os.environ.get("APP_VERSION", "").strip()
    if version or not (Path(settings.BASE_DIR) / ".git").exists():
        return version or "unknown"
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH, fixed arguments
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


def media_storage() -> tuple[bool, str]:
    """(is the default storage the local filesystem, its class path). Only a filesystem storage is copied."""
    storage_class = default_storage.__class__  # the lazy object answers with the configured storage's class
    return issubclass(storage_class, FileSystemStorage), f"{storage_class.__module__}.{storage_class.__qualname__}"


def _media_root() -> Path:
    return Path(default_storage.location)


# The workers' health probes (emulation/workers.py) describe the running hosts, not the data: never backed up, so a
# restore next to running workers does not find them "in conflict".
NOT_DATA = {"_health"}


def _walk_files(root: Path) -> Iterable[Path]:
    """Regular files under root, in a stable order; symbolic links are not followed; the health probes skipped."""
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d not in NOT_DATA]
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _copy_hashed(src: Path, dst: Path) -> dict[str, int | str]:
    """Copy src to dst (a new file, 0600 in folders 0700, like the dump) and return its size and sha256."""
    digest, size = hashlib.sha256(), 0
    for folder in reversed(dst.parents):
        if not folder.exists():
            folder.mkdir(mode=0o700)
    # Created 0600 from the start (not chmod-ed after): there is no moment when another user may open it.
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with src.open("rb") as fin, open(fd, "wb") as fout:
        while chunk := fin.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            fout.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


# --- Backup ---------------------------------------------------------------------------------------------------
def backup_create(*, out: Path, alias: str = "default", log: Callable[[str], None] = print) -> dict:
    """Write a backup of the database and the media files into `out` (new or empty) and return its manifest."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"Thư mục {out} đã có dữ liệu: chọn một thư mục mới hoặc rỗng cho bản sao lưu.")
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    out.chmod(0o700)  # the dump holds password hashes and sessions
    vendor = _engine(alias)
    record = _record_start(alias, out)
    db = connections[alias].settings_dict
    manifest: dict = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": {"django": django.get_version(), "python": platform.python_version(), "app": _app_version()},
    }
    if vendor == "postgresql":
        log("Đang sao lưu cơ sở dữ liệu PostgreSQL (pg_dump -Fc)…")
        database = _backup_postgresql(db, out / PG_DUMP, alias=alias, manifest=manifest)
    else:
        log("Đang sao lưu cơ sở dữ liệu SQLite (sqlite3 online backup API)…")
        database = _backup_sqlite(db, out / SQLITE_DUMP, alias=alias, manifest=manifest)
    (out / database["file"]).chmod(0o600)
    manifest["database"] = database | _file_entry(out / database["file"])

    is_fs, storage_class = media_storage()
    media: dict = {"storage": storage_class, "included": is_fs, "files": {}}
    if is_fs:
        root = _media_root()
        log(f"Đang sao chép tệp media từ {root}…")
        media["directory"] = MEDIA
        (out / MEDIA).mkdir(mode=0o700)
        for path in _walk_files(root) if root.is_dir() else ():
            rel = path.relative_to(root).as_posix()
            media["files"][rel] = _copy_hashed(path, out / MEDIA / rel)
    else:
        media["note"] = (
            "Tệp media nằm trên object storage (S3): không có trong bản sao lưu này; bản sao của chúng là "
            "versioning/replication của chính bucket."
        )
        log(f"Bỏ qua tệp media: kho lưu trữ {storage_class} không phải hệ thống tệp (xem docs/deploy.md).")
    manifest["media"] = media

    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, out / MANIFEST)
    _record_success(alias, record, manifest)
    return manifest


def _record_start(alias: str, out: Path) -> int | None:
    """The Backup row of this run, written before the dump: the dump holds it and the manifest's row counts stay
    those of the database (only its finish time changes afterwards). None on a database not migrated yet."""
    from emulation.models import Backup

    if Backup._meta.db_table not in connections[alias].introspection.table_names():
        return None
    return Backup.objects.using(alias).create(location=str(out.resolve())).pk


def _record_success(alias: str, pk: int | None, manifest: dict) -> None:
    """Mark the run finished: its time is the "last successful backup" of the metrics (emulation/metrics.py)."""
    from django.utils import timezone

    from emulation.models import Backup

    if pk is not None:
        Backup.objects.using(alias).filter(pk=pk).update(
            finished_at=timezone.now(),
            database_bytes=manifest["database"]["size"],
            media_files=len(manifest["media"]["files"]),
        )


def _backup_postgresql(db: dict, target: Path, *, alias: str, manifest: dict) -> dict:
    env = _pg_env(db)
    import psycopg

    with _pg_connect(db) as conn:
        # One snapshot for pg_dump and for the counts: the manifest describes exactly what was dumped.
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], env)
            manifest["tables"] = _table_counts(alias, cursor)
            manifest["migrations"] = _latest_migrations(alias, cursor)
        conn.rollback()
    manifest["versions"]["postgresql"] = server_version
    tool = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    return {"vendor": "postgresql", "file": PG_DUMP, "format": "pg_dump custom", "pg_dump": tool.stdout.strip()}


def _backup_sqlite(db: dict, target: Path, *, alias: str, manifest: dict) -> dict:
    try:
        source = sqlite3.connect(f"{Path(db['NAME']).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"Không mở được cơ sở dữ liệu SQLite {db['NAME']}: {exc}") from None
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # the online backup API: consistent even while the portal writes
        cursor = copy.cursor()
        manifest["tables"] = _table_counts(alias, cursor)
        manifest["migrations"] = _latest_migrations(alias, cursor)
    finally:
        copy.close()
        source.close()
    manifest["versions"]["sqlite"] = sqlite3.sqlite_version
    return {"vendor": "sqlite", "file": SQLITE_DUMP, "format": "sqlite3 database file"}


# --- Restore --------------------------------------------------------------------------------------------------
def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"Không có {MANIFEST} trong {source}: đây không phải bản sao lưu hoàn chỉnh.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} không đọc được ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: định dạng bản sao lưu không được hỗ trợ (cần format {FORMAT}).")
    for key in ("database", "tables", "migrations", "media"):
        if key not in manifest:
            raise BackupError(f"{path}: thiếu mục “{key}”.")
    return manifest


def _safe_relative(rel: str) -> PurePosixPath:
    """A media path from the manifest, refused if it could point outside MEDIA_ROOT."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in rel:
        raise BackupError(f"Đường dẫn tệp media không hợp lệ trong manifest: {rel!r}")
    return path


def check_backup(source: Path, manifest: dict) -> list[str]:
    """The backup's own files against its manifest: the dump and every media file (size and sha256)."""
    problems = []
    database = manifest["database"]
    dump = Path(source) / database["file"]
    if not dump.is_file():
        problems.append(f"thiếu tệp dump {database['file']}")
    elif _file_entry(dump) != {"sha256": database.get("sha256"), "size": database.get("size")}:
        problems.append(f"tệp dump {database['file']} khác manifest (sha256/kích thước): bị sửa hoặc hỏng")
    media = manifest["media"]
    if media.get("included"):
        root = Path(source) / media.get("directory", MEDIA)
        listed = {str(_safe_relative(rel)) for rel in media["files"]}
        for rel, entry in media["files"].items():
            path = root / _safe_relative(rel)
            if not path.is_file():
                problems.append(f"media: thiếu tệp {rel} trong bản sao lưu")
            elif _file_entry(path) != {"sha256": entry.get("sha256"), "size": entry.get("size")}:
                problems.append(f"media: tệp {rel} trong bản sao lưu khác manifest (sha256/kích thước)")
        for path in _walk_files(root) if root.is_dir() else ():
            if path.relative_to(root).as_posix() not in listed:
                problems.append(f"media: tệp {path.relative_to(root).as_posix()} không có trong manifest")
    return problems


def our_tables_present(alias: str, manifest: dict) -> list[str]:
    """The tables of ours that already exist in the target database.

    "Ours" means: a table of any installed model (auto-created m2m and history tables included),
    django_migrations, or any table listed in the backup. An empty database is one holding none of them — even
    a migrated database without rows is not empty, since restoring into it would collide with its tables.
    """
    connection = connections[alias]
    ours = set(connection.introspection.django_table_names())  # with auto-created m2m tables
    ours |= {"django_migrations"} | set(manifest["tables"])
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    return sorted(existing & ours)


def _media_conflicts(manifest: dict, root: Path) -> tuple[list[str], list[str]]:
    """(files in MEDIA_ROOT that differ from the backup's, files already identical)."""
    conflicts, same = [], []
    for rel, entry in manifest["media"]["files"].items():
        path = root / _safe_relative(rel)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            conflicts.append(rel)
        elif path.is_file():
            (same if _file_entry(path) == {"sha256": entry["sha256"], "size": entry["size"]} else conflicts).append(rel)
    return conflicts, same


def restore_run(
    *, source: Path, alias: str = "default", force: bool = False, log: Callable[[str], None] = print
) -> RestoreResult:
    """Restore a backup into the database `alias` and into MEDIA_ROOT, then check the result against the manifest.

    Refuses (BackupError, nothing changed) when the backup does not match its manifest, when the database is
    not empty or MEDIA_ROOT holds different files under the backup's names — unless `force`: then the
    backup's objects are dropped and recreated (pg_restore --clean --if-exists; SQLite: the whole file is
    replaced) and differing media files are overwritten. Returns the mismatches found after the restore.
    """
    source = Path(source)
    manifest = read_manifest(source)
    vendor = _engine(alias)
    if manifest["database"].get("vendor") != vendor:
        raise BackupError(
            f"Bản sao lưu là của {manifest['database'].get('vendor')}, cơ sở dữ liệu đích là {vendor}: "
            "khôi phục vào cùng loại cơ sở dữ liệu."
        )
    problems = check_backup(source, manifest)
    if problems:
        raise BackupError("Bản sao lưu không khớp manifest, không khôi phục:\n  - " + "\n  - ".join(problems))
    result = RestoreResult()
    result.notes += _migration_notes(manifest)

    present = our_tables_present(alias, manifest)
    if present and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đích không rỗng: đã có {len(present)} bảng của cổng (ví dụ: {', '.join(present[:5])}). "
            "Hãy khôi phục vào một cơ sở dữ liệu mới, trống; hoặc dùng --force để xoá và tạo lại các bảng "
            "từ bản sao lưu (dữ liệu hiện có sẽ mất)."
        )
    media = manifest["media"]
    is_fs, storage_class = media_storage()
    restore_media = bool(media.get("included")) and is_fs
    if media.get("included") and not is_fs:
        result.notes.append(
            f"Kho media hiện tại là {storage_class}, không phải hệ thống tệp: tệp media của bản sao lưu (thư mục "
            f"{media.get('directory', MEDIA)}/) không được chép; tải chúng lên bucket nếu cần."
        )
    if not media.get("included"):
        result.notes.append(media.get("note") or "Bản sao lưu không chứa tệp media.")
    root = _media_root()
    same: list[str] = []
    if restore_media:
        conflicts, same = _media_conflicts(manifest, root)
        if conflicts and not force:
            shown = "\n  - ".join(conflicts[:20]) + ("\n  - …" if len(conflicts) > 20 else "")
            raise BackupError(
                f"{len(conflicts)} tệp trong MEDIA_ROOT ({root}) khác tệp cùng tên trong bản sao lưu; không ghi đè "
                f"khi không có --force:\n  - {shown}"
            )

    connections[alias].close()
    if vendor == "postgresql":
        log("Đang khôi phục cơ sở dữ liệu (pg_restore)…")
        _restore_postgresql(connections[alias].settings_dict, source / manifest["database"]["file"], clean=force)
    else:
        log("Đang khôi phục cơ sở dữ liệu SQLite…")
        _restore_sqlite(connections[alias].settings_dict, source / manifest["database"]["file"])
    connections[alias].close()

    if restore_media:
        log(f"Đang chép tệp media vào {root}…")
        backup_root = source / media.get("directory", MEDIA)
        skip = set(same)
        for rel in media["files"]:
            if rel in skip:
                continue
            target = root / _safe_relative(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            # Written beside the target and renamed: a file is either the old one or the whole new one.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
            os.close(fd)
            shutil.copyfile(backup_root / _safe_relative(rel), tmp)
            os.replace(tmp, target)

    log("Đang đối chiếu kết quả với manifest…")
    result.mismatches = verify_restore(manifest, alias=alias, media_root=root if restore_media else None)
    return result


def _restore_postgresql(db: dict, dump: Path, *, clean: bool) -> None:
    args = ["pg_restore", f"--dbname={db['NAME']}", "--single-transaction", "--no-owner", "--no-privileges"]
    if clean:
        args += ["--clean", "--if-exists"]
    # One transaction: if anything fails, the database is left as it was.
    _run([*args, str(dump)], _pg_env(db))


def _restore_sqlite(db: dict, dump: Path) -> None:
    source = sqlite3.connect(f"{Path(dump).resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(db["NAME"])
    try:
        source.backup(target)  # replaces the whole target database, atomically
    finally:
        target.close()
        source.close()


def _migration_notes(manifest: dict) -> list[str]:
    """Warn when the backup's schema is not the one this code expects."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        return [
            "Bản sao lưu có migration mà mã nguồn này không có (bản sao lưu của phiên bản mới hơn?): "
            + ", ".join(unknown)
            + ". Hãy dùng mã nguồn cùng phiên bản với bản sao lưu."
        ]
    applied = {(app, name) for app, name in manifest["migrations"].items()}
    behind = [f"{app}.{name}" for app, name in sorted(loader.graph.leaf_nodes()) if (app, name) not in applied]
    if behind:
        return ["Mã nguồn có migration mới hơn bản sao lưu: chạy `python manage.py migrate` sau khi khôi phục."]
    return []


def verify_restore(manifest: dict, *, alias: str = "default", media_root: Path | None) -> list[str]:
    """The restored database and MEDIA_ROOT against the manifest: row counts, migrations, file checksums."""
    mismatches = []
    connection = connections[alias]
    with connection.cursor() as cursor:
        counts = _table_counts(alias, cursor)
        migrations = _latest_migrations(alias, cursor)
    for table, expected in manifest["tables"].items():
        if table not in counts:
            mismatches.append(f"bảng {table}: không có sau khi khôi phục (bản sao lưu: {expected} dòng)")
        elif counts[table] != expected:
            mismatches.append(f"bảng {table}: {counts[table]} dòng, bản sao lưu ghi {expected}")
    for table in sorted(set(counts) - set(manifest["tables"])):
        mismatches.append(f"bảng {table}: có trong cơ sở dữ liệu ({counts[table]} dòng), không có trong bản sao lưu")
    if migrations != manifest["migrations"]:
        for app in sorted(set(migrations) | set(manifest["migrations"])):
            if migrations.get(app) != manifest["migrations"].get(app):
                mismatches.append(
                    f"migration {app}: {migrations.get(app) or '(không có)'}, bản sao lưu ghi "
                    f"{manifest['migrations'].get(app) or '(không có)'}"
                )
    if media_root is not None:
        for rel, entry in manifest["media"]["files"].items():
            path = media_root / _safe_relative(rel)
            if not path.is_file():
                mismatches.append(f"media: thiếu {rel}")
            elif _file_entry(path) != {"sha256": entry["sha256"], "size": entry["size"]}:
                mismatches.append(f"media: {rel} khác bản sao lưu (sha256/kích thước)")
    return mismatches
