#!/usr/bin/python3
"""Produces FixtureReference.g.cs: GDAL decode facts for the synthetic ../Fixtures/*.tif (run once).

Usage: fixture_reference.py ../Fixtures ../Tiff/FixtureReference.g.cs
"""
import glob, os
import reference_facts


def fixtures(root):
    return sorted(glob.glob(os.path.join(root, '*.tif')))


if __name__ == '__main__':
    reference_facts.main(
        __doc__.splitlines()[0], fixtures, 'FixtureReference',
        '// Produced ONCE by Tools/fixture_reference.py (GDAL 3.6.2 + numpy) over the synthetic Fixtures/*.tif written by Tools/make_fixtures.py.\n'
        '// Do not edit by hand.\n')
