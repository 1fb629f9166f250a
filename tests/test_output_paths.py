"""Writing output never destroys what stands at the path: a symbolic link is written through
(the link stays), a device or a FIFO is written into (never replaced), and a dist/ that is a link,
even to another filesystem, gets the new build while the last good one is never lost."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import threading
from pathlib import Path

import pytest

from kg.build.export import write_dist
from kg.cli import main
from kg.errors import EXIT_OK, EXIT_OUTPUT, OutputError
from kg.rdf.files import swap_in, write_text_atomic


def test_output_onto_a_link_writes_its_target(project, tmp_path, capsys):
    target = tmp_path / "real.nt"
    target.write_text("old\n")
    link = tmp_path / "link.nt"
    link.symlink_to(target)
    assert main(["--root", str(project.root), "export", "-f", "nt", "-o", str(link)]) == EXIT_OK
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("<")  # the export, in the file the link points to


def test_output_onto_dev_null_leaves_the_device(project, tmp_path, dist):
    before = os.stat("/dev/null")
    assert main(["--root", str(project.root), "synth", "--triples", "200", "--dist", str(dist), "-o", "/dev/null"]) == EXIT_OK
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_output_into_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_text_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_into_a_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_text_atomic(tmp_path, "x")


def test_a_dist_link_keeps_pointing_at_the_new_build(project, tmp_path, capsys):
    web_root = tmp_path / "www" / "kg"
    web_root.mkdir(parents=True)
    (web_root / "stale.txt").write_text("old build")
    link = project.root / "dist"
    link.symlink_to(web_root)
    assert main(["--root", str(project.root), "build"]) == EXIT_OK
    assert link.is_symlink() and Path(os.readlink(link)) == web_root
    assert (web_root / "graph.ttl").is_file() and not (web_root / "stale.txt").exists()


@pytest.mark.skipif(not Path("/dev/shm").is_dir() or os.stat("/dev/shm").st_dev == os.stat(tempfile.gettempdir()).st_dev,
                    reason="needs a second filesystem (/dev/shm)")
def test_a_dist_link_to_another_filesystem(project, capsys):
    other = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        (other / "dist").mkdir()
        (other / "dist" / "stale.txt").write_text("old build")
        (project.root / "dist").symlink_to(other / "dist")
        assert main(["--root", str(project.root), "build"]) == EXIT_OK
        assert (project.root / "dist").is_symlink() and (other / "dist" / "graph.ttl").is_file()
        assert not (other / "dist" / "stale.txt").exists()
        assert [p.name for p in other.iterdir()] == ["dist"]
    finally:
        shutil.rmtree(other, ignore_errors=True)


def test_a_failed_swap_puts_the_old_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "dist"
    target.mkdir()
    (target / "good.txt").write_text("last good build")
    new = tmp_path / ".dist.new-1"
    new.mkdir()
    real_replace = os.replace

    def failing(src, dst):
        if Path(src) == new:
            raise OSError(18, "Invalid cross-device link")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        swap_in(new, target)
    assert (target / "good.txt").read_text() == "last good build"


def test_dist_that_is_a_file_is_an_output_error(tmp_path):
    (tmp_path / "dist").write_text("not a folder")
    with pytest.raises(OutputError, match="not a folder"):
        write_dist({"a.txt": "x"}, tmp_path / "dist")
    assert (tmp_path / "dist").read_text() == "not a folder"


def test_cli_output_error_exit_code(project, tmp_path, capsys):
    assert main(["--root", str(project.root), "export", "-f", "nt", "-o", str(tmp_path)]) == EXIT_OUTPUT
    assert "is a folder" in capsys.readouterr().err
