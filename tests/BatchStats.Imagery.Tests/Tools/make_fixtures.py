#!/usr/bin/python3
"""Writes the small synthetic GeoTIFFs in ../Fixtures (run once with GDAL 3.6.2): encodings absent from the real
data (LZW, ZSTD, PackBits, predictor 3, strips, BigTIFF, big-endian, Int16/UInt8/Float32, ModelTransformation)."""
import os
import numpy as np
from osgeo import gdal, osr

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Fixtures')
os.makedirs(out, exist_ok=True)
W, H = 70, 45
y, x = np.mgrid[0:H, 0:W]
pattern = (x * 37 + y * 101 + (x * y) % 17)
rng = np.random.default_rng(42)

arrays = {
    'u16': (pattern * 13 % 65536).astype(np.uint16),
    'i16': (pattern * 7 - 9000).astype(np.int16),
    'u8': (pattern % 251).astype(np.uint8),
    'f32': ((pattern - 3000) / 977.0).astype(np.float32),
}
gdt = {'u16': gdal.GDT_UInt16, 'i16': gdal.GDT_Int16, 'u8': gdal.GDT_Byte, 'f32': gdal.GDT_Float32}

def write(name, key, opts, nodata=None, epsg=32633, gt=(500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0), arr=None):
    a = arrays[key] if arr is None else arr
    drv = gdal.GetDriverByName('GTiff')
    ds = drv.Create(os.path.join(out, name), a.shape[1], a.shape[0], 1, gdt[key], opts)
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference(); srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1)
    if nodata is not None:
        b.SetNoDataValue(nodata)
    b.WriteArray(a)
    ds = None

write('u16_lzw_pred2_tiled.tif', 'u16', ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=LZW', 'PREDICTOR=2'], nodata=0)
write('u16_zstd_pred2_tiled.tif', 'u16', ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=16', 'COMPRESS=ZSTD', 'PREDICTOR=2'])
write('f32_deflate_pred3_tiled.tif', 'f32', ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16', 'COMPRESS=DEFLATE', 'PREDICTOR=3'], nodata=float('nan'))
write('f32_lzw_bigendian.tif', 'f32', ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=LZW', 'ENDIANNESS=BIG'])  # GDAL 3.6.2 misreads its own PREDICTOR=3 + big-endian output
write('f32_zstd_pred3_striped.tif', 'f32', ['COMPRESS=ZSTD', 'PREDICTOR=3', 'BLOCKYSIZE=8'])
write('i16_none_striped.tif', 'i16', ['BLOCKYSIZE=7'], nodata=-9999)
write('i16_zstd_pred2_bigendian_striped.tif', 'i16', ['COMPRESS=ZSTD', 'PREDICTOR=2', 'ENDIANNESS=BIG', 'BLOCKYSIZE=10'])
write('u8_packbits_striped.tif', 'u8', ['COMPRESS=PACKBITS', 'BLOCKYSIZE=4'], nodata=255)
write('u8_deflate_pred2_tiled.tif', 'u8', ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=32', 'COMPRESS=DEFLATE', 'PREDICTOR=2'])
write('u16_deflate_bigtiff.tif', 'u16', ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=DEFLATE', 'BIGTIFF=YES'])
write('u16_rotated_4326.tif', 'u16', ['COMPRESS=DEFLATE'], epsg=4326, gt=(14.5, 0.0001, 0.00002, 45.9, 0.00001, -0.0001))
noise = rng.integers(0, 65535, size=(128, 128), dtype=np.uint16)
write('u16_lzw_noise.tif', 'u16', ['TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128', 'COMPRESS=LZW'], arr=noise)
print(sorted(os.listdir(out)))
