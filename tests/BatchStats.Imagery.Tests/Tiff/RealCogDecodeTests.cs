using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Tiff;

/// <summary>Every COG under s2-slovenia/ and sentinel-cogs/ (all 210 files, every overview) decodes as GDAL decodes it.</summary>
public sealed class RealCogDecodeTests
{
    public static TheoryData<string> Levels()
    {
        var data = new TheoryData<string>();
        foreach (var l in GdalReference.Levels)
        {
            data.Add(l.ToString());
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Levels))]
    public async Task Level_decodes_like_gdal(string fileAndLevel)
    {
        var facts = GdalReference.Levels.Single(l => l.ToString() == fileAndLevel);
        await DecodeChecks.AssertMatchesGdalAsync(SharedData.Data(facts.File), facts);
    }

    [SkippableFact]
    public void Reference_covers_every_tif_in_the_data_folders()
    {
        var root = SharedData.Data("");
        var files = Directory.EnumerateFiles(Path.Combine(root, "s2-slovenia"), "*.tif", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "sentinel-cogs"), "*.tif", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f))
            .Order()
            .ToArray();
        Assert.Equal(210, files.Length);
        Assert.Equal(files, GdalReference.Levels.Select(l => l.File).Distinct().Order().ToArray());
    }
}
