"""Render SVG files to PNG, to look at a picture as a person would.

    python tools/render_svg.py picture.svg [more.svg ...] [--out DIR] [--scale 1.0]
    python tools/render_svg.py wide.svg --crop 1400,0,1500,300   # x,y,width,height

Uses ``rsvg-convert`` (Debian: ``apt-get install librsvg2-bin``) when it is
installed, else headless Chromium (``chromium``, ``chromium-browser`` or
``google-chrome``). Writes ``picture.png`` next to each SVG (or into
``--out DIR``) and prints each PNG's path. When neither renderer is
installed it says so and exits with status 2. A developer tool: the kit
itself never needs it.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def find_renderer():
    """``("rsvg-convert", path)``, ``("chromium", path)`` or ``(None, None)``."""
    path = shutil.which("rsvg-convert")
    if path:
        return "rsvg-convert", path
    for name in CHROMIUMS:
        path = shutil.which(name)
        if path:
            return "chromium", path
    return None, None


def svg_size(svg_path):
    """``(width, height)`` in pixels from the root element's attributes (default 800x600)."""
    with open(svg_path, encoding="utf-8") as f:
        head = f.read(2000)
    sizes = []
    for name in ("width", "height"):
        m = re.search(r'<svg[^>]*\s%s="([0-9.]+)' % name, head)
        sizes.append(int(float(m.group(1)) + 0.999) if m else None)
    return sizes[0] or 800, sizes[1] or 600


def cropped_copy(svg_path, crop):
    """A temporary copy of ``svg_path`` showing only ``crop = (x, y, width, height)``.

    Works on SVGs whose root has width, height and viewBox in pixels (as
    ``minigrad.draw`` writes them): the copy gets a new size and viewBox.
    """
    x, y, width, height = crop
    with open(svg_path, encoding="utf-8") as f:
        text = f.read()
    head_end = text.index(">", text.index("<svg"))
    head = text[:head_end]
    for name, value in (("width", width), ("height", height)):
        head = re.sub(r'(<svg[^>]*\s%s=")[^"]*"' % name, r'\g<1>%g"' % value, head, count=1)
    head = re.sub(r'viewBox="[^"]*"', 'viewBox="%g %g %g %g"' % (x, y, width, height), head,
                  count=1)
    fd, path = tempfile.mkstemp(suffix=".svg", prefix="render_svg_crop_")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(head + text[head_end:])
    return path


def render(svg_path, png_path, renderer, exe, scale=1.0):
    """Render one file; raises ``RuntimeError`` with the renderer's message if it fails."""
    if renderer == "rsvg-convert":
        cmd = [exe, "--zoom", str(scale), "--background-color", "white", "-o", png_path, svg_path]
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=300)
    else:
        width, height = svg_size(svg_path)
        profile = tempfile.mkdtemp(prefix="render_svg_")
        try:
            cmd = [exe] + CHROMIUM_FLAGS + [
                "--user-data-dir=" + profile, "--screenshot=" + os.path.abspath(png_path),
                "--force-device-scale-factor=%s" % scale,
                "--window-size=%d,%d" % (width, height),
                "file://" + os.path.abspath(svg_path)]
            result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    universal_newlines=True, timeout=300)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    if result.returncode != 0 or not os.path.exists(png_path):
        raise RuntimeError("%s failed on %s (exit %d): %s"
                           % (renderer, svg_path, result.returncode, result.stderr.strip()[-500:]))


def main(argv=None):
    p = argparse.ArgumentParser(description="Render SVG files to PNG (rsvg-convert or "
                                            "headless Chromium).")
    p.add_argument("svgs", nargs="+", metavar="SVG")
    p.add_argument("--out", metavar="DIR", help="write the PNGs here (default: next to each SVG)")
    p.add_argument("--scale", type=float, default=1.0, help="zoom factor (default: 1.0)")
    p.add_argument("--crop", metavar="X,Y,W,H", help="render only this rectangle (pixels); the "
                                                     "PNG is named NAME_crop_X_Y.png")
    args = p.parse_args(argv)
    crop = None
    if args.crop:
        try:
            crop = tuple(float(v) for v in args.crop.split(","))
            assert len(crop) == 4 and crop[2] > 0 and crop[3] > 0
        except (ValueError, AssertionError):
            p.error("--crop needs X,Y,WIDTH,HEIGHT in pixels, got %r" % args.crop)
    renderer, exe = find_renderer()
    if renderer is None:
        sys.stderr.write("render_svg: no SVG renderer found. Install one of:\n"
                         "  apt-get install librsvg2-bin   (rsvg-convert, small)\n"
                         "  apt-get install chromium       (headless Chromium)\n")
        return 2
    status = 0
    for svg in args.svgs:
        base = os.path.splitext(os.path.basename(svg))[0]
        if crop:
            base += "_crop_%g_%g" % crop[:2]
        png = os.path.join(args.out or os.path.dirname(os.path.abspath(svg)), base + ".png")
        source = cropped_copy(svg, crop) if crop else svg
        try:
            render(source, png, renderer, exe, args.scale)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
            sys.stderr.write("render_svg: %s\n" % e)
            status = 1
            continue
        finally:
            if crop:
                os.remove(source)
        print("%s  (%s)" % (png, renderer))
    return status


if __name__ == "__main__":
    sys.exit(main())
