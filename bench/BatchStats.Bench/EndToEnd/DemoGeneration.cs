using System.Text.Json;
using BatchStats.Demo;

namespace BatchStats.Bench.EndToEnd;

/// <summary>
/// <c>gen --dates 6 --fields 10000 --out /tmp/bs-scale</c>: the scale archive (<see cref="DemoOptions.Benchmark"/>,
/// one 10 980² tile) plus <c>gen.json</c> with what was generated and how long it took.
/// </summary>
public static class DemoGeneration
{
    public static int Run(EndToEndOptions options, TextWriter output)
    {
        var folder = options.Required("out");
        var demo = DemoOptions.Benchmark(options.Int("dates", 6), options.Int("fields", 10_000));
        var result = DemoArchive.Generate(demo, folder);
        var summary = new
        {
            folder = result.OutputFolder,
            request = result.RequestPath,
            catalog = result.CatalogPath,
            geopackage = result.GeoPackagePath,
            dates = result.Dates.Count,
            fields = result.Fields.Count,
            seconds = result.Elapsed.TotalSeconds,
            bytes = result.TotalBytes,
        };
        var json = JsonSerializer.Serialize(summary);
        File.WriteAllText(Path.Combine(folder, "gen.json"), json);
        output.WriteLine(json);
        return 0;
    }
}
