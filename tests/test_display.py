"""jz.show: a sharp picture, its description in the metadata and written beneath it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import nbformat
import pytest
from nbclient import NotebookClient

import jinzhou_edu as jz


def test_show_gives_a_picture_with_its_description_for_screen_readers():
    ax = jz.plot_timeline("assault")
    description = jz.alt_text(ax)
    width = round(ax.figure.get_figwidth() * ax.figure.dpi)
    shown = jz.show(ax)
    data, metadata = shown._repr_mimebundle_()
    assert data["image/png"] and shown.png.startswith(b"\x89PNG")
    assert metadata["image/png"] == {"width": width, "alt": description}
    assert f'alt="{description[:30]}' in data["text/html"]
    assert "Description of the figure:</strong>" in data["text/html"]
    assert data["text/plain"] == f"Description of the figure: {description}"


def test_show_draws_at_twice_the_resolution_and_closes_the_figure():
    ax = jz.plot_figures("jinzhou", "guns")
    figure = ax.figure
    shown = jz.show(ax)
    png_width = int.from_bytes(shown.png[16:20], "big")
    assert png_width == pytest.approx(2 * shown.width, abs=2)
    assert not plt.fignum_exists(figure.number)


@pytest.mark.slow
def test_show_in_a_fresh_kernel_displays_the_figure_once():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import jinzhou_edu as jz\njz.show(jz.plot_figures('jinzhou', 'guns'))"
        )
    ]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    (output,) = notebook.cells[0].outputs  # no second picture from the inline backend
    assert output.output_type == "execute_result"
    assert {"image/png", "text/html"} <= set(output.data)
    assert output.metadata["image/png"]["alt"].startswith("Chart of the claims")


def test_the_heading_follows_the_language():
    jz.set_language("zh")
    shown = jz.show(jz.plot_figures("jinzhou", "guns"), description="说明")
    assert "图的说明:</strong> 说明" in shown._repr_mimebundle_()[0]["text/html"]


def test_show_refuses_what_is_not_an_axes():
    with pytest.raises(TypeError, match=r"takes the Axes that a jz\.plot_\* function returns"):
        jz.show(plt.figure())
