#!/usr/bin/python3
"""Produces GdalReference.g.cs: per-COG, per-level GDAL decode facts (run once with GDAL 3.6.2 + numpy).

Usage: gdal_reference.py /work/shared/data ../Tiff/GdalReference.g.cs
"""
import glob, os
import reference_facts


def cogs(root):
    return sorted(glob.glob(os.path.join(root, 's2-slovenia', '**', '*.tif'), recursive=True) +
                  glob.glob(os.path.join(root, 'sentinel-cogs', '**', '*.tif'), recursive=True))


if __name__ == '__main__':
    reference_facts.main(
        __doc__.splitlines()[0], cogs, 'GdalReference',
        '// Produced ONCE by tests/BatchStats.Imagery.Tests/Tools/gdal_reference.py with GDAL 3.6.2 + numpy over\n'
        '// /work/shared/data (every .tif under s2-slovenia/ and sentinel-cogs/, every overview level). Do not edit by hand.\n')
