using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

public sealed class GeoPackageRealDataTests
{
    [SkippableFact]
    public void Sentinel_hub_example_reads_all_364_parcels()
    {
        using var reader = GeoPackageReader.Open(SharedData.Data("parcels/geopackage-example.gpkg"));
        Assert.Equal("test", reader.TableName);
        Assert.Equal("id", reader.PrimaryKeyColumn);
        Assert.Equal("identifier", reader.IdentifierColumn);
        Assert.Equal(4326, reader.Epsg);
        Assert.Equal(364, reader.Count);

        var features = reader.ReadAll().ToList();
        Assert.Equal(364, features.Count);
        Assert.All(features, f => Assert.Null(f.Error));
        Assert.Equal(Enumerable.Range(1, 364).Select(i => (long)i), features.Select(f => f.Id));
        Assert.All(features, f => Assert.StartsWith("SI21.FOI.", f.Identifier));
        Assert.All(features, f => Assert.IsAssignableFrom<MultiPolygon>(f.Geometry));
        Assert.Equal(364, features.Select(f => f.Identifier).Distinct().Count());

        // data/README.md: extent lon 15.985178 … 16.043108, lat 46.406972 … 46.426304 (x = lon, y = lat)
        var extent = new Envelope();
        features.ForEach(f => extent.ExpandToInclude(f.Geometry!.EnvelopeInternal));
        Assert.Equal(15.985178, extent.MinX, 6e-7);
        Assert.Equal(16.043108, extent.MaxX, 6e-7);
        Assert.Equal(46.406972, extent.MinY, 6e-7);
        Assert.Equal(46.426304, extent.MaxY, 6e-7);
    }

    [SkippableFact]
    public void Fields_in_32633_and_4326_are_the_same_67_features_and_grids_agree_within_a_pixel()
    {
        using var utm = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg"));
        using var geo = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields_4326.gpkg"));
        Assert.Equal((32633, 4326), (utm.Epsg, geo.Epsg));
        Assert.Equal(67, utm.Count);
        Assert.Equal(67, geo.Count);

        var toUtm = CrsTransform.Create(4326, 32633);
        var utmFeatures = utm.ReadAll().ToList();
        var geoFeatures = geo.ReadAll().ToList();
        Assert.Equal(utmFeatures.Select(f => (f.Id, f.Identifier)), geoFeatures.Select(f => (f.Id, f.Identifier)));
        Assert.All(utmFeatures, f => Assert.Matches(@"^SI\.RABA\.\d+$", f.Identifier!));
        Assert.Equal(8, utmFeatures.Count(f => ((MultiPolygon)f.Geometry!).Geometries.Any(p => ((Polygon)p).NumInteriorRings > 0)));

        for (var i = 0; i < utmFeatures.Count; i++)
        {
            Assert.Null(utmFeatures[i].Error);
            Assert.Null(geoFeatures[i].Error);
            var original = utmFeatures[i].Geometry!;
            var reprojected = toUtm.Transform(geoFeatures[i].Geometry!);
            var a = SampleGrid.FromResolution(original.EnvelopeInternal, 10, 10);
            var b = SampleGrid.FromResolution(reprojected.EnvelopeInternal, 10, 10);
            Assert.InRange(Math.Abs(a.Width - b.Width), 0, 1);
            Assert.InRange(Math.Abs(a.Height - b.Height), 0, 1);
            // README: transformed back, polygons differ by < 1e-6 m² (PROJ); ProjNET's series agree to within mm.
            Assert.Equal(original.Area, reprojected.Area, original.Area * 1e-5);
            Assert.True(original.EnvelopeInternal.Centre.Distance(reprojected.EnvelopeInternal.Centre) < 0.01);
        }
    }

    [SkippableFact]
    public void Paging_by_key_and_offset_covers_every_feature_once()
    {
        using var reader = GeoPackageReader.Open(SharedData.Data("parcels/geopackage-example.gpkg"));
        var starts = reader.ChunkStarts(100);
        Assert.Equal(new[] { long.MinValue, 100, 200, 300 }, starts);
        var byKey = starts.SelectMany(s => reader.ReadAfter(s, 100)).Select(f => f.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 364).Select(i => (long)i), byKey);

        var byOffset = Enumerable.Range(0, 4).SelectMany(p => reader.ReadPage(p * 100, 100)).Select(f => f.Id).ToList();
        Assert.Equal(byKey, byOffset);
        Assert.Empty(reader.ReadAfter(364, 10));
        Assert.Equal("SI21.FOI.", reader.Read(42)!.Identifier![..9]);
        Assert.Null(reader.Read(9999));
    }

    [SkippableFact]
    public void Landuse_has_88_features_and_named_layer_is_found()
    {
        using var reader = GeoPackageReader.Open(SharedData.Data("s2-slovenia/landuse_all.gpkg"), "fields");
        Assert.Equal(88, reader.Count);
        Assert.Equal(88, reader.ReadAll().Count(f => f.IsOk));
        var ex = Assert.Throws<GeoPackageException>(() =>
            GeoPackageReader.Open(SharedData.Data("s2-slovenia/landuse_all.gpkg"), "nope"));
        Assert.Contains("layer 'nope' is not a feature table; feature tables: fields", ex.Message);
    }
}
