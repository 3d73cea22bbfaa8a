"""Screenshots as pixels, read by ffmpeg (Debian's, which the guides need anyway): what the
browser tests compare when two pictures should look alike."""

import struct
import subprocess


def raw_rgb(png):
    """(width, height, the pixels as bytes: r, g, b, row after row) of a PNG."""
    width, height = struct.unpack(">II", png[16:24])
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", "-", "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], input=png, capture_output=True,
                         check=True).stdout
    return width, height, raw


def differences(first, second, tolerance):
    """How many colour values of two PNGs of one size differ by more than ``tolerance``
    (None when their sizes differ): Chromium's anti-aliasing may draw an edge's pixel a
    shade or two apart from one drawing to the next; a moved or restyled element differs by
    far more, in far more pixels."""
    width, height, one = raw_rgb(first)
    other_width, other_height, two = raw_rgb(second)
    if (width, height) != (other_width, other_height):
        return None
    return sum(1 for a, b in zip(one, two) if a != b and abs(a - b) > tolerance)
