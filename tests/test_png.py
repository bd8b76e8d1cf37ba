"""The fast PNG encoder: the same pixels as matplotlib's own PNG, for any size and alpha."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

import jinzhou_edu as jz
from jinzhou_edu._png import encode_rgba, figure_png


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def matplotlib_png(figure, dpi) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def test_a_lesson_figure_has_exactly_matplotlibs_pixels():
    figure = jz.plot_campaign_map("liaoshen-2").figure
    ours = figure_png(figure, 2 * figure.dpi)
    theirs = matplotlib_png(figure, 2 * figure.dpi)
    assert decoded(ours).shape == decoded(theirs).shape == (1480, 2100, 4)
    assert np.array_equal(decoded(ours), decoded(theirs))


@pytest.mark.parametrize("size", [(3.333, 1.0), (2.0, 0.05), (7.77, 3.21)])
@pytest.mark.parametrize("dpi", [72, 96.5, 192])
def test_odd_sizes_and_resolutions_match_too(size, dpi):
    figure = Figure(figsize=size)
    figure.text(0.1, 0.5, "锦州 Jinzhou", color="#D55E00", **jz.style.font(9))
    assert np.array_equal(decoded(figure_png(figure, dpi)), decoded(matplotlib_png(figure, dpi)))


def test_transparency_survives():
    pixels = np.random.default_rng(1948).integers(0, 256, (37, 53, 4), dtype=np.uint8)
    assert np.array_equal(decoded(encode_rgba(pixels)), pixels)
    figure = Figure(figsize=(2, 1))
    figure.patch.set_alpha(0.0)
    assert decoded(figure_png(figure, 50))[..., 3].max() == 0


def test_pixels_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match="height x width x 4 uint8 pixels"):
        encode_rgba(np.zeros((4, 4, 3), dtype=np.uint8))
