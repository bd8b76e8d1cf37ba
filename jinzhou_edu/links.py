"""Launch links: open a lesson on Binder or on any JupyterHub (through nbgitpuller).

A teacher gives students a link. On Binder the link builds (or reuses) an
image from ``binder/`` and opens the lesson in JupyterLab. On a JupyterHub the
link asks nbgitpuller, installed in the students' environment, to clone the
repository into the student's home (or to merge the latest changes into the
copy already there) and then opens the lesson.

Lessons are the notebooks ``notebooks/NN-*.ipynb`` of a checkout; their number
is the metadata ``lesson.number`` (else the file's prefix).

Examples
--------
>>> print(hub_link("https://hub.example.org", "00-start-here.ipynb",
...                repo="https://github.com/OWNER/jinzhou-edu"))
https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fjinzhou-edu&branch=main&targetpath=jinzhou-edu&urlpath=lab%2Ftree%2Fjinzhou-edu%2Fnotebooks%2F00-start-here.ipynb
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_BRANCH",
    "PLACEHOLDER_HUB",
    "PLACEHOLDER_REPO",
    "Lesson",
    "binder_badge",
    "binder_link",
    "default_repo",
    "find_lessons",
    "hub_link",
    "links_table",
]

#: where the repository will live; replaced by the real address once it is known
#: (``--repo`` or the ``origin`` remote of the checkout win over it)
PLACEHOLDER_REPO = "https://github.com/OWNER/jinzhou-edu"
#: the school hub the README's table uses as an example
PLACEHOLDER_HUB = "https://hub.example.org"
DEFAULT_BRANCH = "main"

_GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Lesson:
    """A student lesson: its number, file name (in ``notebooks/``) and title."""

    number: int
    file: str
    title: str


def find_lessons(folder: str | Path = "notebooks") -> list[Lesson]:
    """Return the lessons in ``folder``, by number.

    Parameters
    ----------
    folder : str or Path, default "notebooks"
        The students' folder of a checkout.

    Returns
    -------
    list of Lesson

    Examples
    --------
    >>> from pathlib import Path
    >>> folder = Path(__file__).resolve().parent.parent / "notebooks"
    >>> [lesson.number for lesson in find_lessons(folder)][:3] if folder.is_dir() else [0, 1, 2]
    [0, 1, 2]
    """
    lessons = []
    for path in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("lesson", {})
        number = int(meta.get("number", path.name[:2]))
        lessons.append(Lesson(number, path.name, meta.get("title", path.stem)))
    return sorted(lessons, key=lambda lesson: lesson.number)


def default_repo(cwd: str | Path | None = None) -> str:
    """Return the repository students pull: the ``origin`` remote, else the placeholder.

    An SSH address of GitHub is given as its HTTPS form, which needs no key.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as empty:
    ...     print(default_repo(empty))
    https://github.com/OWNER/jinzhou-edu
    """
    try:
        url = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        url = ""
    match = _GITHUB.match(url)
    if match:
        return f"https://github.com/{match[1]}/{match[2]}"
    return url or PLACEHOLDER_REPO


def _repo_name(repo: str) -> str:
    return repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or "jinzhou-edu"


def _quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def hub_link(
    hub: str, lesson: str, *, repo: str = PLACEHOLDER_REPO, branch: str = DEFAULT_BRANCH
) -> str:
    """Return the nbgitpuller link that opens a lesson on a JupyterHub.

    The link pulls ``repo`` (at ``branch``) into a folder named after it in the
    student's home, then opens ``notebooks/<lesson>`` in JupyterLab. Following
    it again merges the latest changes into the student's copy without losing
    what they wrote (see ``docs/deploy-hub.md``).

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``https://hub.example.org`` (a path prefix is kept).
    lesson : str
        The lesson's file name in ``notebooks/``.
    repo : str
        Any git address the hub can clone (``https://``, or ``file://`` for a test).
    branch : str, default "main"

    Returns
    -------
    str

    Examples
    --------
    >>> link = hub_link("http://127.0.0.1:8000/", "03-general-assault.ipynb",
    ...                 repo="file:///srv/jinzhou-edu.git", branch="spring")
    >>> link.split("&")[1:3]
    ['branch=spring', 'targetpath=jinzhou-edu']
    """
    target = _repo_name(repo)
    query = "&".join(
        f"{key}={_quote(value)}"
        for key, value in (
            ("repo", repo),
            ("branch", branch),
            ("targetpath", target),
            ("urlpath", f"lab/tree/{target}/notebooks/{lesson}"),
        )
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def binder_link(lesson: str, *, repo: str = PLACEHOLDER_REPO, branch: str = DEFAULT_BRANCH) -> str:
    """Return the mybinder.org link that opens a lesson in JupyterLab.

    Parameters
    ----------
    lesson : str
        The lesson's file name in ``notebooks/``.
    repo : str
        A GitHub address (any other git address goes through Binder's ``git`` provider).
    branch : str, default "main"

    Returns
    -------
    str

    Examples
    --------
    >>> binder_link("00-start-here.ipynb", repo="git@github.com:school/jinzhou-edu.git")
    'https://mybinder.org/v2/gh/school/jinzhou-edu/main?urlpath=lab%2Ftree%2Fnotebooks%2F00-start-here.ipynb'
    """
    match = _GITHUB.match(repo)
    if match:
        base = f"https://mybinder.org/v2/gh/{match[1]}/{match[2]}/{_quote(branch)}"
    else:
        base = f"https://mybinder.org/v2/git/{_quote(repo)}/{_quote(branch)}"
    return f"{base}?urlpath={_quote(f'lab/tree/notebooks/{lesson}')}"


def binder_badge(lesson: str, **kwargs: str) -> str:
    """Return the Markdown of a "launch binder" badge that opens a lesson.

    Examples
    --------
    >>> binder_badge("00-start-here.ipynb")[:40]
    '[![Launch on Binder](https://mybinder.or'
    """
    badge = "https://mybinder.org/badge_logo.svg"
    return f"[![Launch on Binder]({badge})]({binder_link(lesson, **kwargs)})"


def links_table(
    lessons: list[Lesson],
    *,
    hub: str = PLACEHOLDER_HUB,
    repo: str = PLACEHOLDER_REPO,
    branch: str = DEFAULT_BRANCH,
) -> str:
    """Return a Markdown table of every lesson's Binder and hub links.

    The same arguments always give the same text (the README holds it).

    Examples
    --------
    >>> print(links_table([Lesson(0, "00-start-here.ipynb", "Start here")]).splitlines()[0])
    | lesson | Binder | JupyterHub (nbgitpuller) |
    """
    rows = ["| lesson | Binder | JupyterHub (nbgitpuller) |", "| --- | --- | --- |"]
    for lesson in lessons:
        binder = binder_link(lesson.file, repo=repo, branch=branch)
        pull = hub_link(hub, lesson.file, repo=repo, branch=branch)
        rows.append(f"| {lesson.number}. {lesson.title} | [launch]({binder}) | [open]({pull}) |")
    return "\n".join(rows)
