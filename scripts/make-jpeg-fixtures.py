"""Makes the small JPEG files of test/fixtures/jpeg/ (and the PNG they were drawn
from): kinds of JPEG a user sends, for test/reading-jpeg.test.ts.

The drawing: a 60x40 white picture with a black block in its top-left corner
(x 4..19, y 4..15) and a grey bar along its bottom (y 30..35, brightness 128),
so a test can tell whether the picture came out upright.

Run with Debian's python3-pil:  /usr/bin/python3 scripts/make-jpeg-fixtures.py
"""
import io
import os

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "test", "fixtures", "jpeg")
os.makedirs(OUT, exist_ok=True)

img = Image.new("L", (60, 40), 255)
d = ImageDraw.Draw(img)
d.rectangle([4, 4, 19, 15], fill=0)
d.rectangle([0, 30, 59, 35], fill=128)
img.save(os.path.join(OUT, "drawing.png"))

def save(name, im, **kw):
    path = os.path.join(OUT, name)
    im.save(path, "JPEG", **kw)
    print(name, os.path.getsize(path), "bytes")

save("grey-baseline.jpg", img, quality=90)
save("rgb-progressive.jpg", img.convert("RGB"), quality=90, progressive=True)
save("cmyk.jpg", img.convert("CMYK"), quality=90)
# A phone photo: the pixels stored turned 90 degrees anticlockwise, EXIF orientation 6 says
# to turn them 90 degrees clockwise to view.
exif = Image.Exif()
exif[0x0112] = 6
save("exif-orientation-6.jpg", img.rotate(90, expand=True), quality=90, exif=exif.tobytes())
